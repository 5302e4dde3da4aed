// End-to-end for the correction form (issue 3): the release bundle from one origin (the "CDN",
// which is also the scripted corrections endpoint: POST /__script/<plan>/<label>/corrections,
// GET /__requests), the publisher page from another, in headless Chromium. Time is Playwright's
// fake clock: the 3-second spam check, backoffs, Retry-After and the 15-second timeout are
// fast-forwarded, never slept through.
//
// Usage: node tests/e2e/corrections.mjs <pages origin> <cdn origin>   (scripts/test.sh)
import path from "node:path";
import { axe, check, finish, scenario, freePort, launch, shots } from "./lib.mjs";

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
async function open(attrs, { width = 1280, allow = [] } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.clock.install();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  const close = context.close.bind(context);
  context.close = async () => {
    const unexpected = problems.filter((p) => !allow.some((re) => re.test(p)));
    check(unexpected.length === 0, `no unexpected console errors or warnings${unexpected.length ? ": " + unexpected.join("; ") : ""}`);
    await close();
  };
  // Every URL the page requests, from before navigation.
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ["correction-submitted", "correction-failed"]) {
      document.addEventListener(`article-widget:${name}`, (e) =>
        window.__events.push({ name, detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
    }
  });
  const query = new URLSearchParams(attrs).toString();
  await page.goto(`${site}/form.html?${query}`);
  await page.waitForSelector(`${W} .aw-author`, { timeout: 15000 });
  return { page, context, problems, fetched };
}

const trustButton = (page) => page.locator(`${W} .aw-trust > button.aw-button`);
const field = (page, name) => page.locator(`${W} .aw-form [name=${name}]`);
const send = (page) => page.locator(`${W} .aw-form button[type=submit]`);
const focused = (page) => page.evaluate(() => {
  const a = document.getElementById("w1").shadowRoot.activeElement;
  return a ? (a.getAttribute("name") || a.id || a.className || a.tagName) : null;
});
const events = (page) => page.evaluate(() => window.__events);

/// Watches the open form's <form> element: `formKept(page)` is false once it was replaced or
/// removed (what lost readers' corrections before).
async function watchForm(page) {
  await page.waitForSelector(`${W} .aw-form form`);
  await page.evaluate(() => {
    const root = document.getElementById("w1").shadowRoot;
    const form = root.querySelector(".aw-form form");
    window.__formLost = false;
    new MutationObserver(() => { if (!form.isConnected) window.__formLost = true; })
      .observe(root, { childList: true, subtree: true });
  });
}
const formKept = (page) => page.evaluate(() => !window.__formLost);

/// Opens the form, writes a valid correction, lets the 3-second spam check pass.
async function fillValid(page, extra = {}) {
  await trustButton(page).click();
  await watchForm(page);
  await field(page, "quote").fill("cost 221 million euros");
  await field(page, "correction").fill(GOOD);
  for (const [name, value] of Object.entries(extra)) await field(page, name).fill(value);
  await page.clock.fastForward(3500);
  check(await formKept(page), "the <form> element was never replaced while the reader edited");
}

await scenario("closed, open, Escape: focus moves in and comes back; axe in both states", async () => {
  const { page, context, problems, fetched } = await open({ "correction-endpoint": endpoint("201", "focus") });
  const formBundle = () => fetched.filter((u) => u.includes("article-widget-form"));
  check((await trustButton(page).getAttribute("aria-expanded")) === "false", "trust button is a collapsed disclosure");
  check(fetched.some((u) => /article-widget-core-\w+_bg\.wasm$/.test(u)) && formBundle().length === 0,
    "the page loaded the widget's bundle but not the form's");
  await axe(page, "form closed");
  await trustButton(page).click();
  await page.waitForSelector(`${W} .aw-form form`);
  check(formBundle().some((u) => u.endsWith("_bg.wasm")), "the form's bundle is downloaded when the reader opens the form");
  check((await focused(page)) === "quote", "opening moves focus to the passage field");
  check((await trustButton(page).getAttribute("aria-expanded")) === "true", "aria-expanded is true while open");
  const labels = await page.locator(`${W} .aw-form label`).allInnerTexts();
  check(labels.some((l) => l.startsWith("What is wrong, and what is right?") && l.includes("required")),
    `labels are visible and mark required fields (${labels.length} labels)`);
  check((await page.locator(`${W} #aw1-cf-correction-count`).innerText()) === "0 of 3,000 characters",
    "the correction's limit is shown");
  await field(page, "correction").fill("abc");
  check((await page.locator(`${W} #aw1-cf-correction-count`).innerText()) === "3 of 3,000 characters",
    "the count follows typing");
  check((await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)) <= 0, "no horizontal scrolling with the form open");
  await axe(page, "form open");
  await page.screenshot({ path: path.join(shots, "form-open.png"), fullPage: true });
  await page.keyboard.press("Escape");
  check((await page.locator(`${W} .aw-form`).count()) === 0, "Escape closes the form");
  check((await focused(page)).includes("aw-button"), "focus returns to the Submit a correction button");
  await trustButton(page).click();
  check((await field(page, "correction").inputValue()) === "abc", "closing keeps what the reader wrote");
  await page.locator(`${W} .aw-form button.aw-button--quiet`).click();
  check((await page.locator(`${W} .aw-form`).count()) === 0, "Cancel closes the form");
  check(problems.length === 0, `no uncaught errors: ${problems.join("; ")}`);
  await context.close();
});

