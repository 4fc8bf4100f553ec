//! The JS, WASM and CSS bundle: its file names, worked out once at start-up, and the tags in the
//! page's head that load it.
//!
//! Leptos' `HashedStylesheet` and `HydrationScripts` find the hashed names by reading cargo-leptos'
//! hash file on every render (14 system calls a page) and panic if it has gone since; here it is
//! read once, when the state is built, and an unreadable file stops the start.

use leptos::{config::LeptosOptions, nonce::use_nonce, prelude::*};
use std::{io, path::PathBuf, sync::Arc};

/// The bundle's file names (without extension) under `/{pkg}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The folder under the site root, e.g. `pkg`.
    pub pkg: String,
    /// The JS module's name.
    pub js: String,
    /// The WASM module's name.
    pub wasm: String,
    /// The stylesheet's name.
    pub css: String,
    /// What [`BundleTags`] writes, worked out once from the names above.
    tags: HeadTags,
}

/// The URLs and loader script of the page's head.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HeadTags {
    stylesheet: Arc<str>,
    module: Arc<str>,
    loader: Arc<str>,
}

impl HeadTags {
    fn new(pkg: &str, js: &str, wasm: &str, css: &str) -> Self {
        let (js, wasm) = (format!("/{pkg}/{js}.js"), format!("/{pkg}/{wasm}.wasm"));
        let loader = format!(
            "const islands = document.querySelectorAll(\"leptos-island\"); \
             let started = false; \
             const hydrate = () => started || (started = true, import({js:?}).then(mod => \
             mod.default({{module_or_path: {wasm:?}}}).then(() => {{ mod.hydrate(); \
             for (const island of islands) {{ const island_fn = mod[island.dataset.component]; \
             island_fn ? island_fn(island) : console.warn(\"No WASM function for island\", island.dataset.component); }} \
             document.documentElement.dataset.hydrated = \"\"; }}))); \
             if (islands.length) {{ \
             new PerformanceObserver((paints, observer) => \
             paints.getEntriesByName(\"first-contentful-paint\").length && (observer.disconnect(), hydrate())) \
             .observe({{type: \"paint\", buffered: true}}); \
             setTimeout(hydrate, 2000); }}"
        );
        Self {
            stylesheet: format!("/{pkg}/{css}.css").into(),
            module: js.into(),
            loader: loader.into(),
        }
    }
}

/// The hash file named by the options could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the bundle's hash file {}: {source}", path.display())]
pub struct BundleError {
    path: PathBuf,
    source: io::Error,
}

impl Bundle {
    /// The names for these options: hashed from the hash file beside the binary when
    /// `hash_files` is set, plain otherwise (as Leptos names them).
    pub fn new(options: &LeptosOptions) -> Result<Self, BundleError> {
        let name = options.output_name.as_ref();
        if !options.hash_files {
            // Built by plain cargo, not cargo-leptos, wasm-bindgen's `_bg` suffix stays.
            let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
                Some(_) => name.to_owned(),
                None => format!("{name}_bg"),
            };
            return Ok(Self::named(options, name.to_owned(), wasm, name.to_owned()));
        }
        let path = hash_file_path(options);
        let hashes = std::fs::read_to_string(&path).map_err(|source| BundleError {
            path: path.clone(),
            source,
        })?;
        let hashed = |kind: &str| match hash_of(&hashes, kind) {
            Some(hash) => format!("{name}.{hash}"),
            None => name.to_owned(),
        };
        Ok(Self::named(
            options,
            hashed("js"),
            hashed("wasm"),
            hashed("css"),
        ))
    }

    fn named(options: &LeptosOptions, js: String, wasm: String, css: String) -> Self {
        let pkg = options.site_pkg_dir.to_string();
        let tags = HeadTags::new(&pkg, &js, &wasm, &css);
        Self {
            pkg,
            js,
            wasm,
            css,
            tags,
        }
    }
}

/// Where cargo-leptos writes the bundle's hashes: beside the binary, under the options' name.
pub fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.to_path_buf()))
        .unwrap_or_default()
        .join(options.hash_file.as_ref())
}

/// The hash recorded for `kind` (`js`, `wasm`, `css`) in cargo-leptos' `kind: hash` lines.
fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.trim().split_once(':')?;
        (file.trim() == kind).then(|| hash.trim())
    })
}

/// The stylesheet, a preload of the (small) JS module, and the script (with this response's
/// nonce) that imports the JS, instantiates the WASM and hydrates the page's islands.
///
/// Only the islands (`#[island]` components) run in the browser; everything else stays as the
/// server rendered it, so a page without islands fetches no WASM at all. Unlike Leptos'
/// `HydrationScripts`, the WASM is not preloaded and its fetch starts only once the browser
/// reports the first contentful paint (or after 2 s, for a page that does not paint, such as a
/// background tab): the WASM no longer shares the network with the HTML and CSS that paint the
/// page. Lighthouse's simulated mobile LCP counted the whole WASM download. Once the islands are
/// hydrated, `<html>` gets a `data-hydrated` attribute (what the end-to-end tests wait for).
#[component]
pub fn BundleTags(bundle: Arc<Bundle>) -> impl IntoView {
    // What the server renders outside islands carries no hydration markers or resource data.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let HeadTags {
        stylesheet,
        module,
        loader,
    } = bundle.tags.clone();
    view! {
        <link rel="stylesheet" id="leptos" href=stylesheet />
        <link rel="modulepreload" href=module crossorigin="anonymous" />
        <script type="module" nonce=use_nonce()>
            {loader}
        </script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_read_by_kind() {
        let hashes = "js: pFQM3gTtVQH_bfm7qZu82g\nwasm: NTyeZaDnVT2R-mbGwAIiHw\ncss: c_zajGh5_u0ruiSpIEh7Qg\n";
        assert_eq!(hash_of(hashes, "js"), Some("pFQM3gTtVQH_bfm7qZu82g"));
        assert_eq!(hash_of(hashes, "wasm"), Some("NTyeZaDnVT2R-mbGwAIiHw"));
        assert_eq!(hash_of(hashes, "css"), Some("c_zajGh5_u0ruiSpIEh7Qg"));
        assert_eq!(hash_of(hashes, "manifest"), None);
    }

    #[test]
    fn a_missing_hash_file_is_an_error_naming_it() {
        let options = LeptosOptions::builder()
            .output_name("jira-sso-auth")
            .hash_files(true)
            .hash_file("no-such-hash-file.txt".into())
            .build();
        let error = Bundle::new(&options).unwrap_err().to_string();
        assert!(error.contains("no-such-hash-file.txt"), "{error}");
    }

    #[test]
    fn without_hashing_the_names_are_the_output_name() {
        let options = LeptosOptions::builder()
            .output_name("jira-sso-auth")
            .build();
        let bundle = Bundle::new(&options).unwrap();
        assert_eq!(bundle.js, "jira-sso-auth");
        assert_eq!(bundle.css, "jira-sso-auth");
        assert!(bundle.wasm.starts_with("jira-sso-auth"));
        assert_eq!(bundle.pkg, "pkg");
    }
}
