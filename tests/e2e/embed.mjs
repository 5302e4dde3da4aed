// End-to-end for embedding: the release bundle served from one origin (like a CDN), publisher
// pages (tests/e2e/pages/) from another, both by aw-server --dev on 127.0.0.1, in headless Chromium.
// Hostile CSS, a widget added after load, zero-config JSON-LD in <head>, a strict CSP, Arabic,
// the JS API (update, theme, locale, destroy), tag-click, lazy rendering, layout shift, axe
// in light, dark and right-to-left, and versioned deploys (hashed file names; two loader tags of
// the same or of different versions on one page).
//
// Usage: node tests/e2e/embed.mjs <pages origin>    (scripts/test.sh starts both servers)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { axe, check, clean, finish, scenario, launch, openPage, root, shots, watch } from "./lib.mjs";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tests/e2e/embed.mjs <origin serving tests/e2e/pages with CDN set>");
  process.exit(2);
}
const browser = await launch();
const HEADLINE = "Council Approves the Harbour Walk Extension";

// Computed styles a reader would notice, read inside widget #w1's shadow root.
async function widgetStyles(page) {
  return page.evaluate(() => {
    const root = document.getElementById("w1").shadowRoot;
    const pick = (selector, props) => {
      const el = root.querySelector(selector);
      if (!el) return `${selector}: missing`;
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    return {
      root: pick(".aw", ["text-align", "line-height", "letter-spacing", "text-transform", "color"]),
      headline: pick("h1", ["font-size", "font-family", "color", "margin-bottom"]),
      paragraph: pick(".aw-body p", ["font-size", "color", "margin-bottom"]),
      tag: pick("a.aw-tag", ["display", "padding-top"]),
      button: pick(".aw-button", ["padding-top", "background-color", "cursor"]),
      articleHeight: Math.round(root.querySelector(".aw-article").getBoundingClientRect().height),
    };
  });
}

await scenario("hostile host CSS changes nothing inside; the widget's CSS changes nothing outside", async () => {
  const a = await openPage(browser, `${site}/clean.html`, { waitFor: "#w1 .aw-author" });
  const expected = await widgetStyles(a.page);
  await a.context.close();
  const b = await openPage(browser, `${site}/hostile.html`, { waitFor: "#w2 .aw-author" });
  await b.page.waitForSelector("#w1 .aw-author");
  const actual = await widgetStyles(b.page);
  for (const key of Object.keys(expected)) {
    check(JSON.stringify(actual[key]) === JSON.stringify(expected[key]),
      `${key} identical on the hostile page${JSON.stringify(actual[key]) === JSON.stringify(expected[key]) ? "" : `: ${JSON.stringify(actual[key])} vs ${JSON.stringify(expected[key])}`}`);
  }
  const host = await b.page.evaluate(() => ({
    p: getComputedStyle(document.getElementById("host-p")).color,
    a: getComputedStyle(document.getElementById("host-a")).display,
    h1: getComputedStyle(document.getElementById("host-h1")).fontSize,
  }));
  check(host.p === "rgb(255, 0, 0)" && host.a === "none" && host.h1 === "9px",
    `host page elements keep the host's own styles: ${JSON.stringify(host)}`);
  const themes = await b.page.evaluate(() => ["w1", "w2"].map((id) => document.getElementById(id).shadowRoot.querySelector(".aw").dataset.theme));
  check(themes.join() === "light,dark", `two independent instances (themes ${themes.join(", ")})`);
  await b.page.screenshot({ path: path.join(shots, "embed-hostile.png"), fullPage: true });
  clean(b.problems, "hostile page");
  await b.context.close();
});

await scenario("the bundle cannot load: the reserved space is given back", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route("**/article-widget-core-*_bg.wasm", (route) => route.abort());
  const problems = watch(page);
  await page.goto(`${site}/clean.html`);
  const released = await page.waitForFunction(
    () => document.getElementById("w1").getBoundingClientRect().height === 0, null, { timeout: 10000 },
  ).then(() => true, () => false);
  check(released, "no blank reserved box is left behind");
  check(problems.some((e) => e.includes("article-widget: could not load")), "the failure is logged");
  // The refused bundle is logged (console errors, provoked); nothing may go uncaught.
  clean(problems, "a bundle that cannot load", [/^error: /]);
  await context.close();
});

