// End-to-end for the correction form in a client-rendered widget (issues 3 and 20): the
// browser's own form, rendered by the widget, made better by the page's script (the loader and
// article-widget-native.js). The release bundle from one origin (the "CDN", which is also the
// scripted corrections endpoint: POST /__script/<plan>/<label>/corrections, GET /__requests),
// the publisher page from another, in headless Chromium. Time is Playwright's fake clock: the
// backoffs, Retry-After and the 15-second timeout are fast-forwarded, never slept through.
//
// Usage: node tests/e2e/corrections.mjs <pages origin> <cdn origin>   (scripts/test.sh)
import path from "node:path";
import { axe, check, clean, finish, scenario, freePort, launch, shots, watch } from "./lib.mjs";

const [site, cdn] = process.argv.slice(2);
if (!site || !cdn) {
  console.error("usage: node tests/e2e/corrections.mjs <pages origin> <cdn origin>");
  process.exit(2);
}
const browser = await launch();
const GOOD = "The barrier cost 212 million euros, not 221 million; see the council minutes.";
const W = "#w1";
const endpoint = (plan, label) => `${cdn}/__script/${plan}/${label}/corrections`;

async function requests(label) {
  const all = await (await fetch(`${cdn}/__requests`)).json();
  return all.filter((r) => r.path.includes(`/${label}/`));
}

/// Opens the form page with these widget attributes; the clock is fake from the start. Console
/// errors and warnings and uncaught errors are recorded; closing the context fails the run on
/// any that `allow` (regular expressions for what the scenario provokes) does not expect.
async function open(attrs, { width = 1280, allow = [], init } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.clock.install();
  const page = await context.newPage();
  const problems = watch(page);
  const close = context.close.bind(context);
  context.close = async () => {
    clean(problems, "the form page", allow);
    await close();
  };
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ["correction-submitted", "correction-failed"]) {
      document.addEventListener(`article-widget:${name}`, (e) =>
        window.__events.push({ name, detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
    }
  });
  if (init) await page.addInitScript(init);
  const query = new URLSearchParams(attrs).toString();
  await page.goto(`${site}/form.html?${query}`);
  await page.waitForSelector(`${W} .aw-author`, { timeout: 15000 });
  return { page, context, problems, fetched };
}

const summary = (page) => page.locator(`${W} .aw-native > summary`);
const field = (page, name) => page.locator(`${W} .aw-native [name=${name}]`);
const send = (page) => page.locator(`${W} .aw-native button[type=submit]`);
const status = (page) => page.locator(`${W} .aw-native .aw-form__status`);
const thanks = (page) => page.locator(`${W} .aw-thanks`);
const focused = (page) => page.evaluate(() => {
  const a = document.getElementById("w1").shadowRoot.activeElement;
  return a ? (a.getAttribute("name") || a.id || a.className || a.tagName) : null;
});
const events = (page) => page.evaluate(() => window.__events);
/// What has focus once the form's `toggle` (a task after the press) has moved it there, or after
/// 5 s what has it then.
const focusAfterOpen = async (page, name) => {
  await page.waitForFunction((name) => document.getElementById("w1").shadowRoot.activeElement?.name === name, name, { timeout: 5000 }).catch(() => {});
  return focused(page);
};
const errorOf = (page, name) => page.locator(W).evaluate((e, name) => {
  const c = e.shadowRoot.querySelector(`.aw-native [name=${name}]`);
  return { invalid: c.getAttribute("aria-invalid"), error: e.shadowRoot.getElementById(c.id + "-error")?.textContent ?? null,
    described: (c.getAttribute("aria-describedby") || "").split(" ").includes(c.id + "-error") };
}, name);

/// Opens the form, waits for its enhancer (the reader is still reading the labels), writes a
/// valid correction.
async function fillValid(page, extra = {}) {
  await summary(page).click();
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  await field(page, "quote").fill("cost 221 million euros");
  await field(page, "correction").fill(GOOD);
  for (const [name, value] of Object.entries(extra)) await field(page, name).fill(value);
}

