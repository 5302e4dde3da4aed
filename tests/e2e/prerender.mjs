// The prerendered embed in headless Chromium (issue 12, first step): `aw-render` output pasted
// into a publisher page. Without JavaScript the reader sees the whole widget — headline, body,
// trust box, tags, author card — styled, with working links and no button that does nothing,
// and the correction form as the browser's own HTML; with the loader the widget hydrates around
// that form (never replacing it) and the form posts to a real aw-server, which sends the reader
// back to the article's thank-you. A press before hydration, on a phone-speed CPU, opens the
// form at once; the reader types while the widget hydrates, and one POST carries all of it.
// With scripts the form is also checked as the reader types and sent in place (fetch, an
// Idempotency-Key, retries), and thanked in place; without its enhancer it still posts.
//
// Usage: node tests/e2e/prerender.mjs <pages origin> <bundle origin> <aw-render binary> <inbox origin>
// (writes its page into tests/e2e/pages/generated/, which the pages server serves).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { axe, check, clean as cleanAs, finish, scenario, launch, root, shots, watch } from "./lib.mjs";

const [site, cdn, render, inbox] = process.argv.slice(2);
if (!site || !cdn || !render || !inbox) {
  console.error("usage: node tests/e2e/prerender.mjs <pages origin> <bundle origin> <aw-render binary> <inbox origin>");
  process.exit(2);
}
const W = "[data-article-widget]";
const dir = path.join(root, "tests/e2e/pages/generated");
mkdirSync(dir, { recursive: true });
cpSync(path.join(root, "demo/img"), path.join(dir, "img"), { recursive: true });
const endpoint = `${inbox}/corrections`;
const embed = execFileSync(render, [path.join(root, "demo/article.json"),
  "--correction-endpoint", endpoint,
  "--tag-url", "/topics/{slug}/"], { encoding: "utf8" });
