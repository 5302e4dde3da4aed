// The reader's whole correction flow, in real time, in all three browser engines over WebDriver:
// Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK's MiniBrowser (WebKitWebDriver
// under Xvfb) — Safari's engine. On publisher pages shaped like real articles (tests/fixtures):
// open the form → type for a few real seconds → send, with the mouse or with Enter in the email
// field → thank-you → exactly one POST. While the reader edits, the <form> element is watched and
// must never be replaced; console errors and warnings and uncaught errors fail the run. Before
// that, the render checks (headline, body, no horizontal scroll, clean console) of the demo site's
// two pages and of every publisher page, in each engine.
//
// Prerendered pages carry the correction form as the browser's own HTML, posting to a real
// aw-server (AW_E2E_INBOX, its SQLite file AW_E2E_INBOX_DB): open → type → send (in place, by
// the form's enhancer) → the thank-you on the article → exactly one row in the inbox. Then, in each
// engine with JavaScript off: the same; a 422 that shows the form again with the reader's text
// and the error (fixed and sent from there); and a filled honeypot that stores nothing.
//
// Usage: node tests/e2e/flows.mjs <pages origin> <cdn origin> [chromium,firefox,webkit] [page,page…]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { check, clean, finish, freePort, root, scenario } from "./lib.mjs";
import { CORPUS_SIZE, FLOW_PAGES, PARTS_PAGES, PARTS_QUOTE, RENDER_PAGES, isPrerendered, partsPage, prerenderedPage, writeFlowPage, writeFlowPages } from "./flow-pages.mjs";

const require = createRequire(path.join(root, "tools/package.json"));
const { Builder, By, Key } = require("selenium-webdriver");
const chrome = require("selenium-webdriver/chrome");
const firefox = require("selenium-webdriver/firefox");

const [site, cdn, only, pagesOnly] = process.argv.slice(2);
if (!site || !cdn) {
  console.error("usage: node tests/e2e/flows.mjs <pages origin> <cdn origin> [chromium,firefox,webkit]");
  process.exit(2);
}
writeFlowPages();
const inbox = process.env.AW_E2E_INBOX;
const inboxDb = process.env.AW_E2E_INBOX_DB;
if (!inbox || !inboxDb) {
  console.error("flows.mjs: AW_E2E_INBOX and AW_E2E_INBOX_DB name the aw-server the prerendered pages post to");
  process.exit(2);
}
// The prerendered pages post to the inbox, and their article's address is the page itself.
for (const name of Object.keys(FLOW_PAGES).filter(isPrerendered)) {
  writeFlowPage(name, prerenderedPage(name, `${inbox}/corrections`, `${site}/generated/${name}.html`));
}
writeFlowPage("parts-prerendered", partsPage("parts-prerendered", `${inbox}/corrections`));
const engines = (only || "chromium,firefox,webkit").split(",");
// Given page names pick the flows to run; "corpus" and the parts pages pick those scenarios.
const asked = pagesOnly ? pagesOnly.split(",") : null;
const wants = (name) => !asked || asked.includes(name);
const pageNames = asked ? asked.filter((n) => n in FLOW_PAGES) : Object.keys(FLOW_PAGES);
const QUOTE = "closed after an inspection found that two of its piers had shifted";
const TEXT = "The inspection found one pier had shifted, not two; the county's own report says so on page 4.";
const EMAIL = "reader@example.org";
let run = 0;
// Labels unique across runs against one long-lived endpoint.
const stamp = Date.now().toString(36);

/// The full path of `name` on PATH (selenium wants a path, not a command name).
function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return name;
}