await scenario("the form is in the widget: no second bundle, the press opens it at once with focus in it; axe closed and open", async () => {
  const { page, context, fetched } = await open({ "correction-endpoint": endpoint("201", "focus") });
  const wasm = () => fetched.filter((u) => u.endsWith(".wasm"));
  check(wasm().length === 1 && /article-widget-core-\w+_bg\.wasm$/.test(wasm()[0]), `one wasm: the widget's (${wasm().map((u) => u.split("/").pop())})`);
  check((await page.locator(`${W} .aw-trust > button`).count()) === 0, "the form's summary is the button (no script-only second one)");
  await axe(page, "form closed");
  await summary(page).click();
  check(await field(page, "correction").isVisible(), "the press opens the form, with no script of ours in between");
  check((await focusAfterOpen(page, "correction")) === "correction", "focus lands in the correction field");
  const labels = await page.locator(`${W} .aw-native label`).allInnerTexts();
  check(labels.some((l) => l.startsWith("What is wrong, and what is right?") && l.includes("required")),
    `labels are visible and mark required fields (${labels.length} labels)`);
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  check(fetched.some((u) => /article-widget-native-\w+\.js$/.test(u)) && wasm().length === 1,
    "opening it loaded the form's enhancer (a small script), no more wasm");
  check((await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)) <= 0, "no horizontal scrolling with the form open");
  await axe(page, "form open");
  await page.screenshot({ path: path.join(shots, "form-open.png"), fullPage: true });
  await field(page, "correction").fill("abc");
  await page.keyboard.press("Escape");
  check(!(await field(page, "correction").isVisible()), "Escape closes it");
  check((await focused(page)).includes("aw-button"), "and focus returns to Submit a correction");
  await summary(page).click();
  check((await field(page, "correction").inputValue()) === "abc", "closing keeps what the reader wrote");
  await context.close();
});

await scenario("checks as the reader types: on leaving a field, as they fix it, on Send (focus to the first wrong one); nothing sent", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "invalid"), "correction-require-email": "" });
  await summary(page).click();
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  await field(page, "correction").fill("too short");
  check((await errorOf(page, "correction")).error === null, "no error while the reader is in the field");
  await field(page, "sourceUrl").focus();
  const short = await errorOf(page, "correction");
  check(short.invalid === "true" && short.described && short.error === "Write at least 20 characters.",
    `leaving it: the error, tied to the field (${JSON.stringify(short)})`);
  await axe(page, "a field's error shown");
  await field(page, "correction").fill(GOOD);
  check((await errorOf(page, "correction")).error === null, "fixed: the error goes as they type");
  await field(page, "sourceUrl").fill("council.example/minutes");
  await send(page).click();
  const url = await errorOf(page, "sourceUrl");
  const email = await errorOf(page, "email");
  check(url.error?.startsWith("Enter a web address") && email.error === "This field is required.",
    `Send checks every field (${JSON.stringify([url.error, email.error])})`);
  check((await focused(page)) === "sourceUrl", "focus goes to the first wrong field");
  check((await requests("invalid")).length === 0, "nothing is sent");
  await page.screenshot({ path: path.join(shots, "form-invalid.png"), fullPage: true });
  await context.close();
});