await scenario("validation: on blur, on submit, an error summary that takes focus and links to fields", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "invalid"), "correction-require-email": "" });
  await trustButton(page).click();
  await field(page, "email").fill("not-an-email");
  await page.keyboard.press("Tab");
  check((await page.locator(`${W} #aw1-cf-email-error`).innerText()).includes("email address"), "blur validates the email");
  check((await field(page, "email").getAttribute("aria-invalid")) === "true", "invalid email has aria-invalid");
  check((await field(page, "email").getAttribute("aria-describedby")).includes("aw1-cf-email-error"), "its message is tied by aria-describedby");
  await page.clock.fastForward(3500);
  await send(page).click();
  await page.waitForSelector(`${W} .aw-summary`);
  check((await focused(page)) === "aw1-cf-summary", "the error summary receives focus");
  const items = await page.locator(`${W} .aw-summary li`).allInnerTexts();
  check(items.length === 2 && items[0].startsWith("What is wrong") && items[0].includes("required")
    && items[1].startsWith("Your email:"),
    `summary lists the correction and the email, in form order: ${JSON.stringify(items)}`);
  await axe(page, "field errors");
  await page.screenshot({ path: path.join(shots, "form-errors.png"), fullPage: true });
  await page.locator(`${W} .aw-summary a`).first().click();
  check((await focused(page)) === "correction", "a summary link moves focus to its field");
  await field(page, "correction").fill("too short");
  await page.keyboard.press("Tab");
  check((await page.locator(`${W} #aw1-cf-correction-error`).innerText()).includes("at least 20"), "too short says the minimum");
  check((await requests("invalid")).length === 0, "nothing was sent");
  await context.close();
});

await scenario("success: JSON body, headers, reference id, thank-you takes focus, event, draft cleared", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "ok") });
  await fillValid(page, { name: "R. Reader" });
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  const done = await page.locator(`${W} .aw-form__done`).innerText();
  check(/Thank you/.test(done) && /^C-\d+$|Reference: C-\d+/.test(done), `thank-you view with the reference: ${JSON.stringify(done)}`);
  check((await focused(page)) === "aw1-cf-done", "focus moves to the thank-you");
  const [r] = await requests("ok");
  check(r && r.contentType === "application/json" && r.accept === "application/json", "Content-Type and Accept are JSON");
  check(r && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.key), `Idempotency-Key is a UUID v4 (${r && r.key})`);
  const body = JSON.parse(r.body);
  check(body.articleId === "e2e-article" && body.headline.startsWith("Council") && body.quote === "cost 221 million euros"
    && body.correction === GOOD && body.name === "R. Reader" && body.locale === "en"
    && /^\d{4}-\d\d-\d\dT/.test(body.submittedAt) && body.pageUrl === `${site}/form.html`,
  `the body is the flat object: ${Object.keys(body).join(",")}`);
  check(!("email" in body) && !("sourceUrl" in body), "empty optional fields are omitted");
  const ev = await events(page);
  check(ev.length === 1 && ev[0].name === "correction-submitted" && ev[0].detail.articleId === "e2e-article"
    && /^C-\d+$|Reference: C-\d+/.test(ev[0].detail.referenceId) && ev[0].bubbles && ev[0].composed,
  `correction-submitted reaches the document: ${JSON.stringify(ev)}`);
  await axe(page, "success");
  await page.screenshot({ path: path.join(shots, "form-success.png"), fullPage: true });
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")));
  check(stored.length === 0, "the draft is cleared after a 2xx");
  console.log("  one correction a minute from this browser");
  await page.locator(`${W} .aw-form button.aw-button`).first().click();
  await field(page, "correction").fill(GOOD + " Also the date.");
  await page.clock.fastForward(3500);
  await send(page).click();
  const status = await page.locator(`${W} .aw-form__status`).innerText();
  check(/a moment ago/.test(status) && /\d+ s/.test(status), `the reader is told when to try again: ${JSON.stringify(status)}`);
  check((await requests("ok")).length === 1, "the second submission within a minute is not sent");
  await context.close();
});