/// Waits until `url` answers (a WebDriver server starting up), within 20 s.
async function reachable(url) {
  for (let i = 0; i < 200; i++) {
    try { await fetch(url); return; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`${url} did not start`);
}

/// A WebDriver session; `scripts: false` turns the page's JavaScript off (the driver's own
/// scripts still run).
async function startDriver(engine, { scripts = true } = {}) {
  if (engine === "chromium") {
    const options = new chrome.Options()
      .setChromeBinaryPath(process.env.CHROMIUM || "/usr/bin/chromium")
      .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--window-size=1280,900", ...(scripts ? [] : ["--blink-settings=scriptEnabled=false"]));
    options.setLoggingPrefs({ browser: "ALL" });
    return { driver: await new Builder().forBrowser("chrome").setChromeOptions(options)
      .setChromeService(new chrome.ServiceBuilder("/usr/bin/chromedriver")).build() };
  }
  if (engine === "firefox") {
    const options = new firefox.Options().setBinary("/usr/bin/firefox-esr").addArguments("-headless")
      .windowSize({ width: 1280, height: 900 });
    if (!scripts) options.setPreference("javascript.enabled", false);
    // setup.sh installs it with cargo and puts its bin folder on PATH.
    const gecko = process.env.GECKODRIVER || onPath("geckodriver");
    return { driver: await new Builder().forBrowser("firefox").setFirefoxOptions(options)
      .setFirefoxService(new firefox.ServiceBuilder(gecko)).build() };
  }
  // WebKitGTK: WebKitWebDriver drives MiniBrowser, which needs a display: Xvfb.
  const port = await freePort();
  const server = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`], { stdio: "ignore", detached: true });
  await reachable(`http://127.0.0.1:${port}/status`);
  const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": {
      binary: process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
      args: ["--automation", ...(scripts ? [] : ["--enable-javascript-markup=false"])],
    },
  }).build();
  await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
  return { driver, stop: () => { try { process.kill(-server.pid); } catch { /* gone */ } } };
}

/// An element inside the page's first widget's shadow root (the form included), or null.
const inWidget = (driver, selector) => driver.executeScript(
  "const r = document.querySelector('[data-article-widget]')?.shadowRoot; return r ? r.querySelector(arguments[0]) : null;",
  selector);

async function waitFor(driver, selector, what, timeout = 20000) {
  let el = null;
  await driver.wait(async () => (el = await inWidget(driver, selector)) !== null, timeout, `timed out waiting for ${what}`);
  return el;
}

async function posts(label) {
  const all = await (await fetch(`${cdn}/__requests`)).json();
  return all.filter((r) => r.path.includes(`/${label}/`));
}

/// Clicks `el` as a reader would, once it is scrolled to the middle of the viewport.
/// (WebKitWebDriver's interception check hit-tests the document, which sees only the widget's
/// shadow host; then the click goes through the pointer actions API, still a real click at the
/// element's centre.)
async function click(driver, el) {
  await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", el);
  try {
    await el.click();
  } catch (e) {
    if (e.name !== "ElementClickInterceptedError") throw e;
    await driver.actions().move({ origin: el }).click().perform();
  }
}

/// Types `text` in a few chunks over `ms` real milliseconds, as a reader would.
async function typeOver(driver, el, text, ms) {
  const parts = 6;
  const size = Math.ceil(text.length / parts);
  for (let i = 0; i < text.length; i += size) {
    await el.sendKeys(text.slice(i, i + size));
    await driver.sleep(ms / parts); // the reader's pace, not a synchronisation
  }
}

/// Console problems recorded by flow-setup.js, plus Chromium's own console (where the browser's
/// "Form submission canceled…" is logged) when the driver can read it.
async function problems(driver, engine) {
  const recorded = (await driver.executeScript("return window.__problems || []")) || [];
  if (engine === "chromium") {
    const logs = await driver.manage().logs().get("browser").catch(() => []);
    for (const entry of logs) {
      if (entry.level.value >= 900) recorded.push(`${entry.level.name}: ${entry.message}`);
    }
  }
  return recorded;
}

/// Rows in the inbox whose fields mention `label`.
function rows(label) {
  const out = execFileSync("sqlite3", ["-json", inboxDb,
    `select correction, quote, email, name, page_url from corrections where correction like '%${label}%' or name = '${label}'`], { encoding: "utf8" });
  return out.trim() ? JSON.parse(out) : [];
}

