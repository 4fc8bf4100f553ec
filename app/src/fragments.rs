//! ADF documents seen before, kept by their JSON text: what the server reads from one before the
//! page (its links to other issues, whether it names files) and its rendering, so that a
//! description or comment seen before is neither parsed nor rendered again. Both are pure
//! functions of what they were made from: the document's text, and for a rendering the language
//! of the words the renderer adds (and the region of its dates, for a document with `date`
//! nodes), the issue's files its `media` nodes can name (what the renderer reads of them) and the
//! issue links resolved for the page, all compared in full before a kept rendering is used (the
//! text is the same shared text, or compared in full). Only the text is kept, never the parsed
//! tree. Jira is still asked for the issue on every view, so nothing kept
//! here shows what a person may no longer see.

use crate::{
    i18n::Locale,
    models::{Adf, AdfText, IssueCards, MediaFiles},
};
use moka::sync::Cache;
use std::{
    hash::{BuildHasher, RandomState},
    sync::Arc,
    time::Duration,
};

/// How many bytes of renderings an instance keeps: their HTML, the JSON text they were rendered
/// from and the files and links they were rendered with. The facts get a quarter as much more.
const KEPT_BYTES: u64 = 32 * 1024 * 1024;
/// What one file or resolved link is counted as.
const BYTES_PER_ITEM: usize = 256;
/// A fragment not used for this long is let go.
const IDLE_FOR: Duration = Duration::from_secs(30 * 60);

/// What the server reads from a document before the page.
#[derive(Debug)]
pub struct Facts {
    /// The URLs of its `inlineCard` and `blockCard` nodes, each once.
    pub card_urls: Vec<String>,
    /// Whether a `media` node in it names a file of the issue.
    pub names_files: bool,
}

/// One document's facts.
struct Read {
    json: Arc<AdfText>,
    facts: Arc<Facts>,
}

/// One rendered document and what it was rendered from.
struct Fragment {
    locale: Locale,
    json: Arc<AdfText>,
    files: MediaFiles,
    cards: IssueCards,
    html: Arc<str>,
}

impl Fragment {
    fn rendered_from(
        &self,
        locale: Locale,
        document: &Adf,
        files: &MediaFiles,
        cards: &IssueCards,
    ) -> bool {
        self.locale == locale
            && document.has_text(&self.json)
            && self.files.render_alike(files)
            && self.cards == *cards
    }
}

/// The fragments of one instance. Cheap to clone; clones share them.
#[derive(Clone)]
pub struct Fragments {
    cache: Cache<u64, Arc<Fragment>>,
    facts: Cache<u64, Arc<Read>>,
    /// The seed of XXH3, random per process, for the documents' text (hashed once per text:
    /// [`Adf::text_facts`]).
    seed: u64,
    /// For the locale a rendering is kept in.
    hasher: RandomState,
}

impl Default for Fragments {
    fn default() -> Self {
        Self::new()
    }
}

