//! Syntax highlighting for ADF code blocks, done on the server: the code is cut into runs of text,
//! each with at most one class from a small fixed set ([`Token`]), which the renderer turns into
//! `<span class="hl-…">` elements with escaped text. No markup is produced here, so the
//! renderer's escaping rules hold unchanged, and the stylesheet colours the classes (the CSP
//! allows no inline style).
//!
//! The grammars are Sublime Text's, through `syntect` with `two-face`'s set (bat's: TypeScript,
//! Kotlin, Swift, Dockerfile, TOML, PowerShell and ~150 more) on the Oniguruma engine. Oniguruma
//! rather than the pure-Rust `fancy-regex`: measured on the 19 languages warmed at start-up,
//! fancy-regex's compiled patterns took 112 MB of memory and Oniguruma's 10 MB, and Oniguruma
//! parses twice as fast. The patterns are the bundled grammars'; only the searched text comes
//! from Jira.
//!
//! Highlighting is bounded, since anyone who can write on a Jira site writes the code: a block
//! over [`MAX_CODE_BYTES`], [`MAX_LINES`] or with a line over [`MAX_LINE_BYTES`], one whose parse
//! runs past [`BLOCK_TIME`] twice (checked between lines; Oniguruma's retry limit bounds a
//! line) or cuts into more than [`MAX_RUNS`] runs stays plain, and so does a block a grammar
//! fails or panics on; each is cached by content, plain or not, so it costs once. One request
//! spends at most [`REQUEST_TIME`] on blocks not in the cache; past it the rest of its blocks
//! are plain.

use moka::sync::Cache;
use std::{
    hash::{BuildHasher, RandomState},
    panic::{catch_unwind, AssertUnwindSafe},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, OnceLock,
    },
    time::{Duration, Instant},
};
use syntect::{
    parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet},
    util::LinesWithEndings,
};

/// Blocks longer than this are shown plain (pasted logs, minified files).
pub const MAX_CODE_BYTES: usize = 16 * 1024;

/// Blocks with more lines than this are shown plain.
pub const MAX_LINES: usize = 500;

/// Blocks with a line longer than this are shown plain (the time limit is checked between
/// lines; minified code is one long line).
pub const MAX_LINE_BYTES: usize = 2 * 1024;

/// Blocks cut into more runs than this are shown plain (each run is an element on the page).
pub const MAX_RUNS: usize = 4_000;

/// A block whose parse takes longer twice is shown plain (30 lines of Rust take ~0.5 ms, 400
/// lines ~9 ms: `examples/highlight.rs`; a
/// grammar's first use also compiles its patterns). Debug builds, far slower, get seconds.
pub const BLOCK_TIME: Duration =
    Duration::from_millis(if cfg!(debug_assertions) { 2_000 } else { 50 });

/// The most time one request spends highlighting blocks not in the cache.
pub const REQUEST_TIME: Duration =
    Duration::from_millis(if cfg!(debug_assertions) { 5_000 } else { 120 });

/// What a run of code is, as far as the colours go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    /// Comments.
    Comment,
    /// String and character literals.
    String,
    /// Numbers and language constants (`true`, `None`).
    Constant,
    /// Keywords and storage modifiers (`fn`, `pub`, `class`).
    Keyword,
    /// Names of functions, where defined or called.
    Function,
    /// Names of types and classes.
    Type,
    /// Markup tags (HTML, XML).
    Tag,
    /// Markup attribute names.
    Attribute,
    /// Lines a diff adds.
    Inserted,
    /// Lines a diff removes.
    Deleted,
}

impl Token {
    /// The class the stylesheet colours.
    pub fn class(self) -> &'static str {
        match self {
            Self::Comment => "hl-comment",
            Self::String => "hl-string",
            Self::Constant => "hl-constant",
            Self::Keyword => "hl-keyword",
            Self::Function => "hl-function",
            Self::Type => "hl-type",
            Self::Tag => "hl-tag",
            Self::Attribute => "hl-attribute",
            Self::Inserted => "hl-inserted",
            Self::Deleted => "hl-deleted",
        }
    }
}

/// A highlighted code block: consecutive runs that together are exactly the code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlighted {
    /// Each run's token (`None` for plain text) and its text.
    pub runs: Vec<(Option<Token>, String)>,
}

