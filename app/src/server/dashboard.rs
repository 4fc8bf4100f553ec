//! The dashboard's data: the person and every site they granted.

use crate::{error::AppError, models::Dashboard};
use leptos::prelude::*;

/// Identity from `/me` and the sites from accessible-resources, fetched concurrently.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use super::connection::Connection;
    use crate::models::Profile;

    let connection = Connection::current().await?;
    let (me, sites) = tokio::join!(
        connection.state.atlassian.me(connection.access_token()),
        connection.sites()
    );
    let me = me?;
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
    })
}
