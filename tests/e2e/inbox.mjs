// End-to-end for the corrections loop through a real aw-server: a reader sends a correction from
// the widget (tests/e2e/pages/inbox.html) → it is in the editors' inbox → an editor logs in,
// accepts it with the text to publish → the article, reloaded, lists it in the trust box (read
// from the inbox's GET /articles/{id}/corrections, data-corrections-src). The inbox pages get
// axe-core (under their own CSP), a phone-width check, a refused accept and a logout; the
// reader's text is shown as text throughout.
// The article page's clock is Playwright's fake one (the form's 3-second spam guard is
// fast-forwarded, never slept through); the inbox pages run in real time.
//
// Usage: node tests/e2e/inbox.mjs <pages origin> <inbox origin>   (scripts/test.sh starts them:
// the pages server with --var INBOX=<inbox origin>, the inbox with an editor added beforehand)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { axe, check, clean, finish, scenario, launch, root, shots, watch } from "./lib.mjs";

const [site, inbox] = process.argv.slice(2);
if (!site || !inbox) {
  console.error("usage: node tests/e2e/inbox.mjs <pages origin> <inbox origin>");
  process.exit(2);
}
const EMAIL = "editor@example.org";
const PASSWORD = "e2e-editor-password-1";
const ARTICLE = "e2e-inbox-article";
const HEADLINE = "Tidal Barrier Budget Clears Its Final Vote";
// Markup in what a reader writes must reach the editor as text.
const CORRECTION = "<b>bold</b> The cost was $212 million, not $221 million.";
const PUBLISHED = "An earlier version gave the cost as $221 million; it was $212 million.";
// The inbox's "today" is UTC's (views::today), and so is the date an editor would type here.
const TODAY = new Date().toISOString().slice(0, 10);
const W = "#w1";

const axeSource = readFileSync(createRequire(path.join(root, "tools/package.json")).resolve("axe-core/axe.min.js"), "utf8");

/// axe-core on an inbox page. Its policy (`default-src 'none'`) refuses lib.mjs's injected
/// <script>, and the pages are tested under it as served: axe is evaluated through the
/// DevTools protocol instead, which the policy does not govern.
async function axeInbox(page, label) {
  await page.evaluate(`${axeSource}\n;void 0`);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  check(result.length === 0, `${label}: axe-core reports no violations${result.length ? "\n        " + result.join("\n        ") : ""}`);
}

const browser = await launch();
const field = (page, name) => page.locator(`${W} .aw-native [name=${name}]`);

// ---- the reader's side: the article page, its clock fake from the start ----------------------
// West of UTC, so that a date-only "datePublished" read as a UTC midnight and shown in local
// time would show the day before.
const reader = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "America/Los_Angeles" });
await reader.clock.install();
const article = await reader.newPage();
const problems = watch(article, { requests: true });
// The next answer to the widget's read of the published corrections: Playwright's response
// (its body) and whether the network served it from the HTTP cache (DevTools protocol).
const cdp = await reader.newCDPSession(article);
await cdp.send("Network.enable");
const isRead = (url) => url.startsWith(`${inbox}/articles/`);
function publishedRead() {
  const cached = new Promise((resolve) => {
    const on = ({ response: r }) => {
      if (isRead(r.url)) { cdp.off("Network.responseReceived", on); resolve(!!r.fromDiskCache); }
    };
    cdp.on("Network.responseReceived", on);
  });
  const response = article.waitForResponse((r) => isRead(r.url()));
  return Promise.all([response, cached]).then(([r, fromCache]) => Object.assign(r, { fromCache }));
}

