//! The trunk entry point: mounts every `[data-article-widget]` element on the page.

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "csr"))]
    article_widget::mount::mount_all();
}
