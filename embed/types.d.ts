// Types for the shipped JavaScript (embed/*.js), checked by `tsc --noEmit -p embed`; nothing here
// is shipped. The public API's shape is docs/embedding.md's.

/** What `ArticleWidget.mount` returns: each call is a promise (queued until the widget loads). */
interface ArticleWidgetHandle {
  update(article: unknown): Promise<unknown>;
  setTheme(theme: string): Promise<unknown>;
  setLocale(locale: string): Promise<unknown>;
  destroy(): Promise<unknown>;
}

/** `window.ArticleWidget`, the widget's JS API. */
interface ArticleWidgetApi {
  readonly ready: Promise<ArticleWidgetApi | undefined>;
  mount(element: Element, config: Record<string, unknown>): ArticleWidgetHandle;
}

interface Window {
  ArticleWidget?: ArticleWidgetApi;
  /** The loader's running version, under `Symbol.for("article-widget.loader")`. */
  [loader: symbol]: unknown;
}

/**
 * Where a widget's form lives: its shadow root, or (no shadow root) the element itself, which
 * then has none of a root's `activeElement`, `host` or `getElementById`.
 */
type FormRoot = ShadowRoot | (HTMLElement & Partial<Pick<ShadowRoot, "activeElement" | "host" | "getElementById">>);

/** The scheduler module the loader imports on pages with a prerendered widget. */
type PrerenderedModule = typeof import("./article-widget-prerendered.js");
