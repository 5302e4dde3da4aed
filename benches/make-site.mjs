// Builds the benchmark's site in target/bench/site: the release bundle, the demo article at 1x,
// 10x and 100x its body length, and for each a widget page (client-rendered from
// data-article-src), two prerendered pages (aw-render's embed with the loader: hydrating at once,
// data-hydrate="eager", and on the first touch, "interaction") and a static-HTML twin (rendered
// by aw-render: the widget's own markup, with the same CSS, no script), plus 20-instance list
// pages of each.
//
// Usage: node benches/make-site.mjs <dist dir> <aw-render binary> <site dir>
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [dist, render, site] = process.argv.slice(2);
if (!dist || !render || !site) {
  console.error("usage: node benches/make-site.mjs <dist dir> <aw-render binary> <site dir>");
  process.exit(2);
}
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
// The loader and the content-hashed files it names (scripts/hash-names.mjs).
for (const f of readdirSync(dist).filter((f) => f.startsWith("article-widget") && /\.(js|wasm)$/.test(f))) {
  cpSync(path.join(dist, f), path.join(site, f));
}
// The demo article's images are relative to the article JSON, which sits at the site's root.
cpSync(path.join(root, "demo/img"), path.join(site, "img"), { recursive: true });

// The static twin gets the widget's stylesheet, minified the way build.rs minifies it for the wasm.
const css = readFileSync(path.join(root, "style/article-widget.css"), "utf8")
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ");
writeFileSync(path.join(site, "article-widget.css"), css);

const head = (title, extra = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title><meta name="description" content="article-widget benchmark page: ${title}.">${extra}</head>`;
const embed = (data, hydrate) => execFileSync(render, [path.join(site, data), "--hydrate", hydrate, "--correction-endpoint", "/corrections"],
  { encoding: "utf8", maxBuffer: 1 << 28 }).trim();
const demo = JSON.parse(readFileSync(path.join(root, "demo/article.json"), "utf8"));

for (const n of [1, 10, 100]) {
  const article = { ...demo, id: `${demo.id}-${n}x`, body: Array.from({ length: n }, () => demo.body).flat() };
  const data = `data-${n}x.json`;
  writeFileSync(path.join(site, data), JSON.stringify(article));
  const html = execFileSync(render, [path.join(site, data), "--markup"], { encoding: "utf8", maxBuffer: 1 << 28 });
  writeFileSync(path.join(site, `widget-${n}x.html`),
    `${head(`widget ${n}x`)}<body><main data-expect="1"><div data-article-widget data-article-src="${data}" data-correction-endpoint="/corrections"></div></main><script type="module" src="article-widget.js"></script></body></html>`);
  for (const hydrate of ["eager", "interaction"]) {
    writeFileSync(path.join(site, `prerendered-${hydrate}-${n}x.html`),
      `${head(`prerendered (${hydrate}) ${n}x`)}<body><main data-expect="1">${embed(data, hydrate)}</main><script type="module" src="article-widget.js"></script></body></html>`);
  }
  if (n === 1) {
    // The correction form's benchmark (benches/form.mjs): the other two hydration modes, and the
    // floor — the same prerendered markup with no script at all (its form is the browser's own).
    for (const hydrate of ["idle", "visible"]) {
      writeFileSync(path.join(site, `prerendered-${hydrate}-${n}x.html`),
        `${head(`prerendered (${hydrate}) ${n}x`)}<body><main data-expect="1">${embed(data, hydrate)}</main><script type="module" src="article-widget.js"></script></body></html>`);
    }
    writeFileSync(path.join(site, `floor-${n}x.html`),
      `${head(`native form, no script ${n}x`)}<body><main data-expect="1">${embed(data, "idle")}</main></body></html>`);
  }
  writeFileSync(path.join(site, `static-${n}x.html`),
    `${head(`static ${n}x`, '<link rel="stylesheet" href="article-widget.css">')}<body><main data-expect="1">${html}</main></body></html>`);
  if (n === 1) {
    // Eager: every instance renders, so the page measures 20 instances' cost, not lazy loading.
    const widgets = Array.from({ length: 20 }, () => `<div data-article-widget data-loading="eager" data-article-src="${data}"></div>`).join("");
    writeFileSync(path.join(site, "widget-list20.html"),
      `${head("widget list of 20")}<body><main data-expect="20">${widgets}</main><script type="module" src="article-widget.js"></script></body></html>`);
    for (const hydrate of ["eager", "interaction"]) {
      writeFileSync(path.join(site, `prerendered-${hydrate}-list20.html`),
        `${head(`prerendered (${hydrate}) list of 20`)}<body><main data-expect="20">${embed(data, hydrate).repeat(20)}</main><script type="module" src="article-widget.js"></script></body></html>`);
    }
    writeFileSync(path.join(site, "static-list20.html"),
      `${head("static list of 20", '<link rel="stylesheet" href="article-widget.css">')}<body><main data-expect="20">${html.repeat(20)}</main></body></html>`);
  }
}
// Precompressed twins (brotli -q 11), which aw-server serves with Content-Encoding: br to
// browsers that accept it, as a CDN would: transfer sizes and network time are a real deploy's.
for (const f of readdirSync(site, { recursive: true })) {
  if (!/\.(html|js|wasm|css|json|svg)$/.test(f)) continue;
  const file = path.join(site, f);
  writeFileSync(`${file}.br`, brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
console.error(`benchmark site written to ${site}`);
