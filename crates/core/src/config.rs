//! Per-instance configuration, read from the mount element's `data-*` attributes (and, later, the
//! JS API). Pure: the attribute reader is a closure, so validation is tested on the host. Invalid
//! values fall back to the default and produce a [`ConfigWarning`] naming the attribute.

use std::fmt;
use std::rc::Rc;

use crate::correction::payload::Encoding;
use crate::model::Article;
use crate::tags::DEFAULT_TAG_URL;
use crate::urls;

/// Where an instance's article comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleSource {
    /// JSON text from an inline `<script type="application/json">` or `application/ld+json` child.
    Inline(Rc<str>),
    /// `data-article-src`: fetched on mount.
    Url(String),
    /// An article already parsed (the page's own JSON-LD, tests).
    Article(Rc<Article>),
    /// Held back until the widget nears the viewport: the skeleton shows meanwhile.
    Deferred,
    /// Nothing given: the widget explains that in its error box.
    Missing,
}

/// Colour scheme (`data-theme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light (the default: it matches most article pages).
    #[default]
    Light,
    /// Dark.
    Dark,
    /// Follows the reader's `prefers-color-scheme`, live.
    Auto,
}

impl Theme {
    /// Reads `light`, `dark` or `auto` (any case).
    pub fn parse(s: &str) -> Option<Theme> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The attribute value the stylesheet keys on.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The parts of the widget a page shows (`data-parts`): all four by default; a publisher who keeps
/// their own article on the page shows only some, e.g. `trust author tags`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts(u8);

impl Parts {
    /// The headline, byline, lead image and body.
    pub const ARTICLE: Parts = Parts(1);
    /// The "Truth and Accuracy" box, with the correction form and the published corrections.
    pub const TRUST: Parts = Parts(2);
    /// The topic tags.
    pub const TAGS: Parts = Parts(4);
    /// The first author's card.
    pub const AUTHOR: Parts = Parts(8);
    /// Every part (the default).
    pub const ALL: Parts = Parts(15);
    /// The parts' names, in the order the widget shows them (and [`Parts::as_attribute`] writes them).
    pub const NAMES: [(&'static str, Parts); 4] = [
        ("article", Parts::ARTICLE),
        ("trust", Parts::TRUST),
        ("tags", Parts::TAGS),
        ("author", Parts::AUTHOR),
    ];

    /// Reads a list of part names separated by spaces or commas, in any order and case. `None`
    /// for an unknown name or an empty list (a widget showing nothing is never what was meant).
    pub fn parse(s: &str) -> Option<Parts> {
        let mut parts = 0;
        for name in s.split(|c: char| c == ',' || c.is_ascii_whitespace()) {
            if name.is_empty() {
                continue;
            }
            let (_, part) = Parts::NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))?;
            parts |= part.0;
        }
        (parts != 0).then_some(Parts(parts))
    }

    /// Whether `part` is shown.
    pub fn has(self, part: Parts) -> bool {
        self.0 & part.0 == part.0
    }

    /// The names of the parts shown, space-separated, in the widget's order.
    pub fn as_attribute(self) -> String {
        let names: Vec<&str> = Parts::NAMES
            .iter()
            .filter(|(_, p)| self.has(*p))
            .map(|(n, _)| *n)
            .collect();
        names.join(" ")
    }
}

impl Default for Parts {
    fn default() -> Self {
        Parts::ALL
    }
}

