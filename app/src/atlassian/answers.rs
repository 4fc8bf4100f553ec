//! Jira's answers for issues, kept parsed by their text: an answer read before, byte for byte,
//! is not parsed again (parsing a rich issue's answer was a quarter of its page's work). What is
//! kept is a pure function of the bytes it was parsed from, and those are compared in full
//! before a kept parse is used; Jira is still asked for the issue on every view, so nothing kept
//! here answers for Jira or serves one person what another was shown.

use super::{models::Issue, rest::parse_json};
use moka::sync::Cache;
use std::{sync::Arc, time::Duration};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// How many bytes of answers an instance keeps, each counted by [`weight`].
const KEPT_BYTES: u64 = 16 * 1024 * 1024;
/// What a document costs beyond its text: the shared allocations of an `Adf`.
const PER_DOCUMENT: usize = 160;
/// What the allocation of one short string costs at least.
const PER_STRING: usize = 16;
/// Answers longer than this are parsed every time.
const MAX_KEPT_ANSWER: usize = 1024 * 1024;
/// An answer not read for this long is let go.
const IDLE_FOR: Duration = Duration::from_secs(30 * 60);

/// One answer and its parse.
struct Kept {
    body: Box<[u8]>,
    issue: Issue,
    weight: u32,
}

/// What an answer and its parse are counted as: the bytes, the text the parse holds (no more
/// than the bytes again), and the parse's own structures: each element of its lists at its size
/// in memory with the least allocation of each of its strings, each document's allocations. An
/// answer of many short elements (a thousand one-letter labels) weighs what it takes, not what
/// its text does.
fn weight(body: &[u8], issue: &Issue) -> u32 {
    use super::models::{Attachment, Comment, IssueLink, IssueRef, Named};
    use std::mem::size_of;
    let fields = &issue.fields;
    let comments = fields
        .comment
        .as_ref()
        .map_or(0, |page| page.comments.len());
    let elements = [
        (
            comments,
            size_of::<Comment>() + PER_DOCUMENT + 4 * PER_STRING,
        ),
        (
            fields.attachment.len(),
            size_of::<Attachment>() + 7 * PER_STRING,
        ),
        (fields.labels.len(), size_of::<String>() + PER_STRING),
        (
            fields.components.len() + fields.fix_versions.len(),
            size_of::<Named>() + PER_STRING,
        ),
        (
            fields.subtasks.len(),
            size_of::<IssueRef>() + 4 * PER_STRING,
        ),
        (
            fields.issuelinks.len(),
            size_of::<IssueLink>() + 6 * PER_STRING,
        ),
    ];
    let parts: usize = elements.iter().map(|(count, each)| count * each).sum();
    let bytes = 2 * body.len() + size_of::<Kept>() + PER_DOCUMENT + 16 * PER_STRING + parts;
    u32::try_from(bytes).unwrap_or(u32::MAX)
}

/// The issue answers of one instance. Cheap to clone; clones share them.
#[derive(Clone)]
pub struct KeptIssues {
    cache: Cache<u64, Arc<Kept>>,
    /// The seed of XXH3, random per process, for the answers' bytes.
    seed: u64,
}

impl Default for KeptIssues {
    fn default() -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(KEPT_BYTES)
                .weigher(|_, kept: &Arc<Kept>| kept.weight)
                .time_to_idle(IDLE_FOR)
                .build(),
            seed: rand::random(),
        }
    }
}

impl KeptIssues {
    /// `body` as an issue: the kept parse of the same bytes, or a fresh one (then kept).
    pub fn read(&self, body: &[u8]) -> serde_json::Result<Issue> {
        let key = xxh3_64_with_seed(body, self.seed);
        if let Some(kept) = self.cache.get(&key) {
            if *kept.body == *body {
                return Ok(kept.issue.unshared());
            }
        }
        let issue: Issue = parse_json(body)?;
        if body.len() <= MAX_KEPT_ANSWER {
            let kept = Kept {
                body: body.into(),
                issue: issue.unshared(),
                weight: weight(body, &issue),
            };
            self.cache.insert(key, Arc::new(kept));
        }
        Ok(issue)
    }

