//! The hydrating bundle's entry: the widget of `article-widget-core` plus Yew's hydration, for
//! pages with prerendered widgets (the loader picks it; see `article_widget::embed`).

fn main() {
    #[cfg(feature = "embed")]
    article_widget::embed::start();
}