await scenario("form encoding", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "form"), "correction-encoding": "form" });
  await fillValid(page, { email: "reader@example.org" });
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  const [r] = await requests("form");
  const body = new URLSearchParams(r.body);
  check(r.contentType === "application/x-www-form-urlencoded" && r.accept === "application/json",
    `form Content-Type, JSON Accept (${r.contentType})`);
  check(body.get("correction") === GOOD && body.get("email") === "reader@example.org" && body.get("articleId") === "e2e-article",
    "the body decodes as the same fields");
  await context.close();
});

await scenario("sending, a hang past the timeout, three attempts with one key, then failure and Try again", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("hang,hang,hang,201", "hang") },
    { allow: [/correction not sent/, /timed out|did not answer/i] });
  await fillValid(page);
  const first = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/hang/"));
  await send(page).click();
  await first;
  check((await send(page).getAttribute("aria-disabled")) === "true", "the send button is inert while sending");
  check((await page.locator(`${W} .aw-form__status`).innerText()) === "Sending…", "sending is announced");
  check((await field(page, "correction").getAttribute("readonly")) !== null, "fields are read-only while sending");
  await axe(page, "sending");
  for (let attempt = 2; attempt <= 3; attempt++) {
    const next = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/hang/"));
    await page.clock.fastForward(15000);
    await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
    await page.clock.fastForward(10000);
    await next;
  }
  await page.clock.fastForward(15000);
  await page.waitForSelector(`${W} .aw-form__failed`);
  const failed = await page.locator(`${W} .aw-form__failed`).innerText();
  check(/not sent/.test(failed) && /still here/.test(failed), "a clear failure message after three attempts");
  check((await field(page, "correction").inputValue()) === GOOD, "the reader's text stays in the form");
  const ev = await events(page);
  check(ev.some((e) => e.name === "correction-failed" && e.detail.articleId === "e2e-article" && e.detail.error),
    `correction-failed event: ${JSON.stringify(ev)}`);
  await axe(page, "failure");
  await page.screenshot({ path: path.join(shots, "form-failed.png"), fullPage: true });
  await page.locator(`${W} .aw-form__failed button`).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  const log = await requests("hang");
  check(log.length === 4 && new Set(log.map((r) => r.key)).size === 1, `4 attempts, one Idempotency-Key (${log.length})`);
  await context.close();
});

await scenario("500 then 200: retried with the same key, exactly one accepted", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("500,201", "flaky") },
    { allow: [/status of 500/] });
  await fillValid(page);
  const firstAnswer = page.waitForResponse((r) => r.url().includes("/flaky/") && r.request().method() === "POST");
  await send(page).click();
  check((await firstAnswer).status() === 500, "the first attempt gets a 500");
  await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
  await page.clock.fastForward(5000);
  await page.waitForSelector(`${W} .aw-form__done`);
  const log = await requests("flaky");
  check(log.length === 2 && log[0].key === log[1].key, "two attempts with the same Idempotency-Key");
  check(log.filter((r) => r.status === 201).length === 1, "exactly one accepted correction");
  await context.close();
});