/// ADF's names for languages (the editor's list) where they are not a grammar's name or file
/// extension; `None` for the ones that mean plain text.
fn grammar_token(language: &str) -> Option<&str> {
    let language = language.trim();
    Some(match language.to_ascii_lowercase().as_str() {
        "" | "none" | "text" | "plaintext" | "plain" => return None,
        "c++" => "cpp",
        "csharp" | "c#" => "cs",
        "fsharp" | "f#" => "fs",
        "shell" | "bash" | "sh" | "zsh" => "sh",
        "objective-c" | "objc" => "m",
        "objectpascal" | "delphi" => "pas",
        "coffeescript" => "coffee",
        "latex" | "tex" => "tex",
        "vbnet" | "vb" => "vb",
        "dockerfile" | "docker" => "Dockerfile",
        "javascript" | "js" | "jsx" => "js",
        "typescript" | "ts" | "tsx" => "ts",
        "markdown" | "md" => "md",
        "yaml" | "yml" => "yaml",
        "python" | "py" => "py",
        "ruby" | "rb" => "rb",
        "kotlin" | "kt" => "kt",
        _ => language,
    })
}

/// How many bytes of highlighted blocks the cache keeps (code plus runs).
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// Which token a scope means, most specific first; `None` stops the search with plain text
/// (an operator inside a string is still an operator, not a string).
const SCOPES: &[(&str, Option<Token>)] = &[
    ("comment", Some(Token::Comment)),
    ("string", Some(Token::String)),
    ("constant.character.escape", Some(Token::String)),
    ("constant", Some(Token::Constant)),
    ("markup.inserted", Some(Token::Inserted)),
    ("markup.deleted", Some(Token::Deleted)),
    ("keyword.operator", None),
    ("keyword", Some(Token::Keyword)),
    ("storage.type.function", Some(Token::Keyword)),
    ("storage.type", Some(Token::Type)),
    ("storage", Some(Token::Keyword)),
    ("variable.language", Some(Token::Keyword)),
    ("entity.name.function", Some(Token::Function)),
    ("support.function", Some(Token::Function)),
    ("variable.function", Some(Token::Function)),
    ("meta.function-call.identifier", Some(Token::Function)),
    ("entity.name.tag", Some(Token::Tag)),
    ("entity.other.attribute-name", Some(Token::Attribute)),
    ("entity.name", Some(Token::Type)),
    ("support.type", Some(Token::Type)),
    ("support.class", Some(Token::Type)),
    ("entity.other.inherited-class", Some(Token::Type)),
];

struct Grammars {
    syntaxes: SyntaxSet,
    scopes: Vec<(Scope, Option<Token>)>,
}

struct Entry {
    syntax: String,
    code: Box<str>,
    highlighted: Option<Arc<Highlighted>>,
    /// `false`: the block ran out of time once; it is tried once more before it stays plain.
    settled: bool,
}

/// Highlights code blocks; cheap to clone (one grammar set and cache per process).
#[derive(Clone)]
pub struct Highlighter {
    grammars: Arc<OnceLock<Grammars>>,
    cache: Cache<u64, Arc<Entry>>,
    hasher: RandomState,
    /// Nanoseconds this request has spent on blocks not in the cache (`None`: no request's).
    spent: Option<Arc<AtomicU64>>,
    /// Whether this request showed a block plain for want of time (a later one may highlight it).
    cut_short: Arc<AtomicBool>,
    /// [`BLOCK_TIME`] and [`REQUEST_TIME`], unless a test says otherwise.
    block_time: Duration,
    request_time: Duration,
}

/// How a parse ended.
enum Parse {
    Done(Highlighted),
    /// The grammar failed, or the block cut into too many runs: plain, for good.
    Plain,
    /// Out of time before the last line.
    OutOfTime,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter")
            .field("loaded", &self.grammars.get().is_some())
            .field("cached", &self.cache.entry_count())
            .finish()
    }
}