/// One instance's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    /// `data-article-src`.
    pub src: Option<String>,
    /// `data-tag-url`: template with `{slug}` and/or `{name}`.
    pub tag_url: String,
    /// Reader locale (BCP 47): `data-locale`, else the page's `<html lang>`, else the browser's.
    pub locale: String,
    /// `data-correction-endpoint`.
    pub correction_endpoint: Option<String>,
    /// `data-corrections-src`: where the article's published corrections are read from
    /// (`{id}` becomes the article's ID), e.g. aw-server's `/articles/{id}/corrections`.
    pub corrections_src: Option<String>,
    /// `data-correction-encoding`: `json` (default) or `form`.
    pub correction_encoding: Encoding,
    /// `data-correction-require-email`: the email field becomes required.
    pub correction_require_email: bool,
    /// `data-correction-credentials="include"`: send cookies (same-site endpoints only).
    pub correction_credentials: bool,
    /// `data-correction-consent`: the text of an acknowledgement checkbox the reader must tick.
    pub correction_consent: Option<String>,
    /// `data-heading-level`: level of the headline (1–4); section headings follow on.
    pub heading_level: u8,
    /// `data-theme`.
    pub theme: Theme,
    /// `data-loading="eager"`: render at once even when far below the fold (default: lazy).
    pub eager: bool,
    /// `data-parts`: which parts of the widget are shown.
    pub parts: Parts,
    /// `data-article-body`: a CSS selector for the publisher's own article element, where
    /// select-to-quote reads the reader's selection when the widget does not show the article.
    pub article_body: Option<String>,
    /// Prefix for element ids, unique per instance on the page.
    pub id_prefix: String,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig {
            src: None,
            tag_url: DEFAULT_TAG_URL.to_owned(),
            locale: "en".to_owned(),
            correction_endpoint: None,
            corrections_src: None,
            correction_encoding: Encoding::Json,
            correction_require_email: false,
            correction_credentials: false,
            correction_consent: None,
            heading_level: 1,
            theme: Theme::Light,
            eager: false,
            parts: Parts::ALL,
            article_body: None,
            id_prefix: "aw0".to_owned(),
        }
    }
}

/// A configuration option as publishers set it. [`OPTIONS`] is the one list of them: the parser's
/// warnings take their wording from it, a prerendered widget records its options by walking it, and
/// a test holds docs/embedding.md's configuration table to it. Adding an option is a row here and
/// its arms in [`WidgetConfig::from_attributes`] and [`WidgetConfig::attribute_value`] (a
/// round-trip test checks the two agree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigOption {
    /// The `data-*` attribute; its JS API key is [`js_key`] of it.
    pub attribute: &'static str,
    /// What a value must be, as the console warning says it ("" when anything goes).
    pub accepts: &'static str,
    /// What is used when it is absent or invalid, as docs/embedding.md and the warning say it ("" when it
    /// depends on the page).
    pub default: &'static str,
}

const fn option(
    attribute: &'static str,
    accepts: &'static str,
    default: &'static str,
) -> ConfigOption {
    ConfigOption {
        attribute,
        accepts,
        default,
    }
}

/// Every configuration option, in docs/embedding.md's order.
pub const OPTIONS: [ConfigOption; 14] = [
    option("data-article-src", "only http(s) or relative URLs", "none"),
    option(
        "data-correction-endpoint",
        "only http(s) or relative URLs",
        "none",
    ),
    option("data-correction-encoding", "must be json or form", "json"),
    option(
        "data-correction-require-email",
        "must be true or false",
        "off",
    ),
    option(
        "data-correction-credentials",
        "must be omit or include",
        "omit",
    ),
    option("data-correction-consent", "", "none"),
    option(
        "data-corrections-src",
        "only http(s) or relative URLs",
        "none",
    ),
    option(
        "data-tag-url",
        "needs {slug} or {name} and an http(s) or relative URL",
        DEFAULT_TAG_URL,
    ),
    option("data-locale", "not a BCP 47 language tag", ""),
    option("data-theme", "must be light, dark or auto", "light"),
    option("data-loading", "must be lazy or eager", "lazy"),
    option("data-heading-level", "must be 1, 2, 3 or 4", "1"),
    option(
        "data-parts",
        "must list some of article, trust, tags and author",
        "article trust tags author",
    ),
    option("data-article-body", "", "none"),
];

fn spec(attribute: &str) -> &'static ConfigOption {
    // Only called with the attributes of the arms below, all in the table (a test reads every
    // arm with an invalid value).
    OPTIONS
        .iter()
        .find(|o| o.attribute == attribute)
        .unwrap_or(&OPTIONS[0])
}

/// An attribute value that was ignored, and what was used instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The attribute, e.g. `data-tag-url`.
    pub attribute: &'static str,
    /// What the page gave.
    pub value: String,
    /// Why it was refused.
    pub reason: &'static str,
    /// What the widget uses instead.
    pub default: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "article-widget: ignoring {}=\"{}\" ({}); using {}",
            self.attribute, self.value, self.reason, self.default
        )
    }
}

