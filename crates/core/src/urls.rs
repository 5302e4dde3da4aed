//! URL safety: the scheme filter every link and image goes through ([`safe_url`]), relative
//! URLs resolved against the document they came from ([`with_base`]), and the small URL helpers
//! the widget needs (percent-encoding, a link's host). Pure, host-tested; the browser's own `URL`
//! parser is reached only through `seams::resolve_url`.

/// A link target the widget is willing to render, and whether it leaves the site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SafeUrl {
    /// The URL as it goes into `href`/`src`.
    pub href: String,
    /// Absolute or protocol-relative: gets `rel="noopener noreferrer"`.
    pub external: bool,
}

/// Accepts only `http:`/`https:` URLs and relative references; everything else (`javascript:`,
/// `data:`, `vbscript:`, `file:` …) is refused. Tabs and newlines are removed first, as browsers do,
/// so `java\tscript:` cannot sneak through.
///
/// Browsers also read `\` as `/` in http(s) and relative URLs (before any `?` or `#`), so
/// `\\evil.example` and `/\evil.example` mean `//evil.example`: backslashes there are turned into
/// slashes first, and such a URL is classified (and rendered) as the external link it is.
///
/// Inside [`with_base`] (a document fetched from a URL), a relative or protocol-relative URL is
/// resolved against that URL, as the browser would resolve it in the document itself.
pub fn safe_url(raw: &str) -> Option<SafeUrl> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c <= ' ');
    let mut url = &slashes_as_browsers_read_them(trimmed);
    if url.is_empty() || url.chars().any(char::is_control) {
        return None;
    }
    let resolved;
    if scheme_of(url).is_none() {
        if let Some(absolute) = BASE.with(|base| {
            let base = base.borrow();
            crate::seams::resolve_url(url, base.as_deref()?)
        }) {
            resolved = absolute;
            url = &resolved;
        }
    }
    if url.starts_with("//") {
        return Some(SafeUrl {
            href: url.to_owned(),
            external: true,
        });
    }
    match scheme_of(url) {
        Some(scheme) => {
            let scheme = scheme.to_ascii_lowercase();
            (scheme == "http" || scheme == "https").then(|| SafeUrl {
                href: url.to_owned(),
                external: true,
            })
        }
        None => Some(SafeUrl {
            href: url.to_owned(),
            external: false,
        }),
    }
}

std::thread_local! {
    /// The URL of the document being parsed, when it was fetched (see [`with_base`]).
    static BASE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a parse) with every relative URL resolved against `base`, the absolute URL the
/// document was fetched from: `"img/1.jpg"` in `https://feeds.example/a/1.json` is
/// `https://feeds.example/a/img/1.jpg`, not a file next to the host page.
pub fn with_base<T>(base: &str, f: impl FnOnce() -> T) -> T {
    BASE.with(|b| *b.borrow_mut() = Some(base.to_owned()));
    let out = f();
    BASE.with(|b| *b.borrow_mut() = None);
    out
}

/// `\` → `/` up to the first `?` or `#` (the query and fragment keep theirs, as in browsers).
fn slashes_as_browsers_read_them(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let mut out = url[..end].replace('\\', "/");
    out.push_str(&url[end..]);
    out
}

/// The scheme of an absolute URL, if the string has one (RFC 3986: `ALPHA *( ALPHA / DIGIT / "+" /
/// "-" / "." ) ":"` before any `/`, `?` or `#`).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    if url[..colon].contains(['/', '?', '#']) {
        return None;
    }
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// Percent-encodes everything but RFC 3986 unreserved characters (for path segments and queries).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The host name of an absolute http(s) URL, without `www.` — the label for "same as" links.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("//")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_filter() {
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url("JaVaScRiPt:alert(1)").is_none());
        assert!(safe_url("java\tscript:alert(1)").is_none());
        assert!(safe_url(" \u{1}javascript:alert(1)").is_none());
        assert!(safe_url("data:text/html,<script>").is_none());
        assert!(safe_url("vbscript:x").is_none());
        assert!(safe_url("").is_none());
        assert_eq!(
            safe_url("https://example.com/a"),
            Some(SafeUrl {
                href: "https://example.com/a".into(),
                external: true
            })
        );
        assert_eq!(
            safe_url("//cdn.example/x.png").map(|u| u.external),
            Some(true)
        );
        assert_eq!(safe_url("/topic/x?a=b:c").map(|u| u.external), Some(false));
        // "page:1" is an unknown scheme, not a relative path.
        assert!(safe_url("page:1").is_none());
    }

    #[test]
    fn backslashes_are_slashes() {
        let external = |href: &str| {
            Some(SafeUrl {
                href: href.into(),
                external: true,
            })
        };
        assert_eq!(safe_url("\\\\evil.example/x"), external("//evil.example/x"));
        assert_eq!(safe_url("/\\evil.example"), external("//evil.example"));
        assert_eq!(safe_url("\\/evil.example"), external("//evil.example"));
        assert_eq!(safe_url(" \t\\\\evil.example"), external("//evil.example"));
        assert_eq!(
            safe_url("https:\\\\evil.example\\a"),
            external("https://evil.example/a")
        );
        assert!(safe_url("javascript:\\\\x").is_none());
        // A normal relative URL stays same-site; a backslash in the query is left alone.
        assert_eq!(
            safe_url("/topic/x?q=a\\b#c\\d"),
            Some(SafeUrl {
                href: "/topic/x?q=a\\b#c\\d".into(),
                external: false
            })
        );
        assert_eq!(
            safe_url("a\\b").map(|u| (u.href, u.external)),
            Some(("a/b".into(), false))
        );
    }

    #[test]
    fn hosts_and_percent_encoding() {
        assert_eq!(
            host_of("https://www.example.org:443/x"),
            Some("example.org".into())
        );
        assert_eq!(percent_encode("a b/ç"), "a%20b%2F%C3%A7");
    }
}
