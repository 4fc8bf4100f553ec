//! Sealing of what must not be read or forged: the Atlassian tokens and the session records at
//! rest in the store, and the pending sign-in a browser keeps in its cookie; and the keyed hashes
//! that name session records in the store, so that the store never holds a usable cookie.
//!
//! ChaCha20-Poly1305 with a key derived from `SESSION_SECRET` by HKDF-SHA256, one key per
//! [`Purpose`], so a value sealed for one purpose never opens for the other and the random nonces
//! of one do not count against the other. Every sealed value starts with the id of the secret
//! that sealed it, so a `SESSION_SECRET_PREVIOUS` can still open values sealed before a rotation
//! while new values use the current key.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chacha20poly1305::{
    aead::{Aead, KeyInit},
    ChaCha20Poly1305, Key, Nonce,
};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const KEY_ID_INFO: &[u8] = b"jira-sso-auth key-id v1";

/// What a vault seals; each has its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Grants (access and refresh tokens) in the store.
    TokensAtRest,
    /// Pending sign-ins in the browser's cookies (anyone may ask for one).
    PendingSignIn,
    /// Session records in Redis (profile, sites, the link to the grant).
    SessionRecords,
    /// The keyed hashes of session ids that name those records.
    SessionIds,
}

impl Purpose {
    fn key_info(self) -> &'static [u8] {
        match self {
            Self::TokensAtRest => b"jira-sso-auth tokens-at-rest v1",
            Self::PendingSignIn => b"jira-sso-auth pending-sign-in v1",
            Self::SessionRecords => b"jira-sso-auth session-records v1",
            Self::SessionIds => b"jira-sso-auth session-ids v1",
        }
    }
}
const KEY_ID_LEN: usize = 8;
const NONCE_LEN: usize = 12;

struct SealingKey {
    id: [u8; KEY_ID_LEN],
    cipher: ChaCha20Poly1305,
}

impl SealingKey {
    fn derive(secret: &[u8], purpose: Purpose) -> Self {
        let hkdf = Hkdf::<Sha256>::new(None, secret);
        let mut key = [0u8; 32];
        let mut id = [0u8; KEY_ID_LEN];
        // Both lengths are far below HKDF-SHA256's limit of 8160 bytes, so expand cannot fail.
        let _ = hkdf.expand(purpose.key_info(), &mut key);
        let _ = hkdf.expand(KEY_ID_INFO, &mut id);
        Self {
            id,
            cipher: ChaCha20Poly1305::new(&Key::from(key)),
        }
    }
}

/// Seals and opens byte strings; the current key seals, the current or previous key opens.
pub struct Vault {
    current: SealingKey,
    previous: Option<SealingKey>,
}

/// A sealed value could not be opened: unknown key, or tampered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the sealed value cannot be opened with the configured keys")]
pub struct Unsealable;

impl Vault {
    /// The grants' vault for `SESSION_SECRET` and, during a rotation, `SESSION_SECRET_PREVIOUS`.
    pub fn new(secret: &[u8], previous: Option<&[u8]>) -> Self {
        Self::for_purpose(secret, previous, Purpose::TokensAtRest)
    }

    /// A vault whose keys are for `purpose` only.
    pub fn for_purpose(secret: &[u8], previous: Option<&[u8]>, purpose: Purpose) -> Self {
        Self {
            current: SealingKey::derive(secret, purpose),
            previous: previous.map(|previous| SealingKey::derive(previous, purpose)),
        }
    }

    /// `base64url(key id ‖ nonce ‖ ciphertext+tag)`, with a fresh random nonce.
    pub fn seal(&self, plaintext: &[u8]) -> String {
        let mut nonce = Nonce::default();
        rand::fill(nonce.as_mut_slice());
        let mut out = Vec::with_capacity(KEY_ID_LEN + NONCE_LEN + plaintext.len() + 16);
        out.extend_from_slice(&self.current.id);
        out.extend_from_slice(&nonce);
        // Encryption only fails for plaintexts of more than 256 GiB.
        if let Ok(ciphertext) = self.current.cipher.encrypt(&nonce, plaintext) {
            out.extend_from_slice(&ciphertext);
        }
        URL_SAFE_NO_PAD.encode(out)
    }

