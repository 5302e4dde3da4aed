// Articles as written (issue 29), what they cost a phone: CPU 4× slower (Lighthouse's mobile
// CPU; files from loopback, so the network is not what is measured). Reported, never asserted.
//
//   html / blocks     the corpus's largest article client-rendered from its own HTML (bodyHtml:
//                     the browser's DOMParser, the walk, the converter) and from the same
//                     blocks as typed JSON (crates/core/examples/html_to_json.rs): loader start →
//                     article-widget:ready; the difference is the conversion in the browser
//   rich prerendered  the rich article (every block kind) prerendered by aw-render, hydrating
//   / static twin     eagerly, beside the same markup as static HTML with the same CSS: first
//                     contentful paint
//
// Usage: node benches/articles.mjs <origin serving target/bench/site> [runs]
// (scripts/bench-articles.sh builds the pages, starts the server and calls this.)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/e2e/lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [origin, runsArg] = process.argv.slice(2);
if (!origin) {
  console.error("usage: node benches/articles.mjs <origin> [runs]");
  process.exit(2);
}
const runs = Number(runsArg || 7);
const browser = await launch();

async function measure(page, what) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await tab.addInitScript(() => {
    window.__b = { fcp: 0, ready: 0 };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") window.__b.fcp = e.startTime; })
      .observe({ type: "paint", buffered: true });
    document.addEventListener("article-widget:ready", () => { window.__b.ready ||= performance.now(); }, true);
  });
  await tab.goto(`${origin}/${page}`, { waitUntil: "load" });
  if (what === "ready") await tab.waitForFunction(() => window.__b.ready > 0, null, { timeout: 60000 });
  else await tab.waitForFunction(() => window.__b.fcp > 0, null, { timeout: 60000 });
  const b = await tab.evaluate(() => window.__b);
  await context.close();
  return what === "ready" ? b.ready : b.fcp;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const rows = [];
for (const [label, page, what] of [
  ["largest corpus article, from its HTML (bodyHtml)", "articles-html.html", "ready"],
  ["the same, from typed blocks", "articles-blocks.html", "ready"],
  ["rich article, prerendered (eager)", "articles-rich-prerendered.html", "fcp"],
  ["rich article, static twin", "articles-rich-static.html", "fcp"],
]) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await measure(page, what));
  rows.push([label, what === "ready" ? "ready" : "FCP", median(times), Math.min(...times), Math.max(...times)]);
}
await browser.close();
const fmt = (ms) => `${Math.round(ms)} ms`;
const table = ["| page (CPU 4×) | measured | median | min | max |", "|---|---|---:|---:|---:|",
  ...rows.map(([l, w, m, lo, hi]) => `| ${l} | ${w} | ${fmt(m)} | ${fmt(lo)} | ${fmt(hi)} |`)].join("\n");
const conversion = rows[0][2] - rows[1][2];
const out = `${table}\n\nConversion in the browser (html − blocks, medians): ${fmt(conversion)}; prerendered rich article's FCP ${(rows[2][2] / rows[3][2]).toFixed(2)}× its static twin's. ${runs} runs each.\n`;
console.log(out);
writeFileSync(path.join(root, "target/bench/articles.md"), out);
