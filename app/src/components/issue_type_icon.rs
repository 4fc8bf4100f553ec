//! The icon of an issue type, drawn here rather than loaded from Jira: Jira's icon URLs live on
//! the person's site and need their credentials, and our CSP serves images from known hosts only.

use leptos::{either::Either, prelude::*};

/// The shapes we draw; anything else gets the neutral square.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Bug,
    Story,
    Task,
    Subtask,
    Epic,
    Other,
}

impl Shape {
    fn of(type_name: &str) -> Self {
        match type_name
            .to_ascii_lowercase()
            .replace(['-', ' '], "")
            .as_str()
        {
            "bug" | "defect" | "incident" => Self::Bug,
            "story" | "userstory" => Self::Story,
            "task" => Self::Task,
            "subtask" => Self::Subtask,
            "epic" => Self::Epic,
            _ => Self::Other,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Self::Bug => "type-icon type-icon--bug",
            Self::Story => "type-icon type-icon--story",
            Self::Task => "type-icon type-icon--task",
            Self::Subtask => "type-icon type-icon--subtask",
            Self::Epic => "type-icon type-icon--epic",
            Self::Other => "type-icon type-icon--other",
        }
    }

    /// The white mark drawn on the coloured tile.
    fn mark(self) -> &'static str {
        match self {
            Self::Bug => "M8 4.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 1 1 0-7z",
            Self::Story => "M5 3.5h6v9l-3-2.2l-3 2.2z",
            Self::Task => "M4.5 8.2l2.3 2.3l4.7-4.9",
            Self::Subtask => "M4 4h4.5v4.5H4zM7.5 7.5H12V12H7.5z",
            Self::Epic => "M9 2.5L4.5 9h3l-1 4.5L11.5 7h-3z",
            Self::Other => "M5 5h6v6H5z",
        }
    }

    fn stroked(self) -> bool {
        matches!(self, Self::Task)
    }
}

/// A 16 px icon for the issue type `name`; decorative, since the name is always written beside it.
#[component]
pub fn IssueTypeIcon(
    /// The issue type's name, as Jira gives it.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    let shape = Shape::of(&name);
    let mark = if shape.stroked() {
        Either::Left(view! { <path class="type-icon__stroke" d=shape.mark() /> })
    } else {
        Either::Right(view! { <path class="type-icon__mark" d=shape.mark() /> })
    };
    view! {
        <svg class=shape.class() viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect class="type-icon__tile" width="16" height="16" rx="3" />
            {mark}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn type_names_map_to_shapes_whatever_their_spelling() {
        assert_eq!(Shape::of("Bug"), Shape::Bug);
        assert_eq!(Shape::of("Sub-task"), Shape::Subtask);
        assert_eq!(Shape::of("Subtask"), Shape::Subtask);
        assert_eq!(Shape::of("sub task"), Shape::Subtask);
        assert_eq!(Shape::of("Story"), Shape::Story);
        assert_eq!(Shape::of("EPIC"), Shape::Epic);
        assert_eq!(Shape::of("Task"), Shape::Task);
        assert_eq!(Shape::of("Change request"), Shape::Other);
    }
}
