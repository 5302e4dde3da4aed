//! The whole article page: header (kicker, headline, standfirst, byline, lead image), body,
//! trust box, topic tags and the first author's card, in the order the reference page uses — or
//! only some of them (`data-parts`), beside a publisher's own article.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{
    heading, AuthorCard, Body, Byline, Figure, QuoteArea, SelectionButton, TopicTags, TrustBox,
};
use crate::config::Parts;
use crate::hooks::{use_config, use_native_form};
use crate::i18n::is_rtl;
use crate::model::Article;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq, Clone)]
pub struct ArticleViewProps {
    /// The article.
    pub article: Rc<Article>,
    /// Whether the widget renders the correction form itself (not a prerendered widget's).
    #[prop_or(true)]
    pub native_form: bool,
}

/// One article.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let config = use_config();
    let article = &props.article;
    let port = use_native_form();
    let content = use_node_ref();
    let headline_id = format!("{}-headline", config.id_prefix);
    let card_id = format!("{}-author", config.id_prefix);
    // The article's own language and direction, which may differ from the widget's chrome (the
    // trust box, tags and author card stay in the reader's locale).
    let lang = article.language.clone();
    let dir = article
        .language
        .as_deref()
        .map(|l| if is_rtl(l) { "rtl" } else { "ltr" });
    let parts = config.parts;
    let quote = config.correction_endpoint.is_some();
    let footer = html! {
        <>
            if parts.has(Parts::TRUST) {
                <TrustBox article={article.clone()} container={port.container} native_form={props.native_form} />
            }
            if parts.has(Parts::TAGS) { <TopicTags article={article.clone()} /> }
            if parts.has(Parts::AUTHOR) {
                if let Some(author) = article.authors.first() {
                    <AuthorCard author={author.clone()} id={AttrValue::from(card_id.clone())} />
                }
            }
        </>
    };
    if !parts.has(Parts::ARTICLE) {
        // Beside the publisher's own article: no second headline or body, and select-to-quote
        // reads the reader's selection in the publisher's article element, if named.
        let area = config.article_body.clone().map(QuoteArea::Page);
        return html! {
            <div class="aw-footer aw-parts" part="article" ref={content.clone()}>
                { footer }
                if let (true, Some(area)) = (quote && parts.has(Parts::TRUST), area) {
                    <SelectionButton {area} frame={content} on_suggest={port.request.clone()} />
                }
            </div>
        };
    }
    html! {
        <article class="aw-article" part="article" aria-labelledby={headline_id.clone()}>
            <header class="aw-header" lang={lang.clone()} {dir}>
                if let Some(section) = &article.section { <p class="aw-kicker">{ section }</p> }
                { heading(config.heading_level, 0, Some(headline_id), "aw-headline", html! { &article.headline }) }
                if let Some(description) = &article.description {
                    <p class="aw-standfirst">{ description }</p>
                }
                <Byline article={article.clone()} card_id={AttrValue::from(card_id.clone())} />
                if let Some(image) = &article.image { <Figure image={image.clone()} lead=true /> }
            </header>
            <div class="aw-content" lang={lang} {dir} ref={content.clone()}>
                <Body article={article.clone()} />
                if quote && parts.has(Parts::TRUST) {
                    <SelectionButton area={QuoteArea::Widget(content.clone())} frame={content} on_suggest={port.request.clone()} />
                }
            </div>
            if parts != Parts::ARTICLE {
                <footer class="aw-footer">{ footer }</footer>
            }
        </article>
    }
}
