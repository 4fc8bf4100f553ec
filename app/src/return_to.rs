//! Where to send a person after signing in. Only paths on this site are accepted, so a crafted
//! link can never turn sign-in into an open redirect.

/// The longest `return_to` kept, in bytes as it is sent on (after percent-encoding): it travels
/// in the pending sign-in's cookie, and a browser may carry a few of those on every request.
pub const MAX_RETURN_TO: usize = 1024;

/// Returns `raw` if it is a plain path on this site (`/dashboard`, `/sites/x/issues/A-1?x=1`),
/// `None` for anything a browser could read as another origin: `//host`, `/\host`, schemes,
/// control characters, and their percent-encoded forms. Characters beyond ASCII come back
/// percent-encoded, so the path always fits in a `Location` header; a path longer than
/// [`MAX_RETURN_TO`] once encoded is refused.
pub fn safe_return_to(raw: &str) -> Option<String> {
    let ok = raw.len() <= MAX_RETURN_TO
        && raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control)
        && !percent_decoded(raw).is_some_and(|decoded| {
            decoded.starts_with("//")
                || decoded.contains('\\')
                || decoded.chars().any(char::is_control)
        });
    ok.then(|| {
        raw.chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    encode_query_value(c.encode_utf8(&mut [0; 4]))
                }
            })
            .collect::<String>()
    })
    .filter(|encoded| encoded.len() <= MAX_RETURN_TO)
}

fn percent_decoded(raw: &str) -> Option<String> {
    if !raw.contains('%') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Percent-encodes a value for a query string (everything but RFC 3986 unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_holds_after_encoding() {
        // 300 two-byte characters: 601 bytes as typed, 1,801 once percent-encoded.
        let long = format!("/{}", "é".repeat(300));
        assert!(long.len() <= MAX_RETURN_TO);
        assert_eq!(safe_return_to(&long), None);
        let fits = format!("/{}", "é".repeat(170));
        assert_eq!(safe_return_to(&fits).map(|s| s.len()), Some(1021));
    }

    #[test]
    fn encodes_what_a_header_cannot_carry() {
        assert_eq!(
            safe_return_to("/sites/x/issues/A-1?q=Zoë 。").as_deref(),
            Some("/sites/x/issues/A-1?q=Zo%C3%AB %E3%80%82")
        );
    }

    #[test]
    fn accepts_local_paths() {
        for path in ["/", "/dashboard", "/sites/abc/issues/A-1?x=1#c", "/a%20b"] {
            assert_eq!(safe_return_to(path).as_deref(), Some(path));
        }
    }

    #[test]
    fn refuses_other_origins_in_every_spelling() {
        for path in [
            "",
            "dashboard",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/%2F/evil.example",
            "/%2f%2fevil",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/\tevil",
            "/%09/evil",
            "/\n/evil",
        ] {
            assert_eq!(safe_return_to(path), None, "{path:?}");
        }
    }

    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(encode_query_value("/a b?c=d&e"), "%2Fa%20b%3Fc%3Dd%26e");
    }
}
