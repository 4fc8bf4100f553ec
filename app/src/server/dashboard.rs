//! The dashboard's data: the person and every site they granted.

use crate::{error::AppError, models::Dashboard};
use leptos::prelude::*;
use uuid::Uuid;

/// Offer to reconnect when the grant runs out within two weeks.
#[cfg(feature = "ssr")]
const RECONNECT_OFFER_SECS: u64 = 14 * 24 * 3600;

/// Identity from `/me` and the sites from accessible-resources, fetched concurrently and reused
/// for a few minutes; `refresh` asks Atlassian again. Sites whose allowance for the app is spared
/// (nearly spent, or spent ahead of the app's pace), but the one the person starts on, have their
/// lists loaded only when asked.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard(refresh: bool) -> Result<Dashboard, AppError> {
    use super::connection::Connection;
    use crate::{clock::Clock, models::GrantStatus};

    super::answer(
        async move {
            let connection = Connection::current().await?;
            if refresh {
                connection.session.forget_cached().await?;
            }
            let (profile, sites) = tokio::join!(ssr::profile(&connection), connection.sites());
            let (profile, sites) = (profile?, sites?);
            let clock = Clock::new(Some(&profile.zone), crate::i18n::use_i18n().formats());
            let default_site = connection
                .session
                .default_site()
                .await?
                .filter(|id| sites.iter().any(|s| s.cloud_id == *id && s.is_jira()));
            let atlassian = &connection.state.atlassian;
            let first_site = default_site.or_else(|| {
                sites
                    .iter()
                    .find(|site| site.is_jira())
                    .map(|site| site.cloud_id)
            });
            let lists_on_request = sites
                .iter()
                .map(|site| site.cloud_id)
                .filter(|id| {
                    Some(*id) != first_site && atlassian.spare(*id) && !atlassian.quota_spent(*id)
                })
                .collect();
            let recent = ssr::recent(&connection, &sites).await;
            let grant = connection.grant();
            Ok(Dashboard {
                profile,
                sites,
                grant: GrantStatus {
                    missing_scopes: grant.missing_scopes(&connection.state.config.scopes),
                    consented: clock.unix(grant.consented_at),
                    reconnect_by: clock.unix(grant.reconnect_by()),
                    reconnect_soon: grant.reconnect_by()
                        < crate::clock::now() + RECONNECT_OFFER_SECS,
                },
                default_site,
                lists_on_request,
                recent,
            })
        }
        .await,
    )
}

