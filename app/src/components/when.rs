//! An instant on the page: the date and time in the person's zone, with how long ago it was.

use crate::models::Moment;
use leptos::prelude::*;

/// `20 Nov 2026, 10:15 CET · 7 days ago`, machine-readable through `<time datetime>`.
#[component]
pub fn When(
    /// The instant, formatted on the server.
    moment: Moment,
) -> impl IntoView {
    view! {
        <time datetime=moment.iso>{moment.text}</time>
        <span class="muted small relative-time">{format!(" · {}", moment.relative)}</span>
    }
}
