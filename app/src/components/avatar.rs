//! A round avatar image, or the initials when there is none.

use leptos::prelude::*;

/// The avatar of a person or site. Decorative: the name is always shown next to it.
#[component]
pub fn Avatar(
    /// Image URL, if any.
    url: Option<String>,
    /// Name, for the initials fallback.
    name: String,
    /// Size in pixels.
    #[prop(default = 32)]
    size: u32,
) -> impl IntoView {
    let style = format!("--size:{size}px");
    match url.filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        Some(url) => view! {
            <img class="avatar" src=url alt="" width=size height=size style=style loading="lazy" />
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
                <span class="avatar avatar--initials" style=style aria-hidden="true">
                    {initials}
                </span>
            }
            .into_any()
        }
    }
}
