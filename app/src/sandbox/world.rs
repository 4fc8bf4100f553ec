//! The sandbox's Jira content: projects, sixty issues with every field the viewer shows, and
//! their comments, generated deterministically when the sandbox starts (dates relative to then).
//! Texts mix scripts (Latin, CJK, Arabic, Hebrew, emoji) and carry hostile strings on purpose;
//! the XSS project on the hostile site has one issue per payload of [`super::payloads`].

use super::{
    data::{self, ACME, ALICE, BOB, DANA, GLOBEX, HOSTILE, INITECH, MALLORY},
    documents, payloads,
};
use serde_json::Value;
use uuid::Uuid;

/// A Jira project on a site.
pub struct Project {
    pub site: Uuid,
    pub key: &'static str,
    pub name: &'static str,
    pub id: u32,
    pub members: &'static [&'static str],
    pub components: &'static [&'static str],
    pub versions: &'static [&'static str],
    pub summaries: &'static [&'static str],
}

/// A workflow status with its category.
#[derive(Clone, Copy)]
pub struct Status {
    pub id: &'static str,
    pub name: &'static str,
    pub category_id: u8,
    pub category_key: &'static str,
    pub category_name: &'static str,
    pub category_color: &'static str,
}

pub const TO_DO: Status = Status {
    id: "10000",
    name: "To Do",
    category_id: 2,
    category_key: "new",
    category_name: "To Do",
    category_color: "blue-gray",
};
pub const IN_PROGRESS: Status = Status {
    id: "3",
    name: "In Progress",
    category_id: 4,
    category_key: "indeterminate",
    category_name: "In Progress",
    category_color: "yellow",
};
pub const IN_REVIEW: Status = Status {
    id: "10002",
    name: "In Review",
    category_id: 4,
    category_key: "indeterminate",
    category_name: "In Progress",
    category_color: "yellow",
};
pub const DONE: Status = Status {
    id: "10001",
    name: "Done",
    category_id: 3,
    category_key: "done",
    category_name: "Done",
    category_color: "green",
};

pub use super::attachments::Attachment;

/// A comment with an ADF body.
pub struct Comment {
    pub id: u32,
    pub author: &'static str,
    pub body: Value,
    pub created: u64,
}

/// A link to another issue.
pub struct Link {
    pub id: u32,
    pub kind: &'static str,
    pub outward: bool,
    pub target: usize,
}

/// One issue.
pub struct Issue {
    pub id: u32,
    pub project: usize,
    pub key: String,
    pub summary: String,
    pub issue_type: &'static str,
    pub status: Status,
    pub priority: &'static str,
    pub assignee: Option<&'static str>,
    pub reporter: &'static str,
    pub labels: Vec<String>,
    pub components: Vec<&'static str>,
    pub fix_versions: Vec<&'static str>,
    pub parent: Option<usize>,
    pub links: Vec<Link>,
    pub attachments: Vec<Attachment>,
    pub description: Value,
    pub comments: Vec<Comment>,
    pub created: u64,
    pub updated: u64,
    pub resolved: Option<u64>,
}

