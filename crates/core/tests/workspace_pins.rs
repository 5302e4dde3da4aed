//! wasm-bindgen is pinned once, in the workspace's `[workspace.dependencies]`: the library the
//! crates link, the CLI `scripts/setup.sh` installs (it reads Cargo.lock) and the one Trunk.toml
//! names must be the same version, or trunk's output fails at load time with a schema mismatch.
//! No member manifest may name a version of its own.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace's member crates' manifests (the root's is also the workspace's).
const MEMBERS: [&str; 6] = [
    "Cargo.toml",
    "crates/core/Cargo.toml",
    "crates/http/Cargo.toml",
    "crates/inbox/Cargo.toml",
    "crates/render-server/Cargo.toml",
    "crates/test-support/Cargo.toml",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value of the first `key = "…"` line after `section`.
fn value_after(text: &str, section: &str, key: &str) -> Option<String> {
    let start = text.find(section)?;
    text[start..].lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

#[test]
fn wasm_bindgen_is_pinned_once_and_everything_agrees() {
    let manifest = read("Cargo.toml");
    let pinned = value_after(&manifest, "[workspace.dependencies]", "wasm-bindgen")
        .expect("[workspace.dependencies] pins wasm-bindgen");
    let version = pinned
        .strip_prefix('=')
        .expect("pinned exactly, with =")
        .to_owned();
    assert_eq!(
        value_after(&read("Trunk.toml"), "[tools]", "wasm_bindgen").as_deref(),
        Some(version.as_str()),
        "Trunk.toml's [tools] wasm_bindgen"
    );
    let lock = read("Cargo.lock");
    assert_eq!(
        value_after(&lock, "name = \"wasm-bindgen\"", "version").as_deref(),
        Some(version.as_str()),
        "Cargo.lock's wasm-bindgen"
    );
    for member in &MEMBERS[1..] {
        let text = read(member);
        assert!(
            !text.contains(&version) && !text.contains("wasm-bindgen = \""),
            "{member} names a wasm-bindgen version of its own: use `wasm-bindgen.workspace = true`"
        );
    }
    assert_eq!(
        manifest.matches(&pinned).count(),
        1,
        "one wasm-bindgen version string in Cargo.toml"
    );
}

#[test]
fn every_crate_takes_the_workspace_lints() {
    for member in MEMBERS {
        let text = read(member);
        assert!(
            value_after(&text, "[lints]", "workspace").as_deref() == Some("true"),
            "{member}: [lints] workspace = true"
        );
    }
}