impl WidgetConfig {
    /// The correction form's rules from this configuration.
    pub fn correction_rules(&self) -> crate::correction::draft::Rules {
        crate::correction::draft::Rules {
            require_email: self.correction_require_email,
            consent_text: self.correction_consent.clone(),
        }
    }

    /// Reads the configuration. `attr` returns an attribute's value (a `dyn` closure: one copy of
    /// this function in the bundle whatever reads the attributes); `fallback_locale` is the
    /// page's `<html lang>` or the browser's language; `instance` numbers the widget on the page.
    pub fn from_attributes(
        attr: &dyn Fn(&str) -> Option<String>,
        fallback_locale: &str,
        instance: u32,
    ) -> (WidgetConfig, Vec<ConfigWarning>) {
        let mut warnings = Vec::new();
        let mut config = WidgetConfig {
            id_prefix: format!("aw{instance}"),
            ..WidgetConfig::default()
        };
        // The warning's wording comes from the option's row in OPTIONS.
        // The warning's wording comes from the option's row in OPTIONS (the locale's default
        // is the page's, so it is given).
        let mut warn = |attribute: &str, value: String, default: Option<&str>| {
            let o = spec(attribute);
            warnings.push(ConfigWarning {
                attribute: o.attribute,
                value,
                reason: o.accepts,
                default: default.unwrap_or(o.default).to_owned(),
            })
        };
        let given = |name: &str| {
            attr(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        // The three URL options, one loop (each arm written out cost the bundle ~100 bytes).
        for (attribute, slot) in [
            ("data-article-src", &mut config.src),
            ("data-correction-endpoint", &mut config.correction_endpoint),
            ("data-corrections-src", &mut config.corrections_src),
        ] {
            if let Some(value) = given(attribute) {
                match urls::safe_url(&value) {
                    Some(u) => *slot = Some(u.href),
                    None => warn(attribute, value, None),
                }
            }
        }
        if let Some(encoding) = given("data-correction-encoding") {
            match encoding.to_ascii_lowercase().as_str() {
                "json" => config.correction_encoding = Encoding::Json,
                "form" => config.correction_encoding = Encoding::Form,
                _ => warn("data-correction-encoding", encoding, None),
            }
        }
        // A boolean attribute: present (empty, "true", the attribute's name) means on.
        if let Some(value) = attr("data-correction-require-email") {
            match value.trim().to_ascii_lowercase().as_str() {
                "" | "true" | "data-correction-require-email" => {
                    config.correction_require_email = true
                }
                "false" => {}
                _ => warn("data-correction-require-email", value, None),
            }
        }
        if let Some(credentials) = given("data-correction-credentials") {
            match credentials.to_ascii_lowercase().as_str() {
                "include" => config.correction_credentials = true,
                "omit" => {}
                _ => warn("data-correction-credentials", credentials, None),
            }
        }
        config.correction_consent = given("data-correction-consent");
        if let Some(template) = given("data-tag-url") {
            let placeholder = template.contains("{slug}") || template.contains("{name}");
            if placeholder && urls::safe_url(&template).is_some() {
                config.tag_url = template;
            } else {
                warn("data-tag-url", template, None);
            }
        }
        config.locale = match given("data-locale") {
            Some(l) if crate::locale::is_locale(&l) => l,
            Some(l) => {
                let fallback = default_locale(fallback_locale);
                warn("data-locale", l, Some(&fallback));
                fallback
            }
            None => default_locale(fallback_locale),
        };
        if let Some(level) = given("data-heading-level") {
            match level.parse::<u8>() {
                Ok(n @ 1..=4) => config.heading_level = n,
                _ => warn("data-heading-level", level, None),
            }
        }
        if let Some(theme) = given("data-theme") {
            match Theme::parse(&theme) {
                Some(t) => config.theme = t,
                None => warn("data-theme", theme, None),
            }
        }
        if let Some(loading) = given("data-loading") {
            match loading.to_ascii_lowercase().as_str() {
                "eager" => config.eager = true,
                "lazy" => config.eager = false,
                _ => warn("data-loading", loading, None),
            }
        }
        if let Some(parts) = given("data-parts") {
            match Parts::parse(&parts) {
                Some(p) => config.parts = p,
                None => warn("data-parts", parts, None),
            }
        }
        // A selector is checked where there is a document to check it against (the widget warns
        // when it matches nothing or is not a selector).
        config.article_body = given("data-article-body");
        (config, warnings)
    }
}

impl WidgetConfig {
    /// This configuration's value for `attribute`, written as the attribute would be (`None`
    /// when it is at its default or unset); [`WidgetConfig::from_attributes`] reads it back.
    pub fn attribute_value(&self, attribute: &str) -> Option<String> {
        let flag = |on: bool, value: &str| on.then(|| value.to_owned());
        match attribute {
            "data-article-src" => self.src.clone(),
            "data-correction-endpoint" => self.correction_endpoint.clone(),
            "data-correction-encoding" => Some(
                match self.correction_encoding {
                    Encoding::Json => "json",
                    Encoding::Form => "form",
                }
                .to_owned(),
            ),
            "data-correction-require-email" => flag(self.correction_require_email, "true"),
            "data-correction-credentials" => flag(self.correction_credentials, "include"),
            "data-correction-consent" => self.correction_consent.clone(),
            "data-corrections-src" => self.corrections_src.clone(),
            "data-tag-url" => Some(self.tag_url.clone()),
            "data-locale" => Some(self.locale.clone()),
            "data-theme" => Some(self.theme.as_str().to_owned()),
            "data-loading" => Some(if self.eager { "eager" } else { "lazy" }.to_owned()),
            // Written out for 1–4: no integer formatting in the bundle for four values.
            "data-heading-level" => ["1", "2", "3", "4"]
                .get(usize::from(self.heading_level.clamp(1, 4)) - 1)
                .map(|l| (*l).to_owned()),
            "data-parts" => Some(self.parts.as_attribute()),
            "data-article-body" => self.article_body.clone(),
            _ => None,
        }
    }
}

/// The camelCase key of a `data-*` attribute in the JS API's config object
/// (`data-tag-url` → `tagUrl`), so both read through [`WidgetConfig::from_attributes`].
pub fn js_key(attribute: &str) -> String {
    let mut key = String::new();
    let mut upper = false;
    for c in attribute.trim_start_matches("data-").chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            key.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            key.push(c);
        }
    }
    key
}

