//! The capped tree an article's HTML is parsed into (see [`crate::html`]): what the converter
//! reads of a parser's tree (elements, text, a short list of attributes), with the caps applied
//! as it is built. Both parsers fill it through [`DomBuilder`]: the browser's DOMParser and
//! html5ever on the host ([`crate::seams::parse_html`]). It depends on nothing, so the seams
//! and the converter both stand on it.

/// Most elements kept from one document; past it, only text.
pub const MAX_NODES: usize = 100_000;
/// Deepest element nesting kept; deeper elements keep their text only.
pub const MAX_HTML_DEPTH: usize = 48;
/// Most text kept from one document, in bytes.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
/// Longest attribute value kept, in bytes (longer ones are dropped).
pub const MAX_ATTR_BYTES: usize = 4096;

/// The attributes the converter reads; every other one (event handlers included) is never kept.
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "data-src",
    "data-lazy-src",
    "alt",
    "title",
    "width",
    "height",
    "colspan",
    "rowspan",
    "scope",
    "start",
    "class",
    "id",
    "hidden",
    "aria-hidden",
    "style",
    "cite",
];

/// One node of the capped tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element: its lower-case local name, kept attributes and children (indices).
    Element {
        /// `p`, `ul`, `td`, …
        name: String,
        /// Only [`KEPT_ATTRIBUTES`].
        attrs: Vec<(String, String)>,
        /// Indices into [`Dom::nodes`].
        children: Vec<usize>,
    },
    /// A text node.
    Text(String),
}

/// A parsed document, capped. Node 0 is the root (a `body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dom {
    /// Every node; children refer to them by index.
    pub nodes: Vec<Node>,
}

/// Builds a [`Dom`] from a parser's walk (open, text, close in document order), applying the
/// caps. Both seams feed it, so both trees are cut the same way.
#[derive(Debug)]
pub struct DomBuilder {
    nodes: Vec<Node>,
    /// Open elements (indices); elements past the caps are not opened but still counted, so
    /// their closes match.
    open: Vec<usize>,
    skipped: usize,
    elements: usize,
    text_bytes: usize,
}

impl Default for DomBuilder {
    fn default() -> Self {
        DomBuilder {
            nodes: vec![Node::Element {
                name: "body".into(),
                attrs: Vec::new(),
                children: Vec::new(),
            }],
            open: vec![0],
            skipped: 0,
            elements: 0,
            text_bytes: 0,
        }
    }
}

impl DomBuilder {
    /// Whether the seam should still report attributes (false once the element would be cut).
    pub fn wants_element(&self) -> bool {
        self.skipped == 0 && self.open.len() <= MAX_HTML_DEPTH && self.elements < MAX_NODES
    }

    /// An element starts. `attrs` yields (name, value); only kept names are read.
    pub fn open<'a>(&mut self, name: &str, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        if !self.wants_element() {
            self.skipped += 1;
            return;
        }
        self.elements += 1;
        let attrs = attrs
            .into_iter()
            .filter(|(n, v)| v.len() <= MAX_ATTR_BYTES && KEPT_ATTRIBUTES.contains(n))
            .take(KEPT_ATTRIBUTES.len())
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let index = self.nodes.len();
        self.nodes.push(Node::Element {
            name: name.to_ascii_lowercase(),
            attrs,
            children: Vec::new(),
        });
        self.attach(index);
        self.open.push(index);
    }

    /// Text inside the current element.
    pub fn text(&mut self, text: &str) {
        if text.is_empty() || self.text_bytes >= MAX_TEXT_BYTES {
            return;
        }
        let room = MAX_TEXT_BYTES - self.text_bytes;
        let mut cut = text.len().min(room);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text_bytes += cut;
        let parent = *self.open.last().unwrap_or(&0);
        // Adjacent text (a cut element's text beside its parent's) joins the last text node.
        if let Some(&last) = self.children(parent).last() {
            if let Node::Text(t) = &mut self.nodes[last] {
                t.push_str(&text[..cut]);
                return;
            }
        }
        let index = self.nodes.len();
        self.nodes.push(Node::Text(text[..cut].to_owned()));
        self.attach(index);
    }

    /// The current element ends.
    pub fn close(&mut self) {
        if self.skipped > 0 {
            self.skipped -= 1;
        } else if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// The capped tree.
    pub fn finish(self) -> Dom {
        Dom { nodes: self.nodes }
    }

    fn children(&self, index: usize) -> &[usize] {
        match &self.nodes[index] {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    fn attach(&mut self, index: usize) {
        let parent = *self.open.last().unwrap_or(&0);
        if let Node::Element { children, .. } = &mut self.nodes[parent] {
            children.push(index);
        }
    }
}
