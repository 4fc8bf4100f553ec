//! A sign-in on its way through Atlassian, kept in the browser rather than on the server: its
//! `state`, PKCE verifier, `return_to` and start time, sealed with the vault in an HttpOnly,
//! `SameSite=Lax` cookie (`__Host-` over https) that lives ten minutes, as oauth2-proxy and
//! Auth.js keep theirs. Starting a sign-in therefore writes nothing on the server, however many
//! anonymous requests arrive.
//!
//! Each sign-in has its own cookie, named after its `state`, so two tabs signing in at once both
//! finish; a browser holds at most [`MAX_PENDING`] of them (starting another drops the oldest).
//! The cookie is sealed with a key of its own (`vault::Purpose::PendingSignIn`): anyone may ask
//! for one, and none of those seals counts against the key of the grants.

use super::{
    cookies::{carried, cookie_name, set_cookie},
    session::random_token,
    vault::Vault,
};
use crate::clock::now;
use axum::http::{HeaderMap, HeaderValue};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How long a sign-in may take, from the redirect to Atlassian to the callback.
pub const PENDING_TTL_SECS: u64 = 600;
/// Sign-ins one browser may have under way at once. With `return_to` at its cap each cookie is
/// about 1.6 KB, so the pending ones add under 5 KB to a request's headers (proxies commonly
/// refuse more than 8 KB in all).
pub const MAX_PENDING: usize = 3;
const NAME_PREFIX: &str = "jsa-signin-";
/// Characters of the `state` in the cookie's name (96 random bits).
const NAME_STATE_CHARS: usize = 16;

/// A sign-in sent to Atlassian and not back yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The `state` sent with the authorization request.
    pub state: String,
    /// The PKCE code verifier (RFC 7636); only its S256 challenge leaves the server.
    pub verifier: String,
    /// Where to go after signing in (a validated relative path).
    pub return_to: Option<String>,
    /// Unix time the sign-in started.
    pub issued_at: u64,
}

impl PendingSignIn {
    /// A fresh sign-in: random `state` and verifier (256 bits each, base64url, 43 characters).
    pub fn new(return_to: Option<String>) -> Self {
        Self {
            state: random_token(),
            verifier: random_token(),
            return_to,
            issued_at: now(),
        }
    }

    /// The S256 code challenge: `BASE64URL(SHA256(verifier))`.
    pub fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.verifier.as_bytes()))
    }

    fn is_fresh(&self, now: u64) -> bool {
        self.issued_at <= now && now - self.issued_at < PENDING_TTL_SECS
    }

    /// Seconds until this sign-in can no longer finish.
    pub fn seconds_left(&self) -> u64 {
        (self.issued_at + PENDING_TTL_SECS).saturating_sub(now())
    }
}

/// Reads and writes the pending sign-in cookies.
pub struct PendingCookies<'a> {
    vault: &'a Vault,
    https: bool,
}

impl<'a> PendingCookies<'a> {
    /// Cookies sealed with `vault`; `__Host-` and `Secure` when the app is served over https.
    pub fn new(vault: &'a Vault, https: bool) -> Self {
        Self { vault, https }
    }

    fn prefix(&self) -> String {
        cookie_name(NAME_PREFIX, self.https)
    }

    fn name_for(&self, state: &str) -> Option<String> {
        let key = state.get(..NAME_STATE_CHARS)?;
        key.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            .then(|| format!("{}{key}", self.prefix()))
    }

    fn set_cookie(&self, name: &str, value: &str, max_age: u64) -> Option<HeaderValue> {
        set_cookie(name, value, max_age, self.https)
    }

    /// The pending sign-in cookies the request carries: (name, what they open to, if anything).
    fn carried(&self, headers: &HeaderMap) -> Vec<(String, Option<PendingSignIn>)> {
        let prefix = self.prefix();
        carried(headers)
            .filter(|cookie| cookie.name().starts_with(&prefix))
            .map(|cookie| {
                let pending = self
                    .vault
                    .open(cookie.value())
                    .ok()
                    .and_then(|bytes| serde_json::from_slice::<PendingSignIn>(&bytes).ok());
                (cookie.name().to_owned(), pending)
            })
            .collect()
    }

    /// The `Set-Cookie` headers that start `pending`: its own cookie, and the removal of the
    /// oldest ones this browser carries (and any that no longer open) beyond [`MAX_PENDING`].
    pub fn start(&self, pending: &PendingSignIn, request: &HeaderMap) -> Vec<HeaderValue> {
        let mut carried = self.carried(request);
        carried.sort_by_key(|(_, pending)| pending.as_ref().map_or(0, |p| p.issued_at));
        let keep = MAX_PENDING - 1;
        let stale = carried
            .iter()
            .filter(|(_, pending)| pending.is_none())
            .count();
        let excess = carried.len().saturating_sub(keep).max(stale);
        let mut headers: Vec<HeaderValue> = carried
            .iter()
            .take(excess)
            .filter_map(|(name, _)| self.set_cookie(name, "", 0))
            .collect();
        let sealed = serde_json::to_vec(pending)
            .ok()
            .map(|bytes| self.vault.seal(&bytes));
        if let (Some(name), Some(sealed)) = (self.name_for(&pending.state), sealed) {
            headers.extend(self.set_cookie(&name, &sealed, PENDING_TTL_SECS));
        }
        headers
    }