    /// Opens what [`Vault::seal`] produced with either key.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, Unsealable> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).map_err(|_| Unsealable)?;
        if bytes.len() < KEY_ID_LEN + NONCE_LEN + 16 {
            return Err(Unsealable);
        }
        let (id, rest) = bytes.split_at(KEY_ID_LEN);
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let key = [Some(&self.current), self.previous.as_ref()]
            .into_iter()
            .flatten()
            .find(|key| key.id == id)
            .ok_or(Unsealable)?;
        // `split_at(NONCE_LEN)` made it exactly one nonce long.
        let nonce = Nonce::from_slice(nonce);
        key.cipher
            .decrypt(nonce, ciphertext)
            .map_err(|_| Unsealable)
    }
}

/// HMAC-SHA256 under a key derived for one [`Purpose`]: names that reveal nothing of what they
/// name, the same on every instance that shares the secret.
pub struct KeyedHash {
    current: Hmac<Sha256>,
    previous: Option<Hmac<Sha256>>,
}

impl KeyedHash {
    /// The hash for `purpose` under `SESSION_SECRET` and, during a rotation, the previous one.
    pub fn for_purpose(secret: &[u8], previous: Option<&[u8]>, purpose: Purpose) -> Self {
        let keyed = |secret: &[u8]| {
            // One SHA-256 block of key: HMAC's own key size, and far below HKDF-SHA256's limit,
            // so expand cannot fail.
            let mut key = [0u8; 64];
            let _ = Hkdf::<Sha256>::new(None, secret).expand(purpose.key_info(), &mut key);
            <Hmac<Sha256> as KeyInit>::new(&key.into())
        };
        Self {
            current: keyed(secret),
            previous: previous.map(keyed),
        }
    }

    /// `base64url(HMAC(current key, data))`.
    pub fn current(&self, data: &[u8]) -> String {
        hash(&self.current, data)
    }

    /// The same under the previous secret, during a rotation.
    pub fn previous(&self, data: &[u8]) -> Option<String> {
        self.previous.as_ref().map(|key| hash(key, data))
    }
}

fn hash(key: &Hmac<Sha256>, data: &[u8]) -> String {
    let mut mac = key.clone();
    mac.update(data);
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &[u8] = b"an old secret that is at least 32 bytes";
    const NEW: &[u8] = b"a new secret that is also at least 32 bytes";

    #[test]
    fn round_trips_and_never_shows_the_plaintext() {
        let vault = Vault::new(NEW, None);
        let sealed = vault.seal(b"sbx_at_secret-token");
        assert!(!sealed.contains("secret-token"));
        assert_eq!(vault.open(&sealed).unwrap(), b"sbx_at_secret-token");
        assert_ne!(
            vault.seal(b"same"),
            vault.seal(b"same"),
            "fresh nonce each time"
        );
    }

    #[test]
    fn a_value_sealed_for_one_purpose_does_not_open_for_another() {
        let grants = Vault::new(NEW, None);
        let sign_ins = Vault::for_purpose(NEW, None, Purpose::PendingSignIn);
        assert_eq!(sign_ins.open(&grants.seal(b"grant")), Err(Unsealable));
        assert_eq!(grants.open(&sign_ins.seal(b"pending")), Err(Unsealable));
    }

    #[test]
    fn the_previous_secret_still_opens_during_rotation() {
        let sealed_before = Vault::new(OLD, None).seal(b"token");
        let rotating = Vault::new(NEW, Some(OLD));
        assert_eq!(rotating.open(&sealed_before).unwrap(), b"token");
        assert_eq!(Vault::new(NEW, None).open(&sealed_before), Err(Unsealable));
    }

    #[test]
    fn keyed_hashes_depend_on_the_secret_and_the_purpose() {
        let ids = KeyedHash::for_purpose(NEW, Some(OLD), Purpose::SessionIds);
        let name = ids.current(b"session id");
        assert_eq!(name, ids.current(b"session id"), "the same on every call");
        assert_eq!(name.len(), 43, "256 bits, base64url");
        assert_ne!(name, ids.current(b"another id"));
        let before = KeyedHash::for_purpose(OLD, None, Purpose::SessionIds);
        assert_eq!(
            ids.previous(b"session id"),
            Some(before.current(b"session id"))
        );
        let other = KeyedHash::for_purpose(NEW, None, Purpose::SessionRecords);
        assert_ne!(name, other.current(b"session id"));
    }

    #[test]
    fn tampering_is_detected() {
        let vault = Vault::new(NEW, None);
        let mut bytes = URL_SAFE_NO_PAD.decode(vault.seal(b"token")).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(vault.open(&URL_SAFE_NO_PAD.encode(bytes)), Err(Unsealable));
        assert_eq!(vault.open("not base64 !"), Err(Unsealable));
        assert_eq!(vault.open(""), Err(Unsealable));
    }
}
