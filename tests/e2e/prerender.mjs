// The prerendered embed in headless Chromium (issue 12, first step): `aw-render` output pasted
// into a publisher page. Without JavaScript the reader sees the whole widget — headline, body,
// trust box, tags, author card — styled, with working links and no button that does nothing;
// with the loader the widget starts from the embed's inline data and the correction form posts.
//
// Usage: node tests/e2e/prerender.mjs <pages origin> <bundle origin> <aw-render binary>
// (writes its page into tests/e2e/pages/generated/, which the pages server serves).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { axe, check, finish, launch, root, shots } from "./lib.mjs";

const [site, cdn, render] = process.argv.slice(2);
if (!site || !cdn || !render) {
  console.error("usage: node tests/e2e/prerender.mjs <pages origin> <bundle origin> <aw-render binary>");
  process.exit(2);
}
const W = "[data-article-widget]";
const dir = path.join(root, "tests/e2e/pages/generated");
mkdirSync(dir, { recursive: true });
cpSync(path.join(root, "demo/img"), path.join(dir, "img"), { recursive: true });
const embed = execFileSync(render, [path.join(root, "demo/article.json"),
  "--correction-endpoint", `${cdn}/__script/201/prerender/corrections`,
  "--tag-url", "/topics/{slug}/"], { encoding: "utf8" });
writeFileSync(path.join(dir, "prerendered.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>A prerendered article</title></head><body><main>${embed}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`);
const url = `${site}/generated/prerendered.html`;
// The same embed under a strict Content Security Policy: the embed's stylesheet allowed by its
// hash (aw-render --style-hash), no 'unsafe-inline' anywhere.
const styleHash = execFileSync(render, ["--style-hash"], { encoding: "utf8" }).trim();
writeFileSync(path.join(dir, "prerendered-csp.html"), `<!doctype html><html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${cdn} 'wasm-unsafe-eval'; connect-src 'self' ${cdn}; img-src 'self' ${cdn} data:; style-src 'self' ${styleHash}; base-uri 'none'; form-action 'none'">
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>A prerendered article under a strict CSP</title></head><body><main>${embed}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`);
const browser = await launch();

{
  console.log("without JavaScript: the whole widget from the HTML alone");
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: "load" });
  const headline = await page.locator(`${W} h1`).innerText().catch(() => "");
  check(headline.startsWith("Tidal Barrier Holds"), `the headline is there with scripts off ("${headline}")`);
  check(await page.locator(`${W} .aw-author`).isVisible(), "the author card is there");
  check(await page.locator(`${W} .aw-trust`).isVisible(), "the trust box is there");
  const tags = await page.locator(`${W} nav[aria-label='Topics'] a`).evaluateAll((a) => a.map((x) => x.getAttribute("href")));
  check(tags.length === 4 && tags.every((h) => /^\/topics\/[a-z0-9-]+\/$/.test(h)), `tag links are plain links (${tags.join(" ")})`);
  check(!(await page.locator(`${W} .aw-trust > button`).isVisible()), "no correction button that would do nothing");
  const color = await page.locator(`${W} h1`).evaluate((h) => getComputedStyle(h).fontFamily).catch(() => "");
  check(/Iowan|Palatino|Georgia/.test(color), `styled from the shadow root's own stylesheet (${color})`);
  check(!requests.some((r) => r.endsWith(".wasm")), "no wasm fetched");
  await page.screenshot({ path: path.join(shots, "prerendered-nojs-390.png"), fullPage: true });
  await context.close();
}

{
  console.log("with JavaScript: the widget starts from the embed and the form posts");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.clock.install();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url, { waitUntil: "domcontentloaded" });
  // The headline is in the DOM from the HTML, before the wasm has started.
  const early = await page.locator(`${W} h1`).innerText();
  check(early.startsWith("Tidal Barrier Holds"), "the headline is there at DOMContentLoaded");
  await page.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
  await page.waitForSelector(`${W} .aw-author`);
  check((await page.locator(`${W} h1`).count()) === 1, "one article, not two");
  await axe(page, "prerendered, running");
  await page.locator(`${W} .aw-trust > button.aw-button`).click();
  await page.waitForSelector(`${W} .aw-form form`, { timeout: 15000 });
  await page.locator(`${W} .aw-form [name=correction]`).fill("The barrier cost $212 million, not $221 million.");
  await page.clock.fastForward(3500);
  const posted = page.waitForResponse((r) => r.url().includes("/__script/201/prerender/corrections") && r.request().method() === "POST");
  await page.locator(`${W} .aw-form button[type=submit]`).click();
  check((await posted).status() === 201, "the correction form posts from a prerendered widget");
  await page.waitForSelector(`${W} .aw-form__done`);
  check(problems.length === 0, `console is clean${problems.length ? ": " + problems.join("; ") : ""}`);
  await context.close();
}

{
  console.log("under a strict CSP (style-src with the embed's hash, no 'unsafe-inline')");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  await page.goto(`${site}/generated/prerendered-csp.html`, { waitUntil: "domcontentloaded" });
  const font = await page.locator(`${W} h1`).evaluate((h) => getComputedStyle(h).fontFamily);
  check(/Iowan|Palatino|Georgia/.test(font), `styled before any script, under the CSP (${font})`);
  await page.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
  await page.waitForSelector(`${W} .aw-author`);
  await page.locator(`${W} .aw-trust > button.aw-button`).click();
  await page.waitForSelector(`${W} .aw-form form`, { timeout: 15000 });
  const violations = await page.evaluate(() => window.__csp);
  check(violations.length === 0, `no CSP violation, prerendered or running (${violations.join("; ")})`);
  check(problems.length === 0, `console is clean${problems.length ? ": " + problems.join("; ") : ""}`);
  await context.close();
}

await browser.close();
finish("prerender");