writeFileSync(path.join(dir, "prerendered.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>A prerendered article</title>
<!-- What normalize.css and WordPress's own styles say: the page's rules outrank the widget's
     ::slotted ones, so the thank-you must hold against it. -->
<style>[hidden] { display: none; } p { display: inline; }</style></head><body><main>${embed}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`);
const url = `${site}/generated/prerendered.html`;
// The same embed under a strict Content Security Policy: the embed's stylesheet allowed by its
// hash (aw-render --style-hash), no 'unsafe-inline' anywhere.
const styleHash = execFileSync(render, ["--style-hash"], { encoding: "utf8" }).trim();
writeFileSync(path.join(dir, "prerendered-csp.html"), `<!doctype html><html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${cdn} 'wasm-unsafe-eval'; connect-src 'self' ${cdn}; img-src 'self' ${cdn} data:; style-src 'self' ${styleHash}; base-uri 'none'; form-action ${inbox}">
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>A prerendered article under a strict CSP</title></head><body><main>${embed}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`);
// The same article in Spanish (the field checks' words are the page's language).
writeFileSync(path.join(dir, "prerendered-es.html"), `<!doctype html><html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Un artículo prerenderizado</title></head><body><main>${execFileSync(render, [path.join(root, "demo/article.json"),
  "--locale", "es", "--correction-endpoint", endpoint], { encoding: "utf8" })}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`);
// A page whose widget hydrates on the reader's first touch (data-hydrate="interaction").
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${title}</title></head><body><main>${body}</main>
<script type="module" src="${cdn}/article-widget.js"></script></body></html>`;
const interactionEmbed = execFileSync(render, [path.join(root, "demo/article.json"), "--hydrate", "interaction",
  "--correction-endpoint", endpoint, "--tag-url", "/topics/{slug}/"], { encoding: "utf8" });
writeFileSync(path.join(dir, "prerendered-interaction.html"), page("Hydrates on interaction", interactionEmbed));
// The same embed where hydration cannot apply: a page script changed an option after the server
// rendered, or the markup came from another release of the widget. It is rendered anew.
writeFileSync(path.join(dir, "prerendered-changed.html"), page("Options changed since prerendering",
  `${interactionEmbed}<script>document.querySelector("[data-article-widget]").setAttribute("data-theme", "dark")</script>`));
writeFileSync(path.join(dir, "prerendered-other-release.html"), page("Prerendered by another release",
  interactionEmbed.replace(/data-aw-prerendered="[0-9a-f]+"/, 'data-aw-prerendered="0000000000000000"')));
// …or a page script swapped its inline article for a URL: rendered anew from data still on its
// way, so the form's new container is drawn only once the article has arrived.
cpSync(path.join(root, "demo/article.json"), path.join(dir, "article.json"));
writeFileSync(path.join(dir, "prerendered-fetched.html"), page("Article swapped for a URL since prerendering",
  `${interactionEmbed}<script>{ const w = document.querySelector("[data-article-widget]");
  w.querySelector("script[type='application/json']").remove(); w.setAttribute("data-article-src", "article.json"); }</script>`));
// A list page: twenty prerendered widgets with their correction forms, hydrating eagerly, at once.
const eagerEmbed = execFileSync(render, [path.join(root, "demo/article.json"), "--hydrate", "eager",
  "--correction-endpoint", endpoint], { encoding: "utf8" });
writeFileSync(path.join(dir, "prerendered-list.html"), page("Twenty prerendered widgets", eagerEmbed.repeat(20)));
// Every fixture and the demo, in English, Spanish and Arabic, light and dark: 36 prerendered
// widgets on one page, each hydrating when the test touches it.
const fixtureFiles = readdirSync(path.join(root, "tests/fixtures")).filter((f) => f.endsWith(".json"))
  .map((f) => path.join(root, "tests/fixtures", f)).concat(path.join(root, "demo/article.json"));
let matrix = "";
for (const file of fixtureFiles) {
  for (const locale of ["en", "es", "ar"]) {
    for (const theme of ["light", "dark"]) {
      matrix += execFileSync(render, [file, "--locale", locale, "--theme", theme, "--hydrate", "interaction"], { encoding: "utf8" });
    }
  }
}
writeFileSync(path.join(dir, "prerendered-matrix.html"), page("Every fixture, prerendered", matrix));
const browser = await launch();

/// A fresh context and tab `width` pixels wide, its console errors and warnings and uncaught
/// errors recorded in `problems` (`clean` checks there were none).
async function watched(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const tab = await context.newPage();
  const problems = watch(tab);
  return { context, tab, problems };
}
/// Opens the prerendered article's form, waits for its enhancer, writes `text` and presses Send.
async function writeAndSend(tab, text) {
  await tab.goto(url, { waitUntil: "load" });
  await tab.locator(`${W} .aw-native > summary`).click();
  await tab.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  await tab.locator(`${W} .aw-native [name=correction]`).fill(text);
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
}
/// The centre of the widget's "Submit a correction" (its form's summary), scrolled into view.
async function summaryCentre(tab) {
  const summary = tab.locator(`${W} .aw-native > summary`);
  await summary.scrollIntoViewIfNeeded();
  const at = await summary.boundingBox();
  return [at.x + at.width / 2, at.y + at.height / 2];
}
const clean = (problems) => cleanAs(problems, "the prerendered page");

// In the page: every node of each prerendered widget's markup, its text, and an observer of
// removals, taken before anything hydrates.
const snapshot = () => {
  window.__widgets = [...document.querySelectorAll("[data-article-widget]")].map((element) => {
    const frame = element.shadowRoot.querySelector(".aw-frame");
    const nodes = [];
    const walker = document.createTreeWalker(frame, NodeFilter.SHOW_ELEMENT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    // Yew's hydration markers (comments around each component) go; nothing else may (the
    // native form steps out while the widget hydrates and comes back: counted if it stays out).
    const removed = [];
    new MutationObserver((records) => records.forEach((r) => r.removedNodes.forEach((n) => n.nodeType !== Node.COMMENT_NODE && removed.push(n))))
      .observe(frame, { childList: true, subtree: true });
    const ready = new Promise((resolve) => {
      element.addEventListener("article-widget:ready", () => resolve("ready"));
      element.addEventListener("article-widget:error", (e) => resolve(`error: ${e.detail.error}`));
    });
    return { element, frame, nodes, text: frame.textContent, removed, ready };
  });
  return window.__widgets.length;
};
// After hydration: what changed, per widget.
const compare = () => Promise.all(window.__widgets.map(async (w) => ({
  outcome: await w.ready,
  mounted: w.element.hasAttribute("data-aw-mounted"),
  detached: w.nodes.filter((n) => !n.isConnected).length,
  removed: w.removed.filter((n) => !n.isConnected).length,
  removedNames: w.removed.filter((n) => !n.isConnected).map((n) => n.nodeName).join(" "),
  sameText: w.frame.textContent === w.text,
  label: `${w.element.getAttribute("data-locale")}/${w.element.getAttribute("data-theme") || "light"}: ${w.frame.querySelector("h1, h2, h3, h4")?.textContent.slice(0, 40)}`,
})));

await scenario("without JavaScript: the whole widget from the HTML alone", async () => {
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
  await page.locator(`${W} .aw-native > summary`).click();
  check(await page.locator(`${W} .aw-native [name=correction]`).isVisible(), "its own Submit a correction opens the browser's form");
  await page.screenshot({ path: path.join(shots, "prerendered-nojs-390.png"), fullPage: true });
  await context.close();
});

await scenario("with JavaScript: the widget starts from the embed, and its form posts to the inbox", async () => {
  const { context, tab: page, problems } = await watched(1280);
  await page.goto(url, { waitUntil: "domcontentloaded" });
  // The headline is in the DOM from the HTML, before the wasm has started.
  const early = await page.locator(`${W} h1`).innerText();
  check(early.startsWith("Tidal Barrier Holds"), "the headline is there at DOMContentLoaded");
  await page.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
  await page.waitForSelector(`${W} .aw-author`);
  check((await page.locator(`${W} h1`).count()) === 1, "one article, not two");
  await axe(page, "prerendered, running");
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ["correction-submitted", "correction-failed"]) {
      document.addEventListener(`article-widget:${name}`, (e) => window.__events.push({ name, ...e.detail }));
    }
  });
  await page.locator(`${W} .aw-native > summary`).click();
  await page.locator(`${W} .aw-native [name=correction]`).fill("The barrier cost $212 million, not $221 million.");
  // Opening the form loaded its enhancer: Send is now sent in place.
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  const posted = page.waitForResponse((r) => r.url() === endpoint && r.request().method() === "POST");
  await page.locator(`${W} .aw-native button[type=submit]`).click();
  const answer = await posted;
  const headers = answer.request().headers();
  check(answer.status() === 201 && /^[\w-]{8,}$/.test(headers["idempotency-key"] ?? ""),
    `sent in place, with an Idempotency-Key, and aw-server answers 201 (${answer.status()})`);
  const thanks = page.locator("p.aw-thanks");
  await thanks.waitFor({ state: "visible" });
  const after = await page.evaluate(() => ({
    hash: location.hash,
    text: document.querySelector("p.aw-thanks").textContent,
    focused: document.activeElement?.classList.contains("aw-thanks"),
    open: document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw-native").open,
    events: window.__events,
  }));
  check(after.hash === "" && after.text.includes("Thank you") && /Reference: C-\d+/.test(after.text),
    `the thank-you, with its reference, in place: no page load (${JSON.stringify(after.text)})`);
  check(after.focused && !after.open, "focus on the thank-you, the form closed");
  check(after.events.length === 1 && after.events[0].name === "correction-submitted" && /^C-\d+$/.test(after.events[0].referenceId),
    `one article-widget:correction-submitted with the reference (${JSON.stringify(after.events)})`);
  await axe(page, "prerendered, thanked in place");
  clean(problems);
  await context.close();
});