/// Waits until the browser is back on the article at its thank-you (aw-server's 303).
async function thanked(driver, name) {
  let url = "";
  try {
    await driver.wait(async () => (url = await driver.getCurrentUrl()).includes("#aw-thanks-"), 20000);
  } catch { /* reported below */ }
  const back = url.startsWith(site) && url.includes("#aw-thanks-");
  const why = back ? "" : ": " + (await driver.findElement(By.css("body")).getText().catch(() => "")).slice(0, 300);
  check(back, `${name}: back on the article at its thank-you (${url})${why}`);
  const thanks = await driver.findElements(By.css("p.aw-thanks"));
  check(thanks.length === 1 && await thanks[0].isDisplayed(), `${name}: the thank-you is shown on the article`);
}

/// Waits for the thank-you shown in place (the enhanced form: no page load, the same address),
/// with focus on it.
async function thankedInPlace(driver, name, before) {
  let shown = false;
  try {
    await driver.wait(async () => (shown = await driver.executeScript(
      "const t = document.querySelector('p.aw-thanks'); return !!t && getComputedStyle(t).display !== 'none'")), 20000);
  } catch { /* reported below */ }
  const now = await driver.getCurrentUrl();
  const focused = await driver.executeScript("return document.activeElement && document.activeElement.classList.contains('aw-thanks')");
  check(shown && now === before, `${name}: the thank-you is shown in place, no page load (${now})`);
  check(focused, `${name}: focus moves to the thank-you`);
}

/// Opens the native form (its <summary>) and returns its fields.
async function openNative(driver, name) {
  const summary = await waitFor(driver, ".aw-native > summary", `${name}: the correction button`);
  await click(driver, summary);
  const field = (n) => inWidget(driver, `.aw-native [name=${n}]`);
  const correction = await field("correction");
  check(correction !== null && await correction.isDisplayed(), `${name}: the press opens the form`);
  return { quote: await field("quote"), correction, email: await field("email"), name: await field("name"),
    send: await inWidget(driver, ".aw-native button[type=submit]") };
}

/// The correction flow on a prerendered page: the browser's own form, sent to the real inbox.
async function nativeFlow(driver, engine, pageName, how, scripts = true) {
  step = "open the page";
  const label = `native-${stamp}-${engine}-${pageName}-${how}-${++run}`;
  const name = `${engine} · ${pageName} · ${how}${scripts ? "" : " · JavaScript off"}`;
  await driver.get(`${site}/generated/${pageName}.html`);
  step = "open the form";
  const form = await openNative(driver, name);
  if (scripts) {
    // (Focus moves in the form's `toggle`, a task after the press.)
    await driver.wait(() => driver.executeScript(
      "const r = document.getElementById('w1').shadowRoot; return r.activeElement && r.activeElement.name === 'correction'"), 3000).catch(() => {});
    const focused = await driver.executeScript(
      "const r = document.getElementById('w1').shadowRoot; return r.activeElement && r.activeElement.name");
    check(focused === "correction", `${name}: focus lands in the correction field (${focused})`);
  }
  await driver.executeScript(`
    const form = document.getElementById('w1').shadowRoot.querySelector('.aw-native form');
    window.__formLost = false;
    // Hydration sets the form aside and puts it back within one task (nothing paints, no key
    // lands in between): gone means still gone a task later.
    new MutationObserver(() => setTimeout(() => { if (!form.isConnected) window.__formLost = true; }))
      .observe(document.getElementById('w1').shadowRoot, { childList: true, subtree: true });
    window.__form = form;`);
  const text = `${TEXT} (${label})`;
  step = "type";
  await click(driver, form.quote);
  await typeOver(driver, form.quote, QUOTE, 600);
  await click(driver, form.correction);
  await typeOver(driver, form.correction, text, 1800);
  await click(driver, form.email);
  await typeOver(driver, form.email, EMAIL, 400);
  const kept = await driver.executeScript("return window.__form.isConnected && !window.__formLost");
  check(kept, `${name}: the <form> element stayed the same while the reader typed (hydration included)`);
  step = "send";
  if (scripts) {
    // With scripts the form's enhancer (loaded when it opened) sends it in place.
    await driver.wait(() => driver.executeScript(
      "return document.getElementById('w1').shadowRoot.querySelector('.aw-native form').hasAttribute('data-aw-live')"), 10000)
      .catch(() => check(false, `${name}: the form's enhancer is live while the reader types`));
  }
  const before = await driver.getCurrentUrl();
  if (how === "enter") await form.email.sendKeys(Key.ENTER);
  else await click(driver, form.send);
  if (scripts) await thankedInPlace(driver, name, before);
  else await thanked(driver, name);
  const stored = rows(label);
  check(stored.length === 1, `${name}: exactly one correction in the inbox (${stored.length})`);
  if (stored[0]) {
    const same = stored[0].correction === text && stored[0].quote === QUOTE && stored[0].email === EMAIL;
    check(same, `${name}: it is what the reader typed${same ? "" : ": " + JSON.stringify(stored[0])}`);
  }
  if (scripts) {
    const seen = await problems(driver, engine);
    clean(seen, `${name}`);
  }
}