pub const PROJECTS: &[Project] = &[
    Project {
        site: ACME,
        key: "ACME",
        name: "Acme Storefront",
        id: 10000,
        members: &[ALICE, BOB, DANA],
        components: &["Checkout", "Catalogue", "Payments"],
        versions: &["2026.11", "2026.12"],
        summaries: &[
            "Checkout page times out for carts over 100 items",
            "Add dark mode to the customer portal",
            "Upgrade the payment SDK to v5",
            "Search results ignore the selected currency",
            "Gift cards can be applied twice",
            "Product images load slowly on mobile",
            "Show delivery estimates on the product page",
            "Refund e-mails go to the billing contact only",
            "Catalogue import fails on CSV with a BOM",
            "Audit log for price changes",
            "Apple Pay button missing in Safari 18",
            "Rename \"Wishlist\" to \"Saved for later\"",
        ],
    },
    Project {
        site: ACME,
        key: "WEB",
        name: "Acme Website",
        id: 10001,
        members: &[BOB, DANA],
        components: &["Marketing", "Blog"],
        versions: &["Q4 launch"],
        summaries: &[
            "Homepage hero image is blurry on 4K screens",
            "Cookie banner covers the footer links",
            "Blog RSS feed has invalid dates",
            "Translate the pricing page into Japanese — 料金ページ",
            "Contact form sends duplicate e-mails",
            "Lighthouse accessibility score below 90",
            "Broken links after the URL migration",
            "Add Hebrew support — עברית",
            "Newsletter sign-up double opt-in",
            "Careers page shows closed positions",
            "Sitemap misses the blog archive",
            "Favicon missing on 404 page",
        ],
    },
    Project {
        site: GLOBEX,
        key: "GLX",
        name: "Globex Reporting",
        id: 20000,
        members: &[ALICE],
        components: &["Exports", "Dashboards"],
        versions: &["v3.2", "v3.3"],
        summaries: &[
            "Quarterly report export drops non-ASCII names — Zoë, 山田, مريم",
            "Dashboard widgets reorder themselves after refresh",
            "PDF export cuts the last table row",
            "Scheduled reports sent twice on DST change",
            "Chart legend overlaps on narrow screens",
            "Add Arabic number formatting — ١٢٣",
            "Slow query on the revenue dashboard",
            "Export to Excel loses formulas",
            "Filter by region returns stale data",
            "Emoji in report titles break the CSV 🎉",
            "Permissions check missing on shared dashboards",
            "Timezone shown as UTC for every user",
        ],
    },
    Project {
        site: GLOBEX,
        key: "OPS",
        name: "Globex Operations",
        id: 20001,
        members: &[ALICE],
        components: &["Infrastructure"],
        versions: &["2026-H2"],
        summaries: &[
            "Rotate the database credentials",
            "Disk usage alert on the reporting cluster",
            "Upgrade Redis to 7.2",
            "Backups not verified since October",
            "On-call runbook for the export service",
            "Move cron jobs to Cloud Scheduler",
            "TLS certificate expires in 14 days",
            "Reduce log retention to 30 days",
            "Load test the API gateway",
            "Document the disaster-recovery drill",
            "Remove the legacy VPN",
            "Tag every bucket with its owner",
        ],
    },
    Project {
        site: INITECH,
        key: "TPS",
        name: "TPS Reports",
        id: 30000,
        members: &[ALICE, MALLORY],
        components: &["Cover sheets"],
        versions: &["1999"],
        summaries: &[
            "<script>alert('tps')</script> cover sheets missing",
            "Stapler keeps getting moved",
            "<img src=x onerror=alert(1)> in the memo template",
            "javascript:alert(document.cookie) as a link title",
            "&lt;b&gt;Entity tricks&lt;/b&gt; in report names",
            "Printer jams on every Friday",
            "\"><svg onload=alert(1)> in the footer",
            "Move the basement office",
            "Flair requirements are unclear",
            "Fire alarm test schedule",
            "</title><script>alert('title')</script> meeting about the meeting",
            "Budget codes for Q1 — 予算コード",
        ],
    },
    Project {
        site: HOSTILE,
        key: "XSS",
        name: "<svg onload=alert('project')>",
        id: 40000,
        members: &[MALLORY],
        components: &["<img src=x onerror=alert('component')>"],
        versions: &["\"><script>alert('version')</script>"],
        summaries: payloads::PAYLOADS,
    },
];

const TYPES: &[&str] = &["Bug", "Story", "Task", "Bug", "Story", "Task"];
const PRIORITIES: &[&str] = &["Highest", "High", "Medium", "Medium", "Low", "Lowest"];
const STATUSES: &[Status] = &[TO_DO, IN_PROGRESS, IN_REVIEW, DONE, TO_DO, IN_PROGRESS];
const DAY: u64 = 86_400;

/// Links `from` to `to` (outward) and `to` back to `from` (inward), as Jira shows both ends.
fn link(issues: &mut [Issue], id: u32, kind: &'static str, from: usize, to: usize) {
    issues[from].links.push(Link {
        id,
        kind,
        outward: true,
        target: to,
    });
    issues[to].links.push(Link {
        id,
        kind,
        outward: false,
        target: from,
    });
}

/// The most bulk issues a sandbox makes (their ids and dates stay in their ranges).
pub const MAX_BULK_ISSUES: usize = 1_000;

/// The first attachment id of the bulk issues (each has sixteen ids).
const BULK_FIRST_ATTACHMENT: u32 = 60_000;