await scenario("with JavaScript, checks as the reader types, in the page's language; nothing is sent while a field is wrong", async () => {
  const { context, tab, problems } = await watched(390);
  const posts = [];
  tab.on("request", (r) => { if (r.url() === endpoint && r.method() === "POST") posts.push(r); });
  await tab.goto(`${site}/generated/prerendered-es.html`, { waitUntil: "load" });
  await tab.locator(`${W} .aw-native > summary`).click();
  await tab.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  const state = (name) => tab.locator(W).evaluate((e, name) => {
    const c = e.shadowRoot.querySelector(`.aw-native [name=${name}]`);
    const error = e.shadowRoot.getElementById(c.id + "-error");
    return { invalid: c.getAttribute("aria-invalid"), error: error?.textContent ?? null,
      described: (c.getAttribute("aria-describedby") || "").split(" ").includes(c.id + "-error") };
  }, name);
  const correction = tab.locator(`${W} .aw-native [name=correction]`);
  await correction.pressSequentially("Costó 212.");
  check((await state("correction")).error === null, "no error while the reader is still typing a field they have not left");
  await tab.keyboard.press("Tab");
  const short = await state("correction");
  check(short.invalid === "true" && short.described && short.error === "Escriba al menos 20 caracteres.",
    `left too short: the error, in Spanish, tied to the field (${JSON.stringify(short)})`);
  await axe(tab, "prerendered, a field's error shown");
  await correction.pressSequentially(" Costó 212 millones, no 221.");
  const fixed = await state("correction");
  check(fixed.invalid === "false" && fixed.error === null, `corrected: the error goes as they type (${JSON.stringify(fixed)})`);
  await tab.locator(`${W} .aw-native [name=sourceUrl]`).fill("informe.example/p4");
  await tab.locator(`${W} .aw-native [name=email]`).fill("lectora@");
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  const url = await state("sourceUrl");
  const email = await state("email");
  const focused = await tab.locator(W).evaluate((e) => e.shadowRoot.activeElement?.name);
  check(url.error?.startsWith("Escriba una dirección web") && email.error !== null,
    `Send checks every field (${JSON.stringify({ url: url.error, email: email.error })})`);
  check(focused === "sourceUrl" && posts.length === 0, `focus on the first wrong field, nothing sent (${focused}, ${posts.length} POSTs)`);
  clean(problems);
  await context.close();
});

