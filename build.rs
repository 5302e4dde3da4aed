//! Minifies the stylesheets (comments and needless whitespace out) into OUT_DIR, where the
//! bundles include them: style/article-widget.css and style/native-form.css (the correction
//! form's) for the widget (`src/embed/style.rs`) and the prerendered embed (`src/prerender.rs`).
//! They ship inside the wasm, so every byte of commentary would ship to readers too.

use std::{env, fs, path::PathBuf};

fn main() {
    for name in ["article-widget", "native-form"] {
        let source = format!("style/{name}.css");
        println!("cargo:rerun-if-changed={source}");
        let css = fs::read_to_string(&source).expect("the stylesheet is readable");
        let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
            .join(format!("{name}.min.css"));
        fs::write(out, minify(&css)).expect("OUT_DIR is writable");
    }
    markup_version();
}

/// `AW_MARKUP_VERSION`: a hash of every source that shapes the widget's markup (components,
/// hooks, the core crate, Cargo.lock for Yew's own version). The prerendering server writes it
/// into each prerendered widget and the hydrating bundle hydrates only markup of its own version;
/// a page prerendered by another release is rendered anew instead (hydrating a different tree
/// would fail).
fn markup_version() {
    let mut files = Vec::new();
    for dir in ["src/components", "src/hooks", "core/src"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(PathBuf::from(dir), &mut files);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    files.push(PathBuf::from("Cargo.lock"));
    files.sort();
    // FNV-1a, 64 bits: stable across toolchains (std's hasher is not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let bytes = fs::read(file).unwrap_or_default();
        for b in file.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=AW_MARKUP_VERSION={hash:016x}");
}

fn collect(dir: PathBuf, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Drops `/* … */` comments and collapses runs of whitespace to one space, leaving quoted
/// strings (`content: ", "`) exactly as written.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut previous = ' ';
            for c in chars.by_ref() {
                if previous == '*' && c == '/' {
                    break;
                }
                previous = c;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space
            && !out.is_empty()
            // Never next to these (a space before ':' can be a descendant combinator, so it stays).
            && !out.ends_with(['{', '}', ';', ',', ':', '>'])
            && !matches!(c, '{' | '}' | ';' | ',' | '>')
        {
            out.push(' ');
        }
        pending_space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}
