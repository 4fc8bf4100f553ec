//! A round avatar image, or the initials when there is none.

use leptos::prelude::*;

/// The avatar of a person or site. Decorative: the name is always shown next to it.
#[component]
pub fn Avatar(
    /// Image URL, if any.
    url: Option<String>,
    /// Name, for the initials fallback.
    name: String,
    /// Size in pixels: 24, 32, 40 or 64.
    #[prop(default = 32)]
    size: u32,
) -> impl IntoView {
    let class = |base: &str| format!("{base} avatar--{size}");
    match url.filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        Some(url) => view! {
            <img class=class("avatar") src=url alt="" width=size height=size loading="lazy" />
        }
        .into_any(),
        None => {
            let initials: String = name
                .split_whitespace()
                .filter_map(|word| word.chars().next())
                .take(2)
                .collect::<String>()
                .to_uppercase();
            view! {
                <span class=class("avatar avatar--initials") aria-hidden="true" dir="auto">
                    {initials}
                </span>
            }
            .into_any()
        }
    }
}