await scenario("success: JSON body, headers, reference, thank-you takes focus, event, draft cleared; another can follow", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "ok") });
  await fillValid(page, { name: "R. Reader" });
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("aw-native-draft:")).length);
  check((await drafts()) === 1, "a draft is kept while the reader writes");
  await send(page).click();
  await thanks(page).waitFor({ state: "visible" });
  const done = await thanks(page).innerText();
  check(/Thank you/.test(done) && /Reference: C-\d+/.test(done), `the thank-you with the reference: ${JSON.stringify(done)}`);
  check((await focused(page)).startsWith("aw-thanks-"), "focus moves to the thank-you");
  check(!(await field(page, "correction").isVisible()), "the form closed");
  const [r] = await requests("ok");
  check(r && r.contentType === "application/json" && r.accept === "application/json", `Content-Type and Accept are JSON (${r?.contentType})`);
  check(r && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.key), `Idempotency-Key is a UUID v4 (${r && r.key})`);
  const body = JSON.parse(r.body);
  check(body.articleId === "e2e-article" && body.headline.startsWith("Council") && body.quote === "cost 221 million euros"
    && body.correction === GOOD && body.name === "R. Reader" && body.locale === "en"
    && /^\d{4}-\d\d-\d\dT/.test(body.submittedAt) && body.pageUrl === `${site}/form.html`,
  `the body is the widget's flat object: ${Object.keys(body).join(",")}`);
  check(!("email" in body) && !("sourceUrl" in body) && !("thanks" in body) && !("returnTo" in body), "empty fields and the page-only ones are left out");
  const ev = await events(page);
  check(ev.length === 1 && ev[0].name === "correction-submitted" && ev[0].detail.articleId === "e2e-article"
    && /^C-\d+$/.test(ev[0].detail.referenceId) && ev[0].bubbles && ev[0].composed,
  `correction-submitted reaches the document: ${JSON.stringify(ev)}`);
  await axe(page, "thanked");
  await page.screenshot({ path: path.join(shots, "form-success.png"), fullPage: true });
  check((await drafts()) === 0, "the draft is cleared after a 2xx");
  await summary(page).click();
  // (The thank-you goes on the details' toggle event, a task after the press: wait for it.)
  const gone = await thanks(page).waitFor({ state: "hidden", timeout: 5000 }).then(() => true, () => false);
  check((await field(page, "correction").inputValue()) === "" && gone, "opened again: an empty form, the thank-you gone");
  await context.close();
});

await scenario("form encoding (data-correction-encoding=form)", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "form"), "correction-encoding": "form" });
  await fillValid(page, { email: "reader@example.org" });
  await send(page).click();
  await thanks(page).waitFor({ state: "visible" });
  const [r] = await requests("form");
  const body = new URLSearchParams(r.body);
  check(r.contentType.startsWith("application/x-www-form-urlencoded") && r.accept === "application/json",
    `form Content-Type, JSON Accept (${r.contentType})`);
  check(body.get("correction") === GOOD && body.get("email") === "reader@example.org" && body.get("articleId") === "e2e-article",
    "the body decodes as the same fields");
  await context.close();
});

await scenario("sending, a hang past the timeout, three attempts with one key, then failure; the text stays", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("hang,hang,hang,201", "hang") },
    { allow: [/aborted|signal/i] });
  await fillValid(page);
  const first = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/hang/"));
  // The fake clock aborts an attempt only once the endpoint has it (else the abort may beat the
  // request to the server, and the log would miss an attempt the page made).
  const arrived = async (n) => {
    for (let i = 0; i < 200 && (await requests("hang")).length < n; i++) await new Promise((r) => setTimeout(r, 25));
  };
  await send(page).click();
  await first;
  await arrived(1);
  check((await send(page).getAttribute("aria-disabled")) === "true", "the send button is inert while sending");
  check((await status(page).innerText()) === "Sending…", "sending is announced");
  check((await field(page, "correction").getAttribute("readonly")) !== null, "fields are read-only while sending");
  await axe(page, "sending");
  for (let attempt = 2; attempt <= 3; attempt++) {
    const next = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/hang/"));
    await page.clock.fastForward(15000);
    await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
    await page.clock.fastForward(5000);
    await next;
    await arrived(attempt);
  }
  await page.clock.fastForward(15000);
  await page.waitForSelector(`${W} .aw-form__status:has-text("not sent")`);
  check(/still here/.test(await status(page).innerText()), "a clear failure message after three attempts");
  check((await field(page, "correction").inputValue()) === GOOD && (await field(page, "correction").getAttribute("readonly")) === null,
    "the reader's text stays in the form, editable");
  const ev = await events(page);
  check(ev.some((e) => e.name === "correction-failed" && e.detail.articleId === "e2e-article"),
    `correction-failed event: ${JSON.stringify(ev)}`);
  await axe(page, "failure");
  await page.screenshot({ path: path.join(shots, "form-failed.png"), fullPage: true });
  await page.clock.fastForward(60000);
  const log = await requests("hang");
  check(log.length === 3 && new Set(log.map((r) => r.key)).size === 1, `3 attempts, one Idempotency-Key, none after (${log.length})`);
  await context.close();
});

