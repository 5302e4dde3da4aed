//! Prints the body blocks an HTML file converts to: `cargo run -p aw-core --example html_blocks -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: html_blocks FILE");
        std::process::exit(2);
    };
    let html = match std::fs::read_to_string(&path) {
        Ok(html) => html,
        Err(e) => {
            eprintln!("html_blocks: {path}: {e}");
            std::process::exit(1);
        }
    };
    for b in aw_core::html::body_from_html(&html) {
        println!("{b:?}");
    }
}
