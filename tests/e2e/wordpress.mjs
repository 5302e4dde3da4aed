// End-to-end: the WordPress plugin on a real WordPress (Debian's 6.1, PHP 8.2, a throwaway
// MariaDB: scripts/wordpress.sh), installed from the built zip, with the render route
// (aw-render-server) and the corrections inbox (aw-server) running. A post with the reference
// page's shape:
//   - with JavaScript off it is there, prerendered: headline, body with the related teaser, the
//     tags cleaned, the author card without an empty "Languages" heading;
//   - with JavaScript a reader sends a correction from the post's own form; it arrives in the
//     inbox; an editor publishes it; a reload of the post lists it in the trust box;
//   - with the render route stopped, a post not rendered before still shows the widget
//     (client-only, from the article inline in the page);
//   - axe-core finds nothing in the widget, before and after hydration.
//
// Usage: node tests/e2e/wordpress.mjs <install JSON> <inbox origin> <render-server pid>
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { axe, check, clean, finish, launch, root, scenario, shots, watch } from "./lib.mjs";

const [infoArg, inbox, renderPid] = process.argv.slice(2);
if (!infoArg || !inbox || !renderPid) {
  console.error("usage: node tests/e2e/wordpress.mjs <install JSON> <inbox origin> <render-server pid>");
  process.exit(2);
}
const info = JSON.parse(infoArg);
const W = "[data-article-widget]";
const EMAIL = "editor@example.org";
const PASSWORD = "e2e-editor-password-1";
const CORRECTION = "The bridge closure adds eight minutes to the detour, not twelve; the county's map says so.";
const PUBLISHED = "An earlier version said the detour adds twelve minutes; it adds eight.";
const browser = await launch();

/// A page of the site, with the console and uncaught errors recorded.
async function open(url, { scripts = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: scripts });
  // Counts the widget's ready events (its effects, select-to-quote's listener among them, ran).
  await context.addInitScript(() => {
    window.__ready = 0;
    document.addEventListener("article-widget:ready", () => window.__ready++);
  });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url, { waitUntil: "load" });
  return { page, context, problems };
}

const texts = (page, selector) => page.locator(`${W} ${selector}`).allInnerTexts();

