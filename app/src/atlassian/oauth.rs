//! OAuth 2.0 (3LO) against Atlassian's authorization server: the authorize URL and the code exchange.
//!
//! Not the `oauth2` crate: its token response type requires `token_type`, which Atlassian does not
//! document, and it sends form bodies where Atlassian documents JSON. Both calls are small enough to
//! write exactly as documented.

use super::{
    endpoint, models::OAuthErrorBody, models::TokenResponse, read_body, AtlassianClient,
    UpstreamError,
};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::json;

/// Everything but RFC 3986 unreserved characters is encoded (a space becomes `%20`, never `+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl AtlassianClient {
    /// The URL of Atlassian's consent screen for a sign-in bound to `state`, with the PKCE S256
    /// `code_challenge` of the verifier the code exchange will present.
    pub fn authorize_url(&self, state: &str, code_challenge: &str) -> String {
        let inner = &self.inner;
        let scope = inner.scopes.join(" ");
        let params = [
            ("audience", "api.atlassian.com"),
            ("client_id", inner.client_id.as_str()),
            ("scope", scope.as_str()),
            ("redirect_uri", inner.callback_url.as_str()),
            ("state", state),
            ("response_type", "code"),
            ("prompt", "consent"),
            ("code_challenge", code_challenge),
            ("code_challenge_method", "S256"),
        ];
        let query = params
            .iter()
            .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, QUERY_VALUE)))
            .collect::<Vec<_>>()
            .join("&");
        format!("{}?{query}", endpoint(&inner.auth_url, ["authorize"]))
    }

    /// Exchanges an authorization code for tokens (`grant_type=authorization_code`), proving with
    /// the PKCE `code_verifier` that this is the sign-in the code was issued to.
    pub async fn exchange_code(
        &self,
        code: &str,
        code_verifier: &str,
    ) -> Result<TokenResponse, UpstreamError> {
        let inner = &self.inner;
        self.token_request(json!({
            "grant_type": "authorization_code",
            "client_id": inner.client_id,
            "client_secret": inner.client_secret,
            "code": code,
            "redirect_uri": inner.callback_url,
            "code_verifier": code_verifier,
        }))
        .await
    }

    /// Spends a refresh token for a new access token and a new refresh token
    /// (`grant_type=refresh_token`); the one spent is disabled by Atlassian.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenResponse, UpstreamError> {
        let inner = &self.inner;
        self.token_request(json!({
            "grant_type": "refresh_token",
            "client_id": inner.client_id,
            "client_secret": inner.client_secret,
            "refresh_token": refresh_token,
        }))
        .await
    }

    /// `POST {auth}/oauth/token` with a JSON body, as Atlassian documents it.
    async fn token_request(&self, body: serde_json::Value) -> Result<TokenResponse, UpstreamError> {
        let inner = &self.inner;
        let response = inner
            .http
            .post(endpoint(&inner.auth_url, ["oauth", "token"]))
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&body)
            .send()
            .await?;
        let status = response.status();
        let bytes = read_body(response).await?;
        if status.is_success() {
            return serde_json::from_slice::<TokenResponse>(&bytes)
                .map_err(|e| UpstreamError::Failed(format!("token response: {e}")));
        }
        match serde_json::from_slice::<OAuthErrorBody>(&bytes) {
            Ok(body) => Err(UpstreamError::OAuth {
                error: body.error,
                description: body.error_description,
            }),
            Err(_) => Err(UpstreamError::Failed(format!(
                "token endpoint answered {status}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{atlassian::AtlassianClient, config::Config};

    #[test]
    fn authorize_url_percent_encodes_every_value() {
        let config = Config::from_lookup(|name| match name {
            "ATLASSIAN_CLIENT_ID" => Some("client id".into()),
            "ATLASSIAN_CLIENT_SECRET" => Some("secret".into()),
            "SESSION_SECRET" => Some("x".repeat(32)),
            "APP_URL" => Some("https://app.example.com".into()),
            _ => None,
        })
        .unwrap();
        let client = AtlassianClient::new(&config).unwrap();
        let url = client.authorize_url("a+b/c=", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(
            url,
            "https://auth.atlassian.com/authorize?audience=api.atlassian.com&client_id=client%20id\
             &scope=read%3Ame%20read%3Ajira-user%20read%3Ajira-work%20offline_access\
             &redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback&state=a%2Bb%2Fc%3D\
             &response_type=code&prompt=consent\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }
}