await scenario("a widget added after load is mounted; removing it tears it down", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/late.html`, { waitFor: null });
  await page.waitForFunction(() => window.ArticleWidget && typeof window.ArticleWidget.mount === "function");
  await page.evaluate(() => {
    const d = document.createElement("section");
    d.innerHTML = '<div id="late" data-article-widget data-article-src="/article.json"></div>';
    document.getElementById("main").append(d);
  });
  await page.waitForSelector("#late h1", { timeout: 10000 });
  check((await page.locator("#late h1").innerText()) === HEADLINE, "late widget renders its article");
  await page.evaluate(() => { window.__late = document.getElementById("late"); window.__late.parentElement.remove(); });
  const torn = await page.waitForFunction(
    () => window.__late.shadowRoot.childNodes.length === 0 && !window.__late.hasAttribute("data-aw-mounted"),
    null, { timeout: 5000 }).then(() => true, () => false);
  check(torn, "removed widget is torn down (shadow root emptied, unmarked)");
  clean(problems, "late page");
  await context.close();
});

await scenario("zero-config: the page's own JSON-LD in <head>", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/yoast.html`);
  check((await page.locator("[data-article-widget] h1").innerText()) === "Zero-Config Article from the Page\u2019s JSON-LD",
    "headline read from the head's Yoast @graph");
  const card = await page.locator(".aw-author").innerText();
  check(card.includes("Yuki Tanabe") && card.includes("Japanese"), "author resolved through @id, languages by name");
  clean(problems, "Yoast page");
  await context.close();
});

await scenario("strict Content Security Policy: render, a selection, Suggest a correction, the form", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/csp.html`, {
    init: () => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    },
  });
  check((await page.locator("[data-article-widget] h1").innerText()) === HEADLINE, "widget renders under the strict CSP");
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw-button")).backgroundColor);
  check(styled === "rgb(163, 22, 26)", `styles apply under the CSP (button ${styled})`);
  // A selection in the article, "Suggest a correction" placed next to it, and the form opened.
  await page.locator("[data-article-widget] .aw-body p").first().selectText();
  const suggest = page.locator("[data-article-widget] button.aw-suggest");
  await suggest.waitFor();
  // Its place is set through CSSOM (a blocked style attribute would leave these empty).
  const placed = await suggest.evaluate((b) => ({ top: b.style.top, start: b.style.getPropertyValue("inset-inline-start") }));
  check(/^\d+px$/.test(placed.top) && /^\d+px$/.test(placed.start),
    `the selection button is placed next to the selection under the CSP (${JSON.stringify(placed)})`);
  await suggest.click();
  await page.waitForSelector("[data-article-widget] .aw-native form[data-aw-live]");
  await page.locator("[data-article-widget] .aw-native [name=correction]").fill("A correction typed under a strict CSP.");
  const violations = await page.evaluate(() => window.__csp);
  check(violations.length === 0, `no CSP violations${violations.length ? ": " + violations.join("; ") : ""}`);
  clean(problems, "CSP page");
  await context.close();
});

await scenario("Arabic page: right to left, Arabic strings", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/arabic.html`);
  const root = await page.evaluate(() => {
    const aw = document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw");
    return { dir: aw.getAttribute("dir"), lang: aw.getAttribute("lang"), direction: getComputedStyle(aw).direction };
  });
  check(root.dir === "rtl" && root.lang === "ar" && root.direction === "rtl", `widget is rtl: ${JSON.stringify(root)}`);
  check((await page.locator(".aw-trust h2").innerText()) === "الحقيقة والدقة", "trust box heading in Arabic");
  await page.screenshot({ path: path.join(shots, "embed-arabic.png"), fullPage: true });
  await axe(page, "RTL (Arabic)");
  clean(problems, "Arabic page");
  await context.close();
});

await scenario("dark theme", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/dark.html`);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("[data-article-widget]").shadowRoot.querySelector(".aw")).backgroundColor);
  check(bg === "rgb(20, 20, 20)", `dark surface (${bg})`);
  await page.screenshot({ path: path.join(shots, "embed-dark.png"), fullPage: true });
  await axe(page, "dark theme");
  clean(problems, "dark page");
  await context.close();
});

await scenario("light theme (axe) and layout shift", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/cls.html`, {
    init: () => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    },
  });
  // Let the browser report any shift caused by the final render.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const cls = await page.evaluate(() => window.__cls);
  console.log(`        cumulative layout shift: ${cls.toFixed(4)}`);
  check(cls <= 0.1, `CLS ${cls.toFixed(4)} ≤ 0.1`);
  await axe(page, "light theme");
  clean(problems, "CLS page");
  await context.close();
});