await scenario("429 with Retry-After: 3 s (longer than any backoff): the reader is told, no retry before it", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("429,201", "busy") },
    { allow: [/status of 429/] });
  await fillValid(page);
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__status:has-text("busy")`);
  check(/3 s/.test(await page.locator(`${W} .aw-form__status`).innerText()), "the wait comes from Retry-After");
  await page.clock.fastForward(2800);
  check((await requests("busy")).length === 1, "no retry before Retry-After has passed (the backoff alone would have retried)");
  await page.clock.fastForward(400);
  await page.waitForSelector(`${W} .aw-form__done`);
  check((await requests("busy")).length === 2, "sent again after the wait");
  await context.close();
});

for (const [plan, name, expected] of [["422map", "email", "is invalid"], ["422list", "correction", "Please say what is wrong."]]) {
  await scenario(`422 with field errors (${plan})`, async () => {
    const { page, context } = await open({ "correction-endpoint": endpoint(plan, plan) },
      { allow: [/status of 422/] });
    await fillValid(page, { email: "reader@example.org" });
    await send(page).click();
    await page.waitForSelector(`${W} .aw-summary`);
    check((await page.locator(`${W} #aw1-cf-${name}-error`).innerText()) === expected, `the server's message is on the ${name} field`);
    check((await field(page, name).getAttribute("aria-invalid")) === "true", `${name} is marked invalid`);
    check((await focused(page)) === "aw1-cf-summary", "the summary takes focus");
    await context.close();
  });
}

await scenario("connection refused: three attempts, then failure", async () => {
  const port = await freePort();
  const { page, context } = await open({ "correction-endpoint": `http://127.0.0.1:${port}/corrections` },
    { allow: [/ERR_CONNECTION_REFUSED/, /correction not sent/, /Failed to fetch|network|could not reach/i] });
  let failedRequests = 0;
  page.on("requestfailed", (r) => { if (r.url().includes(`:${port}/`)) failedRequests++; });
  await fillValid(page);
  await send(page).click();
  for (let i = 0; i < 2; i++) {
    await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
    await page.clock.fastForward(10000);
  }
  await page.waitForSelector(`${W} .aw-form__failed`);
  check(failedRequests === 3, `three attempts (${failedRequests})`);
  check((await field(page, "correction").inputValue()) === GOOD, "the text stays");
  await context.close();
});

await scenario("spam guard: holds a send, never fakes one, never deletes the draft", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "spam") });
  await trustButton(page).click();
  await field(page, "correction").fill(GOOD);
  await send(page).click();
  const status = () => page.locator(`${W} .aw-form__status`).innerText();
  check(/Not sent yet/.test(await status()), "a send within 3 s of the first edit is held, and the reader is told");
  check((await page.locator(`${W} .aw-form__done`).count()) === 0, "no thank-you for what was not sent");
  check((await field(page, "correction").inputValue()) === GOOD, "the text stays");
  await page.clock.fastForward(1000);
  const saved = await page.evaluate(() => localStorage.getItem("article-widget:draft:e2e-article"));
  check(saved && JSON.parse(saved).correction === GOOD, "the draft stays in storage");
  await page.locator(`${W} input[name=website]`).fill("http://spam.example", { force: true });
  await page.clock.fastForward(3000);
  await send(page).click();
  check(/Not sent yet/.test(await status()) && (await requests("spam")).length === 0,
    "a filled honeypot: held too, nothing sent");
  check((await events(page)).length === 0, "no submitted event");
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  check((await requests("spam")).length === 1, "pressing Send again sends it (the trap was emptied)");
  await context.close();
});

await scenario("type, close, reopen, send at once: the fill time counts from the first edit", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "reopen") });
  await trustButton(page).click();
  await field(page, "correction").fill(GOOD);
  await page.keyboard.press("Escape");
  await page.clock.fastForward(5000);
  await trustButton(page).click();
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  check((await requests("reopen")).length === 1, "sent at once after reopening");
  await context.close();
});

await scenario("double click, Enter-mashing and a second submit send one request", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("hang,201", "double") },
    { allow: [/timed out|did not answer/i] });
  await fillValid(page);
  await send(page).dblclick();
  await field(page, "correction").press("Enter");
  await send(page).press("Enter");
  await send(page).press("Enter");
  await page.waitForSelector(`${W} .aw-form__status:has-text("Sending")`);
  check((await requests("double")).length === 1, "exactly one request in flight");
  // Past the first attempt's timeout: one retry, the thank-you, and no late duplicate.
  await page.clock.fastForward(15000);
  await page.waitForSelector(`${W} .aw-form__status:has-text("Trying again")`);
  await page.clock.fastForward(10000);
  await page.waitForSelector(`${W} .aw-form__done`);
  const log = await requests("double");
  check(log.length === 2 && log[0].key === log[1].key && log[1].status === 201,
    `after the thank-you: the hung attempt and one retry with the same key, nothing else (${log.length})`);
  await context.close();
});

