//! An article's own HTML (`bodyHtml`, or JSON-LD's `articleBody` when it is HTML) turned into
//! the typed body blocks. Never markup into the page: what comes out is [`Block`]s of clean text
//! and safe URLs, rendered by the widget's own components like any other body.
//!
//! Two steps:
//! 1. **Parse** with a spec-compliant HTML parser into a small, capped tree ([`Dom`]): the
//!    browser's own inert `DOMParser` in the widget, html5ever (through `scraper`) on the host
//!    (see [`crate::seams::parse_html`]). Both walk their parser's tree into the same
//!    [`DomBuilder`], which keeps only what the converter reads (elements, text, a short list of
//!    attributes) and applies the caps: depth, nodes and text. So the wasm carries no HTML
//!    parser of its own, and the two give the same blocks.
//! 2. **Convert** ([`blocks`]): pure Rust over the [`Dom`], the same code on both sides.
//!
//! What goes: scripts, styles, templates, forms and their controls, buttons, comments, event
//! attributes (never read), iframes that are not `https`, elements hidden by `hidden`,
//! `aria-hidden="true"` or an inline `display: none`. Unknown elements keep their text. Links
//! and images keep only safe URLs ([`crate::urls::safe_url`]).

use crate::model::{
    Block, Cell, Embed, Footnote, Image, Inline, List, Marks, Provider, Related, Scope, Table,
    MAX_BLOCKS, MAX_DEPTH, MAX_GALLERY, MAX_SPAN, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
};
use crate::text;
use crate::urls::{safe_url, SafeUrl};

pub use crate::dom::{
    Dom, DomBuilder, Node, KEPT_ATTRIBUTES, MAX_ATTR_BYTES, MAX_HTML_DEPTH, MAX_NODES,
    MAX_TEXT_BYTES,
};

/// Whether a string is HTML rather than plain text (JSON-LD's `articleBody` may be either): it
/// holds a block or inline element a CMS writes.
pub fn looks_like_html(s: &str) -> bool {
    const TAGS: &[&str] = &[
        "<p",
        "<div",
        "<br",
        "<ul",
        "<ol",
        "<li",
        "<h2",
        "<h3",
        "<h4",
        "<table",
        "<figure",
        "<img",
        "<blockquote",
        "<a ",
        "<em>",
        "<strong>",
        "<pre",
        "<section",
        "<iframe",
        "<span",
    ];
    let lower = s
        .get(..s.len().min(64 * 1024))
        .unwrap_or(s)
        .to_ascii_lowercase();
    TAGS.iter().any(|t| lower.contains(t))
}

/// The article's HTML as body blocks: nesting bounded ([`bound_depth`]), parsed by this
/// platform's parser, then converted.
pub fn body_from_html(html: &str) -> Vec<Block> {
    blocks(&crate::seams::parse_html(&bound_depth(
        html,
        MAX_SOURCE_DEPTH,
    )))
}

/// Deepest nesting of start tags passed to the parser (browsers cap theirs near 512).
pub const MAX_SOURCE_DEPTH: usize = 256;

/// The HTML with every start tag past `max` open elements left out (its text stays), and
/// every `<noscript>` cut out whole. The
/// WHATWG tree builder checks the stack of open elements on every start tag, so a million nested
/// `<div>`s cost a parser a million squared steps: bounded here in one linear pass, the same
/// for both parsers. The count follows the parser's common implied ends (a `<li>` ends the
/// open `<li>`, a `<p>` the open `<p>`, …), so long flat lists written without end tags are not
/// mistaken for deep ones; it need not be exact, only bounded.
pub fn bound_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen",
    ];
    const RAW: &[&str] = &[
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    ];
    const SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        i = lt + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if rest.starts_with('!') || rest.starts_with('?') {
            i = rest.find('>').map_or(html.len(), |e| i + e + 1);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = i + usize::from(closing);
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The tag's end: the first `>` outside quotes.
        let mut end = name_start + name_len;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'"' | b'\'') => quote = Some(bytes[end]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        let tag_end = (end + 1).min(html.len());
        i = tag_end;
        if closing {
            if let Some(at) = stack.iter().rposition(|n| *n == name) {
                stack.truncate(at);
            }
            continue;
        }
        let self_closing = html[..tag_end].ends_with("/>");
        let cut = name == "noscript";
        if cut || RAW.contains(&name.as_str()) {
            // Its text is not markup: on to its end tag. A `<noscript>` goes whole, as in a
            // browser that runs scripts (its content is raw text there, shown to no one): both
            // parsers here run with scripting off, where it would be markup, and a stray quote
            // in it could swallow the rest of the article.
            let mut at = i;
            i = loop {
                match html[at..].find("</") {
                    None => break html.len(),
                    Some(e) => {
                        let tag = html.get(at + e + 2..at + e + 2 + name.len());
                        if tag.is_some_and(|t| t.eq_ignore_ascii_case(&name)) {
                            break at + e;
                        }
                        at += e + 2;
                    }
                }
            };
            if cut {
                let close = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
                let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
                kept.push_str(&html[copied..lt]);
                copied = close;
                i = close;
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if SIBLINGS.contains(&name.as_str()) && stack.last() == Some(&name) {
            stack.pop();
        }
        if stack.len() >= max {
            let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
            kept.push_str(&html[copied..lt]);
            copied = tag_end;
            continue;
        }
        stack.push(name);
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut kept) => {
            kept.push_str(&html[copied..]);
            std::borrow::Cow::Owned(kept)
        }
    }
}