await scenario("with JavaScript, a lost connection is retried with the same key; the server's field errors land on their fields", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const seen = [];
  let mode = "refuse";
  await tab.route(endpoint, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    seen.push({ key: request.headers()["idempotency-key"], body: request.postData() });
    if (mode === "refuse") {
      mode = "drop";
      return route.fulfill({ status: 422, contentType: "application/json", headers: { "access-control-allow-origin": "*" },
        body: JSON.stringify({ errors: { correction: ["The newsroom says: say which figure is wrong."] } }) });
    }
    if (mode === "drop") { mode = "pass"; return route.abort("connectionreset"); }
    return route.continue();
  });
  const text = "The barrier cost $212 million, not $221 million as we wrote.";
  await writeAndSend(tab, text);
  await tab.waitForFunction(() => document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw-native .aw-field__error"));
  const refused = await tab.locator(W).evaluate((e) => ({
    error: e.shadowRoot.querySelector(".aw-native .aw-field__error").textContent,
    text: e.shadowRoot.querySelector(".aw-native [name=correction]").value,
    focused: e.shadowRoot.activeElement?.name,
  }));
  check(refused.error === "The newsroom says: say which figure is wrong." && refused.text === text && refused.focused === "correction",
    `a 422's field error on its field, the text kept, focus there (${JSON.stringify(refused)})`);
  await tab.locator(`${W} .aw-native [name=correction]`).fill(text + " The council's report, page 4.");
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  await tab.locator("p.aw-thanks").waitFor({ state: "visible", timeout: 20000 });
  check(seen.length === 3, `three requests: refused, dropped, stored (${seen.length})`);
  check(seen[1]?.key && seen[1].key === seen[2]?.key && seen[1].key !== seen[0].key,
    "the retry carries the dropped request's Idempotency-Key (new words, new key)");
  check(JSON.parse(seen[2]?.body ?? "{}").correction === text + " The council's report, page 4.", "the stored request carries the reader's words");
  await context.close();
});

await scenario("with JavaScript, when every attempt fails: the text stays, and the next Send is the browser's own POST under the same key", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const tried = [];
  const native = [];
  await tab.route(endpoint, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    if (request.headers()["idempotency-key"]) {
      tried.push(request.headers()["idempotency-key"]);
      return route.abort("connectionreset");
    }
    native.push(request.postData());
    return route.continue();
  });
  await tab.addInitScript(() => {
    window.__events = [];
    document.addEventListener("article-widget:correction-failed", (e) => window.__events.push(e.detail));
  });
  const text = "The barrier's gates are 40 metres wide, not 14 metres as we wrote.";
  await writeAndSend(tab, text);
  await tab.waitForFunction(() => window.__events.length === 1, null, { timeout: 20000 });
  const after = await tab.locator(W).evaluate((e) => ({
    status: e.shadowRoot.querySelector(".aw-native .aw-form__status").textContent,
    text: e.shadowRoot.querySelector(".aw-native [name=correction]").value,
    readOnly: e.shadowRoot.querySelector(".aw-native [name=correction]").readOnly,
  }));
  check(tried.length === 3 && new Set(tried).size === 1, `three attempts under one key (${tried.length})`);
  check(after.status.startsWith("Your correction was not sent.") && after.text === text && !after.readOnly,
    `the reader is told, and the text is still there to edit (${JSON.stringify(after)})`);
  await axe(tab, "prerendered, sending failed");
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  await tab.waitForURL((u) => u.hash.startsWith("#aw-thanks-"));
  const sent = new URLSearchParams(native[0] ?? "");
  check(native.length === 1 && sent.get("idempotencyKey") === tried[0] && sent.get("correction") === text,
    `the browser's own POST, once, with the same key (${native.length})`);
  check(await tab.locator("p.aw-thanks").isVisible(), "and the thank-you on the article");
  await context.close();
});

