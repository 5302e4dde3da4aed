// article-widget.js: the one script a publisher includes.
//
//   <div data-article-widget data-article-src="…"></div>
//   <script type="module" src="https://cdn.example/article-widget/article-widget.js"></script>
//
// It reserves each widget's space at once (no layout shift while the wasm loads), starts the
// downloads the widget will need in parallel (the wasm, the glue, each widget's article data), and
// starts the widget, whose files it finds next to itself (its own URL, not the page's). It defines
// window.ArticleWidget; until the wasm has started, API calls are queued.
//
// Everything it loads is versioned: the release build (scripts/hash-names.mjs) puts each file's
// content hash in its name and writes those names here, so this file is the only one whose
// contents change under a fixed name, and one copy of it never mixes files from two deploys. It
// also writes the bundle's version below ("<package version>+<hash of the eight names>"; "dev"
// under trunk serve, whose names stay unhashed). One copy runs per page: a later copy of another
// version (a template pointing at another deploy) warns, naming both, and does nothing else; a
// later copy of the same version does nothing, silently.
const version = "dev";
const loader = Symbol.for("article-widget.loader");
const running = window[loader];
if (running) {
  if (running !== version) console.warn(`article-widget: ${running} is already on this page; not starting ${version}`);
} else {
  window[loader] = version;
  const base = import.meta.url;
  const widgets = [...document.querySelectorAll("[data-article-widget]")];
  // A prerendered widget (aw-render, POST /render): the server's markup in a declarative shadow
  // root, readable before any script. A page with one loads the hydrating build (the same widget
  // plus Yew's hydration, which adopts that markup); other pages the smaller client-only build.
  const prerendered = (element) => element.shadowRoot?.querySelector(".aw-frame[data-aw-prerendered]");
  const hydrating = widgets.some(prerendered);
  const [glue, binary] = hydrating
    ? ["article-widget-hydrate.js", "article-widget-hydrate_bg.wasm"]
    : ["article-widget-core.js", "article-widget-core_bg.wasm"];

  const reserved = new CSSStyleSheet();
  reserved.replaceSync(":host{display:block;min-height:100vh}");
  // If the widget cannot load (offline, blocked), give the page its space back rather than leave
  // a blank reserved box. (Prerendered widgets lose their buttons, article-widget-prerendered.js.)
  const failed = (error) => {
    console.error("article-widget: could not load", error);
    for (const element of document.querySelectorAll("[data-article-widget]")) {
      if (element.shadowRoot?.adoptedStyleSheets.includes(reserved)) element.shadowRoot.adoptedStyleSheets = [];
    }
  };
  // Starts the widget (once): the wasm and its glue download in parallel.
  let started;
  const start = () => {
    if (!started) {
      const wasm = fetch(new URL(binary, base));
      // Marked handled: if it fails, the failure reaches `started` below (and is reported once
      // there), not as an unhandled rejection before the glue has asked for it.
      wasm.catch(() => {});
      started = import(new URL(glue, base)).then(async (core) => {
        await core.default({ module_or_path: wasm });
        return core;
      });
      started.catch(failed);
    }
    return started;
  };

  // Prerendered widgets hydrate when due (data-hydrate); the code that schedules them is a
  // module of its own, so pages without one never load it.
  if (hydrating) {
    import(new URL("article-widget-prerendered.js", base)).then(
      ({ schedule }) => widgets.filter(prerendered).forEach((element) => schedule(element, start)),
      failed,
    );
  }
  for (const element of widgets) {
    if (prerendered(element)) continue;
    if (!element.shadowRoot) {
      try {
        element.attachShadow({ mode: "open" }).adoptedStyleSheets = [reserved];
      } catch {
        // Not an element that can host a shadow root: the widget says so when it mounts.
      }
    }
    // Fetch the article of a widget in view while the wasm compiles; the widget's own request is
    // then served from the preload cache. (Widgets far below the fold load theirs when they near
    // the viewport.)
    const src = element.getAttribute("data-article-src");
    const near = element.getBoundingClientRect().top < innerHeight + 800;
    if (src && near && !element.querySelector("script") && !document.querySelector(`link[rel="preload"][href="${CSS.escape(src)}"]`)) {
      const hint = document.createElement("link");
      hint.rel = "preload";
      hint.as = "fetch";
      hint.crossOrigin = "anonymous";
      hint.href = src;
      document.head.append(hint);
    }
  }
  // Client-rendered widgets (or none yet: a page using the JS API) need the widget now; a page
  // whose widgets are all prerendered starts it when the first of them is due.
  if (!widgets.length || !widgets.every(prerendered)) start();

  // The correction form is a bundle of its own, fetched the first time a reader opens it (or
  // hovers, focuses or selects toward it): page views that never open it never pay for it.
  let form;
  window[Symbol.for("article-widget.form")] = (prefetchOnly) => {
    form ||= import(new URL("article-widget-form.js", base)).then(async (module) => {
      await module.default({ module_or_path: new URL("article-widget-form_bg.wasm", base) });
      return window[Symbol.for("article-widget.form-api")];
    });
    if (prefetchOnly) {
      form.catch(() => { form = undefined; });
      return undefined;
    }
    return form.catch((error) => { form = undefined; throw error; });
  };

  if (!window.ArticleWidget) {
    // Calls made before the widget has loaded run once it has; each returns a promise. If the
    // widget cannot load, those promises reject with an Error named "ArticleWidgetLoadError"
    // (documented in docs/embedding.md). They are marked handled, so a page that ignores them gets no
    // "unhandled rejection"; a page that awaits or catches them sees the error.
    const handled = (promise) => { promise.catch(() => {}); return promise; };
    const loadError = (cause) => {
      const error = new Error("article-widget could not load", { cause });
      error.name = "ArticleWidgetLoadError";
      return error;
    };
    const later = (handle, name) => (...args) => handled(handle.then((h) => h[name](...args)));
    // Asking for the API starts the widget (on a page whose widgets are all prerendered and not
    // yet due, it may not have started).
    const ready = () => start().then(() => window.ArticleWidget);
    window.ArticleWidget = {
      get ready() {
        return ready();
      },
      mount(element, config) {
        const handle = handled(ready().then((api) => api.mount(element, config), (e) => { throw loadError(e); }));
        return {
          update: later(handle, "update"),
          setTheme: later(handle, "setTheme"),
          setLocale: later(handle, "setLocale"),
          destroy: later(handle, "destroy"),
        };
      },
    };
  }
}
