// The benchmark: the widget, client-rendered and prerendered, next to its static-HTML twin (the
// same article rendered to HTML by aw-render, with the same CSS, no script at all), in the same
// Chromium, in the same run. Prerendered twice: hydrating at once (data-hydrate="eager") and on
// the reader's first touch ("interaction", measured until the page has settled untouched).
//
// Scenarios: the demo article, 10x and 100x its body, and a list page with 20 instances.
// Several runs each; the median and the spread (min–max) are reported. Prints a Markdown table
// and writes it to target/bench/results.md. Not part of the test suite: nothing here fails CI.
//
// Usage: node benches/run.mjs <origin serving target/bench/site> <site dir> [runs]
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
  console.error("usage: node benches/run.mjs <origin> <site dir> [runs]");
  process.exit(2);
}
const RUNS = Number(runsArg || 5);

// Injected before any page script: timestamps for "headline in the DOM" and "whole widget
// rendered" (article, author card, tags, trust box in every instance), long tasks, layout shift.
const probe = () => {
  const b = (window.__bench = { marks: {}, longTasks: [], cls: 0, fcp: 0, lcp: 0 });
  const mark = (k) => { if (!(k in b.marks)) b.marks[k] = performance.now(); };
  const roots = [document];
  const expected = () => Number(document.querySelector("main")?.dataset.expect || 1);
  let ready = 0;
  document.addEventListener("article-widget:ready", () => { if (++ready >= expected()) mark("hydrated"); });
  const check = () => {
    const expect = expected();
    // Prerendered widgets' shadow roots come from the HTML parser (declarative), not attachShadow.
    for (const el of document.querySelectorAll("[data-article-widget]")) {
      if (el.shadowRoot && !roots.includes(el.shadowRoot)) { roots.push(el.shadowRoot); watch(el.shadowRoot); }
    }
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
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") b.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
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
  if (page.startsWith("widget-") || page.includes("eager")) {
    await tab.waitForFunction(() => "hydrated" in window.__bench.marks, null, { timeout: 60000 });
  } else if (page.includes("interaction")) {
    // Settled, untouched: every widget scheduled to hydrate on the first touch.
    await tab.waitForFunction(() => document.querySelectorAll("[data-aw-deferred]").length >= Number(document.querySelector("main").dataset.expect), null, { timeout: 60000 });
  }
  // Let pending long-task and layout-shift entries arrive.
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const data = await tab.evaluate(() => ({
    marks: window.__bench.marks,
    tbt: window.__bench.longTasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
    cls: window.__bench.cls,
    // (0: no entry yet when the page was read; reported as missing, not as 0 ms.)
    fcp: window.__bench.fcp || undefined,
    lcp: window.__bench.lcp || undefined,
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.ArticleWidget && window.ArticleWidget.wasmMemoryBytes ? window.ArticleWidget.wasmMemoryBytes() : 0,
    resources: [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
      .map((e) => ({ url: e.name, size: e.decodedBodySize, transferred: e.encodedBodySize })),
  }));
  if (openForm) {
    // The correction form's first open: the press, the field shown. (Measured after the page's
    // bytes were read, so they stay the page's own; the form's enhancer it sets off is counted
    // as the form's bytes.)
    data.formOpen = await tab.evaluate(async () => {
      const root = document.querySelector("[data-article-widget]").shadowRoot;
      const start = performance.now();
      root.querySelector(".aw-native > summary").click();
      await new Promise((resolve) => {
        const seen = () => (root.querySelector(".aw-native [name=correction]")?.offsetParent ? resolve() : requestAnimationFrame(seen));
        seen();
      });
      return performance.now() - start;
    });
    // The enhancer the press sets off (after the form is shown), once it has arrived.
    await tab.waitForSelector("[data-article-widget] .aw-native form[data-aw-live]", { timeout: 15000 }).catch(() => {});
    data.formBytes = await tab.evaluate(() => performance.getEntriesByType("resource")
      .filter((e) => e.name.includes("article-widget-native")).reduce((s, e) => s + e.decodedBodySize, 0));
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

const SIDES = ["widget", "eager", "interaction", "static"];
async function scenario(name, suffix) {
  const pages = {
    widget: `widget-${suffix}.html`,
    eager: `prerendered-eager-${suffix}.html`,
    interaction: `prerendered-interaction-${suffix}.html`,
    static: `static-${suffix}.html`,
  };
  const results = Object.fromEntries(SIDES.map((side) => [side, []]));
  for (let i = 0; i < RUNS; i++) {
    // In turn, so no side always runs on a warmer machine.
    for (const side of SIDES) {
      results[side].push(await measure(pages[side], side !== "static" && side !== "interaction" && name.startsWith("demo article")));
    }
  }
  process.stderr.write(`measured ${name}\n`);
  return { name, results };
}

const scenarios = [
  await scenario("demo article (1x)", "1x"),
  await scenario("10x body", "10x"),
  await scenario("100x body", "100x"),
  await scenario("list page, 20 instances", "list20"),
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
    ["first contentful paint", (r) => r.fcp, ms],
    ["largest contentful paint", (r) => r.lcp, ms],
    ["whole widget rendered", (r) => r.marks.complete, ms],
    ["live (rendered or hydrated: handlers attached)", (r) => r.marks.hydrated, ms],
    ["correction button in the DOM¹", (r) => r.marks.interactive, ms],
    ["total blocking time", (r) => r.tbt, ms],
    ["JS heap after render", (r) => r.heap, kb],
    ["wasm linear memory", (r) => r.wasm, kb],
    ["cumulative layout shift", (r) => r.cls, (v) => v.toFixed(3)],
  ];
  const kinds = ["html", "wasm", "js", "css", "data"];
  lines.push(`#### ${name}`, "",
    "| | client-rendered widget | prerendered, eager | prerendered, interaction³ | static twin | prerendered eager / static |",
    "|---|---:|---:|---:|---:|---:|");
  const cell = (side, f, unit) => {
    const values = results[side].map(f).filter((v) => v !== undefined);
    return values.length ? fmt(stat(values), unit) : "—";
  };
  for (const [label, f, unit] of rows) {
    const e = results.eager.map(f).filter((v) => v !== undefined), st = results.static.map(f).filter((v) => v !== undefined);
    lines.push(`| ${label} | ${SIDES.map((side) => cell(side, f, unit)).join(" | ")} | ${e.length && st.length ? ratio(median(e), median(st)) : "—"} |`);
  }
  for (const k of kinds) {
    const raw = (side) => get(side, (r) => r.bytes[k]?.raw || 0).median, br = (side) => get(side, (r) => r.bytes[k]?.br || 0).median;
    if (SIDES.every((side) => raw(side) === 0)) continue;
    lines.push(`| bytes: ${k} (raw / brotli) | ${SIDES.map((side) => `${kb(raw(side))} / ${kb(br(side))}`).join(" | ")} | ${ratio(br("eager"), br("static"))} |`);
  }
  const total = (side, key) => get(side, (r) => Object.values(r.bytes).reduce((s, b) => s + b[key], 0)).median;
  lines.push(`| bytes: total (raw / brotli) | ${SIDES.map((side) => `${kb(total(side, "raw"))} / ${kb(total(side, "br"))}`).join(" | ")} | ${ratio(total("eager", "br"), total("static", "br"))} |`);
  if (results.widget[0].formOpen !== undefined) {
    const open = (side) => fmt(get(side, (r) => r.formOpen), ms);
    const bundle = (side) => kb(get(side, (r) => r.formBytes).median);
    lines.push(`| correction form opened, first time² | ${open("widget")} | ${open("eager")} | — | — | — |`);
    lines.push(`| bytes: the form's enhancer, on open (raw) | ${bundle("widget")} | ${bundle("eager")} | — | — | — |`);
  }
  lines.push("");
  const med = (side, f) => median(results[side].map(f).filter((v) => v !== undefined));
  summary[name] = {
    widget: med("widget", (r) => r.marks.complete),
    static: med("static", (r) => r.marks.complete),
    fcp: [med("eager", (r) => r.fcp), med("static", (r) => r.fcp)],
    lcp: [med("eager", (r) => r.lcp), med("static", (r) => r.lcp)],
    hydrated: med("eager", (r) => r.marks.hydrated),
    staticComplete: med("static", (r) => r.marks.complete),
    cls: [med("eager", (r) => r.cls), med("interaction", (r) => r.cls)],
    bytes: [total("interaction", "br"), total("static", "br")],
  };
}
lines.push("¹ For the static twin the button is only markup; the widget's is wired to its handler when it appears.");
lines.push("³ Measured until the page has settled with nobody touching the widget: what a reader who only reads downloads.");
lines.push("² From the press on Submit a correction to its correction field shown: the form is in the widget, so nothing is downloaded first (its enhancer loads after the press; its bytes are the next row, not in the page's). Phone conditions: scripts/bench-form.sh.", "");
const one = summary["demo article (1x)"], hundred = summary["100x body"], list = summary["list page, 20 instances"];
lines.push("Targets (reported, not asserted):", "");
lines.push(`- widget fully rendered within 1.5× the static twin (demo article): ${ratio(one.widget, one.static)} ${one.widget <= 1.5 * one.static ? "— met" : "— not met"}`);
lines.push(`- 100× article within 100× of 1× (widget): ${ratio(hundred.widget, one.widget)} ${hundred.widget <= 100 * one.widget ? "— met" : "— not met"}`);
lines.push(`- 20 instances within 20× of one (widget): ${ratio(list.widget, one.widget)} ${list.widget <= 20 * one.widget ? "— met" : "— not met"}`);
lines.push("", "Prerendered targets (issue 12; reported, not asserted):", "");
for (const [name, s] of Object.entries(summary)) {
  const met = (ok) => (ok ? "met" : "not met");
  lines.push(`- ${name}: FCP ${ratio(s.fcp[0], s.fcp[1])} and LCP ${ratio(s.lcp[0], s.lcp[1])} the static twin (target 1.1×: ${met(s.fcp[0] <= 1.1 * s.fcp[1] && s.lcp[0] <= 1.1 * s.lcp[1])}); ` +
    `hydrated (eager) at ${ratio(s.hydrated, s.staticComplete)} the static twin's render (target 2×: ${met(s.hydrated <= 2 * s.staticComplete)}); ` +
    `CLS ${s.cls[0].toFixed(3)} / ${s.cls[1].toFixed(3)} (target 0: ${met(s.cls[0] === 0 && s.cls[1] === 0)}); ` +
    `bytes before interaction ${kb(s.bytes[0])} vs ${kb(s.bytes[1])} brotli, +${kb(s.bytes[0] - s.bytes[1])} (target ≤ 5 KB: ${met(s.bytes[0] - s.bytes[1] <= 5 * 1024)})`);
}

const out = lines.join("\n");
writeFileSync(path.join(root, "target/bench/results.md"), out + "\n");
console.log(out);