await scenario("500 then 201: retried with the same key, exactly one accepted", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("500,201", "flaky") },
    { allow: [/status of 500/] });
  await fillValid(page);
  const firstAnswer = page.waitForResponse((r) => r.url().includes("/flaky/") && r.request().method() === "POST");
  await send(page).click();
  check((await firstAnswer).status() === 500, "the first attempt gets a 500");
  await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
  await page.clock.fastForward(5000);
  await thanks(page).waitFor({ state: "visible" });
  const log = await requests("flaky");
  check(log.length === 2 && log[0].key === log[1].key, "two attempts with the same Idempotency-Key");
  check(log.filter((r) => r.status === 201).length === 1, "exactly one accepted correction");
  await context.close();
});

// Retry-After in seconds, and as an HTTP date 3 s on (a date has whole seconds, and the page's
// clock runs on from the server's: 2 or 3 s then).
for (const [plan, how, said, early] of [["429", "3 s", /\b3 s/, 2800], ["429date", "an HTTP date 3 s on", /\b[23] s/, 1500]]) {
  await scenario(`429 with Retry-After: ${how}: the reader is told, no retry before it`, async () => {
    const { page, context } = await open({ "correction-endpoint": endpoint(`${plan},201`, plan) },
      { allow: [/status of 429/] });
    await fillValid(page);
    await send(page).click();
    await page.waitForSelector(`${W} .aw-form__status:has-text("busy")`);
    const text = await status(page).innerText();
    check(said.test(text), `the wait comes from Retry-After (${JSON.stringify(text)})`);
    await page.clock.fastForward(early);
    check((await requests(plan)).length === 1, "no retry before Retry-After has passed");
    await page.clock.fastForward(3200 - early);
    await thanks(page).waitFor({ state: "visible" });
    check((await requests(plan)).length === 2, "sent again after the wait");
    await context.close();
  });
}

for (const [plan, name, expected] of [["422map", "email", "is invalid"], ["422list", "correction", "Please say what is wrong."]]) {
  await scenario(`422 with field errors (${plan}): on the field, focus there, the text kept`, async () => {
    const { page, context } = await open({ "correction-endpoint": endpoint(plan, plan) },
      { allow: [/status of 422/] });
    await fillValid(page, { email: "reader@example.org" });
    await send(page).click();
    await page.waitForSelector(`${W} .aw-native .aw-field__error`);
    const shown = await errorOf(page, name);
    check(shown.error === expected && shown.invalid === "true" && shown.described, `the server's message is on the ${name} field (${JSON.stringify(shown)})`);
    check((await focused(page)) === name, "focus goes there");
    check((await field(page, "correction").inputValue()) === GOOD, "the text is kept");
    await context.close();
  });
}

await scenario("connection refused: three attempts, then failure; the next Send is the browser's own POST", async () => {
  const port = await freePort();
  const { page, context } = await open({ "correction-endpoint": `http://127.0.0.1:${port}/corrections` },
    { allow: [/ERR_CONNECTION_REFUSED/, /Failed to fetch|network/i] });
  let failedRequests = 0;
  page.on("requestfailed", (r) => { if (r.url().includes(`:${port}/`)) failedRequests++; });
  await fillValid(page);
  await send(page).click();
  for (let i = 0; i < 2; i++) {
    await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
    await page.clock.fastForward(5000);
  }
  await page.waitForSelector(`${W} .aw-form__status:has-text("not sent")`);
  check(failedRequests === 3, `three attempts (${failedRequests})`);
  check((await field(page, "correction").inputValue()) === GOOD, "the text stays");
  const native = page.waitForRequest((r) => r.url().includes(`:${port}/`) && r.isNavigationRequest());
  await send(page).click();
  const request = await native;
  const sent = new URLSearchParams(request.postData() ?? "");
  check(request.method() === "POST" && sent.get("correction") === GOOD && sent.get("idempotencyKey"),
    "the browser posts the form itself, with the same key (aw-server answers that with a page)");
  await context.close();
});

