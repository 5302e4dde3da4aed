//! Text hygiene for data that came from outside: HTML entities and stray markup in JSON-LD strings,
//! whitespace and slugs. (URLs: the `url` module.)
//!
//! Everything here is pure and runs on the host; the components only ever render the results as
//! text nodes or as attributes that passed [`crate::urls::safe_url`].

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

    /// Issue 10: browsers read `\` as `/`, so these leave the site and must say so.

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Marta Oyelaran-Reyes"), "MO");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials("  "), "");
    }
}