// One story, in order: the reader's correction, the editor's triage of it, the reader's reload.
// Its scenarios say what they build on (`needs`); the spoofing one stands alone.
const SENT = "a reader sends a correction from the widget to the inbox";
const LOGGED_IN = "the inbox: a login first";
const LISTED = "the list shows the correction, its markup as text";
const ACCEPTED = "the detail page: axe, phone width, a refused accept, then the accept";
let reference = null;
await scenario(SENT, async () => {
  const firstRead = publishedRead();
  await article.goto(`${site}/inbox.html`);
  await article.waitForSelector(`${W} .aw-author`, { timeout: 15000 });
  const first = await firstRead;
  check(first.url() === `${inbox}/articles/${ARTICLE}/corrections` && first.status() === 200,
    `the trust box reads the article's published corrections from the inbox (${first.status()} ${first.url()})`);
  check((await article.locator(`${W} h1`).innerText()) === HEADLINE, "the article from the page's inline JSON shows");
  await article.locator(`${W} .aw-native > summary`).click();
  await article.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  await field(article, "quote").fill("The barrier will cost $221 million");
  await field(article, "correction").fill(CORRECTION);
  await field(article, "name").fill("R. Reader");

  // The first send is stored, but its answer never reaches the reader: the network layer
  // resets the connection after the inbox answered (Playwright sends it on, then aborts).
  console.log("  the first answer is lost: the inbox stored it, the reader saw a reset connection");
  let firstAnswer = null;
  const lost = new Promise((resolve) => {
    article.route(`${inbox}/corrections`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const reply = await route.fetch();
      firstAnswer = { status: reply.status(), body: await reply.text(), key: route.request().headers()["idempotency-key"] };
      await route.abort("connectionreset");
      resolve();
    }, { times: 1 });
  });
  await article.locator(`${W} .aw-native button[type=submit]`).click();
  await lost;
  check(firstAnswer.status === 201, `the inbox stored the first send (${firstAnswer.status} ${firstAnswer.body})`);
  // The reader gives up waiting and reloads; the draft comes back with its key, and they send.
  await article.reload();
  await article.waitForSelector(`${W} .aw-author`, { timeout: 15000 });
  await field(article, "correction").waitFor({ state: "visible" });
  check((await field(article, "correction").inputValue()) === CORRECTION, "after the reload the form is open again with the draft");
  await field(article, "correction").focus();
  await article.waitForSelector(`${W} .aw-native form[data-aw-live]`);
  const posted = article.waitForResponse((r) => r.url() === `${inbox}/corrections` && r.request().method() === "POST");
  await article.locator(`${W} .aw-native button[type=submit]`).click();
  const answer = await posted;
  check(answer.status() === 201, `the inbox answers the resend with 201, not a refusal (${answer.status()})`);
  check(answer.request().headers()["idempotency-key"] === firstAnswer.key, "under the same key");
  check((await answer.headerValue("idempotent-replayed")) === "true", "as a replay of the stored correction");
  check(JSON.parse(await answer.text()).id === JSON.parse(firstAnswer.body).id, `with the first id (${firstAnswer.body})`);
  await article.locator(`${W} .aw-thanks`).waitFor({ state: "visible" });
  const done = await article.locator(`${W} .aw-thanks__reference`).innerText();
  const m = /C-(\d+)/.exec(done);
  check(m !== null, `the thank-you gives the inbox's reference: ${JSON.stringify(done)}`);
  reference = m ? m[1] : "0";
  const sent = JSON.parse(answer.request().postData() || "{}");
  check(sent.articleId === ARTICLE && sent.correction === CORRECTION, `the body names the article and carries the text as written (${sent.articleId})`);
});

// ---- what nobody but an editor may do ---------------------------------------------------------
const SPOOF_HEADLINE = "</script><script>alert(document.domain)</script>";
const SPOOF_URL = "https://evil.example/phish";
const FOREIGN = "foreign-origin-article";
await scenario("an anonymous correction spoofs the headline and URL", async () => {
  const r = await fetch(`${inbox}/corrections`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ articleId: ARTICLE, headline: SPOOF_HEADLINE, articleUrl: SPOOF_URL, correction: "Spoofed: the barrier was never built at all, readers." }),
  });
  check(r.status === 201, `it is stored, for the editors to triage (${r.status})`);
  const doc = await (await fetch(`${inbox}/articles/${encodeURIComponent(ARTICLE)}/corrections`)).text();
  check(!doc.includes("evil.example") && !doc.includes("<") && JSON.parse(doc).headline === ARTICLE,
    `the public document shows none of it before an editor confirms anything (${doc})`);

  console.log("a page on an origin not allowed posts by form and by no-cors fetch: nothing stored");
  // evil.test resolves to this machine, but it is not a loopback origin to the inbox (--dev
  // allows those): a page on another site.
  const port = new URL(site).port;
  const foreign = await launch([`--host-resolver-rules=MAP evil.test 127.0.0.1`]);
  const page = await (await foreign.newContext()).newPage();
  await page.goto(`http://evil.test:${port}/clean.html`, { waitUntil: "domcontentloaded" });
  const sentFetch = await page.evaluate(async ([endpoint, articleId]) => {
    const body = JSON.stringify({ articleId, correction: "Posted from a page on another site by fetch." });
    try {
      await fetch(endpoint, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body });
      return "sent";
    } catch (e) {
      return `failed: ${e}`;
    }
  }, [`${inbox}/corrections`, FOREIGN]);
  check(sentFetch === "sent", `the no-cors fetch left the page (${sentFetch})`);
  const formAnswer = page.waitForResponse((r) => r.url() === `${inbox}/corrections`);
  await page.evaluate(([endpoint, articleId]) => {
    const form = Object.assign(document.createElement("form"), { method: "post", action: endpoint });
    for (const [name, value] of [["articleId", articleId], ["correction", "Posted from a page on another site by a form."]]) {
      form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
    }
    document.body.append(form);
    form.submit();
  }, [`${inbox}/corrections`, FOREIGN]);
  const refused = await formAnswer;
  check(refused.status() === 403, `the form post is refused with 403 (${refused.status()}, Origin: ${await refused.request().headerValue("origin")})`);
  await foreign.close();
});