/// A stable fingerprint of converted blocks (FNV-1a, 64 bits, over their debug form): the
/// parity test's, by which the browser's conversion of the corpus is held to the host's
/// (`tests/fixtures/articles/parity.txt`).
pub fn fingerprint(blocks: &[Block]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{blocks:?}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A [`Dom`] as body blocks.
pub fn blocks(dom: &Dom) -> Vec<Block> {
    let mut c = Converter {
        dom,
        count: 0,
        last_heading: 0,
    };
    let mut out = Vec::new();
    c.container(0, 0, &mut out);
    out
}

/// What an inline run is inside: the style every text run takes.
#[derive(Clone, Default)]
struct Style {
    em: bool,
    strong: bool,
    href: Option<SafeUrl>,
    marks: Marks,
}

/// Inline runs waiting for the block that holds them.
#[derive(Default)]
struct Runs(Vec<Inline>);

impl Runs {
    fn push(&mut self, text: &str, style: &Style) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.0.last_mut() {
            if !last.is_break()
                && last.em == style.em
                && last.strong == style.strong
                && last.href == style.href
                && last.marks == style.marks
            {
                last.text.push_str(text);
                return;
            }
        }
        self.0.push(Inline {
            text: text.to_owned(),
            em: style.em,
            strong: style.strong,
            href: style.href.clone(),
            marks: style.marks.clone(),
        });
    }

    fn line_break(&mut self) {
        if self.0.last().is_some_and(|r| !r.is_break()) {
            self.0.push(Inline::line_break());
        }
    }

    /// The runs with white space collapsed as HTML collapses it (ASCII white space: one space
    /// between words, none at the ends, none before or after a line break; a no-break space
    /// is kept); empty runs dropped.
    fn take(&mut self) -> Vec<Inline> {
        let mut runs = std::mem::take(&mut self.0);
        let mut space_before = true;
        for run in &mut runs {
            if run.is_break() {
                space_before = true;
                continue;
            }
            let mut t = String::with_capacity(run.text.len());
            for ch in run.text.chars() {
                // HTML's collapsible white space is ASCII's: a no-break space stays one.
                if ch.is_ascii_whitespace() {
                    if !space_before {
                        t.push(' ');
                        space_before = true;
                    }
                } else {
                    t.push(ch);
                    space_before = false;
                }
            }
            run.text = t;
        }
        // Trailing spaces: before a break and at the end.
        for i in 0..runs.len() {
            let before_break = runs.get(i + 1).is_none_or(Inline::is_break);
            if before_break && !runs[i].is_break() {
                let trimmed = runs[i]
                    .text
                    .trim_end_matches(|c: char| c.is_ascii_whitespace())
                    .len();
                runs[i].text.truncate(trimmed);
            }
        }
        runs.retain(|r| !r.text.is_empty());
        while runs.last().is_some_and(Inline::is_break) {
            runs.pop();
        }
        while runs.first().is_some_and(Inline::is_break) {
            runs.remove(0);
        }
        runs
    }
}

struct Converter<'a> {
    dom: &'a Dom,
    count: usize,
    /// The last heading's level: a heading is at most one level below it (an `h2` then an `h4`
    /// is a heading and its subheading, not a skipped level).
    last_heading: u8,
}

fn attr<'n>(node: &'n Node, name: &str) -> Option<&'n str> {
    match node {
        Node::Element { attrs, .. } => attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str()),
        Node::Text(_) => None,
    }
}

fn has_class(node: &Node, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
}

