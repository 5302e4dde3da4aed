//! Text hygiene for data that came from outside: HTML entities and stray markup in JSON-LD strings,
//! whitespace, slugs, and the URL scheme filter every link goes through.
//!
//! Everything here is pure and runs on the host; the components only ever render the results as
//! text nodes or as attributes that passed [`safe_url`].

/// Decodes HTML entities and strips tags, then collapses whitespace. For the one-line fields
/// (headline, names, tags) that real pages stuff with `&amp;`, `&#8217;` and `<b>`.
pub fn clean_line(raw: &str) -> String {
    collapse_ws(&decode_entities(&strip_tags(raw)))
}

/// Like [`clean_line`] but keeps paragraph breaks: block-level tags and blank lines become `\n`.
/// Used for `articleBody` and long biographies before they are split into paragraphs.
pub fn clean_multiline(raw: &str) -> String {
    let text = decode_entities(&strip_tags(raw));
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = collapse_ws(line);
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&line);
        }
    }
    out
}

/// Splits cleaned multi-line text into paragraphs (one per non-empty line).
pub fn paragraphs(raw: &str) -> Vec<String> {
    clean_multiline(raw)
        .split('\n')
        .map(str::to_owned)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Collapses runs of whitespace (including no-break spaces) into one space and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes anything that looks like a tag. Block-level closers (`</p>`, `<br>`, `</li>`, …) become
/// line breaks so paragraph structure survives; `<script>`/`<style>` lose their contents too.
pub fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        // A '<' that does not open a tag ("a < b") is text.
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !opens_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else {
            // Unterminated tag: drop the remainder rather than leak half a tag.
            rest = "";
            break;
        };
        let tag = after[..end].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[end + 1..];
        if (name == "script" || name == "style") && !after.starts_with('/') {
            // Skip to the matching closer, compared in place: lower-casing a copy of the rest for
            // every `<style>` made a body of many small ones quadratic (issue 10).
            rest = match find_closer(rest, &name) {
                Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                None => "",
            };
            out.push(' ');
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "tr"
        ) {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the first `</name` in `s`, ASCII case-insensitively. Linear in `s.len()`
/// (the name is a few bytes); the offset is always a char boundary (it points at `<`).
fn find_closer(s: &str, name: &str) -> Option<usize> {
    let (hay, name) = (s.as_bytes(), name.as_bytes());
    let len = name.len() + 2;
    (0..hay.len().checked_sub(len - 1)?).find(|&i| {
        hay[i] == b'<' && hay[i + 1] == b'/' && hay[i + 2..i + len].eq_ignore_ascii_case(name)
    })
}

/// Decodes numeric entities and the named entities that real article JSON-LD carries.
/// Unknown entities are left as they are.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| decode_entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters a reader should get.
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// Unicode lower case. In the browser this is the engine's `toLowerCase` (the same Unicode
/// mapping), which keeps Rust's case tables (about 4 KB brotli) out of the bundle.
pub fn lowercase(s: &str) -> String {
    crate::seams::lowercase(s)
}

/// A URL-safe slug: lower-case letters and digits (any script), words joined by `-`.
pub fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in lowercase(s).chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    slug
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

/// Initials for the avatar fallback: first letter of the first and last word, as written (names
/// come capitalised; `char::to_uppercase` would add its Unicode table, ~4 KB brotli, to the bundle).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|w| w.chars().next());
    let last = if words.len() > 1 {
        words.last().and_then(|w| w.chars().next())
    } else {
        None
    };
    first.into_iter().chain(last).collect()
}

/// Counts words for the reading-time estimate.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
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
    fn entities_and_tags_become_text() {
        assert_eq!(
            clean_line("Kim&#8217;s <b>economy</b> &amp; the&nbsp;summit"),
            "Kim’s economy & the summit"
        );
        assert_eq!(
            clean_line("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "<script>alert(1)</script>"
        );
        assert_eq!(clean_line("a < b and c > d"), "a < b and c > d");
        assert_eq!(clean_line("x<script>alert(1)</script>y"), "x y");
        assert_eq!(clean_line("&unknown; &#0; &#xZZ;"), "&unknown; &#0; &#xZZ;");
        assert_eq!(clean_line("&#x1F600;"), "😀");
    }

    #[test]
    fn script_and_style_closers_match_in_any_case() {
        assert_eq!(clean_line("a<STYLE>x{}</sTyLe >b"), "a b");
        assert_eq!(clean_line("a<script>1</SCRIPT>b<script>2"), "a b");
        assert_eq!(clean_line("a<style>é</styl"), "a");
        assert_eq!(clean_line("a<style></style"), "a");
        assert_eq!(clean_line("ü<script>x</script>ü</b>"), "ü ü");
        assert_eq!(find_closer("</st", "style"), None);
        assert_eq!(find_closer("é</STYLE", "style"), Some(2));
    }

    /// Issue 10: 40,000 `<style></style>` pairs (~600 KB) took seconds when every `<style>`
    /// lower-cased a copy of the rest. Not timed here; it finishes at once now.
    #[test]
    fn many_style_pairs_strip_to_nothing() {
        let body = format!("a{}b", "<style></style>".repeat(40_000));
        assert_eq!(body.len(), 600_002);
        assert_eq!(clean_line(&body), "a b");
        assert_eq!(paragraphs(&body), ["a b"]);
    }

    #[test]
    fn multiline_keeps_paragraphs() {
        assert_eq!(
            paragraphs("<p>One &amp; two.</p><p>Three</p>\n\n  Four  "),
            vec!["One & two.", "Three", "Four"]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("North Korea"), "north-korea");
        assert_eq!(slugify("  Kim's  Economy!! 2026 "), "kims-economy-2026");
        assert_eq!(slugify("Économie & Société"), "économie-société");
        assert_eq!(slugify(" , "), "");
    }

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

    /// Issue 10: browsers read `\` as `/`, so these leave the site and must say so.
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
    fn initials_and_hosts() {
        assert_eq!(initials("Marta Oyelaran-Reyes"), "MO");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials("  "), "");
        assert_eq!(
            host_of("https://www.example.org:443/x"),
            Some("example.org".into())
        );
        assert_eq!(percent_encode("a b/ç"), "a%20b%2F%C3%A7");
    }
}