await scenario("the draft survives a reload; discard removes it", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "draft") });
  await trustButton(page).click();
  await field(page, "correction").fill(GOOD);
  await field(page, "name").fill("R. Reader");
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  check(/unsent correction is saved/.test(await page.locator(`${W} .aw-trust__draft`).innerText()),
    "before opening, the trust box says the unsent correction is kept");
  await trustButton(page).click();
  check((await field(page, "correction").inputValue()) === GOOD && (await field(page, "name").inputValue()) === "R. Reader",
    "the text is back after the reload");
  check(/Draft restored/.test(await page.locator(`${W} .aw-form__restored`).innerText()), "a visible Draft restored note");
  await page.locator(`${W} .aw-form__restored button`).click();
  check((await field(page, "correction").inputValue()) === "", "Discard empties the form");
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  await trustButton(page).click();
  check((await field(page, "correction").inputValue()) === "", "and nothing comes back on the next reload");
  await context.close();
});

await scenario("a draft older than 30 days is swept on start; a newer release's draft is left alone", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "stale") });
  await page.evaluate(() => {
    localStorage.setItem("article-widget:draft:e2e-article", JSON.stringify({
      v: 1, savedAt: Date.now() - 40 * 86400000, key: "old-key", correction: "A correction from long ago.",
    }));
    localStorage.setItem("article-widget:draft:some-other-article", JSON.stringify({
      v: 1, savedAt: Date.now() - 40 * 86400000, key: "old-key-2", correction: "Another one from long ago.",
    }));
    localStorage.setItem("article-widget:draft:future-article", JSON.stringify({
      v: 2, savedAt: Date.now(), key: "k", correction: "Written by a newer release.",
    }));
  });
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  const kept = await page.evaluate(() => [
    localStorage.getItem("article-widget:draft:some-other-article"),
    localStorage.getItem("article-widget:draft:future-article"),
  ]);
  check(kept[0] === null, "an expired draft of another article is swept when the widget starts");
  check(kept[1] !== null && JSON.parse(kept[1]).v === 2, "a draft written by a newer format version is left alone");
  await trustButton(page).click();
  await page.waitForSelector(`${W} .aw-form form`);
  check((await field(page, "correction").inputValue()) === "" && (await page.locator(`${W} .aw-form__restored`).count()) === 0,
    "the stale draft is not put back");
  check((await page.evaluate(() => localStorage.getItem("article-widget:draft:e2e-article"))) === null,
    "and it is removed, so the trust box stops announcing it");
  await context.close();
});

await scenario("storage disabled: the form still works", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "nostorage") },
    { allow: [/drafts are not kept|draft not saved/] });
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
  });
  await page.reload();
  await page.waitForSelector(`${W} .aw-author`);
  await fillValid(page);
  await send(page).click();
  await page.waitForSelector(`${W} .aw-form__done`);
  check((await requests("nostorage")).length === 1, "sent without persistence");
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
  await page.waitForSelector(`${W} .aw-form form`);
  check(selected.length > 20 && (await field(page, "quote").inputValue()) === selected,
    `the passage is the selected text (${selected.slice(0, 40)}…)`);
  check((await focused(page)) === "correction", "focus goes to the correction field");
  await context.close();
});

await scenario("keyboard only: open, write, send, thank-you", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "keys") }, { width: 390 });
  await trustButton(page).focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${W} .aw-form form`);
  check((await focused(page)) === "quote", "Enter on the button opens the form with focus inside");
  await page.keyboard.type("221 million");
  await page.keyboard.press("Tab");
  check((await focused(page)) === "correction", "Tab reaches the correction");
  await page.keyboard.type(GOOD);
  for (const name of ["sourceUrl", "name", "email"]) {
    await page.keyboard.press("Tab");
    check((await focused(page)) === name, `Tab reaches ${name}`);
  }
  await page.keyboard.press("Tab");
  check((await focused(page)).includes("aw-button"), "then the send button (the honeypot is skipped)");
  await page.clock.fastForward(3500);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${W} .aw-form__done`);
  check((await focused(page)) === "aw1-cf-done", "the thank-you has focus");
  const [r] = await requests("keys");
  check(r && JSON.parse(r.body).quote === "221 million", "sent what was typed");
  await page.screenshot({ path: path.join(shots, "form-phone-done.png"), fullPage: true });
  await context.close();
});

