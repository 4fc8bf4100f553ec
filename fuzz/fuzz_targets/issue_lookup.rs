//! Any text in the lookup box, with any site choice: parsing never panics, and a key it accepts
//! is one the server accepts too.
#![no_main]

use app::{
    issue_key::{resolve_lookup, IssueKey, IssueReference},
    models::Site,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (site, text) = input;
    let sites = [Site {
        cloud_id: "11111111-2222-4333-8444-555555555555".parse().unwrap(),
        name: "acme".to_owned(),
        url: "https://acme.atlassian.net".to_owned(),
        avatar_url: None,
        scopes: vec!["read:jira-work".to_owned()],
    }];
    if let Some(reference) = IssueReference::parse(text) {
        assert_eq!(IssueKey::parse(reference.key.as_str()), Some(reference.key));
    }
    if let Ok((chosen, key)) = resolve_lookup(&sites, site, text) {
        assert!(IssueKey::parse(key.as_str()).is_some());
        if let Some(chosen) = chosen {
            assert_eq!(chosen, sites[0].cloud_id);
        }
    }
});
