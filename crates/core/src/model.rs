//! The article as the widget renders it: one normalised shape that both input formats (the widget's
//! own JSON document and schema.org JSON-LD) are parsed into. Plain data: no web-sys, no markup.
//!
//! Every string in here is already clean text (entities decoded, tags stripped, whitespace
//! collapsed) and every URL has passed [`crate::urls::safe_url`]; the components only lay it out.

use std::rc::Rc;

use crate::text;
use crate::urls::SafeUrl;

/// Words per minute used for the reading-time estimate (a common figure for adult silent reading).
pub const WORDS_PER_MINUTE: usize = 230;

// Limits on what one document may carry. Both parsers apply them while reading, so a hostile or
// broken feed (100,000 keywords, thousands of "authors") cannot make the widget do unbounded work
// or render an unbounded list. Items past a cap are dropped, first ones kept.

/// Most topic tags kept, after clean-up and de-duplication.
pub const MAX_TAGS: usize = 100;
/// Most authors kept for the byline.
pub const MAX_AUTHORS: usize = 10;
/// Most entries kept in one author's "Recently posted" list.
pub const MAX_RECENT_POSTS: usize = 20;
/// Most published corrections kept.
pub const MAX_CORRECTIONS: usize = 50;
/// Most entries kept in one of an author's lists (education, languages, topics of expertise).
pub const MAX_LIST_ITEMS: usize = 20;
/// Largest article document fetched from `data-article-src` (5 MiB: far above any real
/// article, JSON-LD graph included), refused before it is parsed (the widget's message says
/// "5 MiB": keep them together).
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;
/// How long fetching `data-article-src` may take before the widget shows its error box (the
/// widget's message says "30 s": keep them together).
pub const FETCH_TIMEOUT_MS: u32 = 30_000;

/// A whole article page: the article, its authors, tags and the trust-box data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id (the document's `id`, JSON-LD `@id`, or the URL). Namespaces drafts later on.
    pub id: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<SafeUrl>,
    /// The only required field.
    pub headline: String,
    /// Standfirst / description under the headline.
    pub description: Option<String>,
    /// Section or kicker shown above the headline ("World", "Politics").
    pub section: Option<String>,
    /// ISO 8601 publication date, as given.
    pub date_published: Option<String>,
    /// ISO 8601 last-update date, as given.
    pub date_modified: Option<String>,
    /// Lead image.
    pub image: Option<Image>,
    /// Everyone credited in the byline, in order. The first gets the author card.
    pub authors: Vec<Rc<Author>>,
    /// Body blocks in reading order.
    pub body: Vec<Block>,
    /// Topic tags, already cleaned and de-duplicated (see [`crate::tags`]).
    pub tags: Vec<Tag>,
    /// Published corrections to this article.
    pub corrections: Vec<Correction>,
    /// Trust-box statement and policy links.
    pub trust: Trust,
    /// Word count given by the source when it has no body text to count (JSON-LD `wordCount`).
    pub word_count_hint: Option<usize>,
    /// The article's own language (BCP 47), which may differ from the widget's UI locale.
    pub language: Option<String>,
}

impl Article {
    /// Words in the body (or the source's own count when there is no body).
    pub fn word_count(&self) -> usize {
        let counted: usize = self.body.iter().map(Block::word_count).sum();
        if counted == 0 {
            self.word_count_hint.unwrap_or(0)
        } else {
            counted
        }
    }

    /// Reading time in whole minutes, at least one; `None` for an article with no words.
    pub fn reading_minutes(&self) -> Option<usize> {
        let words = self.word_count();
        (words > 0).then(|| words.div_ceil(WORDS_PER_MINUTE).max(1))
    }
}

/// An image with its accessibility text and attribution.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    /// Source URL (http(s) or relative).
    pub src: SafeUrl,
    /// Alternative text; empty means decorative.
    pub alt: String,
    /// Caption shown under the image.
    pub caption: Option<String>,
    /// Credit line ("Photo: …").
    pub credit: Option<String>,
    /// Intrinsic width, when known (reserves space: no layout shift).
    pub width: Option<u32>,
    /// Intrinsic height, when known.
    pub height: Option<u32>,
}

/// A run of inline text inside a paragraph, a list item, a table cell or a caption.
///
/// A run whose text is exactly `"\n"` is a line break (`<br>`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// The text itself.
    pub text: String,
    /// Rendered as `<em>`.
    pub em: bool,
    /// Rendered as `<strong>`.
    pub strong: bool,
    /// Makes the run a link.
    pub href: Option<SafeUrl>,
    /// The other inline semantics (sub, sup, code, …).
    pub marks: Marks,
}

