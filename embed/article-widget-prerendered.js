// article-widget-prerendered.js: loaded by the loader (article-widget.js) on pages with a
// prerendered widget (aw-render, POST /render) only. It decides when each one hydrates and keeps
// what a reader does before then.
// A prerendered widget is readable and its links work before it hydrates; `data-hydrate` says
// when it does: "idle" (default: when the browser is idle, within 2 s), "visible" (when it
// nears the viewport), "interaction" (the first pointer, focus or key inside it; a page view
// that never touches it downloads no wasm) or "eager". A press on one of its buttons before
// then (a click, or Enter or Space) is held back, hydrates it at once, and is acted on once
// it has: the reader never presses twice.
export function schedule(element, start) {
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

// The native correction form (aw-render writes it into the trust box, a <details> whose
// <summary> is the button): it opens and posts without the wasm. With scripts it also gets
// focus in the correction field when it opens, the page's own address to come back to, and a
// draft kept in this browser while the reader types (until aw-server sends them back to the
// thank-you, or for 30 days), so a reload or a crash loses nothing.
function enhance(root) {
  const details = root.querySelector(".aw-native");
  const form = details?.querySelector("form");
  if (!form) return;
  const field = (name) => form.elements.namedItem(name);
  const here = location.href.split("#")[0];
  for (const name of ["returnTo", "pageUrl"]) {
    let input = field(name);
    if (!input) form.append((input = Object.assign(document.createElement("input"), { type: "hidden", name })));
    input.value = here;
  }
  // The rest of what scripts add (checks as the reader types, sending in place with retries,
  // the thank-you in place) is a module of its own, loaded when the reader opens the form or
  // reaches for it. A Send pressed before it is live is the browser's own POST.
  let more;
  const better = () => {
    more ||= import(new URL("article-widget-native.js", import.meta.url)).then(
      (module) => module.live(form, root.host),
      () => (more = undefined),
    );
  };
  details.addEventListener("pointerenter", better, { passive: true });
  details.addEventListener("focusin", better);
  // (A draft restored at load reopens the form without taking focus: the page stays where it is.)
  let restored = false;
  root.addEventListener("toggle", (event) => {
    if (event.target !== details) return;
    if (details.open) better();
    if (restored) restored = false;
    else if (details.open && !form.contains(root.activeElement)) field("correction")?.focus();
  }, true);
  const thanks = field("thanks")?.value;
  const key = "aw-native-draft:" + thanks;
  const kept = ["quote", "correction", "sourceUrl", "name", "email"];
  try {
    if (thanks && location.hash === "#" + thanks) {
      localStorage.removeItem(key);
    } else {
      const draft = JSON.parse(localStorage.getItem(key) || "null");
      // Kept 30 days, as the wasm form's drafts (aw-core's stored::MAX_AGE_MS).
      if (draft && !(Date.now() - draft.at < 2592e6)) localStorage.removeItem(key);
      else if (draft && kept.every((name) => !field(name)?.value)) {
        for (const name of kept) if (field(name) && draft[name]) field(name).value = draft[name];
        if (draft.correction) restored = details.open = true;
      }
    }
  } catch {}
  form.addEventListener("input", () => {
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), ...Object.fromEntries(kept.map((name) => [name, field(name)?.value ?? ""])) }));
    } catch {}
  });
}

// Hydration adopts only what the components render, and they render the form's container
// empty: the native form (and the thank-you's slot) step out while the widget hydrates, and the
// same nodes go back, with the focus and caret where they were. Nothing paints in between: Yew
// hydrates in a microtask queued during `run`, and this one is queued after it (and runs even
// if hydration fails, so the form is never lost).
function aside(root, run) {
  const box = root.querySelector(".aw-native")?.parentNode;
  if (!box) return run();
  const nodes = [...box.childNodes];
  const active = root.activeElement;
  const [start, end] = [active?.selectionStart, active?.selectionEnd];
  for (const node of nodes) node.remove();
  try {
    run();
  } finally {
    Promise.resolve().then(() => {
      // The same container, or the one a widget rendered anew has.
      (box.isConnected ? box : root.querySelector(".aw-trust__form") ?? box).append(...nodes);
      if (active && nodes.some((node) => node.contains(active))) {
        active.focus({ preventScroll: true });
        if (start != null) try { active.setSelectionRange(start, end); } catch {}
      }
    });
  }
}