await scenario("with JavaScript, when the enhancer cannot load, Send is the browser's own POST, once", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.route("**/article-widget-native*.js", (route) => route.abort("blockedbyclient"));
  const posts = [];
  tab.on("request", (r) => { if (r.url() === endpoint && r.method() === "POST") posts.push(r.postData()); });
  await tab.goto(url, { waitUntil: "load" });
  await tab.locator(`${W} .aw-native > summary`).click();
  await tab.locator(`${W} .aw-native [name=correction]`).fill("The barrier's gates are 40 metres wide, not 14.");
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  await tab.waitForURL((u) => u.hash.startsWith("#aw-thanks-"));
  check(posts.length === 1 && await tab.locator("p.aw-thanks").isVisible(), `one POST, and aw-server's 303 back to the thank-you (${posts.length})`);
  await context.close();
});

await scenario("with JavaScript, a reload loses nothing: the draft is kept in this browser until the thank-you", async () => {
  const { context, tab, problems } = await watched(390);
  await tab.goto(url, { waitUntil: "load" });
  const text = "The barrier's gates are 40 metres wide, not 14 metres.";
  await tab.locator(`${W} .aw-native > summary`).click();
  await tab.locator(`${W} .aw-native [name=correction]`).pressSequentially(text);
  await tab.reload({ waitUntil: "load" });
  await tab.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
  const back = await tab.locator(W).evaluate((e) => ({
    open: e.shadowRoot.querySelector(".aw-native").open,
    text: e.shadowRoot.querySelector(".aw-native [name=correction]").value,
    focused: e.shadowRoot.activeElement?.name ?? null,
  }));
  check(back.open && back.text === text, `after a reload the form is open with the text (${JSON.stringify(back)})`);
  check(back.focused === null, "and the restored form took no focus (the page does not jump to it)");
  await tab.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  await tab.locator("p.aw-thanks").waitFor({ state: "visible", timeout: 15000 });
  const left = await tab.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("aw-native-draft:")).length);
  check(left === 0, `sent: the draft is gone (${left} left)`);
  clean(problems);
  await context.close();
});