impl Fragments {
    /// Empty, bounded by [`KEPT_BYTES`].
    pub fn new() -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(KEPT_BYTES)
                .time_to_idle(IDLE_FOR)
                .weigher(|_, fragment: &Arc<Fragment>| {
                    let items = fragment.files.len() + fragment.cards.0.len();
                    let bytes = fragment.html.len()
                        + fragment.json.get().len()
                        + items.saturating_mul(BYTES_PER_ITEM);
                    u32::try_from(bytes).unwrap_or(u32::MAX)
                })
                .build(),
            facts: Cache::builder()
                .max_capacity(KEPT_BYTES / 4)
                .time_to_idle(IDLE_FOR)
                .weigher(|_, read: &Arc<Read>| {
                    let urls: usize = read.facts.card_urls.iter().map(|url| url.len() + 24).sum();
                    u32::try_from(read.json.get().len() + urls + 64).unwrap_or(u32::MAX)
                })
                .build(),
            seed: rand::random(),
            hasher: RandomState::new(),
        }
    }

    /// `document`'s facts: kept, or read from its tree by `read` (which parses it) and kept.
    pub fn facts(
        &self,
        document: &Adf,
        read: impl FnOnce(&serde_json::Value) -> Facts,
    ) -> Arc<Facts> {
        let key = document.text_facts(self.seed).hash;
        if let Some(kept) = self
            .facts
            .get(&key)
            .filter(|kept| document.has_text(&kept.json))
        {
            return kept.facts.clone();
        }
        let facts = Arc::new(read(document.tree()));
        self.facts.insert(
            key,
            Arc::new(Read {
                json: document.shared_json(),
                facts: facts.clone(),
            }),
        );
        facts
    }

    /// The HTML of `document` rendered with `files` and `cards`: kept, or made by `render` and
    /// kept when `render` says it is complete (`(html, true)`; a document rendered while
    /// the request's highlighting time ran out is not kept, so that a later view highlights it).
    pub fn rendered(
        &self,
        document: &Adf,
        files: &MediaFiles,
        cards: &IssueCards,
        locale: Locale,
        render: impl FnOnce() -> (String, bool),
    ) -> Arc<str> {
        // Only `date` nodes follow the region: a document without one is kept once per language.
        let facts = document.text_facts(self.seed);
        let locale = if facts.may_hold_dates {
            locale
        } else {
            Locale::from(locale.lang)
        };
        let key = facts.hash ^ self.hasher.hash_one(locale);
        let kept = self
            .cache
            .get(&key)
            .filter(|fragment| fragment.rendered_from(locale, document, files, cards));
        if let Some(fragment) = kept {
            return fragment.html.clone();
        }
        let (html, complete) = render();
        let html: Arc<str> = html.into();
        if complete {
            self.cache.insert(
                key,
                Arc::new(Fragment {
                    locale,
                    json: document.shared_json(),
                    files: files.clone(),
                    cards: cards.clone(),
                    html: html.clone(),
                }),
            );
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;
    use std::cell::Cell;

    #[test]
    fn only_a_document_with_dates_is_kept_per_region() {
        let fragments = Fragments::new();
        let (files, cards) = (MediaFiles::default(), IssueCards::default());
        let british = crate::i18n::negotiate(None, Some("en-GB"), None);
        let plain = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"a"}]}));
        let dated = Adf::from(json!({"type":"doc","content":[
            {"type":"date","attrs":{"timestamp":"1798675200000"}}
        ]}));
        let escaped =
            r#"{"type":"doc","content":[{"type":"\u0064ate","attrs":{"timestamp":"1"}}]}"#;
        let escaped = Adf::from(serde_json::value::RawValue::from_string(escaped.into()).unwrap());
        assert_eq!(escaped.tree()["content"][0]["type"], "date");
        for (document, region_renders_anew) in [(&plain, false), (&dated, true), (&escaped, true)] {
            let english = fragments.rendered(document, &files, &cards, Lang::En.into(), || {
                ("en".to_owned(), true)
            });
            let in_britain = fragments.rendered(document, &files, &cards, british, || {
                ("en-GB".to_owned(), true)
            });
            assert_eq!(&*english, "en");
            assert_eq!(&*in_britain == "en-GB", region_renders_anew, "{document:?}");
        }
    }

    #[test]
    fn what_is_kept_under_another_texts_key_is_not_used() {
        let fragments = Fragments::new();
        let (files, cards) = (MediaFiles::default(), IssueCards::default());
        let a = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"a"}]}));
        let b = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"b"}]}));
        let locale: Locale = Lang::En.into();
        let key = |document: &Adf| {
            document.text_facts(fragments.seed).hash ^ fragments.hasher.hash_one(locale)
        };
        fragments.rendered(&a, &files, &cards, locale, || ("A".to_owned(), true));
        let planted = fragments.cache.get(&key(&a)).unwrap();
        fragments.cache.insert(key(&b), planted);
        let html = fragments.rendered(&b, &files, &cards, locale, || ("B".to_owned(), true));
        assert_eq!(&*html, "B");
        let read_a = |_: &serde_json::Value| Facts {
            card_urls: vec!["https://acme.atlassian.net/browse/A-1".into()],
            names_files: true,
        };
        fragments.facts(&a, read_a);
        let planted = fragments
            .facts
            .get(&a.text_facts(fragments.seed).hash)
            .unwrap();
        fragments
            .facts
            .insert(b.text_facts(fragments.seed).hash, planted);
        let read_b = |_: &serde_json::Value| Facts {
            card_urls: Vec::new(),
            names_files: false,
        };
        assert!(fragments.facts(&b, read_b).card_urls.is_empty());
    }

    #[test]
    fn a_fragment_is_reused_only_for_the_same_document_files_and_cards() {
        let fragments = Fragments::new();
        let renders = Cell::new(0);
        let render = |html: &str, complete: bool| {
            renders.set(renders.get() + 1);
            (html.to_owned(), complete)
        };
        let document = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"a"}]}));
        let same = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"a"}]}));
        let other = Adf::from(json!({"type":"doc","content":[{"type":"text","text":"b"}]}));
        let (files, cards) = (MediaFiles::default(), IssueCards::default());
        let card = crate::models::IssueCard {
            url: "https://acme.atlassian.net/browse/ACME-2".into(),
            cloud_id: uuid::Uuid::nil(),
            key: "ACME-2".into(),
            summary: "Two".into(),
            status: "Done".into(),
            status_category: crate::models::StatusCategory::Done,
        };
        let with_card = IssueCards(vec![card].into());

        assert_eq!(
            &*fragments.rendered(&document, &files, &cards, Lang::En.into(), || render(
                "1", true
            )),
            "1"
        );
        assert_eq!(
            &*fragments.rendered(&same, &files, &cards, Lang::En.into(), || render("2", true)),
            "1"
        );
        assert_eq!(
            &*fragments.rendered(&other, &files, &cards, Lang::En.into(), || render(
                "3", true
            )),
            "3"
        );
        assert_eq!(
            &*fragments.rendered(&document, &files, &with_card, Lang::En.into(), || render(
                "4", true
            )),
            "4",
            "another page's resolved links render anew"
        );
        assert_eq!(
            &*fragments.rendered(&document, &files, &with_card, Lang::Ar.into(), || render(
                "ar", true
            )),
            "ar",
            "another language renders anew"
        );
        assert_eq!(
            &*fragments.rendered(&document, &files, &with_card, Lang::En.into(), || render(
                "en again", true
            )),
            "4",
            "and each language's rendering is kept"
        );
        assert_eq!(renders.get(), 4);

        let file = |filename: &str, created: Option<&str>| crate::models::AttachmentInfo {
            id: Some(10),
            file_id: Some(uuid::Uuid::from_u128(1)),
            filename: filename.into(),
            size: 2048,
            mime_type: Some("image/png".into()),
            previewable: true,
            author: None,
            created: created.map(|date| crate::models::Moment {
                iso: String::new(),
                date: date.into(),
                text: date.into(),
                relative: String::new(),
            }),
        };
        let site = |n: u128, filename: &str, created: Option<&str>| {
            MediaFiles::new(uuid::Uuid::from_u128(n), vec![file(filename, created)])
        };
        let shot = site(7, "shot.png", Some("1 Dec"));
        assert_eq!(
            &*fragments.rendered(&document, &shot, &cards, Lang::En.into(), || render(
                "5", true
            )),
            "5"
        );
        assert_eq!(
            &*fragments.rendered(
                &document,
                &site(7, "shot.png", Some("2 Dec")),
                &cards,
                Lang::En.into(),
                || { render("6", true) }
            ),
            "5",
            "what the renderer does not read (when, in the reader's time zone) does not matter"
        );
        assert_eq!(
            &*fragments.rendered(
                &document,
                &site(8, "shot.png", Some("1 Dec")),
                &cards,
                Lang::En.into(),
                || { render("7", true) }
            ),
            "7",
            "another site's files render anew"
        );
        assert_eq!(
            &*fragments.rendered(
                &document,
                &site(8, "other.png", Some("1 Dec")),
                &cards,
                Lang::En.into(),
                || { render("8", true) }
            ),
            "8",
            "other files render anew"
        );
        assert_eq!(renders.get(), 7);

        let changes: [fn(&mut crate::models::AttachmentInfo); 4] = [
            |f| f.id = Some(11),
            |f| f.file_id = Some(uuid::Uuid::from_u128(2)),
            |f| f.size = 4096,
            |f| f.previewable = false,
        ];
        for (n, change) in changes.iter().enumerate() {
            let mut changed = file("shot.png", Some("1 Dec"));
            change(&mut changed);
            let files = MediaFiles::new(uuid::Uuid::from_u128(7), vec![changed]);
            fragments.rendered(&document, &shot, &cards, Lang::En.into(), || {
                render("5", true)
            });
            assert_eq!(
                &*fragments.rendered(&document, &files, &cards, Lang::En.into(), || render(
                    "changed", true
                )),
                "changed",
                "a change the renderer reads (number {n}) renders anew"
            );
        }
        assert_eq!(renders.get(), 15);
    }

    #[test]
    fn facts_are_read_once_per_document_text() {
        let fragments = Fragments::new();
        let reads = Cell::new(0);
        let read = |tree: &serde_json::Value| {
            reads.set(reads.get() + 1);
            Facts {
                card_urls: vec![tree["type"].as_str().unwrap_or_default().to_owned()],
                names_files: false,
            }
        };
        let one = Adf::from(json!({"type":"doc"}));
        let again = Adf::from(json!({"type":"doc"}));
        let other = Adf::from(json!({"type":"paragraph"}));
        assert_eq!(fragments.facts(&one, read).card_urls, ["doc"]);
        assert_eq!(fragments.facts(&again, read).card_urls, ["doc"]);
        assert_eq!(fragments.facts(&other, read).card_urls, ["paragraph"]);
        assert_eq!(reads.get(), 2);
    }

    #[test]
    fn an_incomplete_rendering_is_not_kept() {
        let fragments = Fragments::new();
        let document = Adf::from(json!({"type":"doc","content":[]}));
        let (files, cards) = (MediaFiles::default(), IssueCards::default());
        fragments.rendered(&document, &files, &cards, Lang::En.into(), || {
            ("plain".into(), false)
        });
        let html = fragments.rendered(&document, &files, &cards, Lang::En.into(), || {
            ("highlighted".into(), true)
        });
        assert_eq!(&*html, "highlighted");
    }
}