await scenario("double click and Enter-mashing send one request", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "double") });
  await fillValid(page, { email: "reader@example.org" });
  await send(page).dblclick();
  await field(page, "email").press("Enter");
  await field(page, "email").press("Enter").catch(() => {});
  await thanks(page).waitFor({ state: "visible" });
  await page.clock.fastForward(20000);
  check((await requests("double")).length === 1, `one request (${(await requests("double")).length})`);
  await context.close();
});

await scenario("the draft survives a reload; an old one is swept; an earlier release's draft is restored", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "draft") });
  await summary(page).click();
  await field(page, "correction").pressSequentially("The date was 12 May, not 21 May.");
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  const back = await page.locator(W).evaluate((e) => ({
    open: e.shadowRoot.querySelector(".aw-native").open,
    text: e.shadowRoot.querySelector(".aw-native [name=correction]").value,
    focused: e.shadowRoot.activeElement?.name ?? null,
  }));
  check(back.open && back.text === "The date was 12 May, not 21 May." && back.focused === null,
    `after a reload the form is open with the text, without taking focus (${JSON.stringify(back)})`);
  // 31 days on: the draft is swept (it may hold a name and an address) when a form is next opened.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("aw-native-draft:"));
    const draft = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({ ...draft, at: Date.now() - 31 * 864e5 }));
    localStorage.setItem("aw-native-draft:aw-thanks-0000000000000000", JSON.stringify({ at: Date.now() - 31 * 864e5, correction: "old" }));
    // What the wasm form of the earlier release kept for this article.
    localStorage.setItem("article-widget:draft:e2e-article", JSON.stringify({ v: 1, savedAt: Date.now(), startedAt: Date.now(), keyUsed: true,
      key: "0f8a1c2e-1111-4222-8333-444455556666", quote: "", correction: "Kept by the earlier release: the vote was 7 to 2.", sourceUrl: "", name: "", email: "" }));
  });
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  await summary(page).click();
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  const after = await page.evaluate(() => ({
    keys: Object.keys(localStorage).sort(),
    text: document.getElementById("w1").shadowRoot.querySelector(".aw-native [name=correction]").value,
  }));
  check(after.text === "Kept by the earlier release: the vote was 7 to 2.", `the earlier release's draft is in the form (${after.text})`);
  check(!after.keys.includes("aw-native-draft:aw-thanks-0000000000000000") && !after.keys.includes("article-widget:draft:e2e-article"),
    `old drafts swept, the earlier format moved (${after.keys.join(", ")})`);
  await send(page).click();
  await thanks(page).waitFor({ state: "visible" });
  const [r] = await requests("draft");
  check(r?.key === "0f8a1c2e-1111-4222-8333-444455556666", "its Idempotency-Key came with it (a send had started under it)");
  await context.close();
});

await scenario("storage disabled: the form still works", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "nostorage") }, {
    init: () => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } }),
  });
  await fillValid(page);
  await send(page).click();
  await thanks(page).waitFor({ state: "visible" });
  check((await requests("nostorage")).length === 1, "sent without storage");
  await context.close();
});

await scenario("a selection in the article: Suggest a correction pre-fills the passage", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "select") });
  const paragraph = page.locator(`${W} .aw-body p`).first();
  await paragraph.selectText();
  const suggest = page.locator(`${W} button.aw-suggest`);
  await suggest.waitFor();
  const selected = await page.evaluate(() => {
    const root = document.getElementById("w1").shadowRoot;
    return (root.getSelection ? root.getSelection() : document.getSelection()).toString().trim();
  });
  await page.screenshot({ path: path.join(shots, "form-selection.png") });
  await suggest.click();
  check(await field(page, "quote").isVisible(), "the form opens");
  check(selected.length > 20 && (await field(page, "quote").inputValue()) === selected,
    `the passage is the selected text (${selected.slice(0, 40)}…)`);
  check((await focused(page)) === "correction", "focus goes to the correction field");
  await context.close();
});