await scenario("under a strict CSP (style-src with the embed's hash, no 'unsafe-inline')", async () => {
  const { context, tab: page, problems } = await watched(1280);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${site}/generated/prerendered-csp.html`, { waitUntil: "domcontentloaded" });
  const font = await page.locator(`${W} h1`).evaluate((h) => getComputedStyle(h).fontFamily);
  check(/Iowan|Palatino|Georgia/.test(font), `styled before any script, under the CSP (${font})`);
  await page.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
  await page.waitForSelector(`${W} .aw-author`);
  await page.locator(`${W} .aw-native > summary`).click();
  await page.waitForSelector(`${W} .aw-native form`, { timeout: 15000 });
  const violations = await page.evaluate(() => window.__csp);
  check(violations.length === 0, `no CSP violation, prerendered or running (${violations.join("; ")})`);
  clean(problems);
  await context.close();
});

await scenario("data-hydrate=interaction: no wasm until touched; hydration keeps every node", async () => {
  const { context, tab, problems } = await watched(1280);
  const wasm = [];
  tab.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(r.url()); });
  await tab.goto(`${site}/generated/prerendered-interaction.html`, { waitUntil: "load" });
  await tab.waitForSelector(`${W}[data-aw-deferred]`);
  check(wasm.length === 0, "no wasm downloaded before the reader touches the widget");
  await tab.evaluate(snapshot);
  await axe(tab, "prerendered, before hydration");
  // The reader's first touch: a key press inside the widget (Tab onto its first link).
  await tab.locator(`${W} .aw-tags a`).first().focus();
  const [result] = await tab.evaluate(compare);
  check(wasm.length > 0 && wasm.every((u) => /article-widget-hydrate-\w+_bg\.wasm$/.test(u)), `the hydrating bundle loads on the first touch (${wasm.map((u) => u.split("/").pop()).join(", ")})`);
  check(result.outcome === "ready" && result.mounted, `hydrated (${result.outcome})`);
  check(result.detached === 0 && result.removed === 0, `no prerendered node replaced (${result.detached} detached, ${result.removed} removed ${result.removedNames})`);
  check(result.sameText, "the text is the server's, word for word (no flash)");
  await axe(tab, "prerendered, hydrated");
  // Select-to-quote, now that it is live: the selection's passage goes into the native form.
  await tab.locator(`${W} .aw-body p`).first().selectText();
  const suggest = tab.locator(`${W} button.aw-suggest`);
  await suggest.waitFor();
  const selected = await tab.evaluate(() => {
    const root = document.querySelector("[data-article-widget]").shadowRoot;
    return (root.getSelection ? root.getSelection() : document.getSelection()).toString().trim();
  });
  await suggest.click();
  await tab.waitForSelector(`${W} .aw-native form`, { timeout: 15000 });
  const quoted = await tab.locator(W).evaluate((e) => {
    const r = e.shadowRoot;
    return { open: r.querySelector(".aw-native").open, quote: r.querySelector(".aw-native [name=quote]").value.trim(), focused: r.activeElement?.name };
  });
  check(quoted.open && selected.length > 20 && quoted.quote === selected && quoted.focused === "correction",
    `"Suggest a correction" opens the native form with the passage, focus in the correction (${JSON.stringify({ ...quoted, quote: quoted.quote.slice(0, 30) })})`);
  clean(problems);
  await context.close();
});

await scenario("a phone (CPU 4× slower, Slow 4G): the press before hydration opens the form at once; the reader types through hydration", async () => {
  const { context, tab, problems } = await watched(390);
  const cdp = await context.newCDPSession(tab);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  // The wasm is held back until the reader has begun typing, so the press and the first words
  // certainly come before hydration.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await tab.route("**/article-widget-hydrate-*_bg.wasm", async (route) => { await held; await route.continue(); });
  const posts = [];
  tab.on("request", (r) => { if (r.url() === endpoint && r.method() === "POST") posts.push(r.postData()); });
  await tab.goto(`${site}/generated/prerendered-interaction.html`, { waitUntil: "load" });
  await tab.waitForSelector(`${W}[data-aw-deferred]`);
  await tab.locator(`${W} .aw-native > summary`).click();
  // (Focus moves in the form's `toggle`, a task after the press.)
  await tab.waitForFunction(() => document.querySelector("[data-article-widget]").shadowRoot.activeElement?.name === "correction", null, { timeout: 5000 }).catch(() => {});
  const opened = await tab.locator(W).evaluate((e) => {
    const r = e.shadowRoot;
    window.__field = r.querySelector(".aw-native [name=correction]");
    return { open: r.querySelector(".aw-native").open, focused: r.activeElement === window.__field, hydrated: e.hasAttribute("data-aw-mounted") };
  });
  check(opened.open && opened.focused && !opened.hydrated, `the form is open, focus in the correction field, before hydration (${JSON.stringify(opened)})`);
  await axe(tab, "prerendered, form open before hydration");
  const first = "The barrier opened in 2019, ";
  const rest = "not 2021: the council's own minutes say so.";
  await tab.keyboard.type(first);
  release();
  // Typing goes on while the wasm arrives and the widget hydrates.
  await tab.keyboard.type(rest, { delay: 40 });
  await tab.waitForFunction(() => document.querySelector("[data-article-widget]").hasAttribute("data-aw-mounted"), null, { timeout: 30000 });
  const after = await tab.locator(W).evaluate((e) => {
    const field = e.shadowRoot.querySelector(".aw-native [name=correction]");
    return { same: field === window.__field, value: field.value, focused: e.shadowRoot.activeElement === field };
  });
  check(after.same && after.value === first + rest, `nothing typed was lost, in the same field (${JSON.stringify(after)})`);
  check(after.focused, "and the focus stayed in it");
  await axe(tab, "prerendered, form open after hydration");
  await tab.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 30000 });
  await tab.locator(`${W} .aw-native button[type=submit]`).click();
  await tab.locator("p.aw-thanks").waitFor({ state: "visible", timeout: 30000 });
  check(posts.length === 1 && JSON.parse(posts[0]).correction === first + rest, `exactly one POST, with all of it (${posts.length})`);
  check(await tab.locator("p.aw-thanks").isVisible(), "the thank-you is shown on the article");
  await axe(tab, "prerendered, thank-you");
  clean(problems);
  await tab.screenshot({ path: path.join(shots, "prerendered-thanks-390.png"), fullPage: false });
  await context.close();
});

for (const [file, why] of [["prerendered-changed", "a page script changed an option"], ["prerendered-other-release", "another release prerendered it"],
  ["prerendered-fetched", "a page script swapped the article for a URL"]]) {
  await scenario(`${why}: rendered anew, and the form opened before then kept`, async () => {
    const { context, tab, problems } = await watched(1280);
    await tab.goto(`${site}/generated/${file}.html`, { waitUntil: "load" });
    await tab.waitForSelector(`${W}[data-aw-deferred]`);
    // One press, at the mouse: Playwright's own click re-checks its target and may press again
    // when the target is moved during the action, and rendering anew moves the form's nodes
    // (out and back) while the press is under way.
    await tab.mouse.click(...(await summaryCentre(tab)));
    await tab.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
    await tab.waitForSelector(`${W} .aw-native form`, { timeout: 15000 });
    const state = await tab.locator(W).evaluate((e) => ({
      forms: e.shadowRoot.querySelectorAll(".aw-native form").length,
      frames: e.shadowRoot.querySelectorAll(".aw-frame").length,
      theme: e.shadowRoot.querySelector(".aw").getAttribute("data-theme"),
    }));
    check(state.frames === 1 && state.forms === 1, `one widget and one form, not two (${state.frames}, ${state.forms})`);
    if (file === "prerendered-changed") check(state.theme === "dark", `the page's option applies (theme ${state.theme})`);
    clean(problems);
    await context.close();
  });
}

