//! Codes, access tokens, refresh tokens and grants, with Atlassian's rules: single-use codes bound
//! to their redirect URI, expiring access tokens, rotating refresh tokens with a reuse leeway.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use std::collections::HashMap;

pub struct CodeRecord {
    pub grant: u64,
    pub redirect_uri: String,
    /// The PKCE S256 challenge the authorization request carried, if any.
    pub code_challenge: Option<String>,
    pub issued_at: u64,
}

pub struct AccessRecord {
    pub grant: u64,
    pub expires_at: u64,
}

pub struct RefreshRecord {
    pub grant: u64,
    /// When a newer refresh token replaced this one.
    pub rotated_at: Option<u64>,
}

pub struct GrantRecord {
    pub account_id: String,
    pub scopes: Vec<String>,
    pub revoked: bool,
}

/// Everything the authorization server remembers.
#[derive(Default)]
pub struct Grants {
    next_grant: u64,
    pub grants: HashMap<u64, GrantRecord>,
    pub codes: HashMap<String, CodeRecord>,
    pub access: HashMap<String, AccessRecord>,
    pub refresh: HashMap<String, RefreshRecord>,
}

/// A random opaque token with a recognisable prefix.
pub fn random_token(prefix: &str, bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::fill(&mut buffer[..]);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(buffer))
}

impl Grants {
    /// Records a consent and returns its authorization code.
    pub fn issue_code(
        &mut self,
        account_id: &str,
        scopes: Vec<String>,
        redirect_uri: &str,
        code_challenge: Option<String>,
        now: u64,
    ) -> String {
        self.next_grant += 1;
        let grant = self.next_grant;
        self.grants.insert(
            grant,
            GrantRecord {
                account_id: account_id.to_owned(),
                scopes,
                revoked: false,
            },
        );
        let code = random_token("", 24);
        self.codes.insert(
            code.clone(),
            CodeRecord {
                grant,
                redirect_uri: redirect_uri.to_owned(),
                code_challenge,
                issued_at: now,
            },
        );
        code
    }

    /// Issues an access token (and a refresh token with `offline_access`) for a grant.
    pub fn issue_tokens(&mut self, grant: u64, now: u64, ttl: u64) -> (String, Option<String>) {
        let access = random_token("sbx_at_", 96);
        self.access.insert(
            access.clone(),
            AccessRecord {
                grant,
                expires_at: now + ttl,
            },
        );
        let offline = self
            .grants
            .get(&grant)
            .is_some_and(|g| g.scopes.iter().any(|s| s == "offline_access"));
        let refresh = offline.then(|| {
            let token = random_token("sbx_rt_", 48);
            self.refresh.insert(
                token.clone(),
                RefreshRecord {
                    grant,
                    rotated_at: None,
                },
            );
            token
        });
        (access, refresh)
    }

    /// Revokes a grant and every token issued under it.
    pub fn revoke(&mut self, grant: u64) {
        if let Some(record) = self.grants.get_mut(&grant) {
            record.revoked = true;
        }
        self.access.retain(|_, a| a.grant != grant);
        self.refresh.retain(|_, r| r.grant != grant);
    }

    /// Expires the access tokens of one account (or of everyone).
    pub fn expire_access_tokens(&mut self, account_id: Option<&str>) {
        let grants = &self.grants;
        for access in self.access.values_mut() {
            let owner = grants.get(&access.grant).map(|g| g.account_id.as_str());
            if account_id.is_none() || owner == account_id {
                access.expires_at = 0;
            }
        }
    }

    /// Revokes the grants of one account (or of everyone).
    pub fn revoke_account(&mut self, account_id: Option<&str>) {
        let ids: Vec<u64> = self
            .grants
            .iter()
            .filter(|(_, g)| account_id.is_none_or(|a| g.account_id == a))
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            self.revoke(id);
        }
    }

    /// The live grant behind an access token.
    pub fn grant_for_access(&self, token: &str, now: u64) -> Option<&GrantRecord> {
        let access = self.access.get(token).filter(|a| a.expires_at > now)?;
        self.grants.get(&access.grant).filter(|g| !g.revoked)
    }
}
