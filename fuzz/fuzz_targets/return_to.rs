//! Any `return_to`: what is accepted is a path on this site, never a way to another host.
#![no_main]

use app::return_to::safe_return_to;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    if let Some(path) = safe_return_to(raw) {
        assert!(path.starts_with('/'));
        assert!(!path.starts_with("//") && !path.starts_with("/\\"));
        assert!(!path.contains('\\'));
        assert!(!path.chars().any(char::is_control));
        assert!(
            path.bytes().all(|b| (0x20..0x7f).contains(&b)),
            "fits a Location header"
        );
    }
});
