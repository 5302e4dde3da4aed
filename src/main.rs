//! The trunk entry point: starts the widget on the page (see `article_widget::embed`).

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "embed"))]
    article_widget::embed::start();
}