impl Highlighter {
    /// A highlighter whose grammars load on first use (or on [`Highlighter::warm`]).
    pub fn new() -> Self {
        let cache = Cache::builder()
            .max_capacity(CACHE_BYTES)
            .weigher(|_, entry: &Arc<Entry>| {
                let runs = entry
                    .highlighted
                    .as_ref()
                    .map_or(0, |h| h.runs.iter().map(|(_, text)| text.len() + 32).sum());
                u32::try_from(entry.code.len() + runs + 64).unwrap_or(u32::MAX)
            })
            .build();
        Self {
            grammars: Arc::new(OnceLock::new()),
            cache,
            hasher: RandomState::new(),
            spent: None,
            cut_short: Arc::default(),
            block_time: BLOCK_TIME,
            request_time: REQUEST_TIME,
        }
    }

    /// With time limits of its own (tests).
    #[cfg(test)]
    pub(crate) fn with_limits(block_time: Duration, request_time: Duration) -> Self {
        Self {
            block_time,
            request_time,
            ..Self::new()
        }
    }

    /// The same highlighter (grammars, cache) with a time budget of its own for one request:
    /// [`REQUEST_TIME`] for blocks not in the cache.
    pub fn for_request(&self) -> Self {
        Self {
            spent: Some(Arc::new(AtomicU64::new(0))),
            cut_short: Arc::default(),
            ..self.clone()
        }
    }

    /// Whether a block was shown plain because this request's time ran out: what was rendered
    /// with this highlighter is not final, and a later view may highlight that block.
    pub fn cut_short(&self) -> bool {
        self.cut_short.load(Ordering::Relaxed)
    }

    /// What is left of this request's budget.
    fn time_left(&self) -> Duration {
        self.spent.as_ref().map_or(self.block_time, |spent| {
            self.request_time
                .saturating_sub(Duration::from_nanos(spent.load(Ordering::Relaxed)))
        })
    }

    /// Loads the grammar set now (a few milliseconds), so no page view waits for it.
    pub fn load(&self) {
        self.grammars();
    }

    /// Loads the grammars and compiles the patterns of the languages Jira's code blocks use most
    /// (tens of milliseconds), so no page view waits for them.
    pub fn warm(&self) {
        const COMMON: &[&str] = &[
            "java",
            "javascript",
            "typescript",
            "python",
            "sql",
            "shell",
            "json",
            "yaml",
            "xml",
            "html",
            "go",
            "rust",
            "c",
            "c++",
            "csharp",
            "kotlin",
            "ruby",
            "php",
            "diff",
        ];
        let grammars = self.grammars();
        for language in COMMON {
            let syntax = grammar_token(language)
                .and_then(|token| grammars.syntaxes.find_syntax_by_token(token));
            if let Some(syntax) = syntax {
                let deadline = Instant::now() + Duration::from_secs(10);
                let _ = catch_unwind(AssertUnwindSafe(|| {
                    runs(grammars, syntax, "a = \"b\" // c\n", deadline)
                }));
            }
        }
    }

    fn grammars(&self) -> &Grammars {
        self.grammars.get_or_init(|| Grammars {
            syntaxes: two_face::syntax::extra_newlines(),
            scopes: SCOPES
                .iter()
                .filter_map(|(name, token)| Some((Scope::new(name).ok()?, *token)))
                .collect(),
        })
    }

    /// `code` cut into coloured runs for an ADF `language`, or `None` when it is to be shown
    /// plain: no language, one no grammar knows, a block over the limits, or a grammar that
    /// failed on it.
    pub fn highlight(&self, language: Option<&str>, code: &str) -> Option<Arc<Highlighted>> {
        let token = grammar_token(language?)?;
        if code.len() > MAX_CODE_BYTES
            || code.lines().count() > MAX_LINES
            || code.lines().any(|line| line.len() > MAX_LINE_BYTES)
        {
            return None;
        }
        let grammars = self.grammars();
        let syntax = grammars.syntaxes.find_syntax_by_token(token)?;
        if syntax.name == grammars.syntaxes.find_syntax_plain_text().name {
            return None;
        }
        let key = self.hasher.hash_one((&syntax.name, code));
        let known = self
            .cache
            .get(&key)
            .filter(|entry| entry.syntax == syntax.name && *entry.code == *code);
        if let Some(entry) = known.as_ref().filter(|entry| entry.settled) {
            return entry.highlighted.clone();
        }
        let allowed = self.time_left().min(self.block_time);
        if allowed.is_zero() {
            self.cut_short.store(true, Ordering::Relaxed);
            return None;
        }
        let started = Instant::now();
        let parse = catch_unwind(AssertUnwindSafe(|| {
            runs(grammars, syntax, code, started + allowed)
        }))
        .unwrap_or(Parse::Plain);
        if let Some(spent) = &self.spent {
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            spent.fetch_add(nanos, Ordering::Relaxed);
        }
        let (highlighted, settled) = match parse {
            Parse::Done(highlighted) => (Some(Arc::new(highlighted)), true),
            Parse::Plain => (None, true),
            Parse::OutOfTime if allowed < self.block_time => {
                self.cut_short.store(true, Ordering::Relaxed);
                return None;
            }
            Parse::OutOfTime => (None, known.is_some()),
        };
        if !settled {
            self.cut_short.store(true, Ordering::Relaxed);
        }
        self.cache.insert(
            key,
            Arc::new(Entry {
                syntax: syntax.name.clone(),
                code: code.into(),
                highlighted: highlighted.clone(),
                settled,
            }),
        );
        highlighted
    }
}