/// Bulk issue `n`: ACME-{101 + n} on the ACME site, as rich as ACME-1 (its description with
/// every ADF node, nine attachments, twenty-five comments, resolved links) but its own (its
/// files, and words that name it), for load runs that must not be flattered by one page's
/// cache. Only the standalone sandbox makes them, when asked (`--bulk-issues N`).
fn bulk_issue(n: usize, now: u64, first_comment: u32) -> Issue {
    let project = &PROJECTS[0];
    let first_id = BULK_FIRST_ATTACHMENT + n as u32 * 16;
    let summary = format!(
        "{} (bulk issue {n})",
        project.summaries[n % project.summaries.len()]
    );
    let created = now - 30 * DAY - n as u64 * 3_600;
    let comments = (0..25u32)
        .map(|c| {
            let body = match c {
                0 => documents::first_comment_with_link(&summary),
                24 => documents::comment_with_media(&summary),
                _ => documents::comment_body(&summary, c as usize),
            };
            Comment {
                id: first_comment + c,
                author: project.members[(n + c as usize) % project.members.len()],
                body: documents::bulk_variant(body, n, first_id),
                created: created + (u64::from(c) + 1) * 3_600,
            }
        })
        .collect();
    Issue {
        id: 90_000 + n as u32,
        project: 0,
        key: format!("{}-{}", project.key, 101 + n),
        summary,
        issue_type: TYPES[n % TYPES.len()],
        status: STATUSES[n % STATUSES.len()],
        priority: PRIORITIES[n % PRIORITIES.len()],
        assignee: Some(ALICE),
        reporter: BOB,
        labels: vec!["customer-reported".into(), "regression".into()],
        components: vec![project.components[n % project.components.len()]],
        fix_versions: vec![project.versions[n % project.versions.len()]],
        parent: None,
        links: Vec::new(),
        attachments: super::attachments::attachments_for(0, project.key, first_id),
        description: documents::bulk_variant(documents::kitchen_sink(), n, first_id),
        comments,
        created,
        updated: created + DAY,
        resolved: None,
    }
}

/// The generated Jira content of the sandbox.
pub struct World {
    pub issues: Vec<Issue>,
}

impl World {
    /// Builds the content with dates relative to `now` (Unix seconds), and `bulk` more issues
    /// as rich as ACME-1 (see [`bulk_issue`]).
    pub fn generate(now: u64, bulk: usize) -> Self {
        let mut issues = Vec::new();
        let mut next_comment = 20_000;
        for (p, project) in PROJECTS.iter().enumerate() {
            let first = issues.len();
            for (n, summary) in project.summaries.iter().enumerate() {
                let seed = p * 12 + n;
                let status = STATUSES[seed % STATUSES.len()];
                let age_days = 180u64.saturating_sub(seed as u64 * 2).max(1);
                let created = now - age_days * DAY - (seed as u64 * 3_607) % DAY;
                let updated = (created + (seed as u64 % 9 + 1) * DAY).min(now - seed as u64 * 600);
                let members = project.members;
                let assignee = (seed % 4 != 1).then(|| members[seed % members.len()]);
                let reporter = members[(seed + 1) % members.len()];
                let mut comments = Vec::new();
                let comment_count = if seed == 0 { 25 } else { seed % 4 };
                for c in 0..comment_count {
                    next_comment += 1;
                    comments.push(Comment {
                        id: next_comment,
                        author: members[(seed + c) % members.len()],
                        body: if seed == 0 && c + 1 == comment_count {
                            documents::comment_with_media(summary)
                        } else if seed == 0 && c == 0 {
                            documents::first_comment_with_link(summary)
                        } else {
                            documents::comment_body(summary, c)
                        },
                        created: created + (c as u64 + 1) * 3_600,
                    });
                }
                issues.push(Issue {
                    id: project.id + 1 + n as u32,
                    project: p,
                    key: format!("{}-{}", project.key, n + 1),
                    summary: (*summary).to_owned(),
                    issue_type: if n == 10 {
                        "Epic"
                    } else {
                        TYPES[seed % TYPES.len()]
                    },
                    status,
                    priority: PRIORITIES[seed % PRIORITIES.len()],
                    assignee,
                    reporter,
                    labels: match seed % 3 {
                        _ if project.key == "XSS" => vec![(*summary).to_owned()],
                        _ if project.key == "TPS" => {
                            vec!["<svg/onload=alert(1)>".into(), "flair".into()]
                        }
                        0 => vec!["customer-reported".into(), "regression".into()],
                        1 => vec!["tech-debt".into()],
                        _ => Vec::new(),
                    },
                    components: vec![project.components[seed % project.components.len()]],
                    fix_versions: if seed % 2 == 0 {
                        vec![project.versions[seed % project.versions.len()]]
                    } else {
                        Vec::new()
                    },
                    parent: None,
                    links: Vec::new(),
                    attachments: super::attachments::attachments_for(
                        seed,
                        project.key,
                        super::attachments::RICHEST_FIRST_ID + seed as u32 * 16,
                    ),
                    description: documents::description(project.key, n, summary),
                    comments,
                    created,
                    updated,
                    resolved: (status.category_key == "done").then_some(updated),
                });
            }
            // The epic (n = 10) parents the first three stories; issue 12 is a sub-task of 1.
            let epic = first + 10;
            for child in [first + 1, first + 4, first + 7] {
                issues[child].parent = Some(epic);
            }
            issues[first + 11].issue_type = "Sub-task";
            issues[first + 11].parent = Some(first);
            link(
                &mut issues,
                70_000 + first as u32,
                "Blocks",
                first,
                first + 2,
            );
            link(
                &mut issues,
                71_000 + first as u32,
                "Relates",
                first + 3,
                first + 5,
            );
        }
        let bulk = bulk.min(MAX_BULK_ISSUES);
        issues.extend((0..bulk).map(|n| bulk_issue(n, now, 100_000 + n as u32 * 32)));
        Self { issues }
    }