/// Makes `cloud_id`, one of the person's Jira sites, the site every lookup form starts on.
#[server(endpoint = "default_site")]
pub async fn set_default_site(cloud_id: Uuid) -> Result<(), AppError> {
    use super::connection::Connection;

    super::answer(
        async {
            let connection = Connection::current().await?;
            let sites = connection.sites().await?;
            if !sites.iter().any(|s| s.cloud_id == cloud_id && s.is_jira()) {
                return Err(AppError::SiteNotGranted);
            }
            connection.session.set_default_site(cloud_id).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub use ssr::remember_profile;

#[cfg(feature = "ssr")]
mod ssr {
    use super::super::connection::Connection;
    use crate::{
        atlassian::models::Me,
        auth::session::UserSession,
        error::AppError,
        models::{Profile, RecentIssue, Site, StatusCategory},
    };

    /// How long the dashboard waits for the recently viewed issues' summaries and statuses
    /// before it shows the ones from when the person opened them.
    const RECENT_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

    /// The issues the person opened lately on sites still granted, with their summary and
    /// status as Jira has them now: one batched search per site, each waited for
    /// [`RECENT_WAIT`] at most (and none on a site whose allowance the app is sparing);
    /// otherwise the summary and status from when the person opened the issue. An issue Jira
    /// said is not there for the person leaves the list, in the session too; one it could not
    /// be asked about stays.
    pub async fn recent(connection: &Connection, sites: &[Site]) -> Vec<RecentIssue> {
        let mut recent = connection
            .session
            .recent_issues()
            .await
            .inspect_err(|error| tracing::warn!(%error, "recently viewed not read"))
            .unwrap_or_default();
        recent.retain(|issue| sites.iter().any(|site| site.cloud_id == issue.cloud_id));
        for issue in &mut recent {
            if let Some(site) = sites.iter().find(|site| site.cloud_id == issue.cloud_id) {
                issue.site_name.clone_from(&site.name);
            }
        }
        let atlassian = &connection.state.atlassian;
        let per_site = super::super::keys_by_site(
            recent
                .iter()
                .filter(|issue| {
                    !atlassian.spare(issue.cloud_id) && !atlassian.quota_spent(issue.cloud_id)
                })
                .map(|issue| (issue.cloud_id, issue.key.clone())),
        );
        let asks = per_site.into_iter().map(|(site, keys)| async move {
            let ask = connection.call(|token| {
                let keys = &keys;
                async move {
                    let found = atlassian
                        .linked_issues(&token, site, keys, crate::auth::session::RECENT_ISSUES)
                        .await?;
                    Ok((found, atlassian.known_gone(&token, site, keys)))
                }
            });
            let answer = match tokio::time::timeout(RECENT_WAIT, ask).await {
                Ok(Ok(answer)) => Some(answer),
                Ok(Err(error)) => {
                    tracing::info!(%error, "recently viewed not refreshed");
                    None
                }
                Err(_) => {
                    tracing::info!("recently viewed shown as last seen: Jira took too long");
                    None
                }
            };
            (site, answer)
        });
        let answers = futures::future::join_all(asks).await;
        let mut gone = Vec::new();
        recent.retain_mut(|issue| {
            let Some((_, Some((found, known_gone)))) =
                answers.iter().find(|(site, _)| *site == issue.cloud_id)
            else {
                return true;
            };
            if known_gone
                .iter()
                .any(|key| key.eq_ignore_ascii_case(&issue.key))
            {
                gone.push((issue.cloud_id, issue.key.clone()));
                return false;
            }
            let Some(now) = found
                .iter()
                .find(|f| f.key.eq_ignore_ascii_case(&issue.key))
            else {
                return true;
            };
            if let Some(fields) = &now.fields {
                if let Some(summary) = &fields.summary {
                    issue.summary.clone_from(summary);
                }
                if let Some(status) = &fields.status {
                    issue.status.clone_from(&status.name);
                    issue.status_category = status
                        .status_category
                        .as_ref()
                        .map_or(StatusCategory::Other, |c| StatusCategory::from_key(&c.key));
                }
            }
            true
        });
        if !gone.is_empty() {
            if let Err(error) = connection.session.forget_recent(&gone).await {
                tracing::warn!(%error, "issues gone from Jira left in the recently viewed");
            }
        }
        recent
    }

    /// The person's profile: the one cached in the session, or `/me` (then kept, see
    /// [`remember_profile`]).
    pub async fn profile(connection: &Connection) -> Result<Profile, AppError> {
        if let Some(profile) = connection.session.cached_profile().await? {
            return Ok(profile);
        }
        let atlassian = &connection.state.atlassian;
        let me = connection
            .call(|token| async move { atlassian.me(&token).await })
            .await?;
        remember_profile(&connection.session, me).await
    }

    /// Keeps what `/me` says of the person in their session: the profile for a few minutes, and
    /// the time zone and locale that every page's dates and words follow.
    pub async fn remember_profile(session: &UserSession, me: Me) -> Result<Profile, AppError> {
        if let Some(zone) = &me.zoneinfo {
            session.remember_zone(zone).await?;
        }
        if let Some(locale) = &me.locale {
            session.remember_locale(locale).await?;
        }
        let profile = Profile {
            account_id: me.account_id,
            name: me
                .name
                .or(me.nickname)
                .unwrap_or_else(|| crate::t!(crate::i18n::use_i18n(), "profile-name-unknown")),
            email: me.email.filter(|e| !e.is_empty()),
            picture: me.picture,
            account_status: me.account_status,
            zone: me.zoneinfo.unwrap_or_else(|| "UTC".to_owned()),
            locale: me.locale,
        };
        session.cache_profile(&profile).await?;
        Ok(profile)
    }
}