await scenario("the form bundle cannot load: the reader is told, and the button tries again", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "chunk") },
    { allow: [/ERR_FAILED|could not be loaded|form bundle|WebAssembly|Failed to fetch|Failed to load/i] });
  await page.route("**/article-widget-form-*_bg.wasm", (route) => route.abort());
  await trustButton(page).click();
  await page.waitForSelector(`${W} .aw-trust__notice:has-text("could not be loaded")`);
  check((await trustButton(page).getAttribute("aria-expanded")) === "false", "the form stays closed, the reader is told why");
  await page.unroute("**/article-widget-form-*_bg.wasm");
  await trustButton(page).click();
  await page.waitForSelector(`${W} .aw-form form`);
  check((await page.locator(`${W} .aw-trust__notice`).innerText()) === "", "a second press loads it and clears the message");
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
  const button = page.locator("#w2 .aw-trust > button.aw-button");
  await button.click();
  await page.waitForSelector("#w2 .aw-form form");
  await page.evaluate(() => window.__handle.update(window.__next));
  await page.waitForSelector('#w2 h1:has-text("A Second Article")');
  check((await page.locator("#w2 .aw-form").count()) === 0, "update() closes the form of the previous article");
  await button.click();
  await page.locator("#w2 .aw-form [name=correction]").fill(GOOD);
  await page.clock.fastForward(3500);
  await page.locator("#w2 .aw-form button[type=submit]").click();
  await page.waitForSelector("#w2 .aw-form__done");
  const [r] = await requests("update");
  const body = new URLSearchParams(r.body);
  check(body.get("articleId") === "second-article" && body.get("headline") === "A Second Article"
    && r.contentType === "application/x-www-form-urlencoded", `sent for the new article, in the configured encoding (${body.get("articleId")})`);
  await context.close();
});

await scenario("no endpoint: the button explains, no form", async () => {
  const { page, context } = await open({});
  await trustButton(page).click();
  check(/cannot be submitted/.test(await page.locator(`${W} .aw-trust__notice`).innerText()), "corrections are not enabled here");
  check((await page.locator(`${W} .aw-form`).count()) === 0, "no form to fail at submit");
  await context.close();
});

await scenario("Arabic: the form is translated and right-to-left", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "ar"), locale: "ar" });
  await trustButton(page).click();
  check((await page.locator(`${W} .aw-form__title`).innerText()) === "اقترح تصحيحًا", "Arabic form heading");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  check(overflow <= 0, `no horizontal scrolling with the form open (overflow ${overflow}px)`);
  await axe(page, "form open, Arabic");
  await page.screenshot({ path: path.join(shots, "form-arabic.png"), fullPage: true });
  await context.close();
});

await scenario("unmounting aborts a request in flight", async () => {
  // (Under the fake clock the first hung attempt may time out before the widget goes: then it
  // is the retry in flight that must be aborted; the timeout's log line is expected.)
  const { page, context } = await open({ "correction-endpoint": endpoint("hang", "unmount") },
    { allow: [/ABORTED|aborted/i, /did not answer within 15 s/] });
  await fillValid(page);
  const aborted = page.waitForEvent("requestfailed", (r) => r.url().includes("/unmount/"));
  await send(page).click();
  await page.waitForRequest((r) => r.url().includes("/unmount/") && r.method() === "POST");
  await page.evaluate(() => document.getElementById("w1").remove());
  check(/ABORTED/.test((await aborted).failure().errorText), "the POST is aborted when the widget goes away");
  await context.close();
});

