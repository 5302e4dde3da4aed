// End-to-end: the release bundle in dist/, served by aw-server --dev on 127.0.0.1, opened in headless
// Chromium (Debian's, driven by playwright-core). Checks what a reader gets on the two demo pages
// at desktop and phone widths, that the console stays clean, and runs axe-core on each.
// Screenshots go to target/screenshots/ for people to look at.
//
// Usage: node tests/e2e/e2e.mjs <dist origin>     (scripts/test.sh starts the server)
import path from "node:path";
import { axe, check, finish, scenario, launch, openPage, shots } from "./lib.mjs";

const origin = process.argv[2];
if (!origin) {
  console.error("usage: node tests/e2e/e2e.mjs <origin of the server serving dist/>");
  process.exit(2);
}
const browser = await launch();
const visible = (page, selector) => page.locator(selector).first().isVisible();

for (const width of [1280, 390]) {
  await scenario(`demo page at ${width}px`, async () => {
    const { page, context, problems } = await openPage(browser, `${origin}/index.html`, { width });
    const headline = await page.locator("[data-article-widget] h1").innerText();
    check(headline.startsWith("Tidal Barrier Holds"), `headline is shown: "${headline}"`);
    check(await visible(page, ".aw-author"), "author card is visible");
    check((await page.locator(".aw-author").innerText()).includes("Marisol Quenneville"), "author card names the author");
    check(!(await page.locator(".aw-author").innerText()).toLowerCase().includes("languages"), "no empty Languages heading");
    const tags = await page.locator("nav[aria-label='Topics'] a").allInnerTexts();
    check(JSON.stringify(tags) === JSON.stringify(["Coastal engineering", "Flood defence", "City budget", "Port Ardley"]),
      `tags are cleaned: ${JSON.stringify(tags)}`);
    check(await visible(page, "aside.aw-related"), "related-article teaser is visible");
    check(await visible(page, ".aw-trust .aw-native > summary"), "Submit a correction button is visible");
    // The author photo loads (lazily, once scrolled near) and is not the initials fallback.
    await page.locator(".aw-author").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector("[data-article-widget]").shadowRoot.querySelector("img.aw-avatar");
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 10000 }).then(() => check(true, "author photo loads"), () => check(false, "author photo loads"));
    // The data says "img/author.svg", relative to demo/article.json where it came from (issue 10):
    // the photo is demo/img/author.svg, not img/author.svg next to the page.
    const photo = await page.evaluate(() => document.querySelector("[data-article-widget]").shadowRoot.querySelector("img.aw-avatar").src);
    check(photo === new URL("demo/img/author.svg", page.url()).href, `the photo's URL is resolved against the JSON's URL (${photo})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await page.screenshot({ path: path.join(shots, `demo-${width}.png`), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, `demo-${width}-top.png`) });
    await page.locator(".aw-footer").screenshot({ path: path.join(shots, `demo-${width}-footer.png`) });
    await axe(page, `demo ${width}px`);
    check(problems.length === 0, `console is clean${problems.length ? ": " + problems.join("; ") : ""}`);
    await context.close();
  });
}

await scenario("JSON-LD demo page at 1280px", async () => {
  const { page, context, problems } = await openPage(browser, `${origin}/demo/jsonld.html`);
  const headline = await page.locator("[data-article-widget] h1").innerText();
  check(headline.startsWith("Harbour Ferry Returns"), `headline from JSON-LD: "${headline}"`);
  const card = await page.locator(".aw-author").innerText();
  check(card.includes("Priya Elwood") && card.includes("English") && card.includes("French"), "author card from the @graph Person, languages by name");
  check(await visible(page, ".aw-avatar--initials"), "author without a photo shows initials");
  check((await page.locator("nav[aria-label='Topics'] a").count()) === 2, "JSON-LD keywords cleaned to two tags");
  await page.screenshot({ path: path.join(shots, "jsonld-1280.png"), fullPage: true });
  await axe(page, "JSON-LD demo");
  check(problems.length === 0, `console is clean${problems.length ? ": " + problems.join("; ") : ""}`);
  await context.close();
});

await browser.close();
await finish("demo end-to-end");