/// Inline semantics beyond emphasis and links, each rendered by its own element.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// `<sub>`.
    pub sub: bool,
    /// `<sup>`.
    pub sup: bool,
    /// `<code>`.
    pub code: bool,
    /// `<mark>` (highlighted by the newsroom).
    pub mark: bool,
    /// `<small>`.
    pub small: bool,
    /// `<del>`: text struck out (a screen reader is told it was deleted).
    pub del: bool,
    /// `<ins>`: text added (a screen reader is told it was inserted).
    pub ins: bool,
    /// `<abbr title=…>`: the expansion of an abbreviation.
    pub abbr: Option<String>,
    /// A reference to footnote number n (1-based, the number shown).
    pub note: Option<u32>,
}

impl Inline {
    /// A plain run of text.
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }

    /// A line break.
    pub fn line_break() -> Self {
        Inline::plain("\n")
    }

    /// Whether this run is a line break.
    pub fn is_break(&self) -> bool {
        self.text == "\n"
    }
}

/// Most blocks kept in one body (a hostile document cannot make the widget render millions).
pub const MAX_BLOCKS: usize = 5_000;
/// Deepest nesting of lists (and other blocks inside list items) kept; deeper content keeps its
/// text, flattened into the deepest level.
pub const MAX_DEPTH: usize = 8;
/// Most rows of one table.
pub const MAX_TABLE_ROWS: usize = 2_000;
/// Most cells of one table row.
pub const MAX_TABLE_COLUMNS: usize = 64;
/// Largest `colspan` / `rowspan` kept (the HTML standard's own caps are 1,000 and 65,534).
pub const MAX_SPAN: u16 = 64;
/// Most images in one gallery.
pub const MAX_GALLERY: usize = 50;

/// One body block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of inline runs.
    Paragraph(Vec<Inline>),
    /// A subheading: `level` 1 is one level under the headline, 2 and 3 below it.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// A block quote (or a pull quote) with optional attribution.
    Quote {
        /// The quoted text.
        text: String,
        /// Who said it.
        cite: Option<String>,
    },
    /// An image in the body.
    Image(Image),
    /// Several images under one caption.
    Gallery {
        /// The images, in order (each may keep its own caption and credit).
        images: Vec<Image>,
        /// The caption of the whole gallery.
        caption: Option<String>,
    },
    /// The inline related-article teaser.
    Related(Related),
    /// A bulleted or numbered list.
    List(List),
    /// A table of data.
    Table(Table),
    /// Video, audio or a social post from another site, shown as a facade until the reader asks.
    Embed(Embed),
    /// Preformatted text or code, white space kept.
    Code {
        /// The text, lines and spaces as written.
        text: String,
        /// The language, when given (`rust`, `python`): shown, and set as `data-language`.
        language: Option<String>,
    },
    /// A thematic break (`<hr>`).
    Separator,
    /// The article's footnotes, in order; references to them are inline [`Marks::note`]s.
    Footnotes(Vec<Footnote>),
}

/// One footnote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Footnote {
    /// Its number, as shown and as its references ([`Marks::note`]) give it.
    pub number: u32,
    /// Its text.
    pub content: Vec<Inline>,
}

/// A list: its items hold blocks (a paragraph of inline runs, nested lists, images).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct List {
    /// Numbered (`<ol>`) or bulleted (`<ul>`).
    pub ordered: bool,
    /// The first number of a numbered list, when not 1.
    pub start: Option<u32>,
    /// The items.
    pub items: Vec<Vec<Block>>,
}

/// A table: an optional caption, header rows and body rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The caption (also the accessible name of the table's scrolling region).
    pub caption: Option<Vec<Inline>>,
    /// Header rows (`<thead>`).
    pub head: Vec<Vec<Cell>>,
    /// Body rows (`<tbody>`, and `<tfoot>` after them).
    pub body: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// A header cell (`<th>`).
    pub header: bool,
    /// What a header cell heads.
    pub scope: Option<Scope>,
    /// Columns spanned (1 to [`MAX_SPAN`]).
    pub colspan: u16,
    /// Rows spanned (1 to [`MAX_SPAN`]).
    pub rowspan: u16,
    /// The cell's text.
    pub content: Vec<Inline>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            header: false,
            scope: None,
            colspan: 1,
            rowspan: 1,
            content: Vec::new(),
        }
    }
}

