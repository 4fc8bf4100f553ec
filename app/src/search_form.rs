//! What a person searches for: the search page's fields as a query string that can be bookmarked
//! and shared, and the JQL built from them. The person's words are quoted and escaped twice (for
//! Jira's text search, then for a JQL string), so that no input can widen or break the query.

use crate::return_to::encode_query_value;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most characters of words or JQL a search takes.
pub const MAX_INPUT: usize = 1_000;

/// A status category filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// "To Do".
    ToDo,
    /// "In Progress".
    InProgress,
    /// "Done".
    Done,
}

/// Whose issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// Assigned to the person.
    AssignedToMe,
    /// Reported by the person.
    ReportedByMe,
    /// Assigned to nobody.
    Unassigned,
}

/// How recently updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Within {
    /// The last day.
    Day,
    /// The last week.
    Week,
    /// The last 30 days.
    Month,
}

/// A choice's value in the query string and its JQL (the page names it in the person's words).
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every choice, in the order the form lists them.
    const ALL: &'static [Self];
    /// Its value in the query string.
    fn value(self) -> &'static str;
    /// Its JQL clause.
    fn jql(self) -> &'static str;
    /// The choice whose value is `value`.
    fn from_value(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.value() == value)
    }
}

impl Choice for Category {
    const ALL: &'static [Self] = &[Self::ToDo, Self::InProgress, Self::Done];
    fn value(self) -> &'static str {
        match self {
            Self::ToDo => "todo",
            Self::InProgress => "progress",
            Self::Done => "done",
        }
    }
    fn jql(self) -> &'static str {
        match self {
            Self::ToDo => "statusCategory = \"To Do\"",
            Self::InProgress => "statusCategory = \"In Progress\"",
            Self::Done => "statusCategory = Done",
        }
    }
}

impl Choice for Who {
    const ALL: &'static [Self] = &[Self::AssignedToMe, Self::ReportedByMe, Self::Unassigned];
    fn value(self) -> &'static str {
        match self {
            Self::AssignedToMe => "me",
            Self::ReportedByMe => "reporter",
            Self::Unassigned => "unassigned",
        }
    }
    fn jql(self) -> &'static str {
        match self {
            Self::AssignedToMe => "assignee = currentUser()",
            Self::ReportedByMe => "reporter = currentUser()",
            Self::Unassigned => "assignee IS EMPTY",
        }
    }
}

impl Choice for Within {
    const ALL: &'static [Self] = &[Self::Day, Self::Week, Self::Month];
    fn value(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
    fn jql(self) -> &'static str {
        match self {
            Self::Day => "updated >= -1d",
            Self::Week => "updated >= -1w",
            Self::Month => "updated >= -30d",
        }
    }
}

/// The search page's fields (its query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchForm {
    /// `q`: the words.
    pub words: String,
    /// `mode=jql`: the person writes JQL.
    pub advanced: bool,
    /// `jql`: their JQL.
    pub jql: String,
    /// `project`: a project key or name.
    pub project: String,
    /// `status`.
    pub category: Option<Category>,
    /// `who`.
    pub who: Option<Who>,
    /// `updated`.
    pub updated: Option<Within>,
    /// `order=updated`: every site's results merged, newest updated first (once all answered),
    /// rather than grouped by site as each answers.
    pub merged: bool,
    /// `site`: one site only (its next page).
    pub site: Option<Uuid>,
    /// `next`: the site's next page token.
    pub next: Option<String>,
}

/// A query string being written.
struct Pairs(Vec<String>);

impl Pairs {
    fn append_pair(&mut self, name: &str, value: &str) {
        self.0.push(format!("{name}={}", encode_query_value(value)));
    }
}

/// Why a form cannot be searched as it is; the page says it in the person's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    /// Nothing to search for.
    Empty,
    /// More than [`MAX_INPUT`] characters.
    TooLong,
}

