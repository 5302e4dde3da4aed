// @ts-check
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
// also writes the bundle's version below ("<package version>+<hash of the six names>"; "dev"
// under trunk serve, whose names stay unhashed). One copy runs per page: a later copy of another
// version (a template pointing at another deploy) warns, naming both, and does nothing else; a
// later copy of the same version does nothing, silently.
import { ATTR, CLASS } from "./article-widget-names.js";
const version = "dev";
const loader = Symbol.for("article-widget.loader");
const running = window[loader];
if (running) {
  if (running !== version) console.warn(`article-widget: ${running} is already on this page; not starting ${version}`);
} else {
  window[loader] = version;
  const base = import.meta.url;
  const widgets = /** @type {HTMLElement[]} */ ([...document.querySelectorAll(`[${ATTR.widget}]`)]);
  // A prerendered widget (aw-render, POST /render): the server's markup in a declarative shadow
  // root, readable before any script. A page with one loads the hydrating build (the same widget
  // plus Yew's hydration, which adopts that markup); other pages the smaller client-only build.
  /** @param {Element} element */
  const prerendered = (element) => element.shadowRoot?.querySelector(`.${CLASS.frame}[${ATTR.prerendered}]`);
  const hydrating = widgets.some(prerendered);
  const [glue, binary] = hydrating
    ? ["article-widget-hydrate.js", "article-widget-hydrate_bg.wasm"]
    : ["article-widget-core.js", "article-widget-core_bg.wasm"];

  const reserved = new CSSStyleSheet();
  reserved.replaceSync(":host{display:block;min-height:100vh}");
  // If the widget cannot load (offline, blocked), give the page its space back rather than leave
  // a blank reserved box. (Prerendered widgets lose their buttons, article-widget-prerendered.js.)
  /** @param {unknown} error */
  const failed = (error) => {
    console.error("article-widget: could not load", error);
    for (const element of document.querySelectorAll(`[${ATTR.widget}]`)) {
      if (element.shadowRoot?.adoptedStyleSheets.includes(reserved)) element.shadowRoot.adoptedStyleSheets = [];
    }
  };
  // Starts the widget (once): the wasm and its glue download in parallel.
  /** @type {Promise<any> | undefined} */
  let started;
  /** @returns {Promise<any>} */
  const start = () => {
    if (!started) {
      const wasm = fetch(new URL(binary, base));
      // Marked handled: if it fails, the failure reaches `started` below (and is reported once
      // there), not as an unhandled rejection before the glue has asked for it.
      wasm.catch(() => {});
      // @ts-expect-error: a URL is a specifier (import() makes it a string)
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
    // @ts-expect-error: a URL is a specifier (import() makes it a string)
    import(new URL("article-widget-prerendered.js", base)).then(
      /** @param {PrerenderedModule} module */
      ({ schedule }) => widgets.filter(prerendered).forEach((element) => schedule(element, start, enhance)),
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
    const src = element.getAttribute(ATTR.articleSrc);
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

  // Every widget's correction form is the browser's own (rendered by the widget, or by the
  // server into a prerendered one): it opens and posts without any script. Here it gets what
  // scripts add, as soon as it is there: client-rendered widgets when they are ready, prerendered
  // ones when they are scheduled (before they hydrate).
  document.addEventListener("article-widget:ready", (event) =>
    enhance(/** @type {HTMLElement} */ (event.target).shadowRoot ?? /** @type {HTMLElement} */ (event.target)));

  if (!window.ArticleWidget) {
    // Calls made before the widget has loaded run once it has; each returns a promise. If the
    // widget cannot load, those promises reject with an Error named "ArticleWidgetLoadError"
    // (documented in docs/embedding.md). They are marked handled, so a page that ignores them gets no
    // "unhandled rejection"; a page that awaits or catches them sees the error.
    /** @template T @param {Promise<T>} promise */
    const handled = (promise) => { promise.catch(() => {}); return promise; };
    /** @param {unknown} cause */
    const loadError = (cause) => {
      const error = new Error("article-widget could not load", { cause });
      error.name = "ArticleWidgetLoadError";
      return error;
    };
    /**
     * @param {Promise<any>} handle
     * @param {keyof ArticleWidgetHandle} name
     */
    const later = (handle, name) => (/** @type {any[]} */ ...args) => handled(handle.then((h) => h[name](...args)));
    // Asking for the API starts the widget (on a page whose widgets are all prerendered and not
    // yet due, it may not have started).
    const ready = () => start().then(() => window.ArticleWidget);
    window.ArticleWidget = {
      get ready() {
        return ready();
      },
      mount(element, config) {
        const handle = handled(ready().then((api) => /** @type {ArticleWidgetApi} */ (api).mount(element, config), (e) => { throw loadError(e); }));
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

// The native correction form (src/components/native_form.rs: a <details> whose <summary> is the
// button, holding a <form> that posts to the correction endpoint). With scripts it also gets
// focus in the correction field when it opens, the page's own address to come back to, and a
// draft kept in this browser while the reader types (until the thank-you, or for 30 days), so a
// reload or a crash loses nothing; and, once the reader opens it or reaches for it, the rest
// (article-widget-native.js: checks as they type, sending in place, retries, the thank-you in
// place, and the draft an earlier release's form kept). A Send pressed before that is live is
// the browser's own POST.
const enhanced = new WeakMap();
/** @param {FormRoot} root */
function enhance(root) {
  // (A form is always inside its details.)
  const details = /** @type {HTMLDetailsElement} */ (root.querySelector("." + CLASS.native));
  const form = details?.querySelector("form");
  if (!form) return;
  /** @param {string} name */
  const field = (name) => /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
  // (Read when used: the widget may be updated to another article under the same form.)
  const key = () => "aw-native-draft:" + field("thanks")?.value;
  const kept = ["quote", "correction", "sourceUrl", "name", "email"];
  // Where aw-server sends the reader back after the browser's own POST (this page, its query
  // included), and the page the correction came from (no query: tracking parameters and
  // session tokens live there).
  for (const [name, value] of [["returnTo", location.href.split("#")[0]], ["pageUrl", location.origin + location.pathname]]) {
    let input = field(name);
    if (!input) form.append((input = Object.assign(document.createElement("input"), { type: "hidden", name })));
    input.value = value;
  }
  let state = enhanced.get(form);
  if (!state) {
    enhanced.set(form, (state = { restored: false }));
    let more;
    const better = () => {
      // @ts-expect-error: a URL is a specifier (import() makes it a string)
      more ||= import(new URL("article-widget-native.js", import.meta.url)).then(
        (module) => module.live(form, root.host),
        () => (more = undefined),
      );
    };
    // (Loaded when the form opens or takes focus, after the press has been answered: nothing
    // of it competes with the form's first frame.)
    details.addEventListener("focusin", () => setTimeout(better));
    // (A draft restored at load reopens the form without taking focus: the page stays put.)
    details.addEventListener("toggle", () => {
      if (state.restored) state.restored = false;
      else if (details.open && !form.contains(/** @type {Element | null} */ (root.activeElement))) field("correction")?.focus();
      // After the field is ready for typing, never before it.
      if (details.open) setTimeout(better);
    });
    // Opened by a press that came before this script (a slow phone, a widget hydrating on the
    // first touch): the toggle above was missed, so focus moves now, unless the reader has
    // already gone into the form or elsewhere on the page. (The form is never rendered open.)
    const pressed = root.activeElement === details.firstElementChild || !(root.activeElement || document.activeElement !== document.body);
    if (details.open && pressed) {
      field("correction")?.focus();
      setTimeout(better);
    }
    form.addEventListener("input", () => {
      try {
        localStorage.setItem(key(), JSON.stringify({ at: Date.now(), ...Object.fromEntries(kept.map((name) => [name, field(name)?.value ?? ""])) }));
      } catch {}
    });
  }
  const thanks = field("thanks")?.value;
  try {
    if (thanks && location.hash === "#" + thanks) {
      // Back from aw-server's 303 (the browser posted the form itself): sent.
      localStorage.removeItem(key());
      root.getElementById?.(thanks)?.classList.add(CLASS.thanksShown);
    } else {
      const draft = JSON.parse(localStorage.getItem(key()) || "null");
      // (Kept 30 days: article-widget-native.js sweeps older ones.)
      if (draft && Date.now() - draft.at < 2592e6 && kept.every((name) => !field(name)?.value)) {
        for (const name of kept) if (field(name) && draft[name]) /** @type {HTMLInputElement} */ (field(name)).value = draft[name];
        if (draft.correction && !details.open) state.restored = details.open = true;
      }
    }
  } catch {}
}