    /// How many answers are kept (after pending maintenance).
    #[cfg(test)]
    fn len(&self) -> u64 {
        self.cache.run_pending_tasks();
        self.cache.entry_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(summary: &str, comment: &str) -> Vec<u8> {
        let document = |text: &str| {
            json!({ "type": "doc", "version": 1, "content": [
                { "type": "paragraph", "content": [{ "type": "text", "text": text }] }
            ]})
        };
        json!({
            "key": "ACME-1",
            "fields": {
                "summary": summary,
                "description": document("the description"),
                "comment": { "startAt": 0, "total": 1, "comments": [
                    { "id": "10", "body": document(comment), "created": "2026-11-20T10:15:00.000+0000" }
                ]},
            },
        })
        .to_string()
        .into_bytes()
    }

    fn comment_text(issue: &Issue) -> &str {
        let comments = &issue.fields.comment.as_ref().unwrap().comments;
        comments[0].body.as_ref().unwrap().json()
    }

    #[test]
    fn an_answer_read_before_reads_the_same_and_another_reads_as_itself() {
        let kept = KeptIssues::default();
        let first = answer("Launch", "ship it");
        let issue = kept.read(&first).unwrap();
        let again = kept.read(&first).unwrap();
        assert_eq!(again.fields.summary.as_deref(), Some("Launch"));
        assert_eq!(comment_text(&again), comment_text(&issue));
        assert_eq!(kept.len(), 1);
        let changed = kept.read(&answer("Launch", "hold it")).unwrap();
        assert!(comment_text(&changed).contains("hold it"));
        assert_eq!(
            kept.read(&answer("Landing", "ship it"))
                .unwrap()
                .fields
                .summary
                .as_deref(),
            Some("Landing")
        );
        assert!(kept.read(b"{\"key\": 1}").is_err());
    }

    #[test]
    fn a_kept_answer_is_used_only_for_the_same_bytes() {
        let kept = KeptIssues {
            seed: 7,
            ..KeptIssues::default()
        };
        let first = answer("Launch", "ship it");
        kept.read(&first).unwrap();
        let other = answer("Landing", "ship it");
        let planted = Kept {
            body: first.clone().into(),
            issue: parse_json(&first).unwrap(),
            weight: 1,
        };
        kept.cache
            .insert(xxh3_64_with_seed(&other, 7), Arc::new(planted));
        let read = kept.read(&other).unwrap();
        assert_eq!(read.fields.summary.as_deref(), Some("Landing"));
    }

    #[test]
    fn an_answer_of_many_short_elements_weighs_what_its_parse_takes() {
        let labels: Vec<String> = (0..1000).map(|n| format!("{}", n % 10)).collect();
        let body = json!({ "key": "ACME-1", "fields": { "labels": labels } }).to_string();
        let issue: Issue = parse_json(body.as_bytes()).unwrap();
        let parsed = 1000 * (std::mem::size_of::<String>() + 1);
        assert!(weight(body.as_bytes(), &issue) as usize >= body.len() + parsed);
    }

    #[test]
    fn a_kept_answer_never_keeps_a_tree_parsed_for_one_view() {
        let kept = KeptIssues::default();
        let body = answer("Launch", "ship it");
        let key = xxh3_64_with_seed(&body, kept.seed);
        let kept_tree = || {
            let entry = kept.cache.get(&key).unwrap();
            let description = entry.issue.fields.description.as_ref().unwrap();
            description.has_tree()
        };
        for _ in 0..2 {
            let shown = kept.read(&body).unwrap();
            let description = shown.fields.description.as_ref().unwrap();
            assert!(!description.has_tree());
            assert_eq!(description.tree()["type"], "doc");
            assert!(!kept_tree());
        }
    }
}
