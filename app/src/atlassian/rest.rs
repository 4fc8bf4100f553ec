//! Reads from Atlassian's API gateway with a bearer token: identity, accessible sites, Jira issues.

use super::{
    endpoint,
    models::{
        AccessibleResource, Attachment, CommentPage, Issue, IssueRef, IssueRefFields, Me,
        PickerSuggestions, SearchPage,
    },
    quota::{self, Refusal},
    read_body, AtlassianClient, UpstreamError, DOWNLOAD_TIMEOUT, MEDIA_HOST,
};
use crate::clock::now;
use futures::TryFutureExt;
use reqwest::{header, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;
use uuid::Uuid;

/// The dashboard's list: what is assigned to the person and not done, latest first.
const ASSIGNED_TO_ME: &str =
    "assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC";

/// Fields the issue page shows; asking for them alone keeps the response small. `comment`
/// embeds the comments, so the page's first page of them needs no call of its own.
const ISSUE_FIELDS: &str =
    "summary,status,issuetype,priority,assignee,reporter,description,labels,\
components,fixVersions,parent,subtasks,issuelinks,attachment,created,updated,resolutiondate,comment";

/// Fields a search result row shows.
const SEARCH_FIELDS: [&str; 5] = ["summary", "status", "issuetype", "assignee", "updated"];

/// Seconds to wait when a 429 carries no usable `Retry-After`.
const DEFAULT_RETRY_AFTER: u64 = 10;
/// A burst refusal (too many calls a second) with a wait this short is waited out and the call
/// sent once more: the person is waiting for the page anyway.
const MAX_BURST_WAIT_SECS: u64 = 2;

impl AtlassianClient {
    /// `GET /me`: the signed-in person.
    pub async fn me(&self, access_token: &str) -> Result<Me, UpstreamError> {
        self.get_json(endpoint(&self.inner.api_url, ["me"]), access_token)
            .await
    }

    /// `GET /oauth/token/accessible-resources`: every site the grant covers, in no given order.
    pub async fn accessible_resources(
        &self,
        access_token: &str,
    ) -> Result<Vec<AccessibleResource>, UpstreamError> {
        let url = endpoint(
            &self.inner.api_url,
            ["oauth", "token", "accessible-resources"],
        );
        self.get_json(url, access_token).await
    }

    /// `GET /ex/jira/{cloud_id}/rest/api/3/issue/{key}` with the fields the viewer shows (an
    /// answer read before is not parsed again: [`super::answers`]).
    pub async fn issue(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        key: &str,
    ) -> Result<Issue, UpstreamError> {
        let mut url = self.jira(cloud_id, &["issue", key]);
        url.query_pairs_mut().append_pair("fields", ISSUE_FIELDS);
        let issues = &self.inner.issues;
        self.read_answer(url, access_token, None, |body| issues.read(body))
            .await
    }

    /// The person's open issues on a site, most recently updated first, through enhanced search
    /// (`GET /rest/api/3/search/jql`), `max_results` at a time from `next_page_token`.
    pub async fn assigned_to_me(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        next_page_token: Option<&str>,
        max_results: u32,
    ) -> Result<SearchPage, UpstreamError> {
        let mut url = self.jira(cloud_id, &["search", "jql"]);
        url.query_pairs_mut()
            .append_pair("jql", ASSIGNED_TO_ME)
            .append_pair("fields", "summary,status,issuetype,priority,updated")
            .append_pair("maxResults", &max_results.to_string());
        if let Some(token) = next_page_token {
            url.query_pairs_mut().append_pair("nextPageToken", token);
        }
        self.get_json(url, access_token).await
    }

    /// One page of the issues `jql` finds on a site (enhanced search, `POST /search/jql`: a
    /// person's JQL can be longer than a URL should be), with what a result row shows,
    /// `max_results` at a time from `next_page_token`. Jira's 400 for a query it cannot run
    /// carries its messages.
    pub async fn search(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        jql: &str,
        next_page_token: Option<&str>,
        max_results: u32,
    ) -> Result<SearchPage, UpstreamError> {
        let url = self.jira(cloud_id, &["search", "jql"]);
        let mut body = serde_json::json!({
            "jql": jql,
            "fields": SEARCH_FIELDS,
            "maxResults": max_results,
        });
        if let Some(token) = next_page_token {
            body["nextPageToken"] = token.into();
        }
        self.read_json(url, access_token, Some(&body)).await
    }

    /// Jira's issue picker (`GET /issue/picker`): issues the person viewed and issues whose key
    /// or summary words start with the words of `query`, most recently updated first.
    pub async fn picker(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        query: &str,
    ) -> Result<PickerSuggestions, UpstreamError> {
        let mut url = self.jira(cloud_id, &["issue", "picker"]);
        url.query_pairs_mut()
            .append_pair("query", query)
            .append_pair("currentJQL", "order by updated DESC")
            .append_pair("showSubTasks", "true")
            .append_pair("showSubTaskParent", "true");
        self.get_json(url, access_token).await
    }

    /// The issues `keys` on one site that the token holder can see (summary and status), for
    /// links on a page: those asked for in the last few minutes from memory, the rest in one
    /// enhanced search. Jira refuses the whole search (400) when one key does not exist or is
    /// not visible; then the first `one_by_one` of them are asked for alone.
    pub async fn linked_issues(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        keys: &[String],
        one_by_one: usize,
    ) -> Result<Vec<IssueRef>, UpstreamError> {
        use std::hash::BuildHasher;
        let holder = self.inner.token_hasher.hash_one(access_token);
        let cache = &self.inner.linked_issues;
        let slot = |key: &String| (holder, cloud_id, key.to_ascii_uppercase());
        let missing: Vec<String> = keys
            .iter()
            .filter(|key| !cache.contains_key(&slot(key)))
            .cloned()
            .collect();
        if !missing.is_empty() {
            match self.issues_by_keys(access_token, cloud_id, &missing).await {
                Ok(page) => {
                    for key in &missing {
                        let found = page
                            .issues
                            .iter()
                            .find(|issue| issue.key.eq_ignore_ascii_case(key))
                            .map(|issue| IssueRef {
                                key: issue.key.clone(),
                                fields: Some(IssueRefFields {
                                    summary: issue.fields.summary.clone(),
                                    status: issue.fields.status.clone(),
                                }),
                            });
                        cache.insert(slot(key), found);
                    }
                }
                Err(UpstreamError::BadRequest(_)) => {
                    for key in missing.iter().take(one_by_one) {
                        match self.issue_ref(access_token, cloud_id, key).await {
                            Ok(issue) => cache.insert(slot(key), Some(issue)),
                            Err(UpstreamError::NotFound | UpstreamError::Forbidden) => {
                                cache.insert(slot(key), None);
                            }
                            Err(UpstreamError::Failed(_) | UpstreamError::BadRequest(_)) => {}
                            Err(other) => return Err(other),
                        }
                    }
                }
                Err(other) => return Err(other),
            }
        }
        Ok(keys
            .iter()
            .filter_map(|key| cache.get(&slot(key)).flatten())
            .collect())
    }

    /// Which of `keys` on one site Jira said are not there for the token holder (deleted, moved
    /// or hidden), from what [`Self::linked_issues`] last heard; a key it could not ask about
    /// is not among them.
    pub fn known_gone(&self, access_token: &str, cloud_id: Uuid, keys: &[String]) -> Vec<String> {
        use std::hash::BuildHasher;
        let holder = self.inner.token_hasher.hash_one(access_token);
        keys.iter()
            .filter(|key| {
                matches!(
                    self.inner
                        .linked_issues
                        .get(&(holder, cloud_id, key.to_ascii_uppercase())),
                    Some(None)
                )
            })
            .cloned()
            .collect()
    }

    /// The issues `keys` on one site (summary and status), in one enhanced search.
    async fn issues_by_keys(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        keys: &[String],
    ) -> Result<SearchPage, UpstreamError> {
        let mut url = self.jira(cloud_id, &["search", "jql"]);
        url.query_pairs_mut()
            .append_pair("jql", &format!("key in ({})", keys.join(", ")))
            .append_pair("fields", "summary,status")
            .append_pair("maxResults", &keys.len().to_string());
        self.get_json(url, access_token).await
    }

    /// `GET /ex/jira/{cloud_id}/rest/api/3/issue/{key}?fields=summary`: whether the issue is there
    /// (and visible), cheaply.
    pub async fn issue_ref(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        key: &str,
    ) -> Result<IssueRef, UpstreamError> {
        let mut url = self.jira(cloud_id, &["issue", key]);
        url.query_pairs_mut()
            .append_pair("fields", "summary,status");
        self.get_json(url, access_token).await
    }

    /// `GET /ex/jira/{cloud_id}/rest/api/3/issue/{key}/comment`, one page in the given order.
    pub async fn comments(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        key: &str,
        start_at: u64,
        max_results: u64,
        newest_first: bool,
    ) -> Result<CommentPage, UpstreamError> {
        let mut url = self.jira(cloud_id, &["issue", key, "comment"]);
        url.query_pairs_mut()
            .append_pair("startAt", &start_at.to_string())
            .append_pair("maxResults", &max_results.to_string())
            .append_pair("orderBy", if newest_first { "-created" } else { "created" });
        self.get_json(url, access_token).await
    }

    /// `GET /ex/jira/{cloud_id}/rest/api/3/attachment/{id}`: an attachment's metadata (Jira
    /// answers 404 unless the person can see its issue).
    pub async fn attachment(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        id: u64,
    ) -> Result<Attachment, UpstreamError> {
        let url = self.jira(cloud_id, &["attachment", &id.to_string()]);
        self.get_json(url, access_token).await
    }

    /// An attachment's bytes (`thumbnail`: its preview), as an answer whose body is still to
    /// be read, `range` passed on. Jira redirects to the media host; that redirect is followed
    /// only to Atlassian's media host (or the gateway's own origin, where the sandbox serves
    /// it), and without the bearer token, which the media URL replaces with its own.
    pub async fn attachment_bytes(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        id: u64,
        thumbnail: bool,
        range: Option<&header::HeaderValue>,
    ) -> Result<reqwest::Response, UpstreamError> {
        let id = id.to_string();
        let path = if thumbnail {
            ["attachment", "thumbnail", id.as_str()]
        } else {
            ["attachment", "content", id.as_str()]
        };
        let http = &self.inner.http;
        let with_range = |request: reqwest::RequestBuilder| match range {
            Some(range) => request.header(header::RANGE, range.clone()),
            None => request,
        };
        let send = with_range(
            http.get(self.jira(cloud_id, &path))
                .bearer_auth(access_token)
                .timeout(DOWNLOAD_TIMEOUT),
        )
        .send()
        .map_err(|error| UpstreamError::from(error.without_url()));
        let (answer, _) = self.under_quota(cloud_id, send).await?;
        let answer = if answer.status().is_redirection() {
            let location = answer
                .headers()
                .get(header::LOCATION)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| answer.url().join(value).ok())
                .ok_or_else(|| UpstreamError::Failed("a redirect without a location".into()))?;
            if !self.is_media_host(&location) {
                tracing::warn!(
                    host = location.host_str().unwrap_or_default(),
                    "an attachment redirect to a host that is not Atlassian's; not followed"
                );
                return Err(UpstreamError::Failed("a redirect to another host".into()));
            }
            with_range(http.get(location).timeout(DOWNLOAD_TIMEOUT))
                .send()
                .await
                .map_err(|error| UpstreamError::from(error.without_url()))?
        } else {
            answer
        };
        if answer.status().is_success() {
            Ok(answer)
        } else {
            Err(status_error(answer.status(), answer.headers()))
        }
    }

    /// The Media Services file id of attachment `id` (what ADF `media` nodes name): the REST API
    /// has no field for it, but Jira's redirect of the attachment's content names it
    /// (`…/file/{uuid}/binary`). Kept once known, and so is "none" (Jira answered without a
    /// redirect, or 404).
    pub async fn attachment_file_id(
        &self,
        access_token: &str,
        cloud_id: Uuid,
        id: u64,
    ) -> Result<Option<Uuid>, UpstreamError> {
        if let Some(known) = self.inner.media_ids.get(&(cloud_id, id)) {
            return Ok(known);
        }
        let url = self.jira(cloud_id, &["attachment", "content", &id.to_string()]);
        let send = self
            .inner
            .http
            .get(url)
            .bearer_auth(access_token)
            .send()
            .map_err(|error| UpstreamError::from(error.without_url()));
        let (answer, _) = self.under_quota(cloud_id, send).await?;
        let none = || {
            self.inner.media_ids.insert((cloud_id, id), None);
            Ok(None)
        };
        match answer.status() {
            status if status.is_redirection() => {}
            status if status.is_success() => return none(),
            StatusCode::UNAUTHORIZED => return Err(UpstreamError::Unauthorized),
            StatusCode::NOT_FOUND => return none(),
            StatusCode::TOO_MANY_REQUESTS => {
                return Err(UpstreamError::RateLimited(retry_after(answer.headers())))
            }
            status => return Err(UpstreamError::Failed(format!("answered {status}"))),
        }
        let file_id = answer
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| answer.url().join(value).ok())
            .and_then(|location| {
                let segments: Vec<String> = location.path_segments()?.map(str::to_owned).collect();
                let at = segments.iter().position(|segment| segment == "file")?;
                segments.get(at + 1)?.parse::<Uuid>().ok()
            });
        self.inner.media_ids.insert((cloud_id, id), file_id);
        Ok(file_id)
    }

    /// Whether `url` is Atlassian's media host over https, or the API gateway's own origin.
    fn is_media_host(&self, url: &Url) -> bool {
        let api = &self.inner.api_url;
        (url.scheme() == "https" && url.host_str() == Some(MEDIA_HOST) && url.port().is_none())
            || url.origin() == api.origin()
    }

    /// `{api}/ex/jira/{cloud_id}/rest/api/3/{path…}`: Jira's REST API on one site, through the
    /// gateway.
    fn jira(&self, cloud_id: Uuid, path: &[&str]) -> Url {
        let cloud_id = cloud_id.to_string();
        let prefix = ["ex", "jira", cloud_id.as_str(), "rest", "api", "3"];
        endpoint(&self.inner.api_url, prefix.iter().chain(path).copied())
    }

    /// Whether a call to `cloud_id` may go out: not while the app's quota there is spent, as
    /// this instance heard or (asked at most once a second) another said.
    async fn admit(&self, cloud_id: Uuid) -> Result<(), UpstreamError> {
        let quotas = &self.inner.quotas;
        let shared = self.inner.shared_spent.get();
        if let Some(shared) = shared {
            if quotas.shared_check_due(cloud_id, now()) {
                if let Ok(until) = shared.spent_until(cloud_id).await {
                    quotas.learn(cloud_id, until, now());
                }
            }
        }
        let admission = quotas
            .admit(cloud_id, now())
            .map_err(|until| UpstreamError::QuotaSpent { cloud_id, until })?;
        if let (quota::Admission::Probe, Some(shared)) = (admission, shared) {
            if !shared.claim_probe(cloud_id).await {
                quotas.probe_elsewhere(cloud_id);
                let until = now().saturating_add(quota::PROBE_AFTER_SECS);
                return Err(UpstreamError::QuotaSpent { cloud_id, until });
            }
        }
        Ok(())
    }

    /// Takes in what an answer from `cloud_id` says of the quota, telling the other instances
    /// when it is spent or back; why it was refused, if it was.
    async fn heard(&self, cloud_id: Uuid, answer: &reqwest::Response) -> Option<Refusal> {
        let reading = quota::read(answer.status(), answer.headers(), now());
        let change = self.inner.quotas.record(cloud_id, &reading, now());
        if let (Some(change), Some(shared)) = (change, self.inner.shared_spent.get()) {
            let until = match change {
                quota::Change::Spent(until) => Some(until),
                quota::Change::Back => None,
            };
            shared.tell(cloud_id, until).await;
        }
        reading.refusal
    }

    /// Sends a call to Jira on `cloud_id` under the app's quota there: not at all while it is
    /// spent, and a quota refusal is `QuotaSpent` (a benchmark's baseline just sends it). The
    /// answer, and the wait a burst refusal asks for, if it was one.
    async fn under_quota(
        &self,
        cloud_id: Uuid,
        send: impl std::future::Future<Output = Result<reqwest::Response, UpstreamError>>,
    ) -> Result<(reqwest::Response, Option<u64>), UpstreamError> {
        if !self.inner.respect_limits {
            return Ok((send.await?, None));
        }
        self.admit(cloud_id).await?;
        let answer = send.await?;
        match self.heard(cloud_id, &answer).await {
            Some(Refusal::Quota { wait_secs }) => Err(UpstreamError::QuotaSpent {
                cloud_id,
                until: now().saturating_add(wait_secs),
            }),
            Some(Refusal::Burst { wait_secs }) => Ok((answer, Some(wait_secs))),
            None => Ok((answer, None)),
        }
    }

    /// GETs JSON ([`Self::read_json`]).
    async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
        access_token: &str,
    ) -> Result<T, UpstreamError> {
        self.read_json(url, access_token, None).await
    }

    /// Reads JSON: a GET, or a POST of `body` for a read whose question is too long for a URL
    /// (enhanced search), parsed by [`parse_json`] ([`Self::read_answer`]).
    async fn read_json<T: DeserializeOwned>(
        &self,
        url: Url,
        access_token: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, UpstreamError> {
        self.read_answer(url, access_token, body, parse_json::<T>)
            .await
    }

    /// Reads an answer, parsed by `parse`: a GET, or a POST of `body`. A call to a Jira site
    /// goes under its quota ([`Self::under_quota`]), and a burst refusal with a short wait is
    /// waited out and sent once more.
    async fn read_answer<T>(
        &self,
        url: Url,
        access_token: &str,
        body: Option<&serde_json::Value>,
        parse: impl Fn(&[u8]) -> serde_json::Result<T>,
    ) -> Result<T, UpstreamError> {
        let Some(site) = jira_site(&url) else {
            return Self::json_of(self.send_read(&url, access_token, body).await?, parse).await;
        };
        let mut waited = false;
        loop {
            let send = self.send_read(&url, access_token, body);
            match self.under_quota(site, send).await? {
                (_, Some(wait_secs)) if wait_secs <= MAX_BURST_WAIT_SECS && !waited => {
                    waited = true;
                    tracing::info!(
                        wait_secs,
                        "Jira's burst limit; waiting and asking once more"
                    );
                    tokio::time::sleep(std::time::Duration::from_secs(wait_secs)).await;
                }
                (response, _) => return Self::json_of(response, parse).await,
            }
        }
    }

    /// Sends a read: a GET, or a POST of `body`. A pooled keep-alive connection can be closed
    /// by the other end just as it is reused ("connection closed before message completed", a
    /// reset). These are reads: safe to send once more, on a fresh connection. Timeouts and
    /// refused connections are not retried.
    async fn send_read(
        &self,
        url: &Url,
        access_token: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<reqwest::Response, UpstreamError> {
        let mut retried = false;
        loop {
            let request = match body {
                Some(body) => self.inner.http.post(url.clone()).json(body),
                None => self.inner.http.get(url.clone()),
            };
            let sent = request
                .bearer_auth(access_token)
                .header(header::ACCEPT, "application/json")
                .send()
                .await;
            match sent {
                Ok(response) => return Ok(response),
                Err(error) => {
                    let error = error.without_url();
                    let reusable = !error.is_timeout() && !error.is_connect();
                    tracing::warn!(error = %causes(&error), retried, "Jira request failed");
                    if reusable && !retried {
                        retried = true;
                        continue;
                    }
                    return Err(error.into());
                }
            }
        }
    }

    /// A successful answer as `parse` reads it, or what its status means.
    async fn json_of<T>(
        response: reqwest::Response,
        parse: impl Fn(&[u8]) -> serde_json::Result<T>,
    ) -> Result<T, UpstreamError> {
        match response.status() {
            status if status.is_success() => {
                let body = read_body(response).await?;
                parse(&body).map_err(|e| UpstreamError::Failed(format!("response body: {e}")))
            }
            StatusCode::UNAUTHORIZED => {
                let body = read_body(response).await.unwrap_or_default();
                if String::from_utf8_lossy(&body).contains("scope does not match") {
                    Err(UpstreamError::ScopeMismatch)
                } else {
                    Err(UpstreamError::Unauthorized)
                }
            }
            StatusCode::BAD_REQUEST => {
                let body = read_body(response).await.unwrap_or_default();
                Err(UpstreamError::BadRequest(error_messages(&body)))
            }
            status => Err(status_error(status, response.headers())),
        }
    }
}

/// An answer's JSON. Its UTF-8 is checked once, up front, rather than string by string as
/// `serde_json::from_slice` does (7 % of the instructions reading a rich issue);
/// a body that is not UTF-8 goes through `from_slice` for an error that says where.
pub(super) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// The most of Jira's error messages kept from one answer, and the most characters of each.
const MAX_ERROR_MESSAGES: usize = 5;
const MAX_ERROR_CHARS: usize = 500;

/// What Jira's ErrorCollection body says: `errorMessages`, then the values of `errors`.
fn error_messages(body: &[u8]) -> Vec<String> {
    #[derive(serde::Deserialize, Default)]
    #[serde(rename_all = "camelCase", default)]
    struct ErrorCollection {
        error_messages: Vec<String>,
        errors: std::collections::BTreeMap<String, String>,
    }
    let collection: ErrorCollection = serde_json::from_slice(body).unwrap_or_default();
    collection
        .error_messages
        .into_iter()
        .chain(collection.errors.into_values())
        .filter(|message| !message.trim().is_empty())
        .take(MAX_ERROR_MESSAGES)
        .map(|message| message.chars().take(MAX_ERROR_CHARS).collect())
        .collect()
}

/// The site of a Jira call through the gateway (`…/ex/jira/{cloud_id}/…`).
fn jira_site(url: &Url) -> Option<Uuid> {
    let mut segments = url.path_segments()?;
    segments.by_ref().find(|segment| *segment == "ex")?;
    (segments.next()? == "jira").then_some(())?;
    segments.next()?.parse().ok()
}

/// What a status other than success means (a 401 taken at its word: `get_json` reads its body
/// for a scope mismatch).
fn status_error(status: StatusCode, headers: &header::HeaderMap) -> UpstreamError {
    match status {
        StatusCode::UNAUTHORIZED => UpstreamError::Unauthorized,
        StatusCode::BAD_REQUEST => UpstreamError::BadRequest(Vec::new()),
        StatusCode::FORBIDDEN => UpstreamError::Forbidden,
        StatusCode::NOT_FOUND => UpstreamError::NotFound,
        StatusCode::TOO_MANY_REQUESTS => UpstreamError::RateLimited(retry_after(headers)),
        status => UpstreamError::Failed(format!("answered {status}")),
    }
}

/// Seconds from a `Retry-After` header in its delta-seconds form, with a floor of one second.
fn retry_after(headers: &header::HeaderMap) -> u64 {
    headers
        .get(header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map_or(DEFAULT_RETRY_AFTER, |seconds| seconds.max(1))
}

/// An error and its sources, for the log.
fn causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlassian::models::Named;

    #[test]
    fn only_atlassians_media_host_or_the_gateway_receives_a_download() {
        let config = crate::config::Config::from_lookup(|name| {
            match name {
                "ATLASSIAN_CLIENT_ID" => Some("id"),
                "ATLASSIAN_CLIENT_SECRET" => Some("secret"),
                "SESSION_SECRET" => Some("0123456789abcdef0123456789abcdef"),
                _ => None,
            }
            .map(str::to_owned)
        })
        .unwrap();
        let client = AtlassianClient::new(&config).unwrap();
        let allowed = |url: &str| client.is_media_host(&Url::parse(url).unwrap());
        assert!(allowed(
            "https://api.media.atlassian.com/file/x/binary?token=t"
        ));
        assert!(allowed(
            "https://api.atlassian.com/ex/jira/x/rest/api/3/attachment/content/1"
        ));
        for refused in [
            "http://api.media.atlassian.com/file/x/binary",
            "https://api.media.atlassian.com:444/file/x/binary",
            "https://api.media.atlassian.com.evil.example/file/x",
            "https://evil.example/api.media.atlassian.com/file/x",
            "https://api.media.atlassian.com.:443/file/x",
            "https://media.atlassian.com/file/x",
            "ftp://api.media.atlassian.com/file/x",
        ] {
            assert!(!allowed(refused), "{refused}");
        }
        assert!(
            allowed("https://user:pass@api.media.atlassian.com/file/x"),
            "credentials only ever reach Atlassian's host"
        );
    }

    #[test]
    fn jiras_error_messages_are_read_and_capped() {
        let body = serde_json::json!({
            "errorMessages": ["Error in the JQL Query: x", "", "y".repeat(900)],
            "errors": { "jql": "z" },
        });
        let messages = error_messages(body.to_string().as_bytes());
        assert_eq!(messages[0], "Error in the JQL Query: x");
        assert_eq!(messages[1].chars().count(), MAX_ERROR_CHARS);
        assert_eq!(messages[2], "z");
        let many = serde_json::json!({ "errorMessages": vec!["m"; 20] });
        assert_eq!(
            error_messages(many.to_string().as_bytes()).len(),
            MAX_ERROR_MESSAGES
        );
        assert!(error_messages(b"<html>not json</html>").is_empty());
    }

    #[test]
    fn an_answer_is_read_as_json_text_and_a_broken_one_says_where() {
        let read: Named = parse_json(r#"{"name":"Gr\u00fcn Ölf 🌱"}"#.as_bytes()).unwrap();
        assert_eq!(read.name, "Grün Ölf 🌱");
        let error = parse_json::<Named>(b"{\"name\":\"\xff\"}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid unicode code point at line 1 column 10"
        );
        assert!(parse_json::<Named>(b"{\"name\":1}").is_err());
    }

    #[test]
    fn retry_after_reads_seconds_and_falls_back() {
        let mut headers = header::HeaderMap::new();
        assert_eq!(retry_after(&headers), DEFAULT_RETRY_AFTER);
        headers.insert(header::RETRY_AFTER, "42".parse().unwrap());
        assert_eq!(retry_after(&headers), 42);
        headers.insert(header::RETRY_AFTER, "0".parse().unwrap());
        assert_eq!(retry_after(&headers), 1);
        headers.insert(
            header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), DEFAULT_RETRY_AFTER);
    }
}