impl SearchForm {
    /// The form a query string's pairs describe; unknown names and values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "q" => form.words = value.to_owned(),
                "mode" => form.advanced = value == "jql",
                "jql" => form.jql = value.to_owned(),
                "project" => form.project = value.to_owned(),
                "status" => form.category = Category::from_value(value),
                "who" => form.who = Who::from_value(value),
                "updated" => form.updated = Within::from_value(value),
                "site" => form.site = value.parse().ok(),
                "next" => form.next = Some(value.to_owned()).filter(|v| !v.is_empty()),
                "order" => form.merged = value == "updated",
                _ => {}
            }
        }
        form
    }

    /// The query string (without `?`) that describes this form; `site` and `next` only when
    /// `with_page`.
    pub fn to_query(&self, with_page: bool) -> String {
        let mut pairs = Pairs(Vec::new());
        if self.advanced {
            pairs.append_pair("mode", "jql");
            pairs.append_pair("jql", &self.jql);
        } else {
            pairs.append_pair("q", &self.words);
            for (name, value) in [
                (
                    "project",
                    Some(self.project.as_str()).filter(|p| !p.is_empty()),
                ),
                ("status", self.category.map(Choice::value)),
                ("who", self.who.map(Choice::value)),
                ("updated", self.updated.map(Choice::value)),
            ] {
                if let Some(value) = value {
                    pairs.append_pair(name, value);
                }
            }
        }
        if self.merged {
            pairs.append_pair("order", "updated");
        }
        if with_page {
            if let Some(site) = self.site {
                pairs.append_pair("site", &site.to_string());
            }
            if let Some(next) = &self.next {
                pairs.append_pair("next", next);
            }
        }
        pairs.0.join("&")
    }

    /// Whether the words are all there is to the search (no JQL, filter or page): a key or a
    /// link in them then names an issue to open.
    pub fn words_alone(&self) -> bool {
        !self.advanced
            && self.project.is_empty()
            && self.category.is_none()
            && self.who.is_none()
            && self.updated.is_none()
            && self.site.is_none()
    }

    /// Whether the person asked for anything yet.
    pub fn is_blank(&self) -> bool {
        if self.advanced {
            self.jql.is_empty()
        } else {
            self.words.is_empty()
                && self.project.is_empty()
                && self.category.is_none()
                && self.who.is_none()
                && self.updated.is_none()
        }
    }

    /// The JQL to send: the person's own in advanced mode; otherwise their words as one text
    /// search, the filters, newest updated first.
    pub fn to_jql(&self) -> Result<String, FormProblem> {
        if self.advanced {
            return match self.jql.chars().count() {
                0 => Err(FormProblem::Empty),
                n if n > MAX_INPUT => Err(FormProblem::TooLong),
                _ => Ok(self.jql.clone()),
            };
        }
        if self.words.chars().count() > MAX_INPUT || self.project.chars().count() > MAX_INPUT {
            return Err(FormProblem::TooLong);
        }
        let mut clauses = Vec::new();
        if let Some(text) = text_query(&self.words) {
            clauses.push(format!("text ~ {}", jql_string(&text)));
        }
        if !self.project.is_empty() {
            clauses.push(format!("project = {}", jql_string(&self.project)));
        }
        clauses.extend(self.category.map(|c| c.jql().to_owned()));
        clauses.extend(self.who.map(|w| w.jql().to_owned()));
        clauses.extend(self.updated.map(|u| u.jql().to_owned()));
        if clauses.is_empty() {
            return Err(FormProblem::Empty);
        }
        Ok(format!("{} ORDER BY updated DESC", clauses.join(" AND ")))
    }
}

/// Characters Jira's text search treats as operators or syntax; none is indexed, so a word loses
/// nothing when they become spaces.
const TEXT_SPECIAL: &[char] = &[
    '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '~', '*', '?', '\\', ':', '"', '/',
];