/// Runs the site's due scheduled events (the background renders), as WP-Cron would.
const runCron = () => JSON.parse(execFileSync("php", [path.join(root, "integrations/wordpress/tools/cron.php"), info.dir, info.site], { encoding: "utf8" }).trim().split("\n").pop());
/// Every HTTP request WordPress made so far (a mu-plugin logs them), with whether WP-Cron made it.
const httpLog = () => {
  try {
    return readFileSync(info.httpLog, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
};
const renderRoute = (entry) => entry.url.includes("/render?");
/// How many of a cron run's events were the widget's renders.
const renders = (ran) => ran.hooks.filter((h) => h === "article_widget_render").length;
/// How many were posts built and rendered after a save (or a profile or settings change).
const primes = (ran) => ran.hooks.filter((h) => h === "article_widget_prime").length;
/// Changes a post or a user through WordPress's own functions (their hooks run).
const update = (kind, fields) => execFileSync("php", [path.join(root, "integrations/wordpress/tools/update.php"), info.dir, info.site, kind, JSON.stringify(fields)], { encoding: "utf8" });
/// Whether a page (scripts off) holds the prerendered widget, and its shadow root's text.
const prerenderedOn = async (url) => {
  const { page, context } = await open(url, { scripts: false });
  const found = await page.evaluate(() => {
    const host = document.querySelector("[data-article-widget]");
    return {
      host: !!host,
      prerendered: !!host?.shadowRoot?.querySelector("[data-aw-prerendered]"),
      inline: !!host?.querySelector("script[type='application/json']"),
      text: host?.shadowRoot?.textContent ?? "",
    };
  });
  await context.close();
  return found;
};

// A reader's page view never calls the render route: the first view of a post gets the
// client-only widget and queues the render; the render runs in the background (WP-Cron, here
// run by the test), under a lock; the next view gets the prerendered embed.
await scenario("readers never wait on the render route: the render runs in the background", async () => {
  const first = await prerenderedOn(info.post);
  check(first.host && first.inline && !first.prerendered, `the first view: the client-only widget, the article inline (${first.host}, ${first.inline}, ${first.prerendered})`);
  for (const url of [info.beside, info.rich]) await prerenderedOn(url);
  const asked = httpLog().filter(renderRoute);
  check(asked.length === 0, `no page view called the render route (${asked.length} calls)`);
  // The posts were published by the install: each was queued to be rendered then ("prime");
  // the page views queued their embeds too, which the primes rendered first.
  const ran = runCron();
  check(primes(ran) >= 3, `the published posts were rendered in the background (${primes(ran)} of ${ran.ran} events)`);
  const calls = httpLog().filter(renderRoute);
  check(calls.length >= 3 && calls.every((c) => c.cron), `the route was called ${calls.length} times, each by WP-Cron`);
  check(calls.length <= primes(ran), `no embed was rendered twice (${calls.length} calls for ${primes(ran)} posts)`);
  for (const url of [info.post, info.beside, info.rich]) {
    const again = await prerenderedOn(url);
    check(again.prerendered, `the next view of ${url}: prerendered`);
  }
  const left = runCron();
  check(renders(left) === 0 && primes(left) === 0, `nothing is queued once rendered (${JSON.stringify(left.hooks)})`);
});

// Rendered on save: an edit reaches the route in the background, before any reader asks; so
// does a change to the author's profile (their card is in every post of theirs).
await scenario("an edit, and the author's new profile, are rendered before the next reader comes", async () => {
  const before = httpLog().filter(renderRoute).length;
  update("post", { ID: info.secondId, post_content: "<p>The main library opens on Sundays from April, from ten until four.</p>\n\n<p>Volunteers will staff the desk.</p>" });
  const ran = runCron();
  check(primes(ran) === 1, `saving the post queued one render (${JSON.stringify(ran.hooks)})`);
  const view = await prerenderedOn(info.second);
  check(view.prerendered && view.text.includes("from ten until four"), "its first view after the edit is prerendered, with the edit");
  update("user", { ID: info.authorId, description: "Covers the county council, its budgets and its buses. Joined the paper in 2019." });
  const after = runCron();
  check(primes(after) >= 3, `the author's profile queued their newest posts (${primes(after)})`);
  const card = await prerenderedOn(info.second);
  check(card.prerendered && card.text.includes("Joined the paper in 2019"), "the next view is prerendered, with the author's new bio");
  // The background render built each post's embed as the page view does (the same cached key):
  // their views are prerendered and queue nothing (instead of the content, and after it).
  for (const url of [info.post, info.rich, info.beside]) {
    const view = await prerenderedOn(url);
    check(view.prerendered && view.text.includes("Joined the paper in 2019"), `${url}: prerendered, with the new bio`);
  }
  const queued = runCron();
  check(renders(queued) === 0, `and those views queued no render (${JSON.stringify(queued.hooks)})`);
  const calls = httpLog().filter(renderRoute).slice(before);
  check(calls.length >= 2 && calls.every((c) => c.cron), `no page view called the route (${calls.length} calls, each by WP-Cron)`);
});

// The block: on a post beside its own content, with the parts chosen; on a page, another post's
// article; nothing for a post no reader may read.
await scenario("the block shows the parts and the post chosen, and nothing a reader may not read", async () => {
  const { page, context } = await open(info.block, { scripts: false });
  const widgets = await page.locator(W).evaluateAll((els) => els.map((e) => ({ parts: e.dataset.parts ?? "", body: e.dataset.articleBody ?? "" })));
  check(widgets.length === 1, `the block's post has one widget, the block's (${widgets.length})`);
  check(widgets[0]?.parts === "trust author", `with the parts chosen (${widgets[0]?.parts})`);
  check((await page.locator(".entry-content").innerText()).includes("every twenty minutes"), "and the post's own content");
  await context.close();
  const { page: other, context: otherContext } = await open(info.blockPage, { scripts: false });
  const html = await other.content();
  check(!/SECRET-/.test(html), "the private post and the revision the page's blocks ask for are not in the page");
  const shown = await other.locator(W).count();
  check(shown === 1, `one widget: the published post's (${shown})`);
  check((await other.locator(W).getAttribute("data-parts")) === "article trust", "with its article and trust box");
  await otherContext.close();
  // Its embed is rendered in the background like any other: the next view is prerendered.
  runCron();
  const next = await prerenderedOn(info.blockPage);
  check(next.prerendered && next.text.includes("Station Road Bridge"), "the page's next view: the block's widget prerendered");
  // Hydrated, select-to-quote reads the post's own content beside the block.
  const hydrated = await open(info.block);
  await hydrated.page.waitForFunction(() => document.querySelector("[data-article-widget]")?.shadowRoot?.querySelector(".aw-trust"), null, { timeout: 20000 });
  const parts = await hydrated.page.evaluate(() => {
    const root = document.querySelector("[data-article-widget]").shadowRoot;
    return { trust: !!root.querySelector(".aw-trust"), tags: !!root.querySelector(".aw-tags"), author: !!root.querySelector(".aw-author") };
  });
  check(parts.trust && parts.author && !parts.tags, `hydrated: the trust box and the author card, no tags (${JSON.stringify(parts)})`);
  clean(hydrated.problems, "the hydrated post");
  await hydrated.context.close();
});

await scenario("JavaScript off: the post carries the widget, prerendered", async () => {
  const { page, context } = await open(info.post, { scripts: false });
  const prerendered = await page.evaluate(() => !!document.querySelector("[data-article-widget]")?.shadowRoot?.querySelector(".aw-frame[data-aw-prerendered]"));
  check(prerendered, "the widget is in the HTML, in a declarative shadow root");
  const headline = await page.locator(`${W} h1`).innerText();
  check(headline === "Station Road Bridge Stays Closed Until May", `the headline (${headline})`);
  const body = (await texts(page, ".aw-body p")).join(" ");
  check(body.includes("one of its piers had shifted") && body.includes("twelve minutes"), "the body's paragraphs");
  check(!body.includes("alert(1)"), "a script in the post's content is not shown as text or run");
  const related = await texts(page, "aside.aw-related a");
  check(related.length === 1 && related[0] === "County Adds Two Evening Bus Routes", `the related teaser (${JSON.stringify(related)})`);
  const tags = await texts(page, "nav[aria-label='Topics'] a");
  check(JSON.stringify(tags.sort()) === JSON.stringify(["County budgets", "Transport"]), `the tags, blanks and repeats gone (${JSON.stringify(tags)})`);
  const card = await page.locator(`${W} .aw-author`).innerText();
  check(card.includes("Dana Kowalczyk") && card.includes("County government reporter") && card.includes("Lakeshore University") && card.includes("Millbrook"),
    "the author card: name, job title, education, location");
  check(!/languages/i.test(card), "no empty Languages Spoken heading (the author lists none)");
  check(card.includes("County Adds Two Evening Bus Routes"), "recently posted lists the author's other post");
  check(!card.includes("Budget Draft Leaked"), "but not a password-protected post");
  check(await page.locator(`${W} .aw-native > summary`).isVisible(), "the correction form's button is there, without JavaScript");
  await page.screenshot({ path: path.join(shots, "wordpress-nojs.png"), fullPage: true });
  await context.close();
});

let reference = null;
// The editor's scenario publishes the reader's correction: it builds on it.
const REACHED = "with JavaScript: a reader's correction reaches the inbox";
await scenario(REACHED, async () => {
  const { page, context, problems } = await open(info.post);
  await page.waitForFunction(() => document.querySelector("[data-article-widget]")?.hasAttribute("data-aw-mounted"), null, { timeout: 20000 });
  await axe(page, "the post, hydrated", W);
  await page.locator(`${W} .aw-native > summary`).click();
  const field = page.locator(`${W} .aw-native [name=correction]`);
  check(await field.isVisible(), "the press opens the form");
  await field.pressSequentially(CORRECTION, { delay: 5 });
  await page.locator(`${W} .aw-native [name=name]`).fill("R. Reader");
  await axe(page, "the post, form open", W);
  // Sent in place by the form's enhancer (loaded when the form opened).
  await page.waitForSelector(`${W} .aw-native form[data-aw-live]`, { timeout: 15000 });
  const posted = page.waitForResponse((r) => r.url().startsWith(`${inbox}/corrections`) && r.request().method() === "POST");
  await page.locator(`${W} .aw-native button[type=submit]`).click();
  const answer = await posted;
  check(answer.status() === 201, `the inbox answers 201 (${answer.status()})`);
  const thanks = page.locator(`[id^="aw-thanks-"]`);
  await thanks.waitFor({ state: "visible", timeout: 15000 });
  check(page.url() === info.post, `the thank-you is shown on the post, in place (${page.url()})`);
  const csv = execFileSync("sqlite3", [process.env.AW_E2E_INBOX_DB, `SELECT id, article_id, correction FROM corrections WHERE correction = '${CORRECTION.replace(/'/g, "''")}'`], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  check(csv.length === 1, `exactly one row in the inbox (${csv.length})`);
  check(csv[0]?.split("|")[1] === info.articleId, `filed under the post's key (${csv[0]})`);
  reference = csv[0]?.split("|")[0] ?? null;
  clean(problems, "the post");
  await context.close();
});

await scenario("an editor publishes it; a reload of the post lists it", async () => {
  check(reference !== null, "a correction to publish");
  const editor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await editor.newPage();
  await desk.goto(`${inbox}/inbox/login`);
  await desk.locator("#email").fill(EMAIL);
  await desk.locator("#password").fill(PASSWORD);
  await desk.getByRole("button", { name: "Log in" }).click();
  await desk.waitForURL((u) => u.pathname === "/inbox");
  await desk.goto(`${inbox}/inbox/corrections/${reference}`);
  await desk.locator("input[name=status][value=accepted]").check();
  await desk.locator("#published_text").fill(PUBLISHED);
  await desk.locator("#published_on").fill(new Date().toISOString().slice(0, 10));
  await Promise.all([desk.waitForNavigation(), desk.getByRole("button", { name: "Save status" }).click()]);
  check((await desk.locator(".meta .badge").first().innerText()) === "Accepted", "accepted in the inbox");
  await editor.close();

  const { page, context, problems } = await open(info.post);
  await page.waitForFunction(() => document.querySelector("[data-article-widget]")?.hasAttribute("data-aw-mounted"), null, { timeout: 20000 });
  await page.locator(`${W} .aw-trust`).scrollIntoViewIfNeeded();
  const listed = await page.waitForFunction((text) => {
    const root = document.querySelector("[data-article-widget]").shadowRoot;
    return [...root.querySelectorAll(".aw-corrections li")].some((li) => li.textContent.includes(text));
  }, PUBLISHED, { timeout: 15000 }).then(() => true, () => false);
  check(listed, "the trust box lists the published correction");
  await page.locator(`${W} .aw-trust`).screenshot({ path: path.join(shots, "wordpress-published.png") });
  clean(problems, "the post");
  await context.close();
}, { needs: [REACHED] });

// The default placement: the theme shows the post as always; the widget adds its trust box, tags
// and author card after it, and select-to-quote reads the theme's content.
await scenario("the default: the theme's article untouched, the widget's parts after it", async () => {
  const off = await open(info.beside, { scripts: false });
  const seen = await off.page.evaluate((id) => {
    const content = document.querySelector(".entry-content");
    const host = document.getElementById(id);
    const r = host?.shadowRoot;
    return {
      titles: document.querySelectorAll("h1").length, theme: content ? content.querySelectorAll(":scope > ul li, :scope > figure td").length : -1,
      last: content?.lastElementChild === host, headline: r ? r.querySelectorAll(".aw-headline, .aw-body").length : -1,
      trust: !!r?.querySelector(".aw-trust details.aw-native"), author: !!r?.querySelector(".aw-author"), tags: r ? r.querySelectorAll(".aw-tag").length : 0,
    };
  }, `article-widget-${info.besideId}`).catch((e) => ({ error: e.message }));
  check(seen.titles === 1 && seen.theme === 6, `the theme's title once, its list and table whole (${JSON.stringify(seen)})`);
  check(seen.last && seen.headline === 0, "the widget ends the content, with no second headline or body");
  check(seen.trust && seen.author && seen.tags === 2, "its trust box with the correction form, the author card and the tags, without JavaScript");
  await off.context.close();

  const { page, context, problems } = await open(info.beside);
  await page.waitForFunction(() => document.querySelector("[data-article-widget]")?.shadowRoot?.querySelector(".aw-trust"), null, { timeout: 20000 });
  // Select-to-quote is the wasm's: once it has hydrated.
  await page.waitForFunction(() => window.__ready > 0, null, { timeout: 20000 });
  const quote = "asked for a second survey of the eastern bank";
  await page.evaluate((words) => {
    const p = document.querySelector(".entry-content > p");
    const at = p.firstChild.data.indexOf(words);
    const range = document.createRange();
    range.setStart(p.firstChild, at);
    range.setEnd(p.firstChild, at + words.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, quote);
  const suggest = page.locator(`${W} .aw-suggest`);
  await suggest.waitFor({ timeout: 10000 }).catch(() => {});
  check(await suggest.isVisible(), "selecting words in the theme's content offers \"Suggest a correction\"");
  if (await suggest.isVisible()) {
    await suggest.click();
    const field = page.locator(`${W} .aw-native [name=quote]`);
    await page.waitForFunction((w) => document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw-native [name=quote]")?.value === w, quote, { timeout: 10000 }).catch(() => {});
    check((await field.inputValue()) === quote, `the form opens with them as the passage (${await field.inputValue()})`);
  }
  await page.locator(".entry-content").screenshot({ path: path.join(shots, "wordpress-beside.png") });
  await axe(page, "the widget beside the theme's article", W);
  clean(problems, "the post");
  await context.close();
});

// "Instead of the content" loses nothing: a block-editor post with lists, a table, a [caption]
// photo, code and a separator, in the widget, against the theme's own rendering of its twin.
await scenario("instead of the content: every shape and word of a block-editor post, as the theme shows them", async () => {
  const SHAPES = ["li", "ol[start='3']", "li li", "th", "td", "caption, figcaption", "img", "pre", "hr", "sup", "sub", "h2, h3"];
  const count = (root, shapes) => Object.fromEntries(shapes.map((s) => [s, root.querySelectorAll(s).length]));
  const theme = await open(info.richTheme, { scripts: false });
  const want = await theme.page.evaluate(([shapes, counter]) => {
    const content = document.querySelector(".entry-content");
    return { counts: new Function("root", "shapes", `return (${counter})(root, shapes)`)(content, shapes), text: content.innerText };
  }, [SHAPES, count.toString()]);
  await theme.context.close();
  for (const scripts of [false, true]) {
    const { page, context, problems } = await open(info.rich, { scripts });
    if (scripts) await page.waitForFunction(() => window.__ready > 0, null, { timeout: 20000 });
    const got = await page.evaluate(([shapes, counter]) => {
      const body = document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw-body");
      return { counts: new Function("root", "shapes", `return (${counter})(root, shapes)`)(body, shapes), text: body.innerText };
    }, [SHAPES, count.toString()]);
    const how = scripts ? "hydrated" : "JavaScript off";
    const wrong = SHAPES.filter((s) => got.counts[s] !== want.counts[s]).map((s) => `${s}: ${got.counts[s]}, theme ${want.counts[s]}`);
    check(wrong.length === 0, `${how}: every shape the theme shows (${wrong.join("; ") || JSON.stringify(want.counts)})`);
    const words = (t) => t.split(/\s+/).filter(Boolean);
    const have = new Map();
    for (const w of words(got.text)) have.set(w, (have.get(w) || 0) + 1);
    const lost = words(want.text).filter((w) => !((have.get(w) || 0) > 0 && have.set(w, have.get(w) - 1)));
    check(lost.length === 0, `${how}: every word the theme shows (${words(want.text).length} words${lost.length ? "; lost: " + lost.slice(0, 12).join(" ") : ""})`);
    clean(problems, how);
    await context.close();
  }
});

// The shortcode shows only what the visitor may read: never a revision (whose text may have been
// removed on purpose), a draft, a scheduled or a private post — not to a visitor, not to a
// logged-in subscriber. The page's last shortcode asks for a published post: that one shows.
await scenario("the shortcode never shows a revision, draft, scheduled or private post", async () => {
  check(info.revision > 0, `the site has a revision holding removed text (${info.revision})`);
  for (const who of ["a visitor", "a subscriber"]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    if (who === "a subscriber") {
      await page.goto(`${info.site}/wp-login.php`);
      await page.locator("#user_login").fill("reader");
      await page.locator("#user_pass").fill("reader-password-for-tests");
      await Promise.all([page.waitForNavigation(), page.locator("#wp-submit").click()]);
    }
    await page.goto(info.asks);
    const seen = await page.evaluate(() => ({
      // (Prerendered, its headline; client-only, its article's, inline.)
      widgets: [...document.querySelectorAll("[data-article-widget]")].map((w) => w.shadowRoot?.querySelector(".aw-headline")?.textContent
        || JSON.parse(w.querySelector("script[type='application/json']")?.textContent || "{}").headline),
      html: document.documentElement.outerHTML,
    }));
    check(seen.widgets.length === 1 && seen.widgets[0] === "Library Extends Weekend Hours", `${who}: one widget, the published post's (${JSON.stringify(seen.widgets)})`);
    const leaked = ["SECRET-REVISION", "SECRET-DRAFT", "SECRET-SCHEDULED", "SECRET-PRIVATE", "A draft post", "A scheduled post", "A private post"]
      .filter((secret) => seen.html.includes(secret));
    check(leaked.length === 0, `${who}: nothing of them in the page${leaked.length ? ": " + leaked.join(", ") : ""}`);
    await context.close();
  }
});

await scenario("the render route stopped: a post still shows the widget, client-only", async () => {
  process.kill(Number(renderPid));
  // An edit while the route is down: its render fails in the background; readers get the widget.
  update("post", { ID: info.secondId, post_content: "<p>The main library opens on Sundays from April, from ten until four.</p>\n\n<p>Volunteers will staff the desk on Sundays.</p>" });
  const { page, context, problems } = await open(info.second);
  const inline = await page.evaluate(() => {
    const host = document.querySelector("[data-article-widget]");
    return { host: !!host, inline: !!host?.querySelector("script[type='application/json']"), prerendered: !!host?.shadowRoot?.querySelector("[data-aw-prerendered]") };
  });
  check(inline.host && inline.inline, `the element with the article inline (${JSON.stringify(inline)})`);
  await page.waitForSelector(`${W} h1`, { timeout: 20000 });
  const headline = await page.locator(`${W} h1`).innerText();
  check(headline === "Library Extends Weekend Hours", `rendered in the browser (${headline})`);
  await axe(page, "the client-only post", W);
  clean(problems, "the post");
  await context.close();
  // Its render was queued; with the route down it fails, and the failure is kept for editors.
  const ran = runCron();
  check(renders(ran) + primes(ran) >= 1, `the queued render ran (${JSON.stringify(ran.hooks)})`);
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const screen = await admin.newPage();
  await screen.goto(`${info.site}/wp-login.php`);
  await screen.locator("#user_login").fill("admin");
  await screen.locator("#user_pass").fill("admin-password-for-tests");
  await Promise.all([screen.waitForNavigation(), screen.locator("#wp-submit").click()]);
  await screen.goto(`${info.site}/wp-admin/edit.php`);
  const column = await screen.locator("tr", { hasText: "Library Extends Weekend Hours" }).locator("td.column-article_widget").innerText();
  check(/Render failed \(no answer\).*tried again/.test(column), `the post list shows the failure and the retry (${column})`);
  const rendered = await screen.locator("tr", { hasText: "Station Road Bridge Stays Closed" }).locator("td.column-article_widget").innerText();
  check(rendered === "Prerendered", `and the posts rendered before (${rendered})`);
  // The privacy policy guide carries the plugin's suggested text. (Before Site Health, whose
  // page's own loopback checks keep PHP's one-request-at-a-time server busy for a while.)
  await screen.goto(`${info.site}/wp-admin/privacy-policy-guide.php`, { waitUntil: "domcontentloaded" });
  const guide = await screen.locator("body").textContent();
  check(guide.includes("Article Widget") && guide.includes("corrections inbox") && guide.includes("30 days"),
    "Settings → Privacy's policy guide has the plugin's suggested text");
  await screen.goto(`${info.site}/wp-admin/site-health.php`);
  await screen.waitForSelector("text=render route does not answer", { timeout: 30000 }).catch(() => {});
  const health = await screen.locator("body").innerText();
  check(health.includes("render route does not answer"), "Site Health says the render route does not answer");
  await screen.locator("button[aria-controls='health-check-accordion-block-article_widget_render']").click().catch(() => {});
  await screen.screenshot({ path: path.join(shots, "wordpress-site-health.png") });
  check(/Library Extends Weekend Hours: Render failed/.test(await screen.locator("body").innerText()), "and names the post that failed");
  await admin.close();
});

await scenario("the settings page and the profile fields, as an administrator", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await context.newPage();
  await admin.goto(`${info.site}/wp-login.php`);
  await admin.locator("#user_login").fill("admin");
  await admin.locator("#user_pass").fill("admin-password-for-tests");
  await Promise.all([admin.waitForNavigation(), admin.locator("#wp-submit").click()]);
  // The Plugins screen shows the whole description (WordPress reads a header's first line only).
  await admin.goto(`${info.site}/wp-admin/plugins.php`);
  const described = await admin.locator("tr[data-slug='article-widget'] .plugin-description").innerText();
  check(described.trim() === "A Truth and Accuracy box with a correction form, topic tags and an author card for every post.",
    `the Plugins screen's description is whole (${described.trim()})`);
  await admin.goto(`${info.site}/wp-admin/options-general.php?page=article-widget`);
  check((await admin.locator("h1").innerText()).includes("Article widget"), "Settings → Article widget opens");
  await admin.screenshot({ path: path.join(shots, "wordpress-settings.png"), fullPage: true });
  check((await admin.locator("#aw_endpoint").inputValue()) === `${inbox}/corrections`, "it shows the saved endpoint");
  await admin.locator("#aw_theme").selectOption("dark");
  await admin.locator("#aw_standards_url").fill("javascript:alert(1)");
  await Promise.all([admin.waitForNavigation(), admin.locator("#submit").click()]);
  check(await admin.locator("#setting-error-settings_updated").isVisible(), "saving says so");
  check((await admin.locator("#aw_theme").inputValue()) === "dark", "the theme is saved");
  check((await admin.locator("#aw_standards_url").inputValue()) === "", "a javascript: URL is refused");
  // The same form without its nonce: WordPress's Settings API refuses it.
  const forged = await context.request.post(`${info.site}/wp-admin/options.php`, {
    form: { option_page: "article_widget", action: "update", "article_widget_options[theme]": "auto" },
    maxRedirects: 0,
  });
  await admin.reload();
  check(forged.status() >= 400 && (await admin.locator("#aw_theme").inputValue()) === "dark",
    `a post without the nonce changes nothing (${forged.status()})`);
  await admin.goto(`${info.site}/wp-admin/profile.php`);
  for (const id of ["aw_job_title", "aw_education", "aw_location", "aw_languages", "aw_expertise"]) {
    check(await admin.locator(`#${id}`).isVisible(), `the profile screen has ${id}`);
  }
  await context.close();
});

await scenario("a password-protected post: no widget, and nothing of its content, until the password", async () => {
  const { page, context } = await open(info.protected, { scripts: false });
  const html = await page.content();
  check(await page.locator(W).count() === 0, "no widget on the page");
  check(!html.includes("4.2 million"), "the content is not in the page");
  await context.close();
});

await scenario("the article the plugin builds is valid against schema/article.v1.schema.json", async () => {
  const require = createRequire(path.join(root, "tools/package.json"));
  const Ajv2020 = require("ajv/dist/2020").default;
  const validate = new Ajv2020({ allErrors: true, strict: true })
    .compile(JSON.parse(readFileSync(path.join(root, "schema/article.v1.schema.json"), "utf8")));
  for (const url of [info.post, info.second, info.older, info.beside]) {
    const { page, context } = await open(url, { scripts: false });
    const json = await page.evaluate(() => document.querySelector("[data-article-widget] > script[type='application/json']")?.textContent);
    await context.close();
    const article = json ? JSON.parse(json) : null;
    const valid = article !== null && validate(article);
    check(valid, `${url}: valid${valid ? "" : ": " + JSON.stringify(validate.errors)}`);
    if (url === info.post && article) {
      check(article.authors?.[0]?.languages === undefined && article.authors?.[0]?.expertise?.length === 2,
        `the author's lists are the lines they wrote, blank ones dropped (${JSON.stringify(article.authors?.[0]?.expertise)})`);
      // "Instead of the content": the content as the theme prints it, for the widget to read.
      check(article.body === undefined && typeof article.bodyHtml === "string" && article.bodyHtml.includes("<blockquote")
        && !article.bodyHtml.includes("<!-- wp:"), "the post's content is sent as the theme renders it (bodyHtml, blocks rendered)");
    }
  }
});

/// The block editor on one post, as the administrator (its first-run guide dismissed), with
/// its page watched (`watch`).
async function editPost(id) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const editor = await context.newPage();
  const problems = watch(editor);
  await editor.goto(`${info.site}/wp-login.php`);
  await editor.locator("#user_login").fill("admin");
  await editor.locator("#user_pass").fill("admin-password-for-tests");
  await Promise.all([editor.waitForNavigation(), editor.locator("#wp-submit").click()]);
  await editor.goto(`${info.site}/wp-admin/post.php?post=${id}&action=edit`, { waitUntil: "domcontentloaded" });
  await editor.locator(".edit-post-welcome-guide").waitFor({ timeout: 15000 }).then(() => editor.keyboard.press("Escape")).catch(() => {});
  return { context, editor, problems };
}

// One post's placement, in the post editor's sidebar: "Off", saved, and the post has no widget.
await scenario("the post editor's Article widget panel turns the widget off for one post", async () => {
  const { context, editor, problems } = await editPost(info.besideId);
  const toggle = editor.locator(".article-widget-placement button.components-panel__body-toggle");
  await toggle.waitFor({ timeout: 30000 });
  const select = editor.locator(".article-widget-placement select");
  if (!(await select.isVisible())) await toggle.click();
  check((await select.inputValue()) === "", "the panel shows the post following the settings");
  await select.selectOption("off");
  await editor.locator(".edit-post-sidebar").screenshot({ path: path.join(shots, "wordpress-editor-panel.png") }).catch(() => {});
  await editor.locator(".editor-post-publish-button").click();
  await editor.locator(".components-snackbar", { hasText: "updated" }).waitFor({ timeout: 30000 }).catch(() => {});
  await context.close();
  const { page, context: reader } = await open(info.beside, { scripts: false });
  const widgets = await page.locator("[data-article-widget]").count();
  check(widgets === 0, `the post has no widget now (${widgets})`);
  check((await page.locator(".entry-content").innerText()).includes("second survey of the eastern bank"), "and its content as ever");
  await reader.close();
  // WordPress's own editor logs what it likes (deprecations); nothing may go uncaught.
  clean(problems, "the editor", [/^(error|warning): /]);
});

await scenario("the block in the editor: the post and parts in its sidebar, the widget itself as its preview", async () => {
  const { context, editor, problems } = await editPost(info.blockId);
  const block = editor.locator(".wp-block-article-widget-widget");
  await block.waitFor({ timeout: 30000 });
  // The preview is the widget: its shadow root, with the parts chosen.
  await editor.waitForFunction(() => document.querySelector(".article-widget-block-preview [inert] > div")?.shadowRoot?.querySelector(".aw-trust"), null, { timeout: 30000 });
  const preview = await editor.evaluate(() => {
    const root = document.querySelector(".article-widget-block-preview [inert] > div").shadowRoot;
    return { author: !!root.querySelector(".aw-author"), tags: !!root.querySelector(".aw-tags") };
  });
  check(preview.author && !preview.tags, `the preview shows the trust box and the author card, no tags (${JSON.stringify(preview)})`);
  await block.click();
  const tags = editor.locator(".block-editor-block-inspector").getByLabel("Topic tags", { exact: true });
  await tags.waitFor({ timeout: 15000 });
  check(!(await tags.isChecked()), "the block's sidebar shows its parts, Topic tags not ticked");
  await tags.check();
  await editor.waitForFunction(() => document.querySelector(".article-widget-block-preview [inert] > div")?.shadowRoot?.querySelector(".aw-tags"), null, { timeout: 30000 });
  check(true, "ticking Topic tags adds them to the preview");
  await block.scrollIntoViewIfNeeded();
  await editor.screenshot({ path: path.join(shots, "wordpress-block.png") });
  await context.close();
  // WordPress's own editor logs what it likes (deprecations); nothing may go uncaught.
  clean(problems, "the editor", [/^(error|warning): /]);
});

await scenario("the plugin logged nothing", async () => {
  let log = "";
  try {
    log = readFileSync(info.debugLog, "utf8");
  } catch {
    // No log file: nothing was logged.
  }
  const ours = log.split("\n").filter((l) => /article-widget|ArticleWidget/.test(l));
  check(ours.length === 0, `no PHP notice, warning or error from the plugin${ours.length ? ": " + ours.join(" | ") : ""}`);
});

await browser.close();
await finish("wordpress");
