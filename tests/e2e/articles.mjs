// Articles as newsrooms write them (issue 29), in headless Chromium: the rich article (every
// block kind, tests/fixtures/rich-blocks.json) client-rendered and prerendered, and a real
// article's own HTML (bodyHtml). What a reader would notice: an embed requests nothing from its
// site until the reader asks, and then loads in place; a footnote reference jumps to its note
// and back inside the shadow root; a wide table scrolls inside the widget on a phone, never the
// page, and takes keyboard focus; axe finds nothing in English or Arabic. (Every shape in all
// three engines: flows.mjs, RENDER_PAGES.)
//
// Usage: node tests/e2e/articles.mjs <pages origin>
import path from "node:path";
import { axe, check, finish, launch, openPage, scenario, shots } from "./lib.mjs";
import { writeRenderPages } from "./flow-pages.mjs";

const [site] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tests/e2e/articles.mjs <pages origin>");
  process.exit(2);
}
writeRenderPages();
const W = "[data-article-widget]";
const browser = await launch();
const third = (url) => !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url) && !url.startsWith("data:");

await scenario("an embed asks nothing of its site until the reader presses, then loads in place", async () => {
  const asked = [];
  const { page, context, problems } = await openPage(browser, `${site}/generated/rich.html`, {
    setup: async (p) => {
      p.on("request", (r) => { if (third(r.url())) asked.push(r.url()); });
      // No live internet: the provider's frame is answered here.
      await p.route(/youtube/, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>video</title><p>video" }));
    },
  });
  await page.locator(`${W} .aw-embed`).scrollIntoViewIfNeeded();
  check(asked.length === 0, `nothing requested from another site before the press (${asked.join(", ")})`);
  const facade = await page.locator(W).evaluate((e) => {
    const f = e.shadowRoot.querySelector(".aw-embed");
    return { text: f.textContent, link: f.querySelector("a.aw-embed__open")?.href, button: !!f.querySelector("button.aw-embed__load") };
  });
  check(/YouTube/.test(facade.text) && facade.link === "https://www.youtube.com/watch?v=ledger0001" && facade.button,
    `the facade names the provider, links to it, offers to show it (${JSON.stringify(facade)})`);
  await page.locator(`${W} .aw-embed__load`).click();
  const frame = await page.locator(`${W} iframe.aw-embed__frame`).getAttribute("src", { timeout: 5000 });
  check(frame === "https://www.youtube-nocookie.com/embed/ledger0001", `the frame loads in place on the press (${frame})`);
  check(asked.some((u) => u.startsWith("https://www.youtube-nocookie.com/embed/ledger0001")), "and only then is the provider asked");
  check(problems.length === 0, `console is clean (${problems.join("; ")})`);
  await context.close();
});

await scenario("where the page's policy allows no frames, the press opens the embed on its site, and the facade says so", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/generated/rich-no-frames.html`);
  await context.route(/youtube/, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>video</title><p>video" }));
  const opened = context.waitForEvent("page", { timeout: 10000 });
  await page.locator(`${W} .aw-embed__load`).click();
  const tab = await opened.catch(() => null);
  check(tab?.url() === "https://www.youtube.com/watch?v=ledger0001", `the provider's page opened in a new tab (${tab?.url()})`);
  await page.locator(`${W} .aw-embed__notice[role=status]`).waitFor({ timeout: 5000 });
  const after = await page.locator(W).evaluate((e) => ({
    frames: e.shadowRoot.querySelectorAll(".aw-body iframe").length,
    notice: e.shadowRoot.querySelector(".aw-embed__notice").textContent,
    link: !!e.shadowRoot.querySelector(".aw-embed a.aw-embed__open"),
  }));
  check(after.frames === 0 && after.link && /opened on YouTube/.test(after.notice), `the facade again, with the link and why (${JSON.stringify(after)})`);
  // (The refusal itself is the browser's report of the page's policy, not a fault of ours.)
  const ours = problems.filter((p) => !/Content Security Policy|frame-src/.test(p));
  check(ours.length === 0, `console is clean (${ours.join("; ")})`);
  await context.close();
});

await scenario("a footnote reference jumps to its note and back, inside the shadow root, by keyboard", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/generated/rich.html`);
  await page.locator(`${W} .aw-note-ref a`).focus();
  await page.keyboard.press("Enter");
  const at = await page.locator(W).evaluate((e) => e.shadowRoot.activeElement?.id);
  check(at === "aw-note-1", `Enter on the reference: focus on the note (${at})`);
  await page.locator(`${W} .aw-notes__back`).focus();
  await page.keyboard.press("Enter");
  const back = await page.locator(W).evaluate((e) => e.shadowRoot.activeElement?.id);
  check(back === "aw-ref-1", `and back: focus on the reference (${back})`);
  check(problems.length === 0, `console is clean (${problems.join("; ")})`);
  await context.close();
});

for (const [name, width] of [["rich", 390], ["article-html", 390], ["rich-prerendered", 390]]) {
  await scenario(`${name} on a phone: tables scroll inside the widget, never the page`, async () => {
    const { page, context, problems } = await openPage(browser, `${site}/generated/${name}.html`, { width, waitFor: `${W} .aw-table` });
    const layout = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - innerWidth,
      regions: [...document.querySelector("[data-article-widget]").shadowRoot.querySelectorAll(".aw-table")]
        .map((r) => ({ fits: r.getBoundingClientRect().right <= innerWidth + 1, named: !!(r.getAttribute("aria-label") || r.getAttribute("aria-labelledby")), focusable: r.tabIndex === 0 })),
    }));
    check(layout.page <= 0, `no horizontal scrolling of the page (${layout.page} px)`);
    check(layout.regions.length > 0 && layout.regions.every((r) => r.fits && r.named && r.focusable),
      `every table in a named, focusable region within the screen (${JSON.stringify(layout.regions)})`);
    check(problems.length === 0, `console is clean (${problems.join("; ")})`);
    await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
    await context.close();
  });
}

for (const [name, label] of [["rich", "English"], ["rich-ar", "Arabic, right to left"], ["rich-prerendered", "prerendered"], ["article-html", "a real article's HTML"]]) {
  await scenario(`axe: a rich article (${label})`, async () => {
    const { page, context, problems } = await openPage(browser, `${site}/generated/${name}.html`, { waitFor: `${W} .aw-body` });
    await axe(page, `${name}`, W);
    check(problems.length === 0, `console is clean (${problems.join("; ")})`);
    if (name === "rich") await page.screenshot({ path: path.join(shots, "rich-1280.png"), fullPage: true });
    await context.close();
  });
}

await scenario("prerendered, without JavaScript: every block is in the HTML, the embed a link", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site}/generated/rich-prerendered.html`, { waitUntil: "load" });
  const seen = await page.locator(W).evaluate((e) => {
    const r = e.shadowRoot;
    const n = (s) => r.querySelectorAll(s).length;
    return { li: n(".aw-list li"), caption: n(".aw-table caption"), code: n("pre.aw-code"), link: n(".aw-embed a.aw-embed__open"), button: n(".aw-embed button:not([hidden])"), notes: n(".aw-notes li") };
  });
  check(seen.li === 8 && seen.caption === 1 && seen.code === 1 && seen.notes === 1, `lists, table, code and notes in the HTML (${JSON.stringify(seen)})`);
  check(seen.link === 1 && seen.button === 0, "the embed is a link, with no button that would do nothing");
  await context.close();
});

await browser.close();
await finish("articles");
