//! Minifies style/article-widget.css (comments and runs of whitespace out) into OUT_DIR, where
//! `src/embed/style.rs` includes it: the stylesheet ships inside the wasm, so every byte of
//! commentary would ship to readers too.

use std::{env, fs, path::PathBuf};

fn main() {
    let source = "style/article-widget.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("style/article-widget.css is readable");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("article-widget.min.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

/// Drops `/* … */` comments and collapses whitespace; strings in this stylesheet hold no
/// comment-like or whitespace-significant text, so that is safe here.
fn minify(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    without_comments.push_str(rest);
    let mut out = String::with_capacity(without_comments.len());
    for word in without_comments.split_whitespace() {
        let glue = out.ends_with(['{', '}', ';', ',', '>', '('])
            || word.starts_with(['{', '}', ';', ',', ')', '>']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