fn default_locale(fallback: &str) -> String {
    if crate::locale::is_locale(fallback) {
        fallback.to_owned()
    } else {
        "en".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (WidgetConfig, Vec<ConfigWarning>) {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        WidgetConfig::from_attributes(
            &move |name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
            "es-MX",
            3,
        )
    }

    #[test]
    fn js_config_keys() {
        assert_eq!(js_key("data-tag-url"), "tagUrl");
        assert_eq!(js_key("data-correction-endpoint"), "correctionEndpoint");
        assert_eq!(js_key("data-locale"), "locale");
    }

    #[test]
    fn defaults_and_page_locale() {
        let (c, w) = read(&[]);
        assert!(w.is_empty());
        assert_eq!(c.locale, "es-MX");
        assert_eq!(c.tag_url, DEFAULT_TAG_URL);
        assert_eq!(c.id_prefix, "aw3");
        assert_eq!(c.heading_level, 1);
    }

    #[test]
    fn valid_values_are_used() {
        let (c, w) = read(&[
            ("data-article-src", "/articles/1.json"),
            ("data-tag-url", "https://example.com/topic/{slug}"),
            ("data-locale", "en-GB"),
            (
                "data-correction-endpoint",
                "https://example.com/corrections",
            ),
            ("data-heading-level", "2"),
            ("data-theme", "Auto"),
            ("data-loading", "eager"),
            ("data-correction-encoding", "FORM"),
            ("data-correction-require-email", ""),
            ("data-correction-credentials", "include"),
            ("data-correction-consent", " I agree to be contacted. "),
        ]);
        assert_eq!(c.correction_encoding, Encoding::Form);
        assert!(c.correction_require_email && c.correction_credentials);
        assert_eq!(
            c.correction_rules().consent_text.as_deref(),
            Some("I agree to be contacted.")
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.src.as_deref(), Some("/articles/1.json"));
        assert_eq!(c.tag_url, "https://example.com/topic/{slug}");
        assert_eq!(c.locale, "en-GB");
        assert_eq!(c.heading_level, 2);
        assert_eq!(
            c.correction_endpoint.as_deref(),
            Some("https://example.com/corrections")
        );
    }

    #[test]
    fn invalid_values_warn_and_fall_back() {
        let (c, w) = read(&[
            ("data-article-src", "javascript:alert(1)"),
            ("data-tag-url", "https://example.com/topic/"),
            ("data-locale", "not a locale!"),
            ("data-heading-level", "9"),
            ("data-correction-encoding", "xml"),
            ("data-correction-require-email", "maybe"),
            ("data-correction-credentials", "same-origin"),
        ]);
        let attrs: Vec<_> = w.iter().map(|w| w.attribute).collect();
        assert_eq!(
            attrs,
            [
                "data-article-src",
                "data-correction-encoding",
                "data-correction-require-email",
                "data-correction-credentials",
                "data-tag-url",
                "data-locale",
                "data-heading-level"
            ]
        );
        assert_eq!(c.correction_encoding, Encoding::Json);
        assert!(!c.correction_require_email && !c.correction_credentials);
        assert_eq!(c.src, None);
        assert_eq!(c.tag_url, DEFAULT_TAG_URL);
        assert_eq!(c.locale, "es-MX");
        assert_eq!(c.heading_level, 1);
        assert!(
            w[4].to_string().contains("data-tag-url") && w[4].to_string().contains(DEFAULT_TAG_URL)
        );
    }

    #[test]
    fn parts_read_any_order_and_refuse_unknown_or_empty_lists() {
        let p = Parts::parse(" tags,author  trust ").unwrap();
        assert!(p.has(Parts::TRUST) && p.has(Parts::TAGS) && p.has(Parts::AUTHOR));
        assert!(!p.has(Parts::ARTICLE));
        assert_eq!(p.as_attribute(), "trust tags author");
        assert_eq!(Parts::parse("Article"), Some(Parts::ARTICLE));
        assert_eq!(Parts::parse("trust sidebar"), None);
        assert_eq!(Parts::parse(" , "), None);
        let (c, w) = read(&[("data-parts", "comments")]);
        assert_eq!(c.parts, Parts::ALL);
        assert_eq!(w[0].default, "article trust tags author");
        assert_eq!(Parts::ALL.as_attribute(), w[0].default);
    }

    #[test]
    fn every_option_has_a_parse_arm_that_warns_in_the_tables_words() {
        for o in OPTIONS.iter().filter(|o| !o.accepts.is_empty()) {
            let (_, warnings) = read(&[(o.attribute, "javascript:bogus value")]);
            let w = warnings
                .iter()
                .find(|w| w.attribute == o.attribute)
                .unwrap_or_else(|| panic!("{} has no warning for a bad value", o.attribute));
            assert_eq!(w.reason, o.accepts);
            if !o.default.is_empty() {
                assert_eq!(w.default, o.default);
            }
        }
    }

    #[test]
    fn the_form_options_round_trip_through_their_attributes() {
        let (config, warnings) = read(&[
            (
                "data-correction-endpoint",
                "https://news.example/corrections",
            ),
            ("data-correction-encoding", "form"),
            ("data-correction-require-email", ""),
            ("data-correction-credentials", "include"),
            ("data-correction-consent", "I agree to the privacy notice."),
            ("data-locale", "es-MX"),
            ("data-heading-level", "3"),
            ("data-tag-url", "/t/{slug}"),
            ("data-theme", "dark"),
            ("data-loading", "eager"),
            ("data-article-src", "/a.json"),
            (
                "data-corrections-src",
                "https://inbox.example/articles/{id}/corrections",
            ),
            ("data-parts", "author, TRUST"),
            ("data-article-body", "main article .entry-content"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            config.attribute_value("data-parts").as_deref(),
            Some("trust author")
        );
        let pairs: Vec<(String, String)> = OPTIONS
            .iter()
            .filter_map(|o| Some((o.attribute.to_owned(), config.attribute_value(o.attribute)?)))
            .collect();
        assert_eq!(
            pairs.len(),
            OPTIONS.len(),
            "every option writes its value back"
        );
        let (back, warnings) = WidgetConfig::from_attributes(
            &|name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
            "en",
            7,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            WidgetConfig {
                id_prefix: config.id_prefix.clone(),
                ..back
            },
            config
        );
    }
}