    /// The project an issue belongs to.
    pub fn project(&self, issue: &Issue) -> &'static Project {
        &PROJECTS[issue.project]
    }

    /// An issue on a site by key, case-insensitively, or by numeric id (as Jira does).
    pub fn find(&self, site: Uuid, key_or_id: &str) -> Option<(usize, &Issue)> {
        self.issues.iter().enumerate().find(|(_, issue)| {
            PROJECTS[issue.project].site == site
                && (issue.key.eq_ignore_ascii_case(key_or_id) || issue.id.to_string() == key_or_id)
        })
    }

    /// The attachment `id` of an issue on `site`, with its issue.
    pub fn attachment(&self, site: Uuid, id: &str) -> Option<(&Issue, &Attachment)> {
        self.issues
            .iter()
            .filter(|issue| PROJECTS[issue.project].site == site)
            .flat_map(|issue| issue.attachments.iter().map(move |a| (issue, a)))
            .find(|(_, a)| a.id.to_string() == id)
    }

    /// The attachment whose Media Services file is `file_id`.
    pub fn file(&self, file_id: Uuid) -> Option<&Attachment> {
        self.issues
            .iter()
            .flat_map(|issue| &issue.attachments)
            .find(|a| a.file_id == file_id)
    }

    /// Whether `account_id` may see issues of `site`.
    pub fn can_see(account_id: &str, site: Uuid) -> bool {
        data::user(account_id).is_some_and(|u| u.sites.contains(&site))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media_ids(node: &Value, out: &mut Vec<String>) {
        if node["type"] == "media" || node["type"] == "mediaInline" {
            if let Some(id) = node.pointer("/attrs/id").and_then(Value::as_str) {
                out.push(id.to_owned());
            }
        }
        for child in node["content"].as_array().into_iter().flatten() {
            media_ids(child, out);
        }
    }

    #[test]
    fn bulk_issues_are_as_rich_as_acme_1_and_each_its_own() {
        let plain = World::generate(1_800_000_000, 0);
        let world = World::generate(1_800_000_000, 60);
        assert_eq!(world.issues.len(), plain.issues.len() + 60);
        let bulk: Vec<&Issue> = world.issues[plain.issues.len()..].iter().collect();
        assert_eq!(bulk[0].key, "ACME-101");
        assert_eq!(bulk[59].key, "ACME-160");
        let mut descriptions: Vec<String> =
            bulk.iter().map(|i| i.description.to_string()).collect();
        descriptions.sort();
        descriptions.dedup();
        assert_eq!(descriptions.len(), 60, "no two bulk descriptions alike");
        for issue in &bulk {
            assert_eq!((issue.comments.len(), issue.attachments.len()), (25, 9));
            assert!(world.find(ACME, &issue.key).is_some());
            let mut named = Vec::new();
            media_ids(&issue.description, &mut named);
            for comment in &issue.comments {
                media_ids(&comment.body, &mut named);
            }
            let own: Vec<String> = issue
                .attachments
                .iter()
                .map(|a| a.file_id.to_string())
                .collect();
            let files: Vec<&String> = named.iter().filter(|id| id.len() == 36).collect();
            assert!(files.len() >= 5, "{files:?}");
            assert!(
                files.iter().all(|id| own.contains(id)),
                "{} names only its own files",
                issue.key
            );
        }
    }
}
