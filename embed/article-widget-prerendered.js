// @ts-check
// article-widget-prerendered.js: loaded by the loader (article-widget.js) on pages with a
// prerendered widget (aw-render, POST /render) only. It decides when each one hydrates and keeps
// what a reader does before then.
// A prerendered widget is readable and its links work before it hydrates; `data-hydrate` says
// when it does: "idle" (default: when the browser is idle, within 2 s), "visible" (when it
// nears the viewport), "interaction" (the first pointer, focus or key inside it; a page view
// that never touches it downloads no wasm) or "eager". A press on one of its buttons before
// then (a click, or Enter or Space) is held back, hydrates it at once, and is acted on once
// it has: the reader never presses twice.
import { ATTR, CLASS } from "./article-widget-names.js";

// The one thing these scripts know of Yew's own markup: the comment it writes before each
// component it server-renders, `<!--<[path::Component]>-->`, gone once hydration has adopted the
// component. tests/prerender.rs reads this line and fails if Yew's markers stop starting so.
const YEW_MARKER = "<[";

/**
 * @param {HTMLElement} element a prerendered widget (its declarative shadow root attached)
 * @param {() => Promise<{ hydrate(element: HTMLElement): void }>} start starts the widget (once)
 * @param {(root: ShadowRoot) => void} enhance the loader's: what scripts add to the native form
 */
export function schedule(element, start, enhance) {
  const root = /** @type {ShadowRoot} */ (element.shadowRoot);
  element.setAttribute(ATTR.deferred, "");
  let due = false;
  let live = false;
  let pressed = -1;
  /** @type {IntersectionObserver | undefined} */
  let observer;
  const triggers = ["pointerdown", "focusin", "keydown", "touchstart"];
  const hydrate = () => {
    if (due) return;
    due = true;
    observer?.disconnect();
    for (const type of triggers) root.removeEventListener(type, hydrate, true);
    start().then(
      // In a task of its own, not in the one that compiled and started the wasm: two shorter
      // tasks block the page less than one long one. Never in the middle of a press.
      (core) => setTimeout(() => between(() => aside(root, () => core.hydrate(element)))),
      // The widget cannot load: its buttons could do nothing, so they go (its text and links stay).
      () => root.querySelectorAll("button").forEach((button) => (button.style.display = "none")),
    );
  };
  /** @param {Event} event */
  const hold = (event) => {
    const button = !live && /** @type {Element} */ (event.target).closest?.("button");
    // The native form's Send is the browser's own: it posts, never held.
    if (!button || button.closest("." + CLASS.native)) return;
    // Not seen by a half-hydrated widget: acted on exactly once, below.
    event.stopPropagation();
    pressed = [...root.querySelectorAll("button")].indexOf(button);
    hydrate();
  };
  root.addEventListener("click", hold, true);
  // A press under way (a pointer or a key down inside the widget, not yet released) is never
  // split by hydration: the form's nodes step out and back (aside, below) or the widget is
  // rendered anew, and a release that lands on a node that has moved is no click at all: on a
  // slow phone the reader's press on "Submit a correction" was lost. Hydration waits for the
  // release (and the click the browser fires with it), or 5 s at most.
  /** @type {ReturnType<typeof setTimeout> | 0} */
  let pressing = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  const released = () => {
    if (!pressing) return;
    clearTimeout(pressing);
    pressing = 0;
    // (The click follows the release in the same task: after it, in a task of its own.)
    setTimeout(() => waiting.splice(0).forEach(between));
  };
  const down = () => {
    clearTimeout(pressing);
    pressing = setTimeout(released, 5000);
  };
  // (Released anywhere on the page; or the window lost focus mid-press: its own blur, not the
  // blur of an element, which capturing would also see.)
  const ends = ["pointerup", "pointercancel", "keyup"];
  root.addEventListener("pointerdown", down, true);
  root.addEventListener("keydown", down, true);
  for (const type of ends) window.addEventListener(type, released, true);
  window.addEventListener("blur", released);
  /** @param {() => void} f */
  const between = (f) => (pressing ? waiting.push(f) : f());
  const hydrated = () => {
    if (live) return;
    live = true;
    root.removeEventListener("click", hold, true);
    root.removeEventListener("pointerdown", down, true);
    root.removeEventListener("keydown", down, true);
    for (const type of ends) window.removeEventListener(type, released, true);
    window.removeEventListener("blur", released);
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

  const mode = element.getAttribute(ATTR.hydrate);
  // Nothing starts before the server's markup has been painted: starting the wasm earlier only
  // slows the first paint (measured: FCP 1.30× the static twin's on the 100× article, against
  // 0.93× without the wasm) and puts its download in the largest paint's way.
  /** @param {() => void} f */
  const afterPaint = (f) => requestAnimationFrame(() => setTimeout(f));
  if (mode === "eager") {
    afterPaint(hydrate);
  } else if (mode === "visible" && window.IntersectionObserver) {
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && hydrate(), { rootMargin: "200px" });
    afterPaint(() => observer?.observe(element));
  } else if (mode === "interaction") {
    for (const type of triggers) root.addEventListener(type, hydrate, { capture: true, passive: true });
  } else if (/** @type {Partial<Window>} */ (window).requestIdleCallback) {
    afterPaint(() => requestIdleCallback(hydrate, { timeout: 2000 }));
  } else {
    afterPaint(() => setTimeout(hydrate, 200));
  }
}