/// JavaScript off: a correction the inbox refuses (too short) comes back as the form with the
/// reader's text and the error; fixed there, it is stored and the reader is back on the article.
async function refusedThenFixed(driver, engine) {
  const label = `refused-${stamp}-${engine}-${++run}`;
  const name = `${engine} · JavaScript off · a refused correction`;
  step = "a refused correction";
  await driver.get(`${site}/generated/prerendered-idle.html`);
  const form = await openNative(driver, name);
  await form.correction.sendKeys("wrong date");
  await form.name.sendKeys(label);
  await click(driver, form.send);
  await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(inbox), 20000).catch(() => {});
  const again = await driver.findElements(By.css("textarea[name=correction]"));
  const value = again[0] ? await again[0].getAttribute("value") : null;
  const kept = again[0] ? await driver.findElement(By.css("input[name=name]")).getAttribute("value") : null;
  check(value === "wrong date" && kept === label, `${name}: the form again, with what the reader wrote (${JSON.stringify(value)}, ${JSON.stringify(kept)})`);
  const summary = await driver.findElements(By.css(".error-summary"));
  check(summary.length === 1 && (await summary[0].getText()).includes("20"), `${name}: the error says what is wrong`);
  check(rows(label).length === 0, `${name}: nothing stored yet`);
  if (!again[0]) return;
  await again[0].clear();
  await again[0].sendKeys(`${TEXT} (${label})`);
  await driver.findElement(By.css("form button[type=submit]")).click();
  await thanked(driver, `${name}, fixed`);
  check(rows(label).length === 1, `${name}: stored once, fixed`);
}

/// JavaScript off: a filled honeypot is thanked like anyone, and stores nothing.
async function honeypot(driver, engine) {
  const label = `bot-${stamp}-${engine}-${++run}`;
  const name = `${engine} · JavaScript off · a bot`;
  step = "a bot";
  await driver.get(`${site}/generated/prerendered-idle.html`);
  const form = await openNative(driver, name);
  await form.correction.sendKeys(`${TEXT} (${label})`);
  const trap = await inWidget(driver, ".aw-native [name=website]");
  await driver.executeScript("arguments[0].value = 'https://spam.example/'", trap);
  await click(driver, form.send);
  await thanked(driver, name);
  check(rows(label).length === 0, `${name}: nothing stored`);
}