await scenario("JS API: mount, events, update, setTheme, setLocale, tag-click, destroy", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/api.html`, {
    waitFor: null,
    init: () => {
      window.__events = [];
      for (const name of ["ready", "error", "tag-click"]) {
        document.addEventListener(`article-widget:${name}`, (e) => {
          window.__events.push({ name, detail: e.detail, composed: e.composed, bubbles: e.bubbles });
          if (name === "tag-click") e.preventDefault();
        });
      }
      // Record every fetch's signal, to check destroy() aborts what is in flight.
      const fetch = window.fetch;
      window.__signals = [];
      window.fetch = (input, init) => { if (init && init.signal) window.__signals.push(init.signal); return fetch(input, init); };
    },
  });
  await page.waitForFunction(() => window.ArticleWidget && window.ArticleWidget.mount);

  // A request that never answers, then destroy(): nothing may stay in flight.
  await page.evaluate(() => { window.__h0 = ArticleWidget.mount(document.getElementById("app"), { articleSrc: "/__hang" }); });
  await page.waitForFunction(() => window.__signals.length > 0);
  await page.evaluate(() => window.__h0.destroy());
  const afterDestroy = await page.waitForFunction(() => {
    const app = document.getElementById("app");
    return window.__signals.every((s) => s.aborted) && app.shadowRoot.childNodes.length === 0 && !app.hasAttribute("data-aw-mounted");
  }, null, { timeout: 5000 }).then(() => true, () => false);
  check(afterDestroy, "destroy() aborts the in-flight request, empties the shadow root, unmarks the element");

  await page.evaluate(() => {
    window.__h = ArticleWidget.mount(document.getElementById("app"), {
      theme: "dark",
      tagUrl: "/t/{slug}",
      article: { headline: "API Article", tags: ["One", "Two"], authors: [{ name: "Ana Api" }] },
    });
  });
  await page.waitForSelector("#app h1");
  check((await page.locator("#app h1").innerText()) === "API Article", "mount(element, { article }) renders");
  const ready = await page.evaluate(() => window.__events.find((e) => e.name === "ready"));
  check(ready && ready.bubbles && ready.composed && ready.detail.headline === "API Article",
    `article-widget:ready bubbles, is composed, carries the headline (${JSON.stringify(ready)})`);

  // Waits that end in a check: a timeout is a failed check, not a crash.
  const becomes = (fn) => page.waitForFunction(fn, null, { timeout: 5000 }).then(() => true, () => false);
  await page.evaluate(() => window.__h.update({ headline: "Updated Headline", tags: ["One", "Two"] }));
  check(await becomes(() => document.getElementById("app").shadowRoot.querySelector("h1")?.textContent === "Updated Headline"),
    "update(article) replaces the article");
  await page.evaluate(() => window.__h.setTheme("light"));
  check(await becomes(() => document.getElementById("app").shadowRoot.querySelector(".aw").dataset.theme === "light"),
    "setTheme('light')");
  // "auto" follows the reader's colour scheme, live.
  const surface = () => page.evaluate(() => getComputedStyle(document.getElementById("app").shadowRoot.querySelector(".aw")).backgroundColor);
  await page.evaluate(() => window.__h.setTheme("auto"));
  await becomes(() => document.getElementById("app").shadowRoot.querySelector(".aw").dataset.theme === "auto");
  await page.emulateMedia({ colorScheme: "dark" });
  const darkBg = await surface();
  await page.emulateMedia({ colorScheme: "light" });
  const lightBg = await surface();
  check(darkBg === "rgb(20, 20, 20)" && lightBg === "rgb(255, 255, 255)", `setTheme('auto') follows prefers-color-scheme live (${darkBg} / ${lightBg})`);
  await page.evaluate(() => window.__h.setLocale("es"));
  check(await becomes(() => document.getElementById("app").shadowRoot.querySelector(".aw-trust h2")?.textContent === "Veracidad y precisión"),
    "setLocale('es') translates the widget");

  const before = page.url();
  await page.locator("#app a.aw-tag").first().click();
  const tagClick = await page.evaluate(() => window.__events.find((e) => e.name === "tag-click"));
  check(page.url() === before, "tag-click preventDefault() keeps the page where it is");
  check(tagClick && tagClick.detail.slug === "one" && tagClick.detail.url === "/t/one", `tag-click detail ${JSON.stringify(tagClick && tagClick.detail)}`);

  await page.evaluate(() => { window.__h.destroy(); window.__h.update({ headline: "Ignored" }); });
  const gone = await page.evaluate(() => document.getElementById("app").shadowRoot.childNodes.length);
  check(gone === 0, "destroy() removes the widget; later calls do nothing");
  // The hanging request was aborted by destroy(), as it should be: not a problem.
  clean(problems.filter((p) => !p.includes("/__hang")), "API page");
  await context.close();
});

await scenario("JS API: an article that cannot load fires error; an uncancelled tag-click navigates", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/api.html`, {
    waitFor: null,
    init: () => {
      window.__events = [];
      for (const name of ["ready", "error", "tag-click"]) {
        document.addEventListener(`article-widget:${name}`, (e) => {
          window.__events.push({ name, detail: e.detail });
          sessionStorage.setItem("aw-last-event", name);
        });
      }
    },
  });
  await page.waitForFunction(() => window.ArticleWidget && window.ArticleWidget.mount);
  await page.evaluate(() => { window.__h = ArticleWidget.mount(document.getElementById("app"), { articleSrc: "/__status/404" }); });
  await page.waitForSelector("#app .aw-error");
  const error = await page.evaluate(() => window.__events.find((e) => e.name === "error"));
  check(error && /404/.test(error.detail.error),
    `article-widget:error fires with the cause (${JSON.stringify(error && error.detail)})`);
  check((await page.evaluate(() => window.__events.filter((e) => e.name === "error").length)) === 1, "error fires once");
  await page.evaluate(() => window.__h.destroy());
  await page.evaluate(() => {
    window.__h = ArticleWidget.mount(document.getElementById("app"), { tagUrl: "/t/{slug}", article: { headline: "Tagged", tags: ["One"] } });
  });
  await page.waitForSelector("#app a.aw-tag");
  await Promise.all([page.waitForURL(/\/t\/one$/), page.locator("#app a.aw-tag").first().click()]);
  check(page.url().endsWith("/t/one"), `a tag-click nobody cancels follows the tag link (${page.url()})`);
  check((await page.evaluate(() => sessionStorage.getItem("aw-last-event"))) === "tag-click", "after firing tag-click");
  clean(problems.filter((p) => !/404/.test(p)), "error and navigation page");
  await context.close();
});

