//! docs/embedding.md's configuration table and the code's list of options ([`aw_core::config::OPTIONS`])
//! must agree: the same attributes, in the same order, each with its JS API key and default.

use aw_core::config::{js_key, OPTIONS};

const DOC: &str = include_str!("../../../docs/embedding.md");

/// The table's rows that name an attribute: (attribute, JS key, default cell).
fn rows() -> Vec<(String, String, String)> {
    let start = DOC
        .find("## Configuration")
        .expect("docs/embedding.md has a Configuration section");
    DOC[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter(|l| l.starts_with("| `data-"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let bare = |c: &str| c.trim_matches(['|', ' ', '`']).to_owned();
            (bare(cells[0]), bare(cells[1]), cells[2].to_owned())
        })
        .collect()
}

#[test]
fn readme_lists_every_option_and_nothing_else() {
    let documented: Vec<String> = rows().into_iter().map(|(a, _, _)| a).collect();
    let coded: Vec<&str> = OPTIONS.iter().map(|o| o.attribute).collect();
    assert_eq!(documented, coded);
}

#[test]
fn readme_gives_each_option_its_js_key_and_default() {
    for ((attribute, key, default), option) in rows().into_iter().zip(OPTIONS.iter()) {
        assert_eq!(key, js_key(&attribute), "{attribute}: JS key");
        if !option.default.is_empty() {
            assert!(
                default.contains(option.default),
                "{attribute}: docs/embedding.md says {default:?}, the code uses {:?}",
                option.default
            );
        }
    }
}
