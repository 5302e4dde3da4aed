// The publisher pages the reader-flow tests run on, written from the fixtures in tests/fixtures
// (the one copy of each article) into tests/e2e/pages/generated/ (not committed). Each is a plain
// page with one widget, tests/e2e/pages/flow-setup.js (sets ?endpoint=, records console problems
// and events) and the loader from {{CDN}}.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const fixture = (name) => readFileSync(path.join(root, "tests/fixtures", name), "utf8");
/// JSON inside a <script> element: `</` must not end it.
const inline = (json) => json.replace(/<\//g, "<\\/");

function page({ title, lang = "en", dir, head = "", before = "", widget }) {
  return `<!doctype html>
<html lang="${lang}"${dir ? ` dir="${dir}"` : ""}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title>${head}</head>
<body><main>${before}
  ${widget}
</main>
  <script src="/flow-setup.js"></script>
  <script type="module" src="{{CDN}}/article-widget.js"></script>
</body></html>
`;
}

/// The reference-shaped article with its body repeated to ~2,000 paragraphs (about 300 KB).
function huge() {
  const article = JSON.parse(fixture("reference-shape.json"));
  const body = [];
  while (body.length < 2000) body.push(...article.body);
  return { ...article, headline: `${article.headline} (long read)`, body };
}

const filler = Array.from({ length: 40 }, (_, i) =>
  `<p>Paragraph ${i + 1} of the publisher's own page, above the widget: navigation, a long introduction, other stories.</p>`).join("\n  ");

/// The reference-shaped article prerendered by aw-render (built by scripts/test.sh before the
/// flows run), as the widget with id w1.
const prerendered = (options, url) => {
  const json = fixture("reference-shape.jsonld.json");
  // The article's canonical address on the page's own origin, as a publisher's would be (the
  // native form sends the reader back there when scripts are off).
  const input = url ? json.replace("https://valley-courier.example/news/millbrook-footbridge-closed", url) : json;
  return execFileSync(path.join(root, "target/debug/aw-render"), ["-", ...options], { encoding: "utf8", input })
    .replace("<div data-article-widget", '<div id="w1" data-article-widget');
};

/// Prerendered pages: the server's markup in a declarative shadow root, hydrating when the
/// browser is idle, or on the reader's first touch. Their correction form is the browser's own
/// (it opens and posts without the wasm). The flows write them again with the real inbox as the
/// endpoint, as a publisher's build would render it in.
const PRERENDERED = {
  "prerendered-idle": ["Reference-shaped article, prerendered, hydrating when idle", []],
  "prerendered-interaction": ["Reference-shaped article, prerendered, hydrating on the first touch", ["--hydrate", "interaction"]],
};
export function prerenderedPage(name, endpoint, url) {
  const [title, options] = PRERENDERED[name];
  return page({ title, widget: prerendered([...options, ...(endpoint ? ["--correction-endpoint", endpoint] : [])], url) });
}
export const isPrerendered = (name) => name in PRERENDERED;

/// name → what the reader-flow tests call it and the page's HTML.
export const FLOW_PAGES = {
  "reference-inline": page({
    title: "Reference-shaped article, inline JSON-LD",
    widget: `<div id="w1" data-article-widget><script type="application/ld+json">${inline(fixture("reference-shape.jsonld.json"))}</script></div>`,
  }),
  "reference-src": page({
    title: "Reference-shaped article, JSON-LD by data-article-src",
    widget: `<div id="w1" data-article-widget data-article-src="/fixtures/reference-shape.jsonld.json"></div>`,
  }),
  "reference-native": page({
    title: "Reference-shaped article, the widget's JSON with a related teaser",
    widget: `<div id="w1" data-article-widget data-article-src="/fixtures/reference-shape.json"></div>`,
  }),
  // (Its first image is a site-absolute path, so the page never reaches past loopback.)
  "jsonld-array": page({
    title: "A top-level JSON-LD array: entities, markup in the body, empty fields, two authors",
    widget: `<div id="w1" data-article-widget data-article-src="/fixtures/jsonld-array.json"></div>`,
  }),
  "huge": page({
    title: "A huge article: the reference shape's body repeated to about 2,000 paragraphs",
    widget: `<div id="w1" data-article-widget><script type="application/json">${inline(JSON.stringify(huge()))}</script></div>`,
  }),
  "zero-config": page({
    title: "Zero-config: the page's own Yoast JSON-LD",
    head: `\n<script type="application/ld+json">${inline(fixture("yoast-graph.json"))}</script>`,
    widget: `<div id="w1" data-article-widget></div>`,
  }),
  "below-fold": page({
    title: "Widget far below the fold",
    before: `\n  ${filler}`,
    widget: `<div id="w1" data-article-widget data-article-src="/fixtures/reference-shape.json"></div>`,
  }),
  "minimal": page({
    title: "No tags, no corrections, no author",
    widget: `<div id="w1" data-article-widget data-article-src="/fixtures/minimal.json"></div>`,
  }),
  "prerendered-idle": prerenderedPage("prerendered-idle"),
  "prerendered-interaction": prerenderedPage("prerendered-interaction"),
  "arabic": page({
    title: "صفحة عربية",
    lang: "ar",
    dir: "rtl",
    widget: `<div id="w1" data-article-widget data-article-src="/article.json"></div>`,
  }),
};

/// Articles as newsrooms write them (issue 29): every block kind from the widget's own JSON
/// (tests/fixtures/rich-blocks.json), the same prerendered, and a real article's own HTML
/// (tests/fixtures/articles/02-…, GOV.UK, OGL v3: lists and tables) as `bodyHtml`. Rendered in
/// every engine (no correction flow on them): `shapes` is what each must show.
const rich = fixture("rich-blocks.json");
const govuk = readFileSync(path.join(root, "tests/fixtures/articles/02-govuk-mhra-transwarmer-alert.html"), "utf8");
const RICH_SHAPES = {
  ".aw-list li": 8, ".aw-list .aw-list .aw-list li": 2, "ol.aw-list > li": 3, ".aw-table[role=region][tabindex='0'] table caption": 1,
  ".aw-table th[scope=col]": 3, ".aw-table th[scope=row]": 3, ".aw-table td[colspan='2']": 1, ".aw-gallery img[width][height]": 2,
  ".aw-embed .aw-embed__open": 1, ".aw-body iframe": 0, "pre.aw-code": 1, "hr.aw-separator": 1, ".aw-notes li": 1,
  ".aw-body sub": 1, ".aw-body del .aw-visually-hidden": 1, ".aw-body ins": 1, ".aw-body abbr[title]": 1, ".aw-body small": 1,
};
export const RENDER_PAGES = {
  "rich": {
    html: page({ title: "Every block kind", widget: `<div id="w1" data-article-widget><script type="application/json">${inline(rich)}</script></div>` }),
    shapes: RICH_SHAPES,
  },
  "rich-prerendered": {
    html: () => page({ title: "Every block kind, prerendered", widget: execFileSync(path.join(root, "target/debug/aw-render"), ["-"], { encoding: "utf8", input: rich }) }),
    shapes: RICH_SHAPES,
  },
  "article-html": {
    html: page({ title: "A GOV.UK alert as its own HTML", widget: `<div id="w1" data-article-widget><script type="application/json">${inline(JSON.stringify({ version: 1, headline: "Drug alert: heat therapy products", bodyHtml: govuk }))}</script></div>` }),
    shapes: { ".aw-body li": 62, ".aw-body td, .aw-body th": 36, ".aw-table caption": 0, ".aw-table": 2 },
  },
};

/// Every article of the corpus (tests/fixtures/articles, real bodies nobody here wrote) as its own
/// HTML (`bodyHtml`): 27 widgets on one page, rendered in the browser (its own parser, the
/// converter in wasm), and the same 27 prerendered by aw-render (html5ever on the host) and
/// hydrating at once. The flows compare, in each engine, what a reader sees in each widget: its
/// words and the count of every shape (list items, cells, captions, code blocks …).
const manifest = JSON.parse(readFileSync(path.join(root, "tests/fixtures/articles/manifest.json"), "utf8"));
const corpusDocument = ({ file, title }) => JSON.stringify({
  version: 1, id: file.replace(/\.html$/, ""), headline: title,
  bodyHtml: readFileSync(path.join(root, "tests/fixtures/articles", file), "utf8"),
});
export const CORPUS_SIZE = manifest.length;
const CORPUS_PAGES = {
  "corpus": () => page({
    title: "The corpus, rendered in the browser",
    widget: manifest.map((entry, i) => `<div id="c${i}" data-article-widget data-loading="eager"><script type="application/json">${inline(corpusDocument(entry))}</script></div>`).join("\n"),
  }),
  "corpus-prerendered": () => page({
    title: "The corpus, prerendered",
    widget: manifest.map((entry, i) => execFileSync(path.join(root, "target/debug/aw-render"), ["-", "--hydrate", "eager", "--loading", "eager"],
      { encoding: "utf8", input: corpusDocument(entry), maxBuffer: 64 << 20 }).replace("<div data-article-widget", `<div id="c${i}" data-article-widget`)).join("\n"),
  }),
};

/// The widget beside the publisher's own article (`data-parts`): the page shows the reference
/// article as a theme would (its headline and paragraphs), the widget only the trust box, tags
/// and author card after it, and select-to-quote reads the page's `.entry-content`.
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const reference = JSON.parse(fixture("reference-shape.json"));
const ownArticle = `<article class="post"><h1>${esc(reference.headline)}</h1>
  <div class="entry-content">${reference.body.filter((b) => typeof b === "string").map((b) => `<p>${esc(b)}</p>`).join("\n")}</div>`;
export const PARTS_OPTIONS = ["--parts", "trust tags author", "--article-body", ".entry-content"];
/// A phrase of the page's own article that a reader selects.
export const PARTS_QUOTE = "an inspection found that two of its piers had shifted";
export function partsPage(name, endpoint) {
  if (name === "parts") {
    return page({ title: "The widget beside the publisher's own article", before: ownArticle,
      widget: `<div id="w1" data-article-widget data-parts="trust tags author" data-article-body=".entry-content"><script type="application/ld+json">${inline(fixture("reference-shape.jsonld.json"))}</script></div></article>` });
  }
  const embed = execFileSync(path.join(root, "target/debug/aw-render"), ["-", ...PARTS_OPTIONS, ...(endpoint ? ["--correction-endpoint", endpoint] : [])],
    { encoding: "utf8", input: fixture("reference-shape.jsonld.json") }).replace("<div data-article-widget", '<div id="w1" data-article-widget');
  return page({ title: "The prerendered widget beside the publisher's own article", before: ownArticle, widget: `${embed}</article>` });
}
export const PARTS_PAGES = ["parts", "parts-prerendered"];

const dir = path.join(root, "tests/e2e/pages/generated");
/// Writes one page again (a prerendered page with a flow's endpoint).
export function writeFlowPage(name, html) {
  writeFileSync(path.join(dir, `${name}.html`), html);
}

export function writeFlowPages() {
  mkdirSync(dir, { recursive: true });
  for (const [name, html] of Object.entries(FLOW_PAGES)) writeFileSync(path.join(dir, `${name}.html`), html);
  writeRenderPages();
  // The Yoast fixture's image is relative ("img/harbour.svg"): on a page, relative to the page.
  mkdirSync(path.join(dir, "img"), { recursive: true });
  copyFileSync(path.join(root, "demo/img/harbour.svg"), path.join(dir, "img/harbour.svg"));
}

/// Writes the render-only pages (RENDER_PAGES) and an Arabic, right-to-left twin of the rich one.
export function writeRenderPages() {
  mkdirSync(path.join(dir, "img"), { recursive: true });
  copyFileSync(path.join(root, "demo/img/harbour.svg"), path.join(dir, "img/harbour.svg"));
  for (const [name, { html }] of Object.entries(RENDER_PAGES)) writeFileSync(path.join(dir, `${name}.html`), typeof html === "function" ? html() : html);
  for (const [name, html] of Object.entries(CORPUS_PAGES)) writeFileSync(path.join(dir, `${name}.html`), html());
  for (const name of PARTS_PAGES) writeFileSync(path.join(dir, `${name}.html`), partsPage(name));
  // A page whose security policy allows no frames: the embed's press opens it on its site.
  writeFileSync(path.join(dir, "rich-no-frames.html"), page({
    title: "Every block kind, on a page that allows no frames",
    head: `<meta http-equiv="Content-Security-Policy" content="frame-src 'none'">`,
    widget: `<div id="w1" data-article-widget><script type="application/json">${inline(rich)}</script></div>`,
  }));
  writeFileSync(path.join(dir, "rich-ar.html"), page({
    title: "كل أنواع الكتل", lang: "ar", dir: "rtl",
    widget: `<div id="w1" data-article-widget data-locale="ar"><script type="application/json">${inline(rich)}</script></div>`,
  }));
}