let step = "";
async function flow(driver, engine, pageName, how) {
  if (isPrerendered(pageName)) return nativeFlow(driver, engine, pageName, how);
  step = "open the page";
  const label = `flow-${stamp}-${engine}-${pageName}-${how}-${++run}`;
  const endpoint = `${cdn}/__script/201/${label}/corrections`;
  if (isPrerendered(pageName)) writeFlowPage(pageName, prerenderedPage(pageName, endpoint));
  await driver.get(`${site}/generated/${pageName}.html?endpoint=${encodeURIComponent(endpoint)}`);
  const name = `${engine} · ${pageName} · ${how}`;
  // Far below the fold: the reader scrolls down to it.
  await driver.executeScript("document.getElementById('w1').scrollIntoView()");
  const button = await waitFor(driver, ".aw-native > summary", `${name}: the trust box`);
  await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
  step = "click Submit a correction";
  await button.click();
  await waitFor(driver, ".aw-native form", `${name}: the form`);
  if (isPrerendered(pageName)) {
    const kept = await driver.executeScript("return window.__prerendered.length === 1 && window.__prerendered[0].isConnected");
    check(kept, `${name}: hydrated onto the server's markup (the parser's headline node is still the one shown)`);
  }
  // Watch the <form>: it must stay the same element until the thank-you replaces it.
  await driver.executeScript(`
    const root = document.getElementById('w1').shadowRoot;
    const form = root.querySelector('.aw-native form');
    window.__formLost = false;
    window.__formWatch = new MutationObserver(() => { if (!form.isConnected) window.__formLost = true; });
    window.__formWatch.observe(root, { childList: true, subtree: true });
    window.__form = form;`);
  const quote = await inWidget(driver, ".aw-native [name=quote]");
  const correction = await inWidget(driver, ".aw-native [name=correction]");
  const email = await inWidget(driver, ".aw-native [name=email]");
  step = "type the passage";
  await click(driver, quote);
  await typeOver(driver, quote, QUOTE, 900);
  step = "click the correction field";
  await click(driver, correction);
  await typeOver(driver, correction, TEXT, 2400);
  step = "click the email field";
  await click(driver, email);
  await typeOver(driver, email, EMAIL, 600);
  const kept = await driver.executeScript("return window.__form.isConnected && !window.__formLost");
  check(kept, `${name}: the <form> element was never replaced while the reader edited`);
  // The form's enhancer (loaded when it opened) is live by now: it sends in place.
  await driver.wait(() => driver.executeScript(
    "return document.getElementById('w1').shadowRoot.querySelector('.aw-native form').hasAttribute('data-aw-live')"), 10000)
    .catch(() => check(false, `${name}: the form's enhancer is live while the reader types`));
  if (how === "enter") {
    await email.sendKeys(Key.ENTER);
  } else {
    const send = await inWidget(driver, ".aw-native button[type=submit]");
    await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", send);
    step = "click Send";
    await send.click();
  }
  let done = null;
  try {
    done = await waitFor(driver, ".aw-thanks.aw-thanks--shown", `${name}: thank-you`, 15000);
  } catch { /* reported below */ }
  check(done !== null, `${name}: the thank-you is shown`);
  // Exactly one POST: and none more for a second after the thank-you (a late duplicate).
  let count = (await posts(label)).length;
  const until = Date.now() + 1000;
  while (count === 1 && Date.now() < until) {
    await driver.sleep(100);
    count = (await posts(label)).length;
  }
  const log = await posts(label);
  check(log.length === 1 && log[0].status === 201, `${name}: exactly one POST, answered 201 (${log.length})`);
  if (log[0]) {
    const body = JSON.parse(log[0].body);
    check(body.correction === TEXT && body.quote === QUOTE && body.email === EMAIL,
      `${name}: the POST carries what the reader typed${body.correction === TEXT && body.quote === QUOTE && body.email === EMAIL ? "" : ": " + log[0].body}`);
  }
  const events = await driver.executeScript("return window.__events");
  check(events.filter((e) => e.name === "correction-submitted").length === 1,
    `${name}: one correction-submitted event`);
  const seen = await problems(driver, engine);
  clean(seen, `${name}`);
}

/// The demo pages render in this engine: headline, body, author card, no problems.
async function renders(driver, engine, pageName, url = `${site}/generated/${pageName}.html`) {
  await driver.get(url);
  await driver.executeScript("document.querySelector('[data-article-widget]').scrollIntoView()");
  const name = `${engine} · ${pageName}`;
  const headline = await waitFor(driver, ".aw-headline", `${name}: headline`);
  const text = await headline.getText();
  check(text.length > 10, `${name}: the headline renders (${JSON.stringify(text.slice(0, 40))})`);
  const paragraphs = await driver.executeScript(
    "return document.querySelector('[data-article-widget]').shadowRoot.querySelectorAll('.aw-body p').length");
  check(paragraphs > 0, `${name}: the body renders (${paragraphs} paragraphs)`);
  const width = await driver.executeScript("return document.documentElement.scrollWidth - innerWidth");
  check(width <= 0, `${name}: no horizontal scrolling`);
  const seen = await problems(driver, engine);
  clean(seen, `${name}`);
}

