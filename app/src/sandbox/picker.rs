//! `GET /rest/api/3/issue/picker`, Jira's issue suggestions: the "History Search" section (the
//! issues the caller viewed, most recent first) and, for a non-blank `query` with a `currentJQL`,
//! the "Current Search" section (issues matching the JQL). An issue matches when every word of
//! the query starts its key, its number or a word of its summary. Twenty rows at most, a
//! section's heading counting as one, as Jira's issue picker counts them.

use super::{
    api::{jira_error, type_json, Caller},
    jql::Query,
    text::{raw_words, stem},
    world::{Issue, PROJECTS},
    Sandbox,
};
use crate::clock::now;
use axum::{
    extract::{Path, Query as UrlQuery, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Rows the picker answers with, section headings included.
const LIMIT: usize = 20;
/// Issues remembered per person.
const HISTORY: usize = 50;

/// The issues each person viewed, most recent first.
#[derive(Default)]
pub struct History(HashMap<String, Vec<u32>>);

impl History {
    /// Notes that `account_id` viewed issue `id`.
    pub fn viewed(&mut self, account_id: &str, id: u32) {
        let list = self.0.entry(account_id.to_owned()).or_default();
        list.retain(|seen| *seen != id);
        list.insert(0, id);
        list.truncate(HISTORY);
    }

    fn of(&self, account_id: &str) -> Vec<u32> {
        self.0.get(account_id).cloned().unwrap_or_default()
    }
}

/// The handler.
pub async fn picker(
    State(sandbox): State<Sandbox>,
    Path(cloud_id): Path<String>,
    UrlQuery(params): UrlQuery<HashMap<String, String>>,
    caller: Caller,
) -> Response {
    let site = match caller.check_jira(&cloud_id, "read:jira-work") {
        Ok(site) => site,
        Err(refusal) => return refusal.into_response(),
    };
    let show_subtasks = match params.get("showSubTasks").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return jira_error(
                StatusCode::BAD_REQUEST,
                "The value of 'showSubTasks' must be true or false.",
            )
        }
    };
    let query = params.get("query").map_or("", |q| q.trim());
    let world = sandbox.world();
    let excluded = params.get("currentIssueKey").map(|key| key.to_uppercase());
    let project = params.get("currentProjectId");
    let eligible = |issue: &&Issue| {
        PROJECTS[issue.project].site == site
            && (show_subtasks || issue.issue_type != "Sub-task")
            && excluded.as_deref() != Some(issue.key.as_str())
            && project.is_none_or(|id| PROJECTS[issue.project].id.to_string() == *id)
            && (query.is_empty() || matches(query, issue))
    };
    let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
    let mut remaining = LIMIT;

    let seen = sandbox.with_history(|history| history.of(&caller.account_id));
    let history: Vec<&Issue> = seen
        .iter()
        .filter_map(|id| world.issues.iter().find(|issue| issue.id == *id))
        .filter(eligible)
        .collect();
    let mut sections = vec![section(
        "History Search",
        "hs",
        &history,
        &mut remaining,
        &base,
        query,
    )];

    // A current-JQL that Jira cannot read leaves the section empty, as Jira's picker does.
    if let (false, Some(jql)) = (query.is_empty(), params.get("currentJQL")) {
        let found: Vec<&Issue> = match Query::parse_unbounded(jql) {
            Ok(current) => {
                let now = now();
                let mut found: Vec<&Issue> = world
                    .issues
                    .iter()
                    .filter(eligible)
                    .filter(|issue| current.matches(world, issue, &caller.account_id, now))
                    .collect();
                current.sort(&mut found);
                found
            }
            Err(_) => Vec::new(),
        };
        sections.push(section(
            "Current Search",
            "cs",
            &found,
            &mut remaining,
            &base,
            query,
        ));
    }
    let returned: u64 = sections
        .iter()
        .map(|s| s["issues"].as_array().map_or(0, Vec::len) as u64)
        .sum();
    let mut response = Json(json!({ "sections": sections })).into_response();
    response
        .extensions_mut()
        .insert(super::quota::Objects(returned));
    response
}

/// One section: its heading takes a row, and so does "no matching issues".
fn section(
    label: &str,
    id: &str,
    found: &[&Issue],
    remaining: &mut usize,
    base: &str,
    query: &str,
) -> Value {
    *remaining = remaining.saturating_sub(1);
    let shown: Vec<Value> = found
        .iter()
        .take(*remaining)
        .map(|issue| suggestion(issue, base, query))
        .collect();
    *remaining = remaining.saturating_sub(shown.len().max(1));
    let mut section = json!({ "label": label, "id": id, "issues": shown });
    if shown.is_empty() {
        section["msg"] = json!("No matching issues found");
    } else {
        section["sub"] = json!(format!(
            "Showing {} of {} matching issues",
            shown.len(),
            found.len()
        ));
    }
    section
}

fn suggestion(issue: &Issue, base: &str, query: &str) -> Value {
    let icon = type_json(base, issue)["iconUrl"].clone();
    json!({
        "id": issue.id,
        "key": issue.key,
        "keyHtml": highlight(&issue.key, query),
        "img": icon,
        "summary": highlight(&issue.summary, query),
        "summaryText": issue.summary,
    })
}

/// Whether every word of `query` starts the issue's key, its number, or a word of its summary
/// (or meets one of them after stemming).
fn matches(query: &str, issue: &Issue) -> bool {
    let key = issue.key.to_lowercase();
    let number = key.rsplit('-').next().unwrap_or_default().to_owned();
    let words: Vec<String> = raw_words(&issue.summary).collect();
    words_of(query).all(|term| {
        key.starts_with(&term)
            || number.starts_with(&term)
            || words
                .iter()
                .any(|word| word.starts_with(&term) || stem(word) == stem(&term))
    })
}

/// The query's words; a key like `ACME-12` stays one word.
fn words_of(query: &str) -> impl Iterator<Item = String> + '_ {
    query
        .split_whitespace()
        .map(str::to_lowercase)
        .flat_map(|word| {
            if word.contains('-') && word.chars().next().is_some_and(char::is_alphabetic) {
                vec![word]
            } else {
                raw_words(&word).collect()
            }
        })
}

/// `text` HTML-escaped, with `<b>…</b>` around the start of each word the query's words begin.
fn highlight(text: &str, query: &str) -> String {
    let terms: Vec<String> = words_of(query).collect();
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        escape_into(&rest[..start], &mut out);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let lower = word.to_lowercase();
        match terms
            .iter()
            .filter(|term| lower.starts_with(term.as_str()) && !term.is_empty())
            .map(String::len)
            .max()
            .filter(|len| word.is_char_boundary(*len))
        {
            Some(len) => {
                out.push_str("<b>");
                escape_into(&word[..len], &mut out);
                out.push_str("</b>");
                escape_into(&word[len..], &mut out);
            }
            None => escape_into(word, &mut out),
        }
        rest = &rest[end..];
    }
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_escapes_and_bolds_word_starts() {
        assert_eq!(
            highlight("Checkout <b>page</b> & co", "check pa"),
            "<b>Check</b>out &lt;b&gt;<b>pa</b>ge&lt;/b&gt; &amp; co"
        );
        assert_eq!(highlight("ACME-12", "acme-1"), "<b>ACME-1</b>2");
    }
}
