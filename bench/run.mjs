// The benchmark: the widget next to its static-HTML twin (the same article rendered to HTML by
// aw-render, with the same CSS, no script at all), in the same Chromium, in the same run.
//
// Scenarios: the demo article, 10x and 100x its body, and a list page with 20 instances.
// Several runs each; the median and the spread (min–max) are reported. Prints a Markdown table
// and writes it to target/bench/results.md. Not part of the test suite: nothing here fails CI.
//
// Usage: node bench/run.mjs <origin serving target/bench/site> <site dir> [runs]
// (scripts/bench.sh builds the release bundle and the site, starts the server and calls this.)
import { brotliCompressSync, constants } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/e2e/lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const [origin, siteDir, runsArg] = process.argv.slice(2);
if (!origin || !siteDir) {
  console.error("usage: node bench/run.mjs <origin> <site dir> [runs]");
  process.exit(2);
}
const RUNS = Number(runsArg || 5);

// Injected before any page script: timestamps for "headline in the DOM" and "whole widget
// rendered" (article, author card, tags, trust box in every instance), long tasks, layout shift.
const probe = () => {
  const b = (window.__bench = { marks: {}, longTasks: [], cls: 0 });
  const mark = (k) => { if (!(k in b.marks)) b.marks[k] = performance.now(); };
  const roots = [document];
  const check = () => {
    const expect = Number(document.querySelector("main")?.dataset.expect || 1);
    let headlines = 0, complete = 0, buttons = 0;
    for (const r of roots) {
      for (const aw of r.querySelectorAll(".aw")) {
        if (aw.querySelector("h1")) headlines++;
        if (aw.querySelector(".aw-trust button")) buttons++;
        if (aw.querySelector(".aw-author") && aw.querySelector(".aw-trust") && aw.querySelector(".aw-tags")) complete++;
      }
    }
    if (headlines > 0) mark("headline");
    if (buttons >= expect) mark("interactive");
    if (complete >= expect) mark("complete");
  };
  const watch = (r) => new MutationObserver(check).observe(r, { childList: true, subtree: true });
  watch(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const r = attach.call(this, init);
    roots.push(r);
    watch(r);
    return r;
  };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) b.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
};

const browser = await launch(["--enable-precise-memory-info"]);