/// What a reader sees in each widget on the page: the body's words (white space collapsed) and how
/// many of each shape it holds.
const SHAPES = ["p", "li", "ol", "ul", "table", "caption", "th", "td", "figure", "figcaption", "img", "pre",
  "blockquote", "h2", "h3", "h4", "hr", "sub", "sup", "a", "abbr", ".aw-embed"];
const readWidgets = (driver) => driver.executeScript(`
  return [...document.querySelectorAll('[data-article-widget]')].map((el) => {
    const body = el.shadowRoot && el.shadowRoot.querySelector('.aw-body');
    if (!body) return { id: el.id, counts: null, text: "" };
    return { id: el.id, counts: Object.fromEntries(arguments[0].map((s) => [s, body.querySelectorAll(s).length])),
      text: body.textContent.replace(/\\s+/g, ' ').trim() };
  });`, SHAPES);

/// The corpus in this engine: every article rendered in the browser (its own HTML parser, the
/// converter in wasm) shows the same words and shapes as the same article prerendered on the host
/// (html5ever) and hydrated here — which the host's corpus test holds to the source's words,
/// list items, cells and code blocks — with every code block of the source there.
async function corpus(driver, engine) {
  const manifest = JSON.parse(readFileSync(path.join(root, "tests/fixtures/articles/manifest.json"), "utf8"));
  const seen = {};
  for (const name of ["corpus", "corpus-prerendered"]) {
    step = `open ${name}`;
    await driver.get(`${site}/generated/${name}.html`);
    let ready = 0;
    await driver.wait(async () => (ready = await driver.executeScript(
      "return window.__events.filter((e) => e.name === 'ready').length")) >= CORPUS_SIZE, 90000).catch(() => {});
    check(ready === CORPUS_SIZE, `${engine} · ${name}: all ${CORPUS_SIZE} articles ready (${ready})`);
    seen[name] = await readWidgets(driver);
    const problemsSeen = await problems(driver, engine);
    clean(problemsSeen, `${engine} · ${name}`);
  }
  const [client, prerendered] = [seen["corpus"], seen["corpus-prerendered"]];
  const differ = [];
  for (let i = 0; i < CORPUS_SIZE; i++) {
    const [a, b] = [client[i], prerendered[i]];
    const file = manifest[i].file;
    if (!a?.counts || !b?.counts) { differ.push(`${file}: no body (${!a?.counts ? "rendered" : "prerendered"})`); continue; }
    const shapes = SHAPES.filter((s) => a.counts[s] !== b.counts[s]).map((s) => `${s} ${a.counts[s]}≠${b.counts[s]}`);
    if (shapes.length) differ.push(`${file}: ${shapes.join(", ")}`);
    if (a.text !== b.text) {
      let at = 0;
      while (a.text[at] === b.text[at]) at++;
      differ.push(`${file}: words differ at ${at}: ${JSON.stringify(a.text.slice(at, at + 40))} ≠ ${JSON.stringify(b.text.slice(at, at + 40))}`);
    }
    const { code } = manifest[i].features;
    if (a.counts.pre !== code) differ.push(`${file}: ${a.counts.pre} of ${code} code blocks`);
  }
  const total = (s) => client.reduce((n, w) => n + (w?.counts?.[s] || 0), 0);
  check(differ.length === 0, `${engine} · the corpus: ${CORPUS_SIZE} articles, rendered here = prerendered on the host ` +
    `(${total("li")} list items, ${total("td") + total("th")} cells, ${total("figcaption") + total("caption")} captions, ${total("pre")} code blocks, ` +
    `${client.reduce((n, w) => n + w.text.length, 0)} characters)${differ.length ? ":\n    " + differ.slice(0, 12).join("\n    ") : ""}`);
}