fn class_contains(node: &Node, part: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.contains(part))
}

/// Elements whose content never reaches the reader.
const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "form", "button", "input", "select", "textarea",
    "option", "object", "embed", "applet", "svg", "math", "canvas", "head", "meta", "link",
    "title", "base", "dialog", "frame", "frameset", "param", "source", "track", "map", "area",
];

/// Elements that hold blocks (everything else is inline, or transparent).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "table",
    "figure",
    "blockquote",
    "pre",
    "hr",
    "iframe",
    "video",
    "audio",
    "picture",
    "img",
    "address",
    "details",
    "summary",
    "fieldset",
    "center",
    "hgroup",
    "menu",
    "figcaption",
    "caption",
    "body",
    "html",
];

fn hidden(node: &Node) -> bool {
    if attr(node, "hidden").is_some()
        || attr(node, "aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    attr(node, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl<'a> Converter<'a> {
    fn node(&self, i: usize) -> &'a Node {
        &self.dom.nodes[i]
    }

    fn name(&self, i: usize) -> &'a str {
        match self.node(i) {
            Node::Element { name, .. } => name,
            Node::Text(_) => "#text",
        }
    }

    fn kids(&self, i: usize) -> &'a [usize] {
        match self.node(i) {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    fn skipped(&self, i: usize) -> bool {
        let node = self.node(i);
        matches!(node, Node::Element { .. }) && (DROPPED.contains(&self.name(i)) || hidden(node))
    }

    fn is_block(&self, i: usize) -> bool {
        BLOCKS.contains(&self.name(i))
    }

    /// Descendants named `name` (not inside dropped elements), in document order. Bounded by
    /// the tree's own caps.
    fn find_all(&self, i: usize, names: &[&str], out: &mut Vec<usize>) {
        for &k in self.kids(i) {
            if self.skipped(k) {
                continue;
            }
            if names.contains(&self.name(k)) {
                out.push(k);
            } else {
                self.find_all(k, names, out);
            }
        }
    }

    fn find(&self, i: usize, names: &[&str]) -> Option<usize> {
        let mut found = Vec::new();
        self.find_all(i, names, &mut found);
        found.first().copied()
    }

    /// All the text under a node, white space collapsed (captions, quotes, alt text).
    fn text_of(&self, i: usize) -> String {
        let mut raw = String::new();
        self.raw_text(i, &mut raw, false);
        text::collapse_ws(&raw)
    }

    /// Text as written (for `pre`), with `br` as a line break and block ends as line breaks when
    /// `blocks` is set.
    fn raw_text(&self, i: usize, out: &mut String, blocks: bool) {
        for &k in self.kids(i) {
            match self.node(k) {
                Node::Text(t) => out.push_str(t),
                Node::Element { .. } if self.skipped(k) => {}
                Node::Element { name, .. } => {
                    if name == "br" {
                        out.push('\n');
                    } else {
                        self.raw_text(k, out, blocks);
                        if blocks && self.is_block(k) {
                            out.push(' ');
                        }
                    }
                }
            }
        }
    }

    fn push(&mut self, out: &mut Vec<Block>, block: Block) {
        if self.count < MAX_BLOCKS {
            self.count += 1;
            out.push(block);
        }
    }

    fn flush(&mut self, runs: &mut Runs, out: &mut Vec<Block>) {
        let runs = runs.take();
        if !runs.is_empty() {
            self.push(out, Block::Paragraph(runs));
        }
    }

    /// The children of a block container: inline content gathers into paragraphs, block
    /// elements become their blocks.
    fn container(&mut self, i: usize, depth: usize, out: &mut Vec<Block>) {
        let mut runs = Runs::default();
        for &k in self.kids(i) {
            self.flow(k, depth, &Style::default(), &mut runs, out);
        }
        self.flush(&mut runs, out);
    }

    /// One node in flow content: text and inline elements add to `runs`; a block element
    /// flushes them into a paragraph and adds its own block(s).
    fn flow(
        &mut self,
        k: usize,
        depth: usize,
        style: &Style,
        runs: &mut Runs,
        out: &mut Vec<Block>,
    ) {
        match self.node(k) {
            Node::Text(t) => runs.push(t, style),
            Node::Element { .. } if self.skipped(k) => {}
            Node::Element { .. } if self.is_block(k) => {
                self.flush(runs, out);
                self.block(k, depth, out);
            }
            Node::Element { .. } => self.inline(k, depth, style, runs, out),
        }
    }

    fn inline(
        &mut self,
        k: usize,
        depth: usize,
        style: &Style,
        runs: &mut Runs,
        out: &mut Vec<Block>,
    ) {
        let node = self.node(k);
        let mut s = style.clone();
        match self.name(k) {
            "br" => return runs.line_break(),
            "wbr" => return,
            "em" | "i" | "cite" | "dfn" | "var" => s.em = true,
            "strong" | "b" => s.strong = true,
            "a" => {
                if let Some(href) = attr(node, "href").and_then(safe_url) {
                    s.href = Some(href);
                }
            }
            "sub" => s.marks.sub = true,
            "sup" => {
                if let Some(n) = self.note_ref(k) {
                    s.marks.note = Some(n);
                    s.href = None;
                    runs.push(&n.to_string(), &s);
                    return;
                }
                s.marks.sup = true;
            }
            "code" | "kbd" | "samp" | "tt" => s.marks.code = true,
            "mark" => s.marks.mark = true,
            "small" => s.marks.small = true,
            "del" | "s" | "strike" => s.marks.del = true,
            "ins" => s.marks.ins = true,
            "abbr" | "acronym" => {
                s.marks.abbr = attr(node, "title")
                    .map(text::clean_line)
                    .filter(|t| !t.is_empty());
            }
            _ => {}
        }
        for &c in self.kids(k) {
            self.flow(c, depth, &s, runs, out);
        }
    }

    /// A `sup` that references a footnote (`<sup><a href="#fn1">1</a></sup>`, Wikipedia's
    /// `[1]`): its number.
    fn note_ref(&self, sup: usize) -> Option<u32> {
        let a = self.find(sup, &["a"])?;
        attr(self.node(a), "href")?.starts_with('#').then_some(())?;
        let t = self.text_of(a);
        t.trim_matches(|c| c == '[' || c == ']').trim().parse().ok()
    }

    fn block(&mut self, k: usize, depth: usize, out: &mut Vec<Block>) {
        let node = self.node(k);
        if let Some(related) = self.related(k) {
            self.push(out, Block::Related(related));
            return;
        }
        match self.name(k) {
            "dt" => {
                // A definition list's term: a paragraph in bold, its definition after it.
                let mut runs = Runs::default();
                let bold = Style {
                    strong: true,
                    ..Style::default()
                };
                for &c in self.kids(k) {
                    self.flow(c, depth, &bold, &mut runs, out);
                }
                self.flush(&mut runs, out);
            }
            "p" | "dd" | "address" | "summary" | "center" => self.container(k, depth, out),
            "h1" | "h2" => self.heading(k, 1, out),
            "h3" => self.heading(k, 2, out),
            "h4" | "h5" | "h6" => self.heading(k, 3, out),
            "ul" | "ol" | "menu" => {
                if class_contains(node, "footnotes") || class_contains(node, "references") {
                    self.footnotes(k, out);
                } else if depth >= MAX_DEPTH {
                    // Too deep: the items' text, flattened.
                    for &li in self.kids(k) {
                        self.container(li, depth, out);
                    }
                } else {
                    let list = self.list(k, depth);
                    if !list.items.is_empty() {
                        self.push(out, Block::List(list));
                    }
                }
            }
            "li" => self.container(k, depth, out),
            "table" => self.table(k, None, out),
            "figure" => self.figure(k, depth, out),
            "blockquote" => self.blockquote(k, out),
            "pre" => self.pre(k, out),
            "hr" => self.push(out, Block::Separator),
            "iframe" | "video" | "audio" => {
                if let Some(embed) = self.embed(k, None) {
                    self.push(out, Block::Embed(embed));
                }
            }
            "img" | "picture" => {
                if let Some(image) = self.image(k) {
                    self.push(out, Block::Image(image));
                }
            }
            "figcaption" | "caption" => self.container(k, depth, out),
            _ => {
                if class_contains(node, "footnotes") {
                    self.footnotes(k, out);
                } else if has_class(node, "wp-caption") {
                    self.figure(k, depth, out);
                } else {
                    self.container(k, depth, out);
                }
            }
        }
    }

    fn heading(&mut self, k: usize, level: u8, out: &mut Vec<Block>) {
        let text = self.text_of(k);
        if !text.is_empty() {
            let level = level.min(self.last_heading + 1);
            self.last_heading = level;
            self.push(out, Block::Heading { level, text });
        }
    }

    fn list(&mut self, k: usize, depth: usize) -> List {
        let ordered = self.name(k) == "ol";
        let start = ordered
            .then(|| attr(self.node(k), "start")?.trim().parse::<u32>().ok())
            .flatten()
            .filter(|&n| n != 1);
        let mut items = Vec::new();
        let mut loose = Runs::default();
        for &li in self.kids(k) {
            if self.skipped(li) {
                continue;
            }
            if self.name(li) == "li" {
                let mut blocks = Vec::new();
                self.container(li, depth + 1, &mut blocks);
                if !blocks.is_empty() {
                    items.push(blocks);
                }
            } else if let Node::Text(t) = self.node(li) {
                // Text straight inside a list (broken markup): an item of its own.
                loose.push(t, &Style::default());
                let runs = loose.take();
                if !runs.is_empty() {
                    items.push(vec![Block::Paragraph(runs)]);
                }
            } else {
                let mut blocks = Vec::new();
                self.container(li, depth + 1, &mut blocks);
                if !blocks.is_empty() {
                    items.push(blocks);
                }
            }
        }
        List {
            ordered,
            start,
            items,
        }
    }

    /// Inline runs of a cell or caption: block content inside joins with line breaks; images
    /// keep their alt text.
    fn cell_runs(&mut self, k: usize) -> Vec<Inline> {
        let mut blocks = Vec::new();
        let before = self.count;
        self.container(k, MAX_DEPTH, &mut blocks);
        self.count = before;
        let mut runs: Vec<Inline> = Vec::new();
        for block in blocks {
            let more = match block {
                Block::Paragraph(r) => r,
                Block::Image(image) if !image.alt.is_empty() => vec![Inline::plain(image.alt)],
                other => block_text(&other).into_iter().map(Inline::plain).collect(),
            };
            if more.is_empty() {
                continue;
            }
            if !runs.is_empty() {
                runs.push(Inline::line_break());
            }
            runs.extend(more);
        }
        runs
    }

    fn table(&mut self, k: usize, caption: Option<Vec<Inline>>, out: &mut Vec<Block>) {
        if self.code_table(k, out) {
            return;
        }
        let mut table = Table {
            caption,
            ..Table::default()
        };
        let mut rows: Vec<(usize, bool)> = Vec::new();
        for &c in self.kids(k) {
            if self.skipped(c) {
                continue;
            }
            match self.name(c) {
                "caption" => {
                    let runs = self.cell_runs(c);
                    if !runs.is_empty() && table.caption.is_none() {
                        table.caption = Some(runs);
                    }
                }
                "thead" => rows.extend(self.rows(c).into_iter().map(|r| (r, true))),
                "tbody" | "tfoot" => rows.extend(self.rows(c).into_iter().map(|r| (r, false))),
                "tr" => rows.push((c, false)),
                _ => {}
            }
        }
        for (tr, head) in rows.into_iter().take(MAX_TABLE_ROWS) {
            let mut row = Vec::new();
            for &td in self.kids(tr) {
                let name = self.name(td);
                if !(name == "td" || name == "th") || self.skipped(td) {
                    continue;
                }
                if row.len() >= MAX_TABLE_COLUMNS {
                    break;
                }
                let span = |a: &str| {
                    attr(self.node(td), a)
                        .and_then(|v| v.trim().parse::<u16>().ok())
                        .map_or(1, |n| n.clamp(1, MAX_SPAN))
                };
                let (colspan, rowspan) = (span("colspan"), span("rowspan"));
                let header = name == "th";
                let scope = attr(self.node(td), "scope").and_then(Scope::parse);
                row.push(Cell {
                    header,
                    scope: if header { scope } else { None },
                    colspan,
                    rowspan,
                    content: self.cell_runs(td),
                });
            }
            if row.is_empty() {
                continue;
            }
            if head {
                table.head.push(row);
            } else {
                table.body.push(row);
            }
        }
        // A first body row of header cells only, in a table with no head: the head.
        if table.head.is_empty() && table.body.len() > 1 && table.body[0].iter().all(|c| c.header) {
            table.head.push(table.body.remove(0));
        }
        if !table.head.is_empty() || !table.body.is_empty() {
            self.push(out, Block::Table(table));
        }
    }

    fn rows(&self, group: usize) -> Vec<usize> {
        self.kids(group)
            .iter()
            .copied()
            .filter(|&r| self.name(r) == "tr" && !self.skipped(r))
            .collect()
    }

    /// `figure` (and WordPress's `div.wp-caption`): an image with its caption, a gallery, a
    /// quote, a table, code or an embed, by what it holds.
    fn figure(&mut self, k: usize, depth: usize, out: &mut Vec<Block>) {
        let caption_node = self.find(k, &["figcaption"]).or_else(|| {
            let mut ps = Vec::new();
            self.find_all(k, &["p"], &mut ps);
            ps.into_iter()
                .find(|&p| has_class(self.node(p), "wp-caption-text"))
        });
        let caption = caption_node
            .map(|c| self.text_of(c))
            .filter(|c| !c.is_empty());
        if let Some(t) = self.find(k, &["table"]) {
            let runs = caption.map(|c| vec![Inline::plain(c)]);
            return self.table(t, runs, out);
        }
        if let Some(q) = self.find(k, &["blockquote"]) {
            let before = out.len();
            self.blockquote(q, out);
            if let (Some(Block::Quote { cite, .. }), Some(c)) = (out.get_mut(before), caption) {
                if cite.is_none() {
                    *cite = Some(c.trim_start_matches(['—', '–', '-', ' ']).to_owned());
                }
            }
            return;
        }
        if let Some(p) = self.find(k, &["pre"]) {
            return self.pre(p, out);
        }
        if let Some(f) = self.find(k, &["iframe", "video", "audio"]) {
            if let Some(embed) = self.embed(f, caption) {
                self.push(out, Block::Embed(embed));
            }
            return;
        }
        let mut imgs = Vec::new();
        self.find_all(k, &["img"], &mut imgs);
        let mut images: Vec<Image> = imgs.into_iter().filter_map(|i| self.image(i)).collect();
        match images.len() {
            0 => {
                // Nothing we know: its text, with the caption as a paragraph of its own.
                self.container(k, depth, out);
            }
            1 => {
                let mut image = images.remove(0);
                if image.caption.is_none() {
                    let (caption, credit) = split_credit(caption);
                    image.caption = caption;
                    image.credit = credit;
                }
                self.push(out, Block::Image(image));
            }
            _ => {
                images.truncate(MAX_GALLERY);
                self.push(out, Block::Gallery { images, caption });
            }
        }
    }

    /// An `img` (or a `picture`'s): its safe URL (a lazy-loader's real one where `src` is a
    /// placeholder), alt text, size; inside a figure of its own, the figure's caption.
    fn image(&self, k: usize) -> Option<Image> {
        let k = if self.name(k) == "picture" {
            self.find(k, &["img"])?
        } else {
            k
        };
        let node = self.node(k);
        let src = ["data-src", "data-lazy-src", "src"]
            .iter()
            .filter_map(|a| attr(node, a))
            .filter(|v| !v.trim_start().starts_with("data:"))
            .find_map(safe_url)?;
        let size = |a: &str| {
            attr(node, a)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|&n| n > 0)
        };
        Some(Image {
            src,
            alt: attr(node, "alt").map(text::clean_line).unwrap_or_default(),
            caption: None,
            credit: None,
            width: size("width"),
            height: size("height"),
        })
    }

    fn blockquote(&mut self, k: usize, out: &mut Vec<Block>) {
        let node = self.node(k);
        // Social posts as their sites' embed code writes them: the post's own link.
        let social = [
            "twitter-tweet",
            "instagram-media",
            "tiktok-embed",
            "bluesky-embed",
            "x-tweet",
        ];
        if social.iter().any(|c| class_contains(node, c)) {
            let mut links = Vec::new();
            self.find_all(k, &["a"], &mut links);
            let url = attr(node, "cite")
                .and_then(safe_url)
                .filter(is_https)
                .or_else(|| {
                    links
                        .iter()
                        .rev()
                        .filter_map(|&a| attr(self.node(a), "href").and_then(safe_url))
                        .find(is_https)
                });
            if let Some(url) = url {
                let text = self.text_of(k);
                let provider = Provider::of_host(host(&url.href));
                return self.push(
                    out,
                    Block::Embed(Embed {
                        provider,
                        url,
                        frame: None,
                        title: (!text.is_empty()).then_some(text),
                        width: None,
                        height: None,
                    }),
                );
            }
        }
        let cite = self
            .find(k, &["cite", "footer"])
            .map(|c| self.text_of(c))
            .filter(|c| !c.is_empty());
        let mut paragraphs = Vec::new();
        let before = self.count;
        self.container(k, MAX_DEPTH, &mut paragraphs);
        self.count = before;
        let mut text = paragraphs
            .iter()
            .flat_map(block_text)
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(c) = &cite {
            if let Some(stripped) = text.strip_suffix(c.as_str()) {
                text = stripped
                    .trim_end()
                    .trim_end_matches(['—', '–', '-'])
                    .trim_end()
                    .to_owned();
            }
        }
        if !text.is_empty() {
            self.push(
                out,
                Block::Quote {
                    text,
                    cite: cite.map(|c| c.trim_start_matches(['—', '–', '-', ' ']).to_owned()),
                },
            );
        }
    }

    /// A related-article teaser, as newsrooms write one in their HTML (and as the WordPress
    /// plugin's reader of a post has always taken it): a paragraph that is one link after
    /// "Related:", "Read more:", "See also:" or "Also read:", or a paragraph, `aside` or `div`
    /// whose class names it `related`, holding one link.
    fn related(&self, k: usize) -> Option<Related> {
        let node = self.node(k);
        let marked = attr(node, "class").is_some_and(|c| {
            c.split(|ch: char| ch.is_ascii_whitespace() || ch == '-')
                .any(|w| w.eq_ignore_ascii_case("related"))
        });
        if !(self.name(k) == "p" || (marked && matches!(self.name(k), "aside" | "div"))) {
            return None;
        }
        let mut links = Vec::new();
        self.find_all(k, &["a"], &mut links);
        let [link] = links[..] else { return None };
        let url = attr(self.node(link), "href").and_then(safe_url)?;
        let headline = self.text_of(link);
        if headline.is_empty() {
            return None;
        }
        let text = self.text_of(k);
        let (label, rest) = text.split_once(':').unwrap_or(("", &text));
        let label = label.trim_end();
        let labelled = ["related", "read more", "see also", "also read"]
            .iter()
            .any(|l| label.eq_ignore_ascii_case(l));
        // Nothing but the label and the link: no other words are lost to the teaser.
        let only_link =
            rest.trim() == headline && (labelled || marked) || marked && text == headline;
        if !only_link {
            return None;
        }
        Some(Related {
            headline,
            url,
            kicker: labelled.then(|| label.to_owned()),
            image: None,
        })
    }

    /// A syntax highlighter's layout table (WP-Syntax, GeSHi, SyntaxHighlighter, Pygments'
    /// `linenos="table"`): every cell with words holds a `<pre>`, line numbers sit in a gutter
    /// cell. It is code, not data: its code blocks, without the gutter. `false` (nothing written)
    /// for any other table.
    fn code_table(&mut self, k: usize, out: &mut Vec<Block>) -> bool {
        let mut cells = Vec::new();
        self.find_all(k, &["td", "th"], &mut cells);
        let mut code = Vec::new();
        for &cell in &cells {
            let node = self.node(cell);
            if ["gutter", "line-num", "line_num", "lineno"]
                .iter()
                .any(|g| class_contains(node, g))
            {
                continue;
            }
            match self.find(cell, &["pre"]) {
                // Only line numbers: the gutter of a highlighter whose classes are not known.
                Some(_)
                    if self
                        .text_of(cell)
                        .chars()
                        .all(|c| c.is_ascii_digit() || c.is_whitespace()) => {}
                Some(pre) => code.push(pre),
                None if self.text_of(cell).is_empty() => {}
                None => return false,
            }
        }
        if code.is_empty() {
            return false;
        }
        for pre in code {
            self.pre(pre, out);
        }
        true
    }

    fn pre(&mut self, k: usize, out: &mut Vec<Block>) {
        let mut text = String::new();
        self.raw_text(k, &mut text, false);
        // The parser drops one newline right after <pre>; a trailing one is noise.
        let text = text.trim_end_matches(['\n', '\r']).to_owned();
        let language = [Some(k), self.find(k, &["code"])]
            .into_iter()
            .flatten()
            .filter_map(|n| attr(self.node(n), "class"))
            .flat_map(str::split_ascii_whitespace)
            .find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
            })
            .filter(|l| {
                !l.is_empty()
                    && l.len() <= 32
                    && l.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-#._".contains(c))
            })
            .map(str::to_owned);
        if !text.trim().is_empty() {
            self.push(out, Block::Code { text, language });
        }
    }

    fn embed(&self, k: usize, caption: Option<String>) -> Option<Embed> {
        let node = self.node(k);
        let src = attr(node, "src").or_else(|| {
            let source = self.find(k, &["source"])?;
            attr(self.node(source), "src")
        })?;
        let url = safe_url(src).filter(is_https)?;
        let provider = Provider::of_host(host(&url.href));
        let size = |a: &str| {
            attr(node, a)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|&n| n > 0)
        };
        let title = attr(node, "title")
            .map(text::clean_line)
            .filter(|t| !t.is_empty())
            .or(caption);
        let is_frame = self.name(k) == "iframe";
        Some(Embed {
            url: if is_frame {
                page_of(&provider, &url)
            } else {
                url.clone()
            },
            frame: is_frame.then_some(url),
            provider,
            title,
            width: size("width"),
            height: size("height"),
        })
    }

    fn footnotes(&mut self, k: usize, out: &mut Vec<Block>) {
        // Notes as list items, or as paragraphs (O'Reilly's `data-type="footnote"`).
        let mut items = Vec::new();
        self.find_all(k, &["li"], &mut items);
        if items.is_empty() {
            self.find_all(k, &["p"], &mut items);
        }
        let start = if self.name(k) == "ol" {
            attr(self.node(k), "start")
                .and_then(|v| v.trim().parse::<u32>().ok())
                .unwrap_or(1)
        } else {
            1
        };
        let mut notes = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let mut content = self.cell_runs(item);
            // A note that opens with its own number (a link back to its reference) keeps that
            // number; otherwise it is numbered by its place.
            let number = match content.first().and_then(|r| r.marks.note) {
                Some(n) => {
                    content.remove(0);
                    n
                }
                None => start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
            };
            let content = Runs(content).take();
            if !content.is_empty() {
                notes.push(Footnote { number, content });
            }
        }
        if !notes.is_empty() {
            self.push(out, Block::Footnotes(notes));
        }
    }
}

