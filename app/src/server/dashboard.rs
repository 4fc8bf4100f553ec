//! The dashboard's data: the person and every site they granted.

use crate::{error::AppError, models::Dashboard};
use leptos::prelude::*;

/// Offer to reconnect when the grant runs out within two weeks.
#[cfg(feature = "ssr")]
const RECONNECT_OFFER_SECS: u64 = 14 * 24 * 3600;

/// Identity from `/me` and the sites from accessible-resources, fetched concurrently.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use super::connection::Connection;
    use crate::models::{GrantStatus, Profile};

    let connection = Connection::current().await?;
    let atlassian = &connection.state.atlassian;
    let (me, sites) = tokio::join!(
        connection.call(|token| async move { atlassian.me(&token).await }),
        connection.sites()
    );
    let me = me?;
    if let Some(zone) = &me.zoneinfo {
        connection.session.remember_zone(zone).await?;
    }
    let clock = crate::clock::Clock::new(me.zoneinfo.as_deref());
    let name = me
        .name
        .or(me.nickname)
        .unwrap_or_else(|| "Atlassian user".to_owned());
    Ok(Dashboard {
        profile: Profile {
            account_id: me.account_id,
            name,
            email: me.email.filter(|e| !e.is_empty()),
            picture: me.picture,
        },
        sites: sites?,
        grant: {
            let grant = connection.grant();
            GrantStatus {
                missing_scopes: grant.missing_scopes(&connection.state.config.scopes),
                consented: clock.unix(grant.consented_at),
                reconnect_by: clock.unix(grant.reconnect_by()),
                reconnect_soon: grant.reconnect_by() < crate::session::now() + RECONNECT_OFFER_SECS,
            }
        },
    })
}
