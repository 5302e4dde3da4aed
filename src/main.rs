//! The trunk entry point: starts the widget on the page (see `article_widget::embed`).

fn main() {
    #[cfg(feature = "embed")]
    article_widget::embed::start();
}