fn is_https(url: &SafeUrl) -> bool {
    url.href.starts_with("https://")
}

fn host(href: &str) -> &str {
    let rest = href.split_once("://").map_or(href, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().unwrap_or(host)
}

/// The page a reader opens for a provider's frame (a YouTube frame's watch page); the frame's
/// own URL otherwise.
fn page_of(provider: &Provider, frame: &SafeUrl) -> SafeUrl {
    let id_after = |marker: &str| {
        frame
            .href
            .split_once(marker)
            .map(|(_, rest)| {
                rest.split(['?', '&', '#', '/'])
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .filter(|id| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
    };
    let page = match provider {
        Provider::YouTube => {
            id_after("/embed/").map(|id| format!("https://www.youtube.com/watch?v={id}"))
        }
        Provider::Vimeo => id_after("/video/").map(|id| format!("https://vimeo.com/{id}")),
        _ => None,
    };
    page.and_then(|p| safe_url(&p))
        .unwrap_or_else(|| frame.clone())
}

/// A caption's trailing credit ("… Photo: Jane Doe / Agency"), split off when it is marked so.
fn split_credit(caption: Option<String>) -> (Option<String>, Option<String>) {
    let Some(caption) = caption else {
        return (None, None);
    };
    for marker in ["Photo: ", "Photograph: ", "Image: ", "Credit: ", "Foto: "] {
        if let Some((before, credit)) = caption.rsplit_once(marker) {
            let before = before.trim().trim_end_matches(['(', '|', '/']).trim();
            let credit = credit.trim().trim_end_matches(')').trim();
            if !credit.is_empty() {
                return (
                    (!before.is_empty()).then(|| before.to_owned()),
                    Some(credit.to_owned()),
                );
            }
        }
    }
    (Some(caption), None)
}

/// A block's text, for places that hold text only (quotes, cells).
fn block_text(block: &Block) -> Vec<String> {
    match block {
        Block::Paragraph(runs) => vec![runs
            .iter()
            .map(|r| if r.is_break() { " " } else { r.text.as_str() })
            .collect::<String>()],
        Block::Heading { text, .. } | Block::Quote { text, .. } | Block::Code { text, .. } => {
            vec![text.clone()]
        }
        Block::List(list) => list.items.iter().flatten().flat_map(block_text).collect(),
        Block::Table(t) => t
            .head
            .iter()
            .chain(&t.body)
            .flatten()
            .map(|c| c.content.iter().map(|r| r.text.as_str()).collect())
            .collect(),
        Block::Image(i) => vec![i.caption.clone().unwrap_or_default()],
        Block::Gallery { caption, .. } => vec![caption.clone().unwrap_or_default()],
        Block::Embed(e) => vec![e.title.clone().unwrap_or_default()],
        Block::Footnotes(notes) => notes
            .iter()
            .map(|n| n.content.iter().map(|r| r.text.as_str()).collect())
            .collect(),
        Block::Related(_) | Block::Separator => Vec::new(),
    }
    .into_iter()
    .filter(|t| !t.trim().is_empty())
    .collect()
}
