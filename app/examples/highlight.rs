//! What highlighting a code block costs: the grammars' load, a block not in the cache (a first
//! view), and one in it (every later view). Run with
//! `cargo run --release -p app --features ssr --example highlight`.

use app::highlight::Highlighter;
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let started = Instant::now();
    let highlighter = Highlighter::new();
    highlighter.warm();
    println!(
        "grammars loaded, common languages compiled: {:?}",
        started.elapsed()
    );
    let rust = include_str!("../src/highlight.rs");
    let thirty: String = rust.lines().take(30).collect::<Vec<_>>().join("\n");
    let whole: String = rust.lines().take(400).collect::<Vec<_>>().join("\n");
    let typescript = "// Retry the payment once the gateway answers.\nexport async function retry(order: Order, attempts = 3): Promise<Receipt> {\n  const response = await gateway.charge(order.id, { timeout: 60_000 });\n  return response.ok ? response.receipt : retry(order, attempts - 1);\n}";
    for (name, language, code) in [
        ("TypeScript, 5 lines", "typescript", typescript.to_owned()),
        ("Rust, 30 lines", "rust", thirty),
        ("Rust, 400 lines", "rust", whole),
    ] {
        let cold: Vec<Duration> = (0..21)
            .map(|n| {
                let code = format!("{code}\n// {n}");
                let started = Instant::now();
                highlighter.highlight(Some(language), &code);
                started.elapsed()
            })
            .collect();
        let cached: Vec<Duration> = (0..1001)
            .map(|_| {
                let code = format!("{code}\n// 0");
                let started = Instant::now();
                highlighter.highlight(Some(language), &code);
                started.elapsed()
            })
            .collect();
        println!(
            "{name} ({} bytes): not cached {:?}, cached {:?} (medians)",
            code.len(),
            median(cold),
            median(cached)
        );
    }
}
