//! Who is looking: sandbox mode and whether the session is signed in. Every page needs it.

use crate::{error::AppError, models::Viewer};
use leptos::prelude::*;

/// The viewer of the current page.
#[server(endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    super::answer(
        async move {
            let (state, session) = super::connection::request_context().await?;
            Ok(Viewer {
                sandbox: state.config.sandbox,
                signed_in: session.connection().await?.is_some(),
            })
        }
        .await,
    )
}
