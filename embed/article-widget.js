// article-widget.js: the one script a publisher includes.
//
//   <div data-article-widget data-article-src="…"></div>
//   <script type="module" src="https://cdn.example/article-widget/article-widget.js"></script>
//
// It reserves each widget's space at once (no layout shift while the wasm loads), loads
// article-widget-core.js and article-widget-core_bg.wasm from next to itself (its own URL, not
// the page's), and defines window.ArticleWidget. Until the wasm has started, API calls are queued.
import init from "./article-widget-core.js";

const reserved = new CSSStyleSheet();
reserved.replaceSync(":host{display:block;min-height:100vh}");
for (const element of document.querySelectorAll("[data-article-widget]")) {
  if (!element.shadowRoot) {
    try {
      element.attachShadow({ mode: "open" }).adoptedStyleSheets = [reserved];
    } catch {
      // Not an element that can host a shadow root: the widget says so when it mounts.
    }
  }
}

const ready = init().then(() => window.ArticleWidget);

if (!window.ArticleWidget) {
  const later = (handle, name) => (...args) => { handle.then((h) => h[name](...args)); };
  window.ArticleWidget = {
    ready,
    mount(element, config) {
      const handle = ready.then((api) => api.mount(element, config));
      return {
        update: later(handle, "update"),
        setTheme: later(handle, "setTheme"),
        setLocale: later(handle, "setLocale"),
        destroy: later(handle, "destroy"),
      };
    },
  };
}