await scenario("keyboard only: open, write, send, thank-you", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "keys") }, { width: 390 });
  await summary(page).focus();
  await page.keyboard.press("Enter");
  check((await focusAfterOpen(page, "correction")) === "correction", "Enter on the button opens the form with focus in the correction");
  await page.keyboard.type(GOOD);
  for (const name of ["sourceUrl", "name", "email"]) {
    await page.keyboard.press("Tab");
    check((await focused(page)) === name, `Tab reaches ${name}`);
  }
  await page.keyboard.press("Tab");
  check((await focused(page)).includes("aw-button"), "then the send button (the honeypot is skipped)");
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  await page.keyboard.press("Enter");
  await thanks(page).waitFor({ state: "visible" });
  check((await focused(page)).startsWith("aw-thanks-"), "the thank-you has focus");
  const [r] = await requests("keys");
  check(r && JSON.parse(r.body).correction === GOOD, "sent what was typed");
  await page.screenshot({ path: path.join(shots, "form-phone-done.png"), fullPage: true });
  await context.close();
});

await scenario("JS API: correction keys in the config; after update() the form sends the new article", async () => {
  const { page, context } = await open({});
  await page.evaluate(async (ep) => {
    const d = document.createElement("div");
    d.id = "w2";
    document.querySelector("main").append(d);
    const article = await (await fetch("/article.json")).json();
    window.__handle = ArticleWidget.mount(d, { article, correctionEndpoint: ep, correctionEncoding: "form" });
    window.__next = { ...article, id: "second-article", headline: "A Second Article" };
  }, endpoint("201", "update"));
  await page.waitForSelector("#w2 .aw-author");
  await page.locator("#w2 .aw-native > summary").click();
  await page.evaluate(() => window.__handle.update(window.__next));
  await page.waitForSelector('#w2 h1:has-text("A Second Article")');
  const form = page.locator("#w2 .aw-native");
  if (!(await form.evaluate((d) => d.open))) await page.locator("#w2 .aw-native > summary").click();
  await page.waitForSelector("#w2 .aw-native form[data-aw-live]");
  await page.locator("#w2 .aw-native [name=correction]").fill(GOOD);
  await page.locator("#w2 .aw-native button[type=submit]").click();
  await page.locator("#w2 .aw-thanks").waitFor({ state: "visible" });
  const [r] = await requests("update");
  const body = new URLSearchParams(r.body);
  check(body.get("articleId") === "second-article" && body.get("headline") === "A Second Article"
    && r.contentType.startsWith("application/x-www-form-urlencoded"), `sent for the new article, in the configured encoding (${body.get("articleId")})`);
  await context.close();
});

await scenario("no endpoint: the button explains, no form", async () => {
  const { page, context } = await open({});
  await page.locator(`${W} .aw-trust > button.aw-button`).click();
  check(/cannot be submitted/.test(await page.locator(`${W} .aw-trust__notice`).innerText()), "corrections are not enabled here");
  check((await page.locator(`${W} form`).count()) === 0, "no form to fail at submit");
  await context.close();
});

await scenario("Arabic: the form is translated and right-to-left", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "ar"), locale: "ar" });
  await summary(page).click();
  check((await page.locator(`${W} .aw-form__title`).innerText()) === "اقترح تصحيحًا", "Arabic form heading");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  check(overflow <= 0, `no horizontal scrolling with the form open (overflow ${overflow}px)`);
  await axe(page, "form open, Arabic");
  await page.screenshot({ path: path.join(shots, "form-arabic.png"), fullPage: true });
  await context.close();
});

await scenario("the widget cannot load: calls queued before it did reject with ArticleWidgetLoadError, handled", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.route("**/article-widget-core-*_bg.wasm", (route) => route.abort());
  await page.goto(`${site}/api.html`);
  const outcome = await page.evaluate(async () => {
    const handle = ArticleWidget.mount(document.getElementById("app"), { article: { headline: "H" } });
    handle.setTheme("dark"); // ignored by the page: must not become an unhandled rejection
    const name = await handle.update({ headline: "H2" }).then(() => "resolved", (e) => e.name);
    await new Promise((r) => setTimeout(r, 50));
    return name;
  });
  check(outcome === "ArticleWidgetLoadError", `a queued call rejects with ArticleWidgetLoadError (${outcome})`);
  // The refused bundle is logged (console errors, provoked); nothing may go uncaught.
  clean(problems, "a widget that cannot load", [/^error: /]);
  await context.close();
});

await browser.close();
await finish("corrections");
