//! The issue viewer's data: one issue on one of the person's sites.

use crate::{error::AppError, models::IssueView};
use leptos::prelude::*;

/// Reads issue `key` from site `cloud_id`; the site must be one the person granted.
#[server(endpoint = "issue")]
pub async fn get_issue(cloud_id: String, key: String) -> Result<IssueView, AppError> {
    use super::connection::Connection;
    use crate::issue_key::IssueKey;

    let connection = Connection::current().await?;
    let key = IssueKey::parse(&key).ok_or(AppError::InvalidIssueKey(key))?;
    let site = connection
        .sites()
        .await?
        .into_iter()
        .find(|site| site.cloud_id == cloud_id)
        .ok_or(AppError::SiteNotGranted)?;
    let atlassian = &connection.state.atlassian;
    let (cloud_id, key_text) = (site.cloud_id.as_str(), key.as_str());
    let issue = connection
        .call(|token| async move { atlassian.issue(&token, cloud_id, key_text).await })
        .await
        .map_err(|error| match error {
            AppError::PageNotFound => AppError::IssueNotFound(key.to_string()),
            other => other,
        })?;
    Ok(ssr::issue_view(issue, site))
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::{
        atlassian::models::{Issue, User},
        models::{IssueView, Person, Site, StatusCategory},
    };
    use serde_json::Value;

    fn person(user: User) -> Person {
        Person {
            name: user
                .display_name
                .unwrap_or_else(|| "Unknown user".to_owned()),
            avatar_url: user.avatar_urls.and_then(|mut urls| urls.remove("48x48")),
        }
    }

    /// The text of each top-level block of an ADF document, in order.
    pub fn plain_paragraphs(document: &Value) -> Vec<String> {
        fn collect(node: &Value, out: &mut String) {
            if let Some(text) = node.get("text").and_then(Value::as_str) {
                out.push_str(text);
            }
            if node.get("type").and_then(Value::as_str) == Some("hardBreak") {
                out.push('\n');
            }
            for child in node
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(child, out);
            }
        }
        document
            .get("content")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|block| {
                let mut text = String::new();
                collect(block, &mut text);
                text
            })
            .filter(|text| !text.trim().is_empty())
            .collect()
    }

    /// Maps Jira's issue to what the page shows.
    pub fn issue_view(issue: Issue, site: Site) -> IssueView {
        let fields = issue.fields;
        let (status, status_category) =
            fields
                .status
                .map_or(("Unknown".to_owned(), StatusCategory::Other), |s| {
                    let category = s
                        .status_category
                        .map_or(StatusCategory::Other, |c| StatusCategory::from_key(&c.key));
                    (s.name, category)
                });
        let browse_url = format!("{}/browse/{}", site.url.trim_end_matches('/'), issue.key);
        IssueView {
            key: issue.key,
            summary: fields.summary.unwrap_or_default(),
            status,
            status_category,
            issue_type: fields.issuetype.map(|t| t.name),
            priority: fields.priority.map(|p| p.name),
            assignee: fields.assignee.map(person),
            reporter: fields.reporter.map(person),
            description: fields
                .description
                .as_ref()
                .map(plain_paragraphs)
                .unwrap_or_default(),
            site,
            browse_url,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        #[test]
        fn plain_paragraphs_keep_all_text() {
            let doc = json!({"version":1,"type":"doc","content":[
                {"type":"paragraph","content":[{"type":"text","text":"Hello "},{"type":"text","text":"world","marks":[{"type":"strong"}]}]},
                {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"item"}]}]}]},
                {"type":"paragraph","content":[]}
            ]});
            assert_eq!(plain_paragraphs(&doc), ["Hello world", "item"]);
            assert!(plain_paragraphs(&json!("not a doc")).is_empty());
        }
    }
}