await scenario("the byline's author link scrolls to the card without changing the page's hash", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/clean.html`, { width: 390 });
  await page.evaluate(() => { window.__hashchanges = 0; addEventListener("hashchange", () => window.__hashchanges++); });
  await page.locator("#w1 a.aw-byline__name").first().click();
  const after = await page.evaluate(() => {
    const root = document.getElementById("w1").shadowRoot;
    const card = root.querySelector(".aw-author");
    const r = card.getBoundingClientRect();
    return { hash: location.hash, changes: window.__hashchanges, top: r.top, focused: root.activeElement === card };
  });
  check(after.hash === "" && after.changes === 0, `the host page's hash is untouched (${JSON.stringify(after.hash)})`);
  check(after.top >= 0 && after.top < 900 && after.focused, `the author card is scrolled to and focused (${JSON.stringify(after)})`);
  clean(problems, "byline page");
  await context.close();
});

await scenario("a data-article-src that hangs or is huge: the error box and the error event, never a skeleton forever", async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("article-widget:error", (e) => window.__errors.push(e.detail.error));
  });
  await page.route("**/huge.json", (route) => route.fulfill({
    contentType: "application/json",
    body: JSON.stringify({ version: 1, headline: "Huge", body: ["x".repeat(6 * 1024 * 1024)] }),
  }));
  await page.goto(`${site}/api.html`);
  await page.waitForFunction(() => window.ArticleWidget && window.ArticleWidget.mount);
  await page.evaluate(() => {
    const add = (id) => { const d = document.createElement("div"); d.id = id; document.querySelector("main").append(d); return d; };
    ArticleWidget.mount(add("hang"), { articleSrc: "/__hang", loading: "eager" });
    ArticleWidget.mount(add("huge"), { articleSrc: "/huge.json", loading: "eager" });
  });
  await page.waitForSelector("#huge .aw-error");
  check((await page.evaluate(() => window.__errors.some((e) => /larger than the 5 MiB/.test(e)))),
    "a document over 5 MiB is refused before parsing, with the cause in the error event");
  check((await page.locator("#hang .aw-error").count()) === 0, "a slow source is still loading before the limit");
  await page.clock.fastForward(31000);
  await page.waitForSelector("#hang .aw-error");
  check((await page.evaluate(() => window.__errors.some((e) => /no complete answer within 30 s/.test(e)))),
    "a source that never answers shows the error box and fires error after 30 s");
  // The refused sources are logged (console errors, provoked); nothing may go uncaught.
  clean(problems, "a source that hangs, a source too large", [/^error: /]);
  await context.close();
});