// Hydration adopts only what the components render, and they render the form's container
// empty: the native form (and the thank-you's slot) step out while the widget hydrates, and the
// same nodes go back, with the focus and caret where they were, as soon as Yew has hydrated the
// widget's tree (its component markers, `<!--<[…]>-->`, are gone: Yew adopts a whole tree before
// it yields, so nothing paints in between). That is usually the microtask after `run`; on a page
// of many widgets it can be a later task (Yew's scheduler, busy with another widget's effects,
// runs this one's hydration after a yield), and the form must not be back before then. A widget
// rendered anew draws its container afresh (later still when it fetches its article): the form
// goes into that one. If hydration throws, or the widget reports ready or failed, it goes back
// where it can.
/**
 * @param {ShadowRoot} root
 * @param {() => void} run
 */
function aside(root, run) {
  const box = /** @type {ParentNode & Node | null | undefined} */ (root.querySelector("." + CLASS.native)?.parentNode);
  if (!box) return run();
  const nodes = [...box.childNodes];
  const active = /** @type {HTMLInputElement | null} */ (root.activeElement);
  const [start, end] = [active?.selectionStart, active?.selectionEnd];
  // Marked while it is out: the focus it loses now is not the reader leaving a field
  // (article-widget-native.js does not judge a field on it).
  const form = /** @type {Element} */ (root.querySelector("." + CLASS.native));
  form.setAttribute(ATTR.aside, "");
  for (const node of nodes) node.remove();
  const marked = () => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) if (/** @type {Comment} */ (walker.currentNode).data.startsWith(YEW_MARKER)) return true;
    return false;
  };
  const events = ["article-widget:ready", "article-widget:error"];
  /** @type {MutationObserver | undefined} */
  let watch;
  /** @param {boolean} [anyway] */
  const back = (anyway) => {
    if (!nodes.length) return true;
    if (!anyway && marked()) return false;
    // The same container, or the one a widget rendered anew has.
    const place = box.isConnected ? box : root.querySelector("." + CLASS.trustForm);
    if (!place) return false;
    place.append(...nodes.splice(0));
    if (active && place.contains(active)) {
      active.focus({ preventScroll: true });
      if (start != null) try { active.setSelectionRange(start, /** @type {number} */ (end)); } catch {}
    }
    form.removeAttribute(ATTR.aside);
    return true;
  };
  const last = () => {
    back(true);
    watch?.disconnect();
    for (const type of events) root.host.removeEventListener(type, last);
  };
  try {
    run();
  } catch (error) {
    back(true);
    throw error;
  }
  Promise.resolve().then(() => {
    if (back()) return;
    watch = new MutationObserver(() => back() && last());
    watch.observe(root, { childList: true, subtree: true });
    for (const type of events) root.host.addEventListener(type, last);
  });
}
