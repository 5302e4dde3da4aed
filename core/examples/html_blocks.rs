//! Prints the body blocks an HTML file converts to: `cargo run -p aw-core --example html_blocks -- FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let html = std::fs::read_to_string(path).unwrap();
    for b in aw_core::html::body_from_html(&html) {
        println!("{b:?}");
    }
}
