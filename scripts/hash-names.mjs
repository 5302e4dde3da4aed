// Release builds (scripts/minify-js.sh, after the glue is minified, before the loader is): gives
// every file the loader loads an immutable, versioned name, so that a deploy never mixes files.
//
//   article-widget-core.js        -> article-widget-core-<hash>.js
//   article-widget-core_bg.wasm   -> article-widget-core-<hash>_bg.wasm
//   article-widget-hydrate.js     -> article-widget-hydrate-<hash>.js (and its _bg.wasm)
//   article-widget-prerendered.js -> article-widget-prerendered-<hash>.js
//   article-widget-native.js      -> article-widget-native-<hash>.js
//
// <hash> is the first 10 hex digits of the file's own SHA-256 (the glue's after its wasm's new
// name is written into it). The new names are written into the glue (wasm-bindgen's default wasm
// URL), the loader article-widget.js (which keeps its stable name) and trunk's index.html (the
// demo page's preloads and start-up script); the loader also gets the bundle's version,
// "<package version>+<hash of the six names>", which its two-copies guard compares. Fails the
// build if any of them still names an old file afterwards, or if the loader does not name each
// file exactly once.
//
// Usage: node scripts/hash-names.mjs <staging dir>
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/hash-names.mjs <staging dir>");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
// The version is the workspace's ([workspace.package], which the widget's [package] inherits).
const packageVersion = /^\[workspace\.package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!packageVersion) throw new Error("hash-names: no [workspace.package] version in Cargo.toml");

const hash = (data) => createHash("sha256").update(data).digest("hex").slice(0, 10);
const file = (name) => path.join(dir, name);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A file name as a URL or a string literal names it: after a quote or a slash, before a quote.
const mention = (name) => new RegExp(`(?<=["'/])${escape(name)}(?=["'])`, "g");
const rewrite = (text, renames) =>
  Object.entries(renames).reduce((t, [from, to]) => t.replace(mention(from), to), text);

const renames = {};
for (const bundle of ["article-widget-core", "article-widget-hydrate"]) {
  const wasm = `${bundle}_bg.wasm`;
  renames[wasm] = `${bundle}-${hash(readFileSync(file(wasm)))}_bg.wasm`;
  const js = `${bundle}.js`;
  const glue = rewrite(readFileSync(file(js), "utf8"), { [wasm]: renames[wasm] });
  renames[js] = `${bundle}-${hash(glue)}.js`;
  writeFileSync(file(js), glue);
}
// The prerendered widgets' scheduler and the native correction form's enhancer (modules of the
// loader's; no wasm).
for (const module of ["article-widget-prerendered", "article-widget-native"]) {
  renames[`${module}.js`] = `${module}-${hash(readFileSync(file(`${module}.js`)))}.js`;
}
const version = `${packageVersion}+${hash(Object.values(renames).join(" "))}`;

const loaderPath = file("article-widget.js");
let loader = readFileSync(loaderPath, "utf8");
for (const [from, to] of Object.entries(renames)) {
  const count = loader.match(mention(from))?.length ?? 0;
  if (count !== 1) throw new Error(`hash-names: the loader names ${from} ${count} times, expected once`);
  loader = loader.replace(mention(from), to);
}
const placeholder = /(?<=^const version = )"dev"(?=;$)/m;
if (!placeholder.test(loader)) throw new Error('hash-names: no `const version = "dev";` line in the loader');
writeFileSync(loaderPath, loader.replace(placeholder, JSON.stringify(version)));

const html = file("index.html");
writeFileSync(html, rewrite(readFileSync(html, "utf8"), renames));

for (const [from, to] of Object.entries(renames)) renameSync(file(from), file(to));

// Nothing served may still name an unhashed file.
for (const name of readdirSync(dir, { recursive: true })) {
  if (!/\.(js|mjs|html)$/.test(name)) continue;
  const text = readFileSync(file(name), "utf8");
  for (const old of Object.keys(renames)) {
    if (mention(old).test(text)) throw new Error(`hash-names: ${name} still names ${old}`);
  }
}
console.log(`hash-names: article-widget ${version}`);