/// The person's words as a text query: `"quoted phrases"` stay phrases, a `*` ending a word
/// stays a wildcard, every other special character becomes a space, and every word is lower
/// case (so `AND`, `OR` and `NOT` are words, not operators). `None` when no word is left.
pub fn text_query(words: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (n, segment) in words.split('"').enumerate() {
        let phrase = n % 2 == 1 && words.matches('"').count() > n;
        let cleaned: Vec<String> = segment
            .split_whitespace()
            .filter_map(|word| plain_word(word, !phrase))
            .collect();
        if cleaned.is_empty() {
            continue;
        }
        if phrase && cleaned.len() > 1 {
            parts.push(format!("\"{}\"", cleaned.join(" ")));
        } else {
            parts.extend(cleaned);
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One word with its special characters made spaces (keeping a trailing `*` when `wildcard`).
fn plain_word(word: &str, wildcard: bool) -> Option<String> {
    let trailing_star = wildcard && word.len() > 1 && word.ends_with('*');
    let mut cleaned: String = word
        .chars()
        .map(|c| {
            if TEXT_SPECIAL.contains(&c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if cleaned.is_empty() {
        return None;
    }
    if trailing_star && !cleaned.contains(' ') {
        cleaned.push('*');
    }
    Some(cleaned)
}

/// `text` as a JQL string literal: in double quotes, with `\` and `"` escaped and control
/// characters as `\uXXXX` (Jira's `encodeAsQuotedString`).
pub fn jql_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_jql_control(c) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters JQL wants escaped inside strings.
fn is_jql_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        SearchForm {
            words: text.to_owned(),
            ..SearchForm::default()
        }
        .to_jql()
        .unwrap()
    }

    #[test]
    fn words_become_one_text_clause_newest_first() {
        assert_eq!(
            words("Checkout times"),
            r#"text ~ "checkout times" ORDER BY updated DESC"#
        );
        assert_eq!(
            words(r#"refund "billing contact" mail*"#),
            r#"text ~ "refund \"billing contact\" mail*" ORDER BY updated DESC"#
        );
    }

    #[test]
    fn hostile_words_stay_inside_the_text_clause() {
        for (input, expected) in [
            (r#"") OR project = X"#, r#"text ~ "or project = x""#),
            (r#"x" OR "1"="1"#, r#"text ~ "x or 1 = 1""#),
            (r"back\slash \\ \", r#"text ~ "back slash""#),
            ("AND OR NOT", r#"text ~ "and or not""#),
            ("order by key", r#"text ~ "order by key""#),
            ("[x] (y) {z} ~a ^b !c", r#"text ~ "x y z a b c""#),
            ("tab\there\u{0}nul", r#"text ~ "tab here nul""#),
            ("*leading", r#"text ~ "leading""#),
        ] {
            let jql = words(input);
            assert!(
                jql.starts_with(expected),
                "{input:?} gave {jql}, expected {expected}"
            );
            assert_eq!(jql.matches(" ORDER BY ").count(), 1, "{jql}");
        }
    }

    #[test]
    fn only_special_characters_is_no_search() {
        for input in ["", "   ", "\"\"", "()[]{}", "\\\\", "-"] {
            let form = SearchForm {
                words: input.to_owned(),
                ..SearchForm::default()
            };
            assert_eq!(form.to_jql(), Err(FormProblem::Empty), "{input:?}");
        }
    }

    #[test]
    fn jql_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(jql_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(jql_string("x\u{1}y\u{fffe}"), r#""x\u0001y\ufffe""#);
        assert_eq!(jql_string("'single'"), r#""'single'""#);
    }

    #[test]
    fn filters_are_fixed_clauses_and_the_project_a_string() {
        let form = SearchForm::from_pairs([
            ("q", ""),
            ("project", "ACME\" OR project = \"WEB"),
            ("status", "progress"),
            ("who", "reporter"),
            ("updated", "week"),
            ("bogus", "x"),
        ]);
        assert_eq!(
            form.to_jql().unwrap(),
            r#"project = "ACME\" OR project = \"WEB" AND statusCategory = "In Progress" AND reporter = currentUser() AND updated >= -1w ORDER BY updated DESC"#
        );
        assert_eq!(
            SearchForm::from_pairs(form.to_query(false).split('&').map(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                (name, value)
            }))
            .category,
            Some(Category::InProgress)
        );
    }

    #[test]
    fn advanced_mode_sends_the_persons_jql_as_written() {
        let form = SearchForm::from_pairs([("mode", "jql"), ("jql", "project = ACME OR x")]);
        assert_eq!(form.to_jql().unwrap(), "project = ACME OR x");
        let long = "x".repeat(MAX_INPUT + 1);
        let form = SearchForm::from_pairs([("mode", "jql"), ("jql", long.as_str())]);
        assert_eq!(form.to_jql(), Err(FormProblem::TooLong));
    }
}