/// Parses `code` line by line into runs, until `deadline`.
fn runs(grammars: &Grammars, syntax: &SyntaxReference, code: &str, deadline: Instant) -> Parse {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut runs: Vec<(Option<Token>, String)> = Vec::new();
    let mut push = |token: Option<Token>, text: &str| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, run)) if *last == token => run.push_str(text),
            _ => runs.push((token, text.to_owned())),
        }
    };
    for line in LinesWithEndings::from(code) {
        if Instant::now() > deadline {
            return Parse::OutOfTime;
        }
        let Ok(ops) = state.parse_line(line, &grammars.syntaxes) else {
            return Parse::Plain;
        };
        let mut at = 0;
        for (position, op) in ops {
            let position = position.min(line.len());
            if position > at {
                let Some(text) = line.get(at..position) else {
                    return Parse::Plain;
                };
                push(token_of(grammars, &stack), text);
                at = position;
            }
            if stack.apply(&op).is_err() {
                return Parse::Plain;
            }
        }
        push(
            token_of(grammars, &stack),
            line.get(at..).unwrap_or_default(),
        );
    }
    if runs.len() > MAX_RUNS {
        return Parse::Plain;
    }
    Parse::Done(Highlighted { runs })
}

/// The token of the innermost scope that means one.
fn token_of(grammars: &Grammars, stack: &ScopeStack) -> Option<Token> {
    stack.as_slice().iter().rev().find_map(|scope| {
        grammars
            .scopes
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            .map(|(_, token)| *token)
    })?
}