// A press the widget's start splits: the pointer goes down on "Submit a correction", the wasm is
// there and due before the pointer comes up (a slow phone's press, a busy machine). Hydration (or
// rendering anew) moves the form's nodes; a release on a node that moved is no click, and the
// reader's press was lost (tests/e2e/prerender.mjs once failed on it, "the form hidden after
// 15 s"). Deterministic: the release comes only after the start's own task has run.
for (const [file, why] of [["prerendered-interaction", "hydrated"], ["prerendered-changed", "rendered anew"]]) {
  await scenario(`a press the widget's start lands inside (${why}): the form opens at the release, and stays open`, async () => {
    const { context, tab, problems } = await watched(1280);
    await tab.goto(`${site}/generated/${file}.html`, { waitUntil: "load" });
    await tab.waitForSelector(`${W}[data-aw-deferred]`);
    await tab.mouse.move(...(await summaryCentre(tab)));
    await tab.mouse.down();
    // The wasm has started (the pointer down asked for it), and the task the loader queued
    // when it did has run: without the guard, the widget has hydrated under the held pointer.
    await tab.evaluate(() => window.ArticleWidget.ready.then(() => new Promise((resolve) => setTimeout(resolve))));
    await tab.mouse.up();
    await tab.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 15000 });
    await tab.waitForFunction(() => document.querySelector("[data-article-widget]").shadowRoot.activeElement?.name === "correction", null, { timeout: 5000 }).catch(() => {});
    const state = await tab.locator(W).evaluate((e) => ({
      open: e.shadowRoot.querySelector(".aw-native")?.open,
      forms: e.shadowRoot.querySelectorAll(".aw-native form").length,
      focused: e.shadowRoot.activeElement?.name ?? null,
    }));
    check(state.open === true && state.forms === 1, `one press, one open form (${JSON.stringify(state)})`);
    check(state.focused === "correction", `focus in the correction field (${state.focused})`);
    clean(problems);
    await context.close();
  });
}