/// The widget beside the publisher's own article: no second headline; the reader selects words in
/// the page's article (outside the widget), presses "Suggest a correction", and the form opens with
/// them as the passage; sent, the passage arrives.
async function partsFlow(driver, engine, pageName) {
  step = "open the page";
  const label = `parts-${stamp}-${engine}-${pageName}-${++run}`;
  const name = `${engine} · ${pageName}`;
  const prerendered = pageName !== "parts";
  const endpoint = `${cdn}/__script/201/${label}/corrections`;
  await driver.get(`${site}/generated/${pageName}.html${prerendered ? "" : `?endpoint=${encodeURIComponent(endpoint)}`}`);
  await waitFor(driver, ".aw-native > summary", `${name}: the trust box`);
  // Select-to-quote is the wasm's: wait for the widget (hydrated, or rendered).
  await driver.wait(() => driver.executeScript("return window.__events.some((e) => e.name === 'ready')"), 30000)
    .catch(() => check(false, `${name}: the widget is ready`));
  const own = await driver.executeScript(`const r = document.getElementById('w1').shadowRoot;
    return { headlines: document.querySelectorAll('h1').length + r.querySelectorAll('h1, .aw-headline').length,
      body: r.querySelectorAll('.aw-body, .aw-byline').length, trust: r.querySelectorAll('.aw-trust').length,
      tags: r.querySelectorAll('.aw-tags').length, author: r.querySelectorAll('.aw-author').length };`);
  check(own.headlines === 1 && own.body === 0, `${name}: one headline on the page, the publisher's; no second body (${JSON.stringify(own)})`);
  // (The reference article's tags are the scraped page's ", , , ,": no tags, so no tag list.)
  check(own.trust === 1 && own.tags === 0 && own.author === 1, `${name}: the trust box and author card; no empty tag list`);
  step = "select words in the page's article";
  await driver.executeScript(`
    const p = [...document.querySelectorAll('.entry-content p')].find((p) => p.textContent.includes(arguments[0]));
    const node = p.firstChild, at = node.data.indexOf(arguments[0]);
    p.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + arguments[0].length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);`, PARTS_QUOTE);
  const suggest = await waitFor(driver, ".aw-suggest", `${name}: "Suggest a correction" by the selection`, 10000);
  const placed = await driver.executeScript(`const b = arguments[0].getBoundingClientRect();
    const s = getSelection().getRangeAt(0).getBoundingClientRect();
    return b.top >= s.bottom - 1 && b.top - s.bottom < 40 && b.left >= 0 && b.right <= innerWidth;`, suggest);
  check(placed, `${name}: the button sits just under the selection, in the viewport`);
  step = "press Suggest a correction";
  await click(driver, suggest);
  const field = (n) => inWidget(driver, `.aw-native [name=${n}]`);
  let quote = "";
  await driver.wait(async () => (quote = await (await field("quote"))?.getAttribute("value")) === PARTS_QUOTE, 10000).catch(() => {});
  check(quote === PARTS_QUOTE, `${name}: the form opens with the selected words as the passage (${JSON.stringify(quote)})`);
  const correction = await field("correction");
  check(correction !== null && await correction.isDisplayed(), `${name}: the form is open`);
  step = "type and send";
  const text = `${TEXT} (${label})`;
  await click(driver, correction);
  await typeOver(driver, correction, text, 900);
  await driver.wait(() => driver.executeScript(
    "return document.getElementById('w1').shadowRoot.querySelector('.aw-native form').hasAttribute('data-aw-live')"), 10000)
    .catch(() => check(false, `${name}: the form's enhancer is live`));
  await click(driver, await inWidget(driver, ".aw-native button[type=submit]"));
  if (prerendered) {
    await thankedInPlace(driver, name, await driver.getCurrentUrl());
    const stored = rows(label);
    check(stored.length === 1 && stored[0].quote === PARTS_QUOTE, `${name}: stored once, with the passage (${JSON.stringify(stored)})`);
  } else {
    await waitFor(driver, ".aw-thanks.aw-thanks--shown", `${name}: thank-you`, 15000).catch(() => check(false, `${name}: the thank-you is shown`));
    const log = await posts(label);
    const body = log[0] ? JSON.parse(log[0].body) : {};
    check(log.length === 1 && body.quote === PARTS_QUOTE && body.correction === text, `${name}: one POST with the passage (${log.length}: ${log[0]?.body})`);
  }
  const seen = await problems(driver, engine);
  clean(seen, `${name}`);
}

