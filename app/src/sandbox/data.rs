//! The sandbox's world: people, sites and issues. Its own types, written as Atlassian describes its
//! data; nothing here is shared with the app's client.

/// A person who can consent on the sandbox's screen.
pub struct User {
    pub account_id: &'static str,
    pub name: &'static str,
    pub nickname: &'static str,
    pub email: Option<&'static str>,
    pub zoneinfo: &'static str,
    pub locale: &'static str,
    /// Cloud ids of the sites the person belongs to.
    pub sites: &'static [&'static str],
}

/// An Atlassian site (cloud).
pub struct SiteRecord {
    pub id: &'static str,
    pub name: &'static str,
    pub url: &'static str,
}

/// A workflow status with its category.
#[derive(Clone, Copy)]
pub struct StatusRecord {
    pub id: &'static str,
    pub name: &'static str,
    pub category_id: u8,
    pub category_key: &'static str,
    pub category_name: &'static str,
    pub category_color: &'static str,
}

/// A Jira issue on one site.
pub struct IssueRecord {
    pub id: u32,
    pub site: &'static str,
    pub key: &'static str,
    pub summary: &'static str,
    pub issue_type: &'static str,
    pub status: StatusRecord,
    pub priority: &'static str,
    pub assignee: Option<&'static str>,
    pub reporter: &'static str,
    /// Paragraphs of the description (each becomes an ADF paragraph).
    pub description: &'static [&'static str],
    pub created: &'static str,
    pub updated: &'static str,
}

pub const ACME: &str = "11111111-2222-4333-8444-555555555555";
pub const GLOBEX: &str = "22222222-3333-4444-8555-666666666666";
pub const INITECH: &str = "33333333-4444-4555-8666-777777777777";

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
];

pub const ALICE: &str = "5b10a2844c20165700ede21g";
pub const BOB: &str = "5d53f3cbc6b9320d9ea5bdc2";
pub const CAROL: &str = "712020:0e4b2c8a-5c1f-4f5e-9a51-7d3c2b1a0f9e";
pub const DANA: &str = "63f1a2b3c4d5e6f708192a3b";

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
];

const TO_DO: StatusRecord = StatusRecord {
    id: "10000",
    name: "To Do",
    category_id: 2,
    category_key: "new",
    category_name: "To Do",
    category_color: "blue-gray",
};
const IN_PROGRESS: StatusRecord = StatusRecord {
    id: "3",
    name: "In Progress",
    category_id: 4,
    category_key: "indeterminate",
    category_name: "In Progress",
    category_color: "yellow",
};
const DONE: StatusRecord = StatusRecord {
    id: "10001",
    name: "Done",
    category_id: 3,
    category_key: "done",
    category_name: "Done",
    category_color: "green",
};

pub const ISSUES: &[IssueRecord] = &[
    IssueRecord {
        id: 10001,
        site: ACME,
        key: "ACME-1",
        summary: "Checkout page times out for carts over 100 items",
        issue_type: "Bug",
        status: IN_PROGRESS,
        priority: "High",
        assignee: Some(ALICE),
        reporter: BOB,
        description: &[
            "Customers with very large carts see a gateway timeout after 30 seconds.",
            "Steps: add 101 items, open /checkout, wait.",
        ],
        created: "2026-10-02T09:14:03.512+0000",
        updated: "2026-11-20T16:40:11.004+0000",
    },
    IssueRecord {
        id: 10002,
        site: ACME,
        key: "ACME-2",
        summary: "Add dark mode to the customer portal",
        issue_type: "Story",
        status: TO_DO,
        priority: "Medium",
        assignee: None,
        reporter: ALICE,
        description: &["Follow the operating system's colour scheme by default."],
        created: "2026-10-11T12:00:00.000+0000",
        updated: "2026-11-01T08:30:00.000+0000",
    },
    IssueRecord {
        id: 10003,
        site: ACME,
        key: "ACME-3",
        summary: "Upgrade the payment SDK to v5",
        issue_type: "Task",
        status: DONE,
        priority: "Low",
        assignee: Some(BOB),
        reporter: ALICE,
        description: &[],
        created: "2026-09-20T10:00:00.000+0000",
        updated: "2026-10-05T17:45:00.000+0000",
    },
    IssueRecord {
        id: 20001,
        site: GLOBEX,
        key: "GLX-7",
        summary: "Quarterly report export drops non-ASCII names — Zoë, 山田, مريم",
        issue_type: "Bug",
        status: TO_DO,
        priority: "Highest",
        assignee: Some(ALICE),
        reporter: ALICE,
        description: &["The CSV export replaces every non-ASCII character with a question mark."],
        created: "2026-11-03T07:21:00.000+0000",
        updated: "2026-11-25T11:02:00.000+0000",
    },
    IssueRecord {
        id: 30001,
        site: INITECH,
        key: "TPS-42",
        summary: "<script>alert('tps')</script> cover sheets missing",
        issue_type: "Task",
        status: IN_PROGRESS,
        priority: "Medium",
        assignee: Some(ALICE),
        reporter: ALICE,
        description: &["<img src=x onerror=alert(1)> is text, not markup."],
        created: "2026-08-01T09:00:00.000+0000",
        updated: "2026-11-26T09:00:00.000+0000",
    },
];

/// Looks a person up by account id.
pub fn user(account_id: &str) -> Option<&'static User> {
    USERS.iter().find(|u| u.account_id == account_id)
}

/// Looks a site up by cloud id.
pub fn site(id: &str) -> Option<&'static SiteRecord> {
    SITES.iter().find(|s| s.id == id)
}

/// Looks an issue up on a site by key, case-insensitively (as Jira does).
pub fn issue(site: &str, key: &str) -> Option<&'static IssueRecord> {
    ISSUES
        .iter()
        .find(|i| i.site == site && i.key.eq_ignore_ascii_case(key))
}