    /// The pending sign-in for `state`, if this browser started it less than ten minutes ago
    /// (compared in constant time), and the `Set-Cookie` header that removes its cookie (sent
    /// whatever the outcome: a `state` works once).
    pub fn finish(
        &self,
        state: &str,
        request: &HeaderMap,
    ) -> (Option<PendingSignIn>, Option<HeaderValue>) {
        let Some(name) = self.name_for(state) else {
            return (None, None);
        };
        let Some((_, opened)) = self
            .carried(request)
            .into_iter()
            .find(|(carried, _)| *carried == name)
        else {
            return (None, None);
        };
        let now = now();
        let pending = opened.filter(|pending| {
            bool::from(pending.state.as_bytes().ct_eq(state.as_bytes())) && pending.is_fresh(now)
        });
        (pending, self.set_cookie(&name, "", 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        Vault::new(&[7u8; 32], None)
    }

    fn request_with(set_cookies: &[HeaderValue]) -> HeaderMap {
        let pairs: Vec<String> = set_cookies
            .iter()
            .filter_map(|value| value.to_str().ok()?.split(';').next().map(str::to_owned))
            .collect();
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(&pairs.join("; ")).unwrap(),
        );
        headers
    }

    #[test]
    fn a_started_sign_in_finishes_once_with_its_own_state() {
        let vault = vault();
        let cookies = PendingCookies::new(&vault, true);
        let pending = PendingSignIn::new(Some("/dashboard".into()));
        let set = cookies.start(&pending, &HeaderMap::new());
        assert_eq!(set.len(), 1);
        let text = set[0].to_str().unwrap();
        assert!(text.starts_with("__Host-jsa-signin-"), "{text}");
        for attribute in [
            "Max-Age=600",
            "Path=/",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
        ] {
            assert!(text.contains(attribute), "{attribute} in {text}");
        }
        assert!(!text.contains(&pending.verifier), "the verifier is sealed");

        let request = request_with(&set);
        let (found, clear) = cookies.finish(&pending.state, &request);
        assert_eq!(found.unwrap().verifier, pending.verifier);
        assert!(clear.unwrap().to_str().unwrap().contains("Max-Age=0"));

        let mut forged = pending.state.clone();
        forged.push('x');
        assert!(
            cookies.finish(&forged, &request).0.is_none(),
            "another state"
        );
        let other_key = Vault::new(&[8u8; 32], None);
        let other = PendingCookies::new(&other_key, true);
        assert!(
            other.finish(&pending.state, &request).0.is_none(),
            "another key"
        );
    }

    #[test]
    fn an_old_sign_in_does_not_finish() {
        let vault = vault();
        let cookies = PendingCookies::new(&vault, false);
        let mut pending = PendingSignIn::new(None);
        pending.issued_at = now() - PENDING_TTL_SECS;
        let request = request_with(&cookies.start(&pending, &HeaderMap::new()));
        let (found, clear) = cookies.finish(&pending.state, &request);
        assert!(found.is_none());
        assert!(clear.is_some(), "and its cookie goes");
    }

    #[test]
    fn a_browser_keeps_at_most_three_sign_ins() {
        let vault = vault();
        let cookies = PendingCookies::new(&vault, false);
        let mut jar: Vec<HeaderValue> = Vec::new();
        let mut started = Vec::new();
        for age in (0..6).rev() {
            let mut pending = PendingSignIn::new(None);
            pending.issued_at -= age;
            let request = if jar.is_empty() {
                HeaderMap::new()
            } else {
                request_with(&jar)
            };
            for header in cookies.start(&pending, &request) {
                let text = header.to_str().unwrap().to_owned();
                let name = text.split('=').next().unwrap().to_owned();
                jar.retain(|kept| !kept.to_str().unwrap().starts_with(&format!("{name}=")));
                if !text.contains("Max-Age=0") {
                    jar.push(header);
                }
            }
            started.push(pending);
        }
        assert_eq!(jar.len(), MAX_PENDING);
        let request = request_with(&jar);
        assert!(cookies.finish(&started[2].state, &request).0.is_none());
        assert!(cookies.finish(&started[5].state, &request).0.is_some());
        assert!(cookies.finish(&started[3].state, &request).0.is_some());
    }
}