await scenario("drafts follow the article: another mount order, destroy and mount again (single-page apps)", async () => {
  const { page, context } = await open({ "correction-endpoint": endpoint("201", "follow") });
  await trustButton(page).click();
  await field(page, "correction").fill(GOOD);
  await page.clock.fastForward(3500);
  // The app removes the widget, then shows another article first and this one second.
  await page.evaluate((ep) => {
    document.getElementById("w1").remove();
    for (const [id, src] of [["w2", "/fixtures/minimal.json"], ["w3", "/article.json"]]) {
      const d = document.createElement("div");
      d.id = id;
      d.setAttribute("data-article-src", src);
      d.setAttribute("data-correction-endpoint", ep);
      d.setAttribute("data-article-widget", "");
      document.querySelector("main").append(d);
    }
  }, endpoint("201", "follow"));
  await page.waitForSelector("#w3 .aw-trust__draft");
  check((await page.locator("#w2 .aw-trust__draft").count()) === 0, "the other article's widget has no draft note");
  await page.locator("#w3 .aw-trust > button.aw-button").click();
  await page.waitForSelector("#w3 .aw-form form");
  check((await page.locator("#w3 .aw-form [name=correction]").inputValue()) === GOOD,
    "the draft comes back in the widget showing the same article, in its new position");
  await page.locator("#w3 .aw-form button[type=submit]").click();
  await page.waitForSelector("#w3 .aw-form__done");
  const [r] = await requests("follow");
  check(r && JSON.parse(r.body).articleId === "e2e-article", "and it is sent for that article");
  await context.close();
});

/// Holds the form bundle's download until `release()` is called.
async function gateFormBundle(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route("**/article-widget-form-*.js", async (route) => { await gate; await route.continue(); });
  return release;
}
const formApiLoaded = (page) => page.waitForFunction(() => !!window[Symbol.for("article-widget.form-api")]);

/// Mounts #w2 through the JS API with the page's article and this endpoint, opens its form while
/// the form bundle is held back, and returns the bundle's release.
async function openWhileLoading(page, label) {
  const release = await gateFormBundle(page);
  await page.evaluate(async (ep) => {
    const d = document.createElement("div");
    d.id = "w2";
    document.querySelector("main").append(d);
    const article = await (await fetch("/article.json")).json();
    window.__handle = ArticleWidget.mount(d, { article, correctionEndpoint: ep });
    window.__next = { ...article, id: "next-article", headline: "The Next Article" };
  }, endpoint("201", label));
  await page.waitForSelector("#w2 .aw-author");
  await page.locator("#w2 .aw-trust > button.aw-button").click();
  await page.waitForSelector('#w2 .aw-trust > button[aria-busy="true"]');
  return release;
}

await scenario("update() while the form bundle is still loading: nothing is mounted for the old article", async () => {
  const { page, context } = await open({});
  const release = await openWhileLoading(page, "race");
  const button = page.locator("#w2 .aw-trust > button.aw-button");
  await page.evaluate(() => window.__handle.update(window.__next));
  await page.waitForSelector('#w2 h1:has-text("The Next Article")');
  release();
  await formApiLoaded(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  check((await page.locator("#w2 .aw-form").count()) === 0, "no form was mounted for the previous article");
  check((await button.getAttribute("aria-busy")) === null, "the trust box is not left loading");
  await button.click();
  await page.locator("#w2 .aw-form [name=correction]").fill(GOOD);
  await page.clock.fastForward(3500);
  await page.locator("#w2 .aw-form button[type=submit]").click();
  await page.waitForSelector("#w2 .aw-form__done");
  const log = await requests("race");
  check(log.length === 1 && JSON.parse(log[0].body).articleId === "next-article", "the form sends the article now shown");
  await context.close();
});

await scenario("destroy() while the form bundle is still loading: nothing leaks into the detached widget", async () => {
  const { page, context } = await open({});
  const release = await openWhileLoading(page, "race2");
  const kept = await page.evaluateHandle(() => document.getElementById("w2").shadowRoot.querySelector(".aw-trust__form"));
  await page.evaluate(() => window.__handle.destroy());
  release();
  await formApiLoaded(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  check(await kept.evaluate((c) => c.childNodes.length === 0 && !c.isConnected), "the old container stays empty and detached");
  check((await page.evaluate(() => document.getElementById("w2").shadowRoot.childNodes.length)) === 0, "the widget is gone");
  await context.close();
});

await scenario("the widget cannot load: calls queued before it did reject with ArticleWidgetLoadError, handled", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const uncaught = [];
  page.on("pageerror", (e) => uncaught.push(e.message));
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
  check(uncaught.length === 0, `no unhandled rejection or uncaught error: ${uncaught.join("; ")}`);
  await context.close();
});

await browser.close();
await finish("corrections");
