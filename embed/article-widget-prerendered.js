// article-widget-prerendered.js: loaded by the loader (article-widget.js) on pages with a
// prerendered widget (aw-render, POST /render) only. It decides when each one hydrates and keeps
// what a reader does before then.
// A prerendered widget is readable and its links work before it hydrates; `data-hydrate` says
// when it does: "idle" (default: when the browser is idle, within 2 s), "visible" (when it
// nears the viewport), "interaction" (the first pointer, focus or key inside it; a page view
// that never touches it downloads no wasm) or "eager". A press on one of its buttons before
// then (a click, or Enter or Space) is held back, hydrates it at once, and is acted on once
// it has: the reader never presses twice.
export function schedule(element, start, enhance) {
  const root = element.shadowRoot;
  element.setAttribute("data-aw-deferred", "");
  let due = false;
  let live = false;
  let pressed = -1;
  let observer;
  const triggers = ["pointerdown", "focusin", "keydown", "touchstart"];
  const hydrate = () => {
    if (due) return;
    due = true;
    observer?.disconnect();
    for (const type of triggers) root.removeEventListener(type, hydrate, true);
    start().then(
      // In a task of its own, not in the one that compiled and started the wasm: two shorter
      // tasks block the page less than one long one.
      (core) => setTimeout(() => aside(root, () => core.hydrate(element))),
      // The widget cannot load: its buttons could do nothing, so they go (its text and links stay).
      () => root.querySelectorAll("button").forEach((button) => (button.style.display = "none")),
    );
  };
  const hold = (event) => {
    const button = !live && event.target.closest?.("button");
    // The native form's Send is the browser's own: it posts, never held.
    if (!button || button.closest(".aw-native")) return;
    // Not seen by a half-hydrated widget: acted on exactly once, below.
    event.stopPropagation();
    pressed = [...root.querySelectorAll("button")].indexOf(button);
    hydrate();
  };
  root.addEventListener("click", hold, true);
  const hydrated = () => {
    if (live) return;
    live = true;
    root.removeEventListener("click", hold, true);
    // Hydration keeps the server's nodes (a widget rendered anew instead, because a script
    // changed its options since, has the same buttons in the same order).
    if (pressed >= 0) root.querySelectorAll("button")[pressed]?.click();
    // A selection made before hydration offers "Suggest a correction" now.
    if (String(getSelection() ?? "")) document.dispatchEvent(new Event("selectionchange"));
  };
  element.addEventListener("article-widget:ready", hydrated);
  element.addEventListener("article-widget:error", hydrated);

  // The native form: what scripts add (the loader's `enhance`), before hydration.
  enhance(root);

  const mode = element.getAttribute("data-hydrate");
  // Nothing starts before the server's markup has been painted: starting the wasm earlier only
  // slows the first paint (measured: FCP 1.30× the static twin's on the 100× article, against
  // 0.93× without the wasm) and puts its download in the largest paint's way.
  const afterPaint = (f) => requestAnimationFrame(() => setTimeout(f));
  if (mode === "eager") {
    afterPaint(hydrate);
  } else if (mode === "visible" && window.IntersectionObserver) {
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && hydrate(), { rootMargin: "200px" });
    afterPaint(() => observer.observe(element));
  } else if (mode === "interaction") {
    for (const type of triggers) root.addEventListener(type, hydrate, { capture: true, passive: true });
  } else if (window.requestIdleCallback) {
    afterPaint(() => requestIdleCallback(hydrate, { timeout: 2000 }));
  } else {
    afterPaint(() => setTimeout(hydrate, 200));
  }
}

// Hydration adopts only what the components render, and they render the form's container
// empty: the native form (and the thank-you's slot) step out while the widget hydrates, and the
// same nodes go back, with the focus and caret where they were. Nothing paints in between: Yew
// hydrates in a microtask queued during `run`, and this one is queued after it (and runs even
// if hydration fails, so the form is never lost). A widget rendered anew from data still on its
// way (a page script swapped its article for a `data-article-src`) draws its container later:
// the form goes back when it is there (until the widget is ready, or fails, without one).
function aside(root, run) {
  const box = root.querySelector(".aw-native")?.parentNode;
  if (!box) return run();
  const nodes = [...box.childNodes];
  const active = root.activeElement;
  const [start, end] = [active?.selectionStart, active?.selectionEnd];
  for (const node of nodes) node.remove();
  const back = () => {
    // The same container, or the one a widget rendered anew has.
    const place = box.isConnected ? box : root.querySelector(".aw-trust__form");
    if (!place) return false;
    place.append(...nodes);
    if (active && nodes.some((node) => node.contains(active))) {
      active.focus({ preventScroll: true });
      if (start != null) try { active.setSelectionRange(start, end); } catch {}
    }
    return true;
  };
  try {
    run();
  } finally {
    Promise.resolve().then(() => {
      if (back()) return;
      const watch = new MutationObserver(() => back() && stop());
      const stop = () => {
        watch.disconnect();
        for (const type of ["article-widget:ready", "article-widget:error"]) root.host.removeEventListener(type, last);
      };
      const last = () => (back(), stop());
      watch.observe(root, { childList: true, subtree: true });
      for (const type of ["article-widget:ready", "article-widget:error"]) root.host.addEventListener(type, last);
    });
  }
}