/// One highlighter for a test binary, so the grammars load once.
#[cfg(test)]
pub(crate) fn shared_for_tests() -> Highlighter {
    static SHARED: OnceLock<Highlighter> = OnceLock::new();
    SHARED
        .get_or_init(|| Highlighter::with_limits(Duration::from_secs(60), Duration::from_secs(60)))
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn classes(highlighted: &Highlighted) -> Vec<(&'static str, &str)> {
        highlighted
            .runs
            .iter()
            .filter_map(|(token, text)| Some((token.as_ref()?.class(), text.as_str())))
            .collect()
    }

    #[test]
    fn rust_gets_keywords_strings_and_functions() {
        let highlighter = Highlighter::new();
        let code = "fn main() {\n    // say it\n    println!(\"<checkout>\", 42);\n}\n";
        let highlighted = highlighter.highlight(Some("rust"), code).unwrap();
        let found = classes(&highlighted);
        assert!(found.contains(&("hl-keyword", "fn")), "{found:?}");
        assert!(found.contains(&("hl-function", "main")), "{found:?}");
        assert!(found.contains(&("hl-comment", "// say it\n")), "{found:?}");
        assert!(
            found.contains(&("hl-string", "\"<checkout>\"")),
            "{found:?}"
        );
        assert!(found.contains(&("hl-constant", "42")), "{found:?}");
    }

    #[test]
    fn adf_language_names_find_their_grammars() {
        let highlighter = Highlighter::new();
        for (language, code) in [
            ("java", "public class A {}"),
            ("javascript", "const a = 1;"),
            ("typescript", "let a: number = 1;"),
            ("python", "def f(): pass"),
            ("c++", "int main() { return 0; }"),
            ("csharp", "public class A {}"),
            ("shell", "if true; then echo hi; fi"),
            ("sql", "SELECT 1 FROM t"),
            ("go", "func main() {}"),
            ("kotlin", "fun main() {}"),
            ("swift", "func f() {}"),
            ("yaml", "a: 1"),
            ("json", "{\"a\": 1}"),
            ("xml", "<a b=\"c\"/>"),
            ("dockerfile", "FROM debian"),
            (
                "powershell",
                "Get-Process | Where-Object { $_.CPU -gt 100 }",
            ),
            ("Ruby", "def f; end"),
        ] {
            let highlighted = highlighter.highlight(Some(language), code);
            assert!(
                highlighted.is_some_and(|h| h.runs.iter().any(|(token, _)| token.is_some())),
                "{language} was not highlighted"
            );
        }
    }

    #[test]
    fn plain_unknown_and_oversized_blocks_stay_plain() {
        let highlighter = Highlighter::new();
        assert!(highlighter.highlight(None, "fn main() {}").is_none());
        assert!(highlighter
            .highlight(Some("none"), "fn main() {}")
            .is_none());
        assert!(highlighter
            .highlight(Some("klingon"), "fn main() {}")
            .is_none());
        assert!(highlighter.highlight(Some("<script>"), "x").is_none());
        let long = "let a = 1;\n".repeat(MAX_CODE_BYTES / 10);
        assert!(highlighter.highlight(Some("rust"), &long).is_none());
        let many = "a\n".repeat(MAX_LINES + 1);
        assert!(highlighter.highlight(Some("rust"), &many).is_none());
        let minified = "a+".repeat(MAX_LINE_BYTES);
        assert!(highlighter
            .highlight(Some("javascript"), &minified)
            .is_none());
    }

    #[test]
    fn a_block_of_too_many_runs_stays_plain() {
        let highlighter = Highlighter::new();
        assert!(highlighter
            .highlight(Some("rust"), &"1 ".repeat(100))
            .is_some());
        let confetti = "1 ".repeat(MAX_RUNS);
        assert!(highlighter.highlight(Some("rust"), &confetti).is_none());
    }

    #[test]
    fn one_request_spends_a_bounded_time_and_the_cache_still_serves_it() {
        let highlighter =
            Highlighter::with_limits(Duration::from_secs(60), Duration::from_millis(1));
        let block = |n: usize| format!("fn f{n}() {{ let x = \"{n}\"; }}\n").repeat(50);
        let known = highlighter.highlight(Some("rust"), &block(0));
        assert!(known.is_some());
        let request = highlighter.for_request();
        assert!(!request.cut_short());
        let plain = (1..20)
            .map(|n| request.highlight(Some("rust"), &block(n)))
            .filter(Option::is_none)
            .count();
        assert!(plain > 0, "past the request's budget, blocks are plain");
        assert!(request.cut_short(), "and the request knows it");
        assert!(
            !highlighter.for_request().cut_short(),
            "the next request starts afresh"
        );
        assert_eq!(
            request.highlight(Some("rust"), &block(0)),
            known,
            "a cached block costs nothing and is still highlighted"
        );
        assert!(
            highlighter.highlight(Some("rust"), &block(19)).is_some(),
            "a block left plain for want of the request's time was not cached as plain"
        );
    }

    #[test]
    fn a_cached_block_is_the_same_and_a_different_one_is_not() {
        let highlighter = Highlighter::new();
        let first = highlighter.highlight(Some("rust"), "fn a() {}").unwrap();
        let again = highlighter.highlight(Some("rust"), "fn a() {}").unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        let other = highlighter.highlight(Some("python"), "fn a() {}").unwrap();
        assert_ne!(first, other);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn runs_are_exactly_the_code(
            code in "[ -~\n\t\"'/*<>&\\\\é字]{0,200}",
            language in prop::sample::select(vec!["rust", "html", "python", "shell", "sql", "json"]),
        ) {
            let highlighted = shared_for_tests().highlight(Some(language), &code);
            prop_assert!(highlighted.is_some(), "{} in {} stays plain", code, language);
            let joined: String = highlighted.iter().flat_map(|h| h.runs.iter()).map(|(_, text)| text.as_str()).collect();
            prop_assert_eq!(joined, code);
        }
    }
}