await scenario("long unbroken strings wrap at 390 px: headline, tag, author, link", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/api.html`, { width: 390, waitFor: null });
  await page.waitForFunction(() => window.ArticleWidget && window.ArticleWidget.mount);
  await page.evaluate(() => {
    const long = (c) => c.repeat(300);
    ArticleWidget.mount(document.getElementById("app"), {
      article: {
        headline: long("H"),
        body: [{ type: "paragraph", content: [{ text: long("x"), href: `https://example.org/${long("p")}` }] }],
        tags: [long("T"), "Short"],
        authors: [{ name: long("N"), bio: long("b") }],
      },
    });
  });
  await page.waitForSelector("#app .aw-author");
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - innerWidth,
    widget: Math.ceil(document.getElementById("app").getBoundingClientRect().right - innerWidth),
  }));
  check(widths.page <= 0 && widths.widget <= 0, `nothing widens the page at 390 px (${JSON.stringify(widths)})`);
  await page.screenshot({ path: path.join(shots, "embed-long-strings-390.png"), fullPage: true });
  clean(problems, "long strings page");
  await context.close();
});

await scenario("list page: 20 instances, below-the-fold ones render when near the viewport", async () => {
  const { page, context, problems } = await openPage(browser, `${site}/list.html`, { waitFor: null });
  await page.waitForFunction(() => window.ArticleWidget && window.ArticleWidget.mount);
  await page.evaluate(() => {
    const list = document.getElementById("list");
    for (let i = 0; i < 20; i++) {
      const d = document.createElement("div");
      d.id = `item${i}`;
      d.setAttribute("data-article-widget", "");
      d.setAttribute("data-article-src", "/article.json");
      list.append(d);
    }
  });
  await page.waitForSelector("#item0 h1");
  const last = await page.evaluate(() => {
    const root = document.getElementById("item19").shadowRoot;
    return { h1: !!root.querySelector("h1"), skeleton: !!root.querySelector(".aw-skeleton") };
  });
  check(!last.h1 && last.skeleton, `far-below instance waits as a skeleton (${JSON.stringify(last)})`);
  await page.locator("#item19").scrollIntoViewIfNeeded();
  const rendered = await page.waitForSelector("#item19 h1", { timeout: 10000 }).then(() => true, () => false);
  check(rendered, "it renders once scrolled near");
  clean(problems, "list page");
  await context.close();
});