// ---- the editor's side: the inbox, in another context (its own cookies), real time -----------
const editor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const desk = await editor.newPage();
// Console errors and warnings and uncaught errors on the inbox pages, with the URL they name.
const deskProblems = watch(desk, { where: true });
// What the scenario provokes: the refused accept's 422.
const deskExpected = [/status of 422 .*\/status\)$/];

await scenario(LOGGED_IN, async () => {
  await desk.goto(`${inbox}/inbox`);
  check(new URL(desk.url()).pathname === "/inbox/login", `/inbox without a session redirects to the login (${desk.url()})`);
  await axeInbox(desk, "login page");
  const logIn = async () => {
    await desk.locator("#email").fill(EMAIL);
    await desk.locator("#password").fill(PASSWORD);
    const reply = desk.waitForResponse((r) => r.url() === `${inbox}/inbox/login` && r.request().method() === "POST");
    await desk.getByRole("button", { name: "Log in" }).click();
    const r = await reply;
    await desk.waitForLoadState("load");
    return { status: r.status(), origin: await r.request().headerValue("origin") };
  };
  let sent = await logIn();
  check(sent.status === 303,
    `the login form, as the browser posts it, is accepted (${sent.status}, Origin: ${sent.origin})`);
  check(new URL(desk.url()).pathname === "/inbox", `logging in leads to the list (${desk.url()})`);
  const cookies = await editor.cookies(`${inbox}/inbox`);
  const session = cookies.find((c) => c.name === "__Host-aw_session");
  check(session && session.httpOnly && session.sameSite === "Strict" && session.path === "/" && session.secure,
    `the session cookie is __Host-, HttpOnly, SameSite=Strict, Secure, Path=/ (${JSON.stringify(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path, secure: c.secure })))})`);
});

await scenario(LISTED, async () => {
  const card = desk.locator("li.card", { has: desk.locator(`a[href="/inbox/corrections/${reference}"]`) });
  check((await card.count()) === 1, `the list has C-${reference}`);
  const title = await card.locator("h2").innerText();
  check(title === `C-${reference}: ${HEADLINE}`, `its title is the reference and the headline the page sent (${JSON.stringify(title)})`);
  check((await card.locator(".badge").innerText()) === "New", "it is New");
  const excerpt = await card.locator("p.excerpt").innerText();
  check(excerpt === CORRECTION, `the reader's text is shown literally, tags and all (${JSON.stringify(excerpt)})`);
  check((await card.locator("p.excerpt *").count()) === 0, "no element was made from the reader's markup");
  await axeInbox(desk, "inbox list");
  await desk.screenshot({ path: path.join(shots, "inbox-list.png"), fullPage: true });
}, { needs: [SENT, LOGGED_IN] });

