//! Writes an HTML file's body blocks as the widget's own JSON document (version 1, typed
//! `body`): `cargo run -p aw-core --example html_to_json -- FILE [HEADLINE]`. The benchmark's
//! twin of a `bodyHtml` article (benches/articles.mjs), and a way to see what a publisher's HTML
//! becomes.

use aw_core::html::body_from_html;
use aw_core::model::{Block, Cell, Image, Inline};
use serde_json::{json, Map, Value};

fn runs(runs: &[Inline]) -> Value {
    Value::Array(
        runs.iter()
            .map(|r| {
                if r.is_break() {
                    return json!({ "break": true });
                }
                let mut o = Map::new();
                o.insert("text".into(), r.text.clone().into());
                let m = &r.marks;
                for (key, on) in [
                    ("em", r.em),
                    ("strong", r.strong),
                    ("sub", m.sub),
                    ("sup", m.sup),
                    ("code", m.code),
                    ("mark", m.mark),
                    ("small", m.small),
                    ("del", m.del),
                    ("ins", m.ins),
                ] {
                    if on {
                        o.insert(key.into(), true.into());
                    }
                }
                if let Some(href) = &r.href {
                    o.insert("href".into(), href.href.clone().into());
                }
                if let Some(abbr) = &m.abbr {
                    o.insert("abbr".into(), abbr.clone().into());
                }
                if let Some(n) = m.note {
                    o.insert("note".into(), n.into());
                }
                Value::Object(o)
            })
            .collect(),
    )
}

fn image(i: &Image) -> Value {
    json!({ "url": i.src.href, "alt": i.alt, "caption": i.caption, "credit": i.credit, "width": i.width, "height": i.height })
}

fn cell(c: &Cell) -> Value {
    json!({ "content": runs(&c.content), "header": c.header, "scope": c.scope.map(|s| s.as_str()),
            "colspan": c.colspan, "rowspan": c.rowspan })
}

fn block(b: &Block) -> Value {
    match b {
        Block::Paragraph(r) => json!({ "type": "paragraph", "content": runs(r) }),
        Block::Heading { level, text } => {
            json!({ "type": "heading", "level": level, "text": text })
        }
        Block::Quote { text, cite } => json!({ "type": "quote", "text": text, "cite": cite }),
        Block::Image(i) => {
            let mut v = image(i);
            v["type"] = "image".into();
            v
        }
        Block::Gallery { images, caption } => {
            json!({ "type": "gallery", "images": images.iter().map(image).collect::<Vec<_>>(), "caption": caption })
        }
        Block::Related(r) => {
            json!({ "type": "related", "headline": r.headline, "url": r.url.href })
        }
        Block::List(l) => json!({ "type": "list", "ordered": l.ordered, "start": l.start,
            "items": l.items.iter().map(|item| item.iter().map(block).collect::<Vec<_>>()).collect::<Vec<_>>() }),
        Block::Table(t) => json!({ "type": "table", "caption": t.caption.as_deref().map(runs),
            "head": t.head.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "rows": t.body.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>() }),
        Block::Embed(e) => {
            json!({ "type": "embed", "url": e.url.href, "frame": e.frame.as_ref().map(|f| &f.href),
            "title": e.title, "width": e.width, "height": e.height })
        }
        Block::Code { text, language } => {
            json!({ "type": "code", "text": text, "language": language })
        }
        Block::Separator => json!({ "type": "separator" }),
        Block::Footnotes(notes) => json!({ "type": "footnotes",
            "notes": notes.iter().map(|n| json!({ "number": n.number, "content": runs(&n.content) })).collect::<Vec<_>>() }),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: html_to_json FILE [HEADLINE]");
        std::process::exit(2);
    };
    let headline = args.next().unwrap_or_else(|| "Untitled".to_owned());
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    let body: Vec<Value> = body_from_html(&html).iter().map(block).collect();
    println!(
        "{}",
        json!({ "version": 1, "headline": headline, "body": body })
    );
}