await scenario("versioned deploys: every file the loader loads has a content-hashed name, named in the loader", async () => {
  const dist = path.join(root, "dist");
  const files = readdirSync(dist).filter((f) => f.startsWith("article-widget"));
  // The widget and the hydrating widget (glue and wasm each), and the loader's two modules: the
  // prerendered widgets' scheduler and the correction form's enhancer.
  const hashed = files.filter((f) => /^article-widget-((core|hydrate)-[0-9a-f]{10}(_bg\.wasm|\.js)|(prerendered|native)-[0-9a-f]{10}\.js)$/.test(f));
  check(hashed.length === 6 && files.length === 7 && files.includes("article-widget.js"),
    `dist/ holds the loader and six hashed files (${files.join(", ")})`);
  const wrong = hashed.filter((f) => f.match(/-([0-9a-f]{10})(_bg\.wasm|\.js)$/)[1] !==
    createHash("sha256").update(readFileSync(path.join(dist, f))).digest("hex").slice(0, 10));
  check(wrong.length === 0, `each name's hash is its content's (SHA-256)${wrong.length ? ": not " + wrong.join(", ") : ""}`);
  const loader = readFileSync(path.join(dist, "article-widget.js"), "utf8");
  const named = [...new Set(loader.match(/article-widget-[\w-]+\.(js|wasm)/g))].sort();
  check(JSON.stringify(named) === JSON.stringify([...hashed].sort()), `the loader names exactly those (${named.join(", ")})`);
  const version = loader.match(/"(\d+\.\d+\.\d+\+[0-9a-f]{10})"/)?.[1];
  check(!!version, `the loader carries the bundle's version (${version})`);

  // Records what a page downloads of the bundle (path and query), and its article-widget:ready events.
  let fetched;
  const watch = (page) => {
    fetched = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.includes("article-widget")) fetched.push(url.pathname + url.search);
    });
  };
  const countReady = () => {
    window.__ready = 0;
    document.addEventListener("article-widget:ready", () => window.__ready++);
  };
  // Once the widget has rendered, both loaders have run (module scripts run before `load`).
  const settled = (page) => page.evaluate(async () => {
    await window.ArticleWidget.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {
      ready: window.__ready,
      instances: document.getElementById("w1").shadowRoot.querySelectorAll(".aw").length,
      loader: window[Symbol.for("article-widget.loader")],
    };
  });

  console.log("the loader twice, same version (the same URL twice, and once more under ?again): one start, silent");
  {
    const { page, context, problems } = await openPage(browser, `${site}/same-version.html`, { init: countReady, setup: watch });
    const state = await settled(page);
    check(fetched.filter((u) => u.startsWith("/article-widget.js")).sort().join() === "/article-widget.js,/article-widget.js?again",
      `the same URL is one module, the other URL a second copy (${fetched.join(", ")})`);
    check(fetched.filter((u) => u.endsWith("_bg.wasm")).length === 1 && fetched.filter((u) => /core-\w+\.js$/.test(u)).length === 1,
      "the widget's wasm and glue are downloaded once");
    check(state.ready === 1 && state.instances === 1 && state.loader === version,
      `the widget starts once (${JSON.stringify(state)})`);
    clean(problems, "same-version page");
    await context.close();
  }

  // Another deploy's loader: the current one with another version and other hashed names, served
  // under /previous/ (and that deploy's files there too, as a CDN keeps them).
  const previous = "0.0.9+0123456789";
  const previousName = (name) => name.replace(/-[0-9a-f]{10}(?=_bg\.wasm$|\.js$)/, "-0123456789");
  const servePrevious = (page) => page.route("**/previous/*", async (route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.split("/").pop();
    const real = name === "article-widget.js" ? name : hashed.find((f) => previousName(f) === name);
    if (!real) return route.fulfill({ status: 404, headers: { "access-control-allow-origin": site } });
    const response = await route.fetch({ url: `${url.origin}/${real}` });
    let body = await response.body();
    if (real === "article-widget.js") {
      body = hashed.reduce((text, f) => text.replaceAll(f, previousName(f)), body.toString()).replace(`"${version}"`, `"${previous}"`);
    }
    await route.fulfill({ body, headers: { "content-type": response.headers()["content-type"], "access-control-allow-origin": site } });
  });
  const warned = (problems) => problems.filter((p) => p.startsWith("warning: article-widget:"));

  for (const [page_, first, second] of [
    ["two-versions.html", version, previous],
    ["two-versions-previous-first.html", previous, version],
  ]) {
    console.log(`two loader versions, ${first} first: it wins, ${second} warns and loads nothing`);
    const { page, context, problems } = await openPage(browser, `${site}/${page_}`, {
      init: countReady,
      setup: async (p) => { await servePrevious(p); watch(p); },
    });
    const state = await settled(page);
    const ours = (u) => u.startsWith(first === previous ? "/previous/" : "/article-widget");
    check(fetched.filter((u) => u.endsWith("_bg.wasm")).length === 1 && fetched.filter((u) => !u.endsWith("/article-widget.js")).every(ours),
      `one set of files, the first loader's (${fetched.join(", ")})`);
    check(state.ready === 1 && state.instances === 1 && state.loader === first, `the widget starts once (${JSON.stringify(state)})`);
    const warnings = warned(problems);
    check(warnings.length === 1 && warnings[0].includes(first) && warnings[0].includes(second),
      `one console warning naming both versions (${warnings.join("; ")})`);
    clean(problems.filter((p) => !warnings.includes(p)), `${page_}: otherwise the console`);
    await context.close();
  }
});

await browser.close();
await finish("embedding end-to-end");