const brotli = new Map();
function brotliSize(file) {
  if (!brotli.has(file)) {
    const bytes = readFileSync(file);
    brotli.set(file, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  }
  return brotli.get(file);
}
const kindOf = (url) => {
  const ext = path.extname(new URL(url).pathname);
  return { ".wasm": "wasm", ".js": "js", ".css": "css", ".json": "data", ".html": "html" }[ext] || "other";
};

async function measure(page, openForm = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.addInitScript(probe);
  await tab.goto(`${origin}/${page}`, { waitUntil: "load" });
  await tab.waitForFunction(() => "complete" in window.__bench.marks, null, { timeout: 60000 });
  // Let pending long-task and layout-shift entries arrive.
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const data = await tab.evaluate(() => ({
    marks: window.__bench.marks,
    tbt: window.__bench.longTasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
    cls: window.__bench.cls,
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.ArticleWidget && window.ArticleWidget.wasmMemoryBytes ? window.ArticleWidget.wasmMemoryBytes() : 0,
    resources: [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
      .map((e) => ({ url: e.name, size: e.encodedBodySize })),
  }));
  if (openForm) {
    // The correction form's first open: the click, its bundle's download and start, the form in
    // the DOM. (Measured after the page's bytes were read, so they stay the page's own.)
    data.formOpen = await tab.evaluate(async () => {
      const root = document.querySelector("[data-article-widget]").shadowRoot;
      const start = performance.now();
      root.querySelector(".aw-trust > button").click();
      await new Promise((resolve) => {
        const seen = () => (root.querySelector(".aw-form form") ? resolve() : requestAnimationFrame(seen));
        seen();
      });
      return performance.now() - start;
    });
    data.formBytes = await tab.evaluate(() => performance.getEntriesByType("resource")
      .filter((e) => e.name.includes("article-widget-form")).reduce((s, e) => s + e.encodedBodySize, 0));
  }
  await context.close();
  const bytes = {};
  for (const r of data.resources) {
    const kind = kindOf(r.url);
    let file = path.join(siteDir, decodeURIComponent(new URL(r.url).pathname));
    if (file.endsWith("/")) file += "index.html";
    const entry = (bytes[kind] ||= { raw: 0, br: 0 });
    entry.raw += r.size;
    try { entry.br += brotliSize(file); } catch { /* not a file of ours */ }
  }
  return { ...data, bytes };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

async function scenario(name, widgetPage, staticPage) {
  const results = { widget: [], static: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate, so neither side always runs on a warmer machine.
    results.widget.push(await measure(widgetPage, name.startsWith("demo article")));
    results.static.push(await measure(staticPage));
  }
  process.stderr.write(`measured ${name}\n`);
  return { name, results };
}

const scenarios = [
  await scenario("demo article (1x)", "widget-1x.html", "static-1x.html"),
  await scenario("10x body", "widget-10x.html", "static-10x.html"),
  await scenario("100x body", "widget-100x.html", "static-100x.html"),
  await scenario("list page, 20 instances", "widget-list20.html", "static-list20.html"),
];
await browser.close();

const ms = (v) => `${v.toFixed(0)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;
const fmt = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");

const lines = [];
const cpu = os.cpus()[0]?.model?.trim() || "unknown CPU";
lines.push(`Benchmark ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, headless Chromium, ${RUNS} runs each; median (min–max). Bytes are what the page loaded, raw and brotli -q 11.`);
lines.push("");
const summary = {};
for (const { name, results } of scenarios) {
  const get = (side, f) => stat(results[side].map(f));
  const rows = [
    ["headline in the DOM", (r) => r.marks.headline, ms],
    ["whole widget rendered", (r) => r.marks.complete, ms],
    ["correction button in the DOM¹", (r) => r.marks.interactive, ms],
    ["total blocking time", (r) => r.tbt, ms],
    ["JS heap after render", (r) => r.heap, kb],
    ["wasm linear memory", (r) => r.wasm, kb],
    ["cumulative layout shift", (r) => r.cls, (v) => v.toFixed(3)],
  ];
  const kinds = ["html", "wasm", "js", "css", "data"];
  lines.push(`#### ${name}`, "", "| | widget | static twin | widget / static |", "|---|---:|---:|---:|");
  for (const [label, f, unit] of rows) {
    const w = get("widget", f), s = get("static", f);
    lines.push(`| ${label} | ${fmt(w, unit)} | ${fmt(s, unit)} | ${ratio(w.median, s.median)} |`);
  }
  for (const k of kinds) {
    const w = get("widget", (r) => r.bytes[k]?.raw || 0), s = get("static", (r) => r.bytes[k]?.raw || 0);
    const wb = get("widget", (r) => r.bytes[k]?.br || 0), sb = get("static", (r) => r.bytes[k]?.br || 0);
    if (w.median === 0 && s.median === 0) continue;
    lines.push(`| bytes: ${k} (raw / brotli) | ${kb(w.median)} / ${kb(wb.median)} | ${kb(s.median)} / ${kb(sb.median)} | ${ratio(wb.median, sb.median)} |`);
  }
  const total = (side, key) => get(side, (r) => Object.values(r.bytes).reduce((s, b) => s + b[key], 0)).median;
  lines.push(`| bytes: total (raw / brotli) | ${kb(total("widget", "raw"))} / ${kb(total("widget", "br"))} | ${kb(total("static", "raw"))} / ${kb(total("static", "br"))} | ${ratio(total("widget", "br"), total("static", "br"))} |`);
  if (results.widget[0].formOpen !== undefined) {
    const open = get("widget", (r) => r.formOpen);
    const bundle = get("widget", (r) => r.formBytes);
    lines.push(`| correction form opened, first time² | ${fmt(open, ms)} | — | — |`);
    lines.push(`| bytes: form bundle, on open (raw) | ${kb(bundle.median)} | — | — |`);
  }
  lines.push("");
  summary[name] = { widget: get("widget", (r) => r.marks.complete).median, static: get("static", (r) => r.marks.complete).median };
}
lines.push("¹ For the static twin the button is only markup; the widget's is wired to its handler when it appears.");
lines.push("² From the click to the form in the DOM, including the download and start of the form's own bundle (served from 127.0.0.1, so network time is near zero; on a real connection add the bundle's transfer). The page's byte rows do not include it.", "");
const one = summary["demo article (1x)"], hundred = summary["100x body"], list = summary["list page, 20 instances"];
lines.push("Targets (reported, not asserted):", "");
lines.push(`- widget fully rendered within 1.5× the static twin (demo article): ${ratio(one.widget, one.static)} ${one.widget <= 1.5 * one.static ? "— met" : "— not met"}`);
lines.push(`- 100× article within 100× of 1× (widget): ${ratio(hundred.widget, one.widget)} ${hundred.widget <= 100 * one.widget ? "— met" : "— not met"}`);
lines.push(`- 20 instances within 20× of one (widget): ${ratio(list.widget, one.widget)} ${list.widget <= 20 * one.widget ? "— met" : "— not met"}`);

const out = lines.join("\n");
writeFileSync(path.join(root, "target/bench/results.md"), out + "\n");
console.log(out);