for (const engine of engines) {
  console.log(`${engine}: the correction flow on ${Object.keys(FLOW_PAGES).length} article shapes, real time`);
  let session;
  try {
    session = await startDriver(engine);
  } catch (e) {
    check(false, `${engine}: the WebDriver session starts (${e.message})`);
    continue;
  }
  const { driver, stop } = session;
  try {
    // The demo site's two pages (the release build as trunk writes it), then the publisher pages.
    if (!pagesOnly) {
      await scenario(`${engine} · demo renders`, () => renders(driver, engine, "demo", `${cdn}/index.html`));
      await scenario(`${engine} · demo JSON-LD renders`, () => renders(driver, engine, "demo JSON-LD", `${cdn}/demo/jsonld.html`));
    }
    for (const pageName of pageNames) await scenario(`${engine} · ${pageName} renders`, () => renders(driver, engine, pageName));
    // Articles as newsrooms write them: every list item, cell, caption and block in its shape.
    if (!pagesOnly) {
      for (const [pageName, { shapes }] of Object.entries(RENDER_PAGES)) {
        await scenario(`${engine} · ${pageName} renders every shape`, async () => {
          await renders(driver, engine, pageName);
          const counts = await driver.executeScript(`const r = document.querySelector('[data-article-widget]').shadowRoot;
            return Object.fromEntries(Object.keys(arguments[0]).map((s) => [s, r.querySelectorAll(s).length]));`, shapes);
          const wrong = Object.entries(shapes).filter(([s, n]) => counts[s] !== n).map(([s, n]) => `${s}: ${counts[s]}, not ${n}`);
          check(wrong.length === 0, `${engine} · ${pageName}: every shape (${wrong.join("; ") || Object.keys(shapes).length + " kinds"})`);
        });
      }
    }
    if (wants("corpus")) {
      await scenario(`${engine} · the corpus: every word and shape, rendered here and prerendered alike`, async () => {
        try {
          await corpus(driver, engine);
        } catch (e) {
          check(false, `${engine} · the corpus: at '${step}': ${e.name}: ${(e.message || "").split("\n")[0]}`);
        }
      });
    }
    for (const pageName of PARTS_PAGES.filter(wants)) {
      await scenario(`${engine} · ${pageName} · select-to-quote from the publisher's own article`, async () => {
        try {
          await partsFlow(driver, engine, pageName);
        } catch (e) {
          check(false, `${engine} · ${pageName}: at '${step}': ${e.name}: ${(e.message || "").split("\n")[0]}`);
        }
        await driver.executeScript("localStorage.clear()").catch(() => {});
      });
    }
    for (const pageName of pageNames) {
      for (const how of ["mouse", "enter"]) {
        await scenario(`${engine} · ${pageName} · the correction flow, sent with the ${how}`, async () => {
          try {
            await flow(driver, engine, pageName, how);
          } catch (e) {
            check(false, `${engine} · ${pageName} · ${how}: at '${step}': ${e.name}: ${(e.message || "").split("\n")[0]} ${e.stack?.split("\n").slice(1, 3).join(" ") || ""}`);
          }
          // A fresh start for the next flow: no draft, no one-a-minute limit.
          await driver.executeScript("localStorage.clear()").catch(() => {});
        });
      }
    }
  } finally {
    await driver.quit().catch(() => {});
    if (stop) stop();
  }
  if (pagesOnly && !pageNames.some(isPrerendered)) continue;
  console.log(`${engine}: JavaScript off, the prerendered article's own form`);
  try {
    session = await startDriver(engine, { scripts: false });
  } catch (e) {
    check(false, `${engine}: the WebDriver session without JavaScript starts (${e.message})`);
    continue;
  }
  try {
    for (const [what, run] of [
      ["send", () => nativeFlow(session.driver, engine, "prerendered-idle", "mouse", false)],
      ["refused", () => refusedThenFixed(session.driver, engine)],
      ["honeypot", () => honeypot(session.driver, engine)],
    ]) {
      await scenario(`${engine} · JavaScript off · ${what}`, async () => {
        try {
          await run();
        } catch (e) {
          check(false, `${engine} · JavaScript off · ${what}: at '${step}': ${e.name}: ${(e.message || "").split("\n")[0]}`);
        }
      });
    }
  } finally {
    await session.driver.quit().catch(() => {});
    if (session.stop) session.stop();
  }
}
await finish("reader flows");