// The reader types into the form while the widget hydrates (a prerendered page hydrating when
// idle, or on the first touch as here): the form steps out and back with the focus, and
// Chromium fires focusout as it steps out. That is not the reader leaving the field: a field
// half-typed is not judged (prerender.mjs once failed on it, "an error shown mid-typing").
await scenario("the reader types while the widget hydrates: no error on a field they have not left, nothing lost", async () => {
  const { context, tab, problems } = await watched(390);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await tab.route("**/article-widget-hydrate-*_bg.wasm", async (route) => { await held; await route.continue(); });
  await tab.goto(`${site}/generated/prerendered-interaction.html`, { waitUntil: "load" });
  await tab.waitForSelector(`${W}[data-aw-deferred]`);
  await tab.locator(`${W} .aw-native > summary`).click();
  await tab.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  await tab.waitForFunction(() => document.querySelector("[data-article-widget]").shadowRoot.activeElement?.name === "correction", null, { timeout: 5000 });
  await tab.keyboard.type("It cost 212");
  release();
  await tab.waitForSelector(`${W}[data-aw-mounted]`, { timeout: 30000 });
  const state = () => tab.locator(W).evaluate((e) => {
    const c = e.shadowRoot.querySelector(".aw-native [name=correction]");
    return { value: c.value, invalid: c.getAttribute("aria-invalid"), error: e.shadowRoot.getElementById(c.id + "-error")?.textContent ?? null,
      focused: e.shadowRoot.activeElement === c };
  });
  const during = await state();
  check(during.error === null && during.invalid !== "true", `hydrated mid-typing: no error on the field (${JSON.stringify(during)})`);
  check(during.value === "It cost 212" && during.focused, `the text and the focus kept (${JSON.stringify(during)})`);
  await tab.keyboard.type(" million");
  await tab.keyboard.press("Tab");
  const left = await state();
  check(left.invalid === "true" && left.error !== null, `left too short: now the error shows (${JSON.stringify(left)})`);
  clean(problems);
  await context.close();
});

await scenario(`every fixture and the demo × en/es/ar × light/dark (${fixtureFiles.length * 6} widgets) hydrate onto the server's tree`, async () => {
  const { context, tab, problems } = await watched(1280);
  await tab.goto(`${site}/generated/prerendered-matrix.html`, { waitUntil: "load" });
  await tab.waitForFunction(() => document.querySelectorAll("[data-aw-deferred]").length === document.querySelectorAll("[data-article-widget]").length);
  const count = await tab.evaluate(snapshot);
  // Touch each one (a pointer press on its root), as a reader scrolling through would.
  await tab.evaluate(() => window.__widgets.forEach((w) => w.element.shadowRoot.dispatchEvent(new Event("pointerdown"))));
  const results = await tab.evaluate(compare);
  const bad = results.filter((r) => r.outcome !== "ready" || !r.mounted || r.detached || r.removed || !r.sameText);
  check(count === fixtureFiles.length * 6 && bad.length === 0,
    `${count - bad.length} of ${count} hydrated with no node replaced and the same text${bad.length ? ": " + bad.map((r) => `${r.label} (${r.outcome}, ${r.detached} detached, removed: ${r.removedNames}, same text ${r.sameText})`).join("; ") : ""}`);
  clean(problems);
  await context.close();
});

await scenario("a list page: twenty widgets with their forms hydrate eagerly at once, each keeping its form", async () => {
  const { context, tab, problems } = await watched(1280);
  await tab.addInitScript(() => {
    window.__ready = 0;
    document.addEventListener("article-widget:ready", () => window.__ready++);
  });
  await tab.goto(`${site}/generated/prerendered-list.html`, { waitUntil: "load" });
  const all = await tab.waitForFunction(() => window.__ready === 20, null, { timeout: 30000 }).then(() => true, () => false);
  const state = await tab.evaluate(() => [...document.querySelectorAll("[data-article-widget]")].map((e) => {
    const r = e.shadowRoot;
    const walker = document.createTreeWalker(r, NodeFilter.SHOW_COMMENT);
    let markers = 0;
    while (walker.nextNode()) markers += walker.currentNode.data.startsWith("<[") ? 1 : 0;
    return { forms: r.querySelectorAll(".aw-trust .aw-native form").length, markers, crashed: !!r.querySelector(".aw-error") };
  }));
  const ready = await tab.evaluate(() => window.__ready);
  check(all, `every widget hydrated (${ready} of 20 ready)`);
  const bad = state.filter((w) => w.forms !== 1 || w.markers || w.crashed);
  check(state.length === 20 && bad.length === 0, `each has its one form back in its trust box, no crash (${JSON.stringify(bad.slice(0, 3))})`);
  await tab.locator(W).nth(13).locator(".aw-native > summary").click();
  await tab.locator(W).nth(13).locator(".aw-native [name=correction]").fill("The fourteenth widget's form works after hydration.");
  check(await tab.locator(W).nth(13).locator(".aw-native [name=correction]").isVisible(), "a form deep in the list opens and takes text");
  clean(problems);
  await context.close();
});

await browser.close();
await finish("prerender");