/// The `scope` of a header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Heads its column.
    Col,
    /// Heads its row.
    Row,
    /// Heads a group of columns.
    ColGroup,
    /// Heads a group of rows.
    RowGroup,
}

impl Scope {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Col => "col",
            Scope::Row => "row",
            Scope::ColGroup => "colgroup",
            Scope::RowGroup => "rowgroup",
        }
    }

    /// From the attribute value.
    pub fn parse(value: &str) -> Option<Scope> {
        match value.trim().to_ascii_lowercase().as_str() {
            "col" => Some(Scope::Col),
            "row" => Some(Scope::Row),
            "colgroup" => Some(Scope::ColGroup),
            "rowgroup" => Some(Scope::RowGroup),
            _ => None,
        }
    }
}

/// Content from another site. Nothing is requested from it until the reader asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// Who serves it (named on the facade and its link).
    pub provider: Provider,
    /// The page to open on the provider's site (the facade's link).
    pub url: SafeUrl,
    /// The frame to load on the reader's press (`https` only), when there is one.
    pub frame: Option<SafeUrl>,
    /// What it is ("Council meeting, 3 March"), when known.
    pub title: Option<String>,
    /// Intrinsic width of the frame, when known (reserves its shape).
    pub width: Option<u32>,
    /// Intrinsic height of the frame, when known.
    pub height: Option<u32>,
}

/// The providers the widget names; any other host is [`Provider::Other`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provider {
    /// youtube.com, youtu.be, youtube-nocookie.com.
    YouTube,
    /// vimeo.com.
    Vimeo,
    /// x.com, twitter.com.
    X,
    /// instagram.com.
    Instagram,
    /// tiktok.com.
    TikTok,
    /// bsky.app.
    Bluesky,
    /// soundcloud.com.
    SoundCloud,
    /// spotify.com.
    Spotify,
    /// Any other site: its host name.
    Other(String),
}

impl Provider {
    /// The provider of a URL's host (`www.` and `m.` ignored).
    pub fn of_host(host: &str) -> Provider {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let is = |domain: &str| {
            host.strip_suffix(domain)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
        };
        if is("youtube.com") || is("youtu.be") || is("youtube-nocookie.com") {
            Provider::YouTube
        } else if is("vimeo.com") {
            Provider::Vimeo
        } else if is("x.com") || is("twitter.com") {
            Provider::X
        } else if is("instagram.com") {
            Provider::Instagram
        } else if is("tiktok.com") {
            Provider::TikTok
        } else if is("bsky.app") {
            Provider::Bluesky
        } else if is("soundcloud.com") {
            Provider::SoundCloud
        } else if is("spotify.com") {
            Provider::Spotify
        } else {
            Provider::Other(host.trim_start_matches("www.").to_owned())
        }
    }

    /// The name a reader knows it by.
    pub fn name(&self) -> &str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
            Provider::X => "X",
            Provider::Instagram => "Instagram",
            Provider::TikTok => "TikTok",
            Provider::Bluesky => "Bluesky",
            Provider::SoundCloud => "SoundCloud",
            Provider::Spotify => "Spotify",
            Provider::Other(host) => host,
        }
    }
}

fn runs_words(runs: &[Inline]) -> usize {
    runs.iter().map(|r| text::word_count(&r.text)).sum()
}

impl Block {
    fn word_count(&self) -> usize {
        match self {
            Block::Paragraph(runs) => runs_words(runs),
            Block::Heading { text: t, .. } | Block::Quote { text: t, .. } => text::word_count(t),
            Block::List(list) => list.items.iter().flatten().map(Block::word_count).sum(),
            Block::Table(table) => table
                .head
                .iter()
                .chain(&table.body)
                .flatten()
                .map(|c| runs_words(&c.content))
                .sum(),
            Block::Footnotes(notes) => notes.iter().map(|n| runs_words(&n.content)).sum(),
            Block::Image(_)
            | Block::Gallery { .. }
            | Block::Related(_)
            | Block::Embed(_)
            | Block::Code { .. }
            | Block::Separator => 0,
        }
    }
}

/// A teaser linking to another article, set inside the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The other article's headline.
    pub headline: String,
    /// Where it lives.
    pub url: SafeUrl,
    /// Optional small label ("Related", "Read more"); the locale's default otherwise.
    pub kicker: Option<String>,
    /// Optional thumbnail.
    pub image: Option<Image>,
}

