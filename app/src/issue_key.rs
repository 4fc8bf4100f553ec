//! Jira issue keys: `<PROJECT>-<number>`, where the project key is an upper-case letter followed by
//! one to nine upper-case letters, digits or underscores. Shared by the lookup form (browser) and the
//! server, so both accept and refuse exactly the same input.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// A syntactically valid, upper-cased issue key such as `ABC-123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IssueKey(String);

/// What a person typed into the lookup box: a key, and the site host when they pasted a browse URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueReference {
    /// The issue key.
    pub key: IssueKey,
    /// The host of a pasted `https://<host>/browse/KEY` URL, lower-cased.
    pub host: Option<String>,
}

impl IssueKey {
    /// Parses a key, tolerating surrounding white space and lower case.
    pub fn parse(input: &str) -> Option<Self> {
        let key = input.trim().to_ascii_uppercase();
        let (project, number) = key.split_once('-')?;
        let mut project_chars = project.chars();
        let first_is_letter = project_chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let project_ok = first_is_letter
            && (2..=10).contains(&project.len())
            && project_chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let number_ok = !number.is_empty()
            && number.len() <= 18
            && !number.starts_with('0')
            && number.chars().all(|c| c.is_ascii_digit());
        (project_ok && number_ok).then_some(Self(key))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IssueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl IssueReference {
    /// Parses a key or a pasted browse URL (`https://acme.atlassian.net/browse/ABC-1?focusedCommentId=2`).
    pub fn parse(input: &str) -> Option<Self> {
        let input = input.trim();
        let Some(rest) = input
            .strip_prefix("https://")
            .or_else(|| input.strip_prefix("http://"))
        else {
            return IssueKey::parse(input).map(|key| Self { key, host: None });
        };
        let (host, path) = rest.split_once('/')?;
        let host = host.to_ascii_lowercase();
        if host.is_empty() || host.contains(['@', ' ']) {
            return None;
        }
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let key = path.strip_prefix("browse/")?.trim_end_matches('/');
        IssueKey::parse(key).map(|key| Self {
            key,
            host: Some(host),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_keys_in_any_case_and_padding() {
        for input in [
            "ABC-123",
            "abc-123",
            "  AbC-123\t",
            "A1_B-9",
            "ABCDEFGHIJ-1",
        ] {
            assert!(IssueKey::parse(input).is_some(), "{input}");
        }
        assert_eq!(IssueKey::parse(" abc-12 ").unwrap().as_str(), "ABC-12");
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        for input in [
            "",
            "ABC",
            "ABC-",
            "-1",
            "1ABC-1",
            "A-1",
            "ABC-0",
            "ABC-01",
            "ABC-1a",
            "AB C-1",
            "ABCDEFGHIJK-1",
            "ABC-1-2",
            "ÄBC-1",
            "ABC-１",
            "../ABC-1",
            "ABC-1/comment",
        ] {
            assert!(IssueKey::parse(input).is_none(), "{input:?}");
        }
    }

    #[test]
    fn reads_browse_urls_with_their_host() {
        let parsed =
            IssueReference::parse("https://Acme.atlassian.net/browse/abc-7?focusedCommentId=10")
                .unwrap();
        assert_eq!(parsed.key.as_str(), "ABC-7");
        assert_eq!(parsed.host.as_deref(), Some("acme.atlassian.net"));
        let plain = IssueReference::parse("PROJ-42").unwrap();
        assert_eq!(plain.host, None);
    }

    #[test]
    fn refuses_urls_that_are_not_browse_links() {
        for input in [
            "https://acme.atlassian.net/projects/ABC",
            "https://acme.atlassian.net/browse/",
            "https://user@evil/browse/ABC-1",
            "https:///browse/ABC-1",
            "ftp://acme.atlassian.net/browse/ABC-1",
        ] {
            assert!(IssueReference::parse(input).is_none(), "{input}");
        }
    }
}

/// The lookup form's site choice that searches every Jira site the person granted.
pub const ALL_SITES: &str = "all";

/// Why the lookup form cannot open what it holds; the form says it in the person's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupProblem {
    /// The box is empty.
    Empty,
    /// What was typed (trimmed) is neither a key nor a browse link.
    NotAKey(String),
    /// A pasted link's host is none of the person's sites.
    SiteNotGranted(String),
    /// The chosen site is none of the person's sites.
    NoSite,
}

/// Resolves what the lookup form holds (a chosen site and the text box) to a site and key, or to
/// what is wrong with it. The site is `None` when every site is to be searched ([`ALL_SITES`]
/// chosen, and no browse URL naming one).
pub fn resolve_lookup(
    sites: &[crate::models::Site],
    site: &str,
    input: &str,
) -> Result<(Option<Uuid>, IssueKey), LookupProblem> {
    if input.trim().is_empty() {
        return Err(LookupProblem::Empty);
    }
    let reference = IssueReference::parse(input)
        .ok_or_else(|| LookupProblem::NotAKey(input.trim().to_owned()))?;
    let chosen = match &reference.host {
        Some(host) => {
            site_at(sites, host).ok_or_else(|| LookupProblem::SiteNotGranted(host.clone()))?
        }
        None if site == ALL_SITES => return Ok((None, reference.key)),
        None => sites
            .iter()
            .find(|s| site.parse() == Ok(s.cloud_id))
            .ok_or(LookupProblem::NoSite)?,
    };
    Ok((Some(chosen.cloud_id), reference.key))
}

/// The site among `sites` whose URL has the host `host`.
pub fn site_at<'a>(
    sites: &'a [crate::models::Site],
    host: &str,
) -> Option<&'a crate::models::Site> {
    sites
        .iter()
        .find(|s| url_host(&s.url).is_some_and(|h| h.eq_ignore_ascii_case(host)))
}

fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

#[cfg(test)]
mod lookup_tests {
    use super::*;
    use crate::models::Site;

    const ACME: &str = "11111111-2222-4333-8444-555555555555";
    const GLOBEX: &str = "22222222-3333-4444-8555-666666666666";

    fn id(text: &str) -> Uuid {
        text.parse().unwrap()
    }

    fn sites() -> Vec<Site> {
        [("acme", ACME), ("globex", GLOBEX)]
            .iter()
            .map(|(name, cloud_id)| Site {
                cloud_id: id(cloud_id),
                name: (*name).to_owned(),
                url: format!("https://{name}.atlassian.net"),
                avatar_url: None,
                scopes: vec!["read:jira-work".into()],
            })
            .collect()
    }

    #[test]
    fn a_key_uses_the_chosen_site() {
        let (site, key) = resolve_lookup(&sites(), GLOBEX, " glx-7 ").unwrap();
        assert_eq!((site, key.as_str()), (Some(id(GLOBEX)), "GLX-7"));
    }

    #[test]
    fn all_sites_leaves_the_site_open_unless_a_url_names_one() {
        let (site, key) = resolve_lookup(&sites(), ALL_SITES, "acme-4").unwrap();
        assert_eq!((site, key.as_str()), (None, "ACME-4"));
        let (site, _) = resolve_lookup(
            &sites(),
            ALL_SITES,
            "https://globex.atlassian.net/browse/GLX-1",
        )
        .unwrap();
        assert_eq!(site, Some(id(GLOBEX)));
    }

    #[test]
    fn a_browse_url_picks_its_site_by_host() {
        let (site, key) = resolve_lookup(
            &sites(),
            GLOBEX,
            "https://acme.atlassian.net/browse/ACME-1?focusedCommentId=3",
        )
        .unwrap();
        assert_eq!((site, key.as_str()), (Some(id(ACME)), "ACME-1"));
    }

    #[test]
    fn problems_say_what_is_wrong() {
        assert_eq!(
            resolve_lookup(&sites(), ACME, " ACME 1 ").unwrap_err(),
            LookupProblem::NotAKey("ACME 1".to_owned())
        );
        assert_eq!(
            resolve_lookup(&sites(), ACME, "https://evil.example/browse/A-1").unwrap_err(),
            LookupProblem::NotAKey("https://evil.example/browse/A-1".to_owned())
        );
        assert_eq!(
            resolve_lookup(&sites(), ACME, "https://other.atlassian.net/browse/AB-1").unwrap_err(),
            LookupProblem::SiteNotGranted("other.atlassian.net".to_owned())
        );
        assert_eq!(
            resolve_lookup(&sites(), "nope", "AB-1").unwrap_err(),
            LookupProblem::NoSite
        );
        assert_eq!(
            resolve_lookup(&sites(), ACME, "  ").unwrap_err(),
            LookupProblem::Empty
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Valid keys: a letter, 1–9 more letters, digits or underscores, a dash, a number.
    fn valid_key() -> impl Strategy<Value = String> {
        ("[A-Z][A-Z0-9_]{1,9}", 1u64..=999_999_999)
            .prop_map(|(project, n)| format!("{project}-{n}"))
    }

    proptest! {
        #[test]
        fn any_input_parses_or_is_refused_without_panicking(input in ".{0,80}") {
            if let Some(reference) = IssueReference::parse(&input) {
                let key = reference.key.as_str();
                prop_assert_eq!(IssueKey::parse(key), Some(reference.key.clone()), "a parsed key parses again");
                prop_assert!(key.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-'));
            }
        }

        #[test]
        fn valid_keys_parse_in_any_case_and_padding(
            key in valid_key(),
            lower in any::<bool>(),
            left in "[ \t]{0,3}",
            right in "[ \t\n]{0,3}",
        ) {
            let typed = if lower { key.to_ascii_lowercase() } else { key.clone() };
            let parsed = IssueKey::parse(&format!("{left}{typed}{right}"));
            prop_assert_eq!(parsed.map(|k| k.to_string()), Some(key));
        }

        #[test]
        fn browse_urls_give_their_host_and_key(
            key in valid_key(),
            host in "[a-z][a-z0-9-]{0,20}\\.atlassian\\.net",
            comment in proptest::option::of(1u32..100_000),
        ) {
            let query = comment.map(|c| format!("?focusedCommentId={c}")).unwrap_or_default();
            let reference = IssueReference::parse(&format!("https://{host}/browse/{key}{query}"));
            prop_assert_eq!(reference, Some(IssueReference {
                key: IssueKey::parse(&key).unwrap(),
                host: Some(host),
            }));
        }
    }
}
