//! The sandbox's people and sites. Its own types, written as Atlassian describes its
//! data; nothing here is shared with the app's client.

use uuid::{uuid, Uuid};

/// A person who can consent on the sandbox's screen.
pub struct User {
    pub account_id: &'static str,
    pub name: &'static str,
    pub nickname: &'static str,
    pub email: Option<&'static str>,
    pub zoneinfo: &'static str,
    pub locale: &'static str,
    /// Cloud ids of the sites the person belongs to.
    pub sites: &'static [Uuid],
}

/// An Atlassian site (cloud).
pub struct SiteRecord {
    /// The cloud id: a UUID, as Atlassian's are.
    pub id: Uuid,
    pub name: &'static str,
    pub url: &'static str,
}

pub const ACME: Uuid = uuid!("11111111-2222-4333-8444-555555555555");
pub const GLOBEX: Uuid = uuid!("22222222-3333-4444-8555-666666666666");
pub const INITECH: Uuid = uuid!("33333333-4444-4555-8666-777777777777");
pub const HOSTILE: Uuid = uuid!("44444444-5555-4666-8777-888888888888");

pub const SITES: &[SiteRecord] = &[
    SiteRecord {
        id: ACME,
        name: "acme",
        url: "https://acme.atlassian.net",
    },
    SiteRecord {
        id: GLOBEX,
        name: "globex",
        url: "https://globex.atlassian.net",
    },
    SiteRecord {
        id: INITECH,
        name: "initech",
        url: "https://initech.atlassian.net",
    },
    SiteRecord {
        id: HOSTILE,
        name: "<img src=x onerror=alert('site')>",
        url: "javascript:alert('site-url')",
    },
];

pub const ALICE: &str = "5b10a2844c20165700ede21g";
pub const BOB: &str = "5d53f3cbc6b9320d9ea5bdc2";
pub const CAROL: &str = "712020:0e4b2c8a-5c1f-4f5e-9a51-7d3c2b1a0f9e";
pub const DANA: &str = "63f1a2b3c4d5e6f708192a3b";
pub const MALLORY: &str = "70121:8f2d1c3b-hostile";
pub const EMIL: &str = "64a1b2c3d4e5f60718293a4b";
pub const LAYLA: &str = "65b2c3d4e5f6071829304a5c";

pub const USERS: &[User] = &[
    User {
        account_id: ALICE,
        name: "Alice Adams",
        nickname: "alice",
        email: Some("alice@example.com"),
        zoneinfo: "Europe/Berlin",
        locale: "en-GB",
        sites: &[ACME, GLOBEX, INITECH],
    },
    User {
        account_id: BOB,
        name: "Bob Brown",
        nickname: "bob",
        email: None,
        zoneinfo: "America/New_York",
        locale: "en-US",
        sites: &[ACME],
    },
    User {
        account_id: CAROL,
        name: "Carol Chen",
        nickname: "carol",
        email: Some("carol@example.com"),
        zoneinfo: "Asia/Tokyo",
        locale: "ja-JP",
        sites: &[],
    },
    User {
        account_id: DANA,
        name: "Dana Díaz",
        nickname: "dana",
        email: Some("dana@example.com"),
        zoneinfo: "America/Mexico_City",
        locale: "es-MX",
        sites: &[ACME],
    },
    User {
        account_id: EMIL,
        name: "Emil Weber",
        nickname: "emil",
        email: Some("emil@example.com"),
        zoneinfo: "Europe/Berlin",
        locale: "de-DE",
        sites: &[ACME],
    },
    User {
        account_id: LAYLA,
        name: "Layla Haddad",
        nickname: "layla",
        email: Some("layla@example.com"),
        zoneinfo: "Asia/Riyadh",
        locale: "ar-SA",
        sites: &[ACME],
    },
    User {
        account_id: MALLORY,
        name: "Mallory <img src=x onerror=alert('name')>",
        nickname: "mallory",
        email: Some("mallory+<script>@example.com"),
        zoneinfo: "Asia/Jerusalem",
        locale: "he-IL",
        sites: &[INITECH, HOSTILE],
    },
];

/// Looks a person up by account id.
pub fn user(account_id: &str) -> Option<&'static User> {
    USERS.iter().find(|u| u.account_id == account_id)
}

/// Looks a site up by cloud id.
pub fn site(id: Uuid) -> Option<&'static SiteRecord> {
    SITES.iter().find(|s| s.id == id)
}