/// A person (or organisation) credited with the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    /// Display name.
    pub name: String,
    /// Author page.
    pub url: Option<SafeUrl>,
    /// Photo.
    pub image: Option<SafeUrl>,
    /// Job title ("Deputy managing editor").
    pub job_title: Option<String>,
    /// One- or two-sentence bio, shown always.
    pub bio: Option<String>,
    /// Full biography, paragraphs, shown on demand.
    pub long_bio: Vec<String>,
    /// Degrees, credentials, schools.
    pub education: Vec<String>,
    /// Where the author is based.
    pub location: Option<String>,
    /// Languages spoken: BCP 47 codes or names, as given (display names come from `Intl`).
    pub languages: Vec<String>,
    /// Topics of expertise.
    pub expertise: Vec<String>,
    /// Recently posted articles.
    pub recent: Vec<RecentPost>,
    /// Profiles elsewhere (schema.org `sameAs`).
    pub same_as: Vec<SafeUrl>,
}

/// An entry in an author's "Recently posted" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentPost {
    /// Headline.
    pub headline: String,
    /// Link.
    pub url: Option<SafeUrl>,
    /// ISO 8601 date.
    pub date: Option<String>,
}

/// A topic tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Display name.
    pub name: String,
    /// URL slug (derived from the name when the source gave none).
    pub slug: String,
    /// Explicit link from the source; otherwise the configured template builds one.
    pub url: Option<SafeUrl>,
}

/// A published correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// ISO 8601 date of the correction.
    pub date: Option<String>,
    /// What was corrected.
    pub text: String,
}

/// The publisher's side of the trust box.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trust {
    /// Publisher name.
    pub publisher: Option<String>,
    /// The corrections statement; the locale's default sentence otherwise.
    pub statement: Option<String>,
    /// Editorial standards / publishing principles.
    pub standards_url: Option<SafeUrl>,
    /// Corrections policy.
    pub corrections_policy_url: Option<SafeUrl>,
    /// Ethics policy.
    pub ethics_policy_url: Option<SafeUrl>,
}

/// The article's key for storage and events: its id, else its URL, else its headline.
pub fn article_key(article: &Article) -> String {
    article
        .id
        .clone()
        .or_else(|| article.url.as_ref().map(|u| u.href.clone()))
        .unwrap_or_else(|| article.headline.clone())
}

impl Article {
    /// Where `template` (`data-corrections-src`) reads this article's published corrections:
    /// `{id}` becomes its percent-encoded [`article_key`].
    pub fn corrections_src(&self, template: &str) -> String {
        template.replace("{id}", &crate::urls::percent_encode(&article_key(self)))
    }

    /// The corrections to list: the article's own, then the `published` ones it does not list
    /// already, up to [`MAX_CORRECTIONS`]. (Borrowed: the article is never copied for them.)
    pub fn all_corrections<'a>(&'a self, published: &'a [Correction]) -> Vec<&'a Correction> {
        let mut all: Vec<&Correction> = self.corrections.iter().collect();
        for c in published {
            if all.len() < MAX_CORRECTIONS && !all.iter().any(|o| o.text == c.text) {
                all.push(c);
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_key_prefers_id_then_url_then_headline() {
        let mut a = Article {
            headline: "H".into(),
            url: crate::urls::safe_url("https://example.com/a"),
            ..Article::default()
        };
        assert_eq!(article_key(&a), "https://example.com/a");
        a.id = Some("a-1".into());
        assert_eq!(article_key(&a), "a-1");
        a.id = None;
        a.url = None;
        assert_eq!(article_key(&a), "H");
    }

    #[test]
    fn published_corrections_join_the_articles_own() {
        let a = Article {
            headline: "H".into(),
            id: Some("news/a 1".into()),
            corrections: vec![Correction {
                date: None,
                text: "Known.".into(),
            }],
            ..Article::default()
        };
        assert_eq!(
            a.corrections_src("https://inbox.example/articles/{id}/corrections"),
            "https://inbox.example/articles/news%2Fa%201/corrections"
        );
        let fetched = vec![
            Correction {
                date: Some("2026-11-30".into()),
                text: "Known.".into(),
            },
            Correction {
                date: Some("2026-11-30".into()),
                text: "New.".into(),
            },
        ];
        let texts: Vec<&str> = a
            .all_corrections(&fetched)
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Known.", "New."],
            "no repeats, the article's own first"
        );
    }
}