await scenario(ACCEPTED, async () => {
  await Promise.all([
    desk.waitForURL((u) => u.pathname === `/inbox/corrections/${reference}`),
    desk.locator(`a[href="/inbox/corrections/${reference}"]`).click(),
  ]);
  const text = await desk.locator("section[aria-labelledby=h-reader] p.pre").innerText();
  check(text === CORRECTION, `the correction is shown literally (${JSON.stringify(text)})`);
  check((await desk.locator("section[aria-labelledby=h-reader] p.pre *").count()) === 0, "no element was made from it");
  check((await desk.locator("blockquote").innerText()) === "The barrier will cost $221 million", "the quoted passage is there");
  await axeInbox(desk, "correction detail");

  await desk.setViewportSize({ width: 390, height: 844 });
  const scroll = await desk.evaluate(() => document.scrollingElement.scrollWidth);
  check(scroll <= 390, `no horizontal scrolling at 390 px (scrollWidth ${scroll})`);

  // Accepted without the text to publish: refused, with an alert, nothing changed.
  await desk.locator("input[name=status][value=accepted]").check();
  await desk.locator("#published_text").fill("");
  const refused = desk.waitForResponse((r) => r.url().endsWith(`/inbox/corrections/${reference}/status`));
  await desk.getByRole("button", { name: "Save status" }).click();
  check((await refused).status() === 422, `accepting without the published text is refused with 422 (${(await refused).status()})`);
  await desk.waitForLoadState("load");
  const alert = desk.locator("[role=alert]");
  check((await alert.count()) === 1 && /write the correction as it will be published/.test(await alert.innerText()),
    `an alert says what is missing (${(await alert.count()) ? JSON.stringify(await alert.innerText()) : "none"})`);
  check((await desk.locator("#published_text").getAttribute("aria-describedby")) === "status-error",
    "the text field is tied to the error");
  check((await desk.locator("input[name=status][value=accepted]").isChecked()), "the chosen status is kept");
  check((await desk.locator(".meta .badge").first().innerText()) === "New", "the correction is still New");
  await axeInbox(desk, "detail with the error");
  const scrollErr = await desk.evaluate(() => document.scrollingElement.scrollWidth);
  check(scrollErr <= 390, `no horizontal scrolling at 390 px with the error (scrollWidth ${scrollErr})`);

  await desk.locator("#published_text").fill(PUBLISHED);
  await desk.locator("#published_on").fill(TODAY);
  const saved = desk.waitForResponse((r) => r.url().endsWith(`/inbox/corrections/${reference}/status`));
  await Promise.all([
    desk.waitForURL((u) => u.pathname === `/inbox/corrections/${reference}`),
    desk.getByRole("button", { name: "Save status" }).click(),
  ]);
  check((await saved).status() === 303, `the accept is saved and redirects to the correction (${(await saved).status()})`);
  await desk.waitForLoadState("load");
  check((await desk.locator("[role=alert]").count()) === 0, "the accept went through, no error");
  check((await desk.locator(".meta .badge").first().innerText()) === "Accepted", "the detail page shows Accepted");
  const notes = await desk.locator("ol.notes li").allInnerTexts();
  const note = `Status: Accepted. Published on ${TODAY}: ${PUBLISHED}`;
  const who = await desk.locator("header.bar form.logout span").innerText();
  check(who.length > 0 && notes.some((n) => n.startsWith(`${who} · `) && n.includes(note)),
    `the notes record the change and who made it (${who}): ${JSON.stringify(notes)}`);
  check((await desk.locator("#published_text").inputValue()) === PUBLISHED && (await desk.locator("#published_on").inputValue()) === TODAY,
    "the form shows what was published, and when");
  await axeInbox(desk, "accepted detail");
  const scrollDone = await desk.evaluate(() => document.scrollingElement.scrollWidth);
  check(scrollDone <= 390, `no horizontal scrolling at 390 px once accepted (scrollWidth ${scrollDone})`);
  await desk.screenshot({ path: path.join(shots, "inbox-detail.png"), fullPage: true });

  // What the widget will read: the public JSON-LD.
  const doc = await (await fetch(`${inbox}/articles/${encodeURIComponent(ARTICLE)}/corrections`)).json();
  check(Array.isArray(doc.correction) && doc.correction.some((c) => c.text === PUBLISHED && c.datePublished === TODAY),
    `GET /articles/${ARTICLE}/corrections lists it (${JSON.stringify(doc.correction)})`);
  check(doc.headline === HEADLINE && doc.url !== SPOOF_URL,
    `its headline and URL are the ones the editor confirmed, not the spoofed ones (${JSON.stringify({ headline: doc.headline, url: doc.url })})`);

  console.log("  the CSV export: the reader's correction once, nothing from the other site");
  // As an editor gets it: the browser downloads it (the inbox's policy allows no fetch).
  const [download] = await Promise.all([
    desk.waitForEvent("download"),
    desk.evaluate(() => { location.href = "/inbox/export.csv"; }),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  const rows = csv.trim().split("\n").slice(1);
  const mine = rows.filter((r) => r.includes("The cost was $212 million, not $221 million."));
  check(mine.length === 1, `the lost answer and the resend are one row (${mine.length})`);
  check(!csv.includes(FOREIGN), "no row from the page on another origin");
  console.log("  logging out");
  const out = desk.waitForResponse((r) => r.url() === `${inbox}/inbox/logout`);
  await desk.getByRole("button", { name: "Log out" }).click();
  const outReply = await out;
  check(outReply.status() === 303, `logging out is accepted (${outReply.status()}: ${outReply.status() === 303 ? "" : await outReply.text()})`);
  await desk.waitForURL((u) => u.pathname === "/inbox/login");
  check(!(await editor.cookies(`${inbox}/inbox`)).some((c) => c.name.endsWith("aw_session")), "logging out removes the session cookie");
  await desk.goto(`${inbox}/inbox/corrections/${reference}`);
  check(new URL(desk.url()).pathname === "/inbox/login", "and the inbox asks for the login again");

  const unexpected = deskProblems.filter((p) => !deskExpected.some((re) => re.test(p)));
  check(unexpected.length === 0, `the inbox pages' console has nothing unexpected${unexpected.length ? ": " + unexpected.join("; ") : ""}`);
}, { needs: [LISTED] });

await scenario("the reader reloads the article: the trust box lists the published correction", async () => {
  // A plain reload, minutes after the first view cached the (then empty) list: browsers
  // revalidate it on every view (published::CACHE_CONTROL, max-age=0 with an ETag), so the
  // correction shows at once.
  const fresh = publishedRead();
  await article.reload();
  await article.waitForSelector(`${W} .aw-author`, { timeout: 15000 });
  const read = await fresh;
  check(read.status() === 200 && (await read.text()).includes(PUBLISHED),
    `a plain reload reads the new list, not the cached one (${read.status()}, Cache-Control: ${read.headers()["cache-control"]})`);
  const item = article.locator(`${W} .aw-corrections li`, { hasText: PUBLISHED });
  const shown = await item.waitFor({ timeout: 15000 }).then(() => true, () => false);
  const items = await article.locator(`${W} .aw-corrections li`).allInnerTexts();
  // The date as the widget writes it (<html lang="en">), for the day the editor gave.
  const day = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${TODAY}T00:00:00Z`));
  check(shown && items.length === 1 && items[0] === `${day}: ${PUBLISHED}`,
    `the trust box lists the published correction, dated ${day} in Los Angeles too: ${JSON.stringify(items)}`);
  check((await article.locator(`${W} .aw-corrections li time`).getAttribute("datetime")) === TODAY, `its <time datetime> is ${TODAY}`);
  await article.locator(`${W} .aw-trust`).screenshot({ path: path.join(shots, "inbox-trust-box.png") });
  await axe(article, "article with the published correction");
  // What the scenario provokes: the reset connection of the first send.
  // (The widget says it could not reach the endpoint, and will retry: the reader sees that too.)
  const provoked = (p) => (/ERR_CONNECTION_RESET/.test(p) && (p.includes(`${inbox}/corrections`) || p.startsWith("error: Failed to load resource")))
    || p === "error: article-widget: could not reach the corrections endpoint: Failed to fetch";
  const unexpected = problems.filter((p) => !provoked(p));
  check(unexpected.length === 0, `the article page's console is clean${unexpected.length ? ": " + unexpected.join("; ") : ""}`);
}, { needs: [ACCEPTED] });

await scenario("the corrections log: the published correction, both feeds announced, axe-clean, no script", async () => {
  // Its CSP allows no script at all: axe is let in by bypassing it (nothing of the page's runs).
  const context = await browser.newContext({ viewport: { width: 390, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const problems = watch(page);
  const answer = await page.goto(`${inbox}/corrections`);
  check(answer.status() === 200, `the log answers 200 (${answer.status()})`);
  const entry = page.locator(".aw-record__entry", { hasText: PUBLISHED });
  check((await entry.count()) === 1, "it lists the published correction");
  check((await entry.locator(".aw-record__kind").innerText()) === "Correction", "as a correction");
  const feeds = await page.locator('link[rel=alternate][type="application/atom+xml"]').count();
  check(feeds === 1, `the site's feed is announced (${feeds})`);
  const article = await page.locator(".aw-record__feed").first().getAttribute("href");
  await page.goto(`${inbox}/corrections?article=${encodeURIComponent(ARTICLE)}`);
  const both = await page.locator('link[rel=alternate][type="application/atom+xml"]').evaluateAll((ls) => ls.map((l) => l.href));
  check(both.length === 2 && both.includes(article), `one article's log announces both feeds: ${JSON.stringify(both)}`);
  check((await page.locator("script").count()) === 0, "the page has no script");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  check(overflow <= 0, `nothing widens the page at 390 px (${overflow})`);
  await page.screenshot({ path: path.join(shots, "corrections-log.png"), fullPage: true });
  await axe(page, "the corrections log");
  clean(problems, "the corrections log");
  await context.close();
}, { needs: [ACCEPTED] });

await reader.close();
await editor.close();
await browser.close();
await finish("inbox");
