// @ts-check
// article-widget-native.js: makes the native correction form better where scripts run. The form
// (src/components/native_form.rs: rendered by the widget, or by aw-render into a prerendered
// widget) opens and posts without any script; the loader (article-widget.js) loads this module
// when a reader opens the form or reaches for it, and calls `live` on it. From then on:
//
// - each field is checked as the reader leaves it and again as they correct it, by core's own
//   rules: the limits and the words are in the markup (data-min, data-max on each field,
//   data-msg-* on the form, written from aw-core), and `check` below is validate_field's twin
//   (one table of cases, tests/fixtures/checks/field-checks.json, holds both to the same answers);
// - Send posts the same form-encoded fields with fetch, once: an Idempotency-Key kept with the
//   draft (a resend of the same words after a reload is the same correction), the fields
//   read-only while it is in flight, retries on network and server errors (1 s, 2 s) and after
//   a 429's Retry-After (seconds or a date, up to 120 s), field errors from the server shown on their fields;
// - the thank-you (with the reference) is shown in place, the draft cleared, and the widget's
//   events fired: article-widget:correction-submitted / article-widget:correction-failed.
//
// A press on Send before this module is live is the browser's own POST: it is never held.
import { ATTR, CLASS, DATASET } from "./article-widget-names.js";

/**
 * A field of the form (the checkbox is an input too).
 * @typedef {HTMLInputElement} Control
 */

const space = /^\p{White_Space}+|\p{White_Space}+$/gu;
const blank = /[\p{White_Space}\p{Cc}]/u;

// core's is_http_url: http(s), a host, no white space.
/** @param {string} text */
const isHttpUrl = (text) => {
  const rest = /^https?:\/\//i.test(text) && text.replace(/^https?:\/\//i, "");
  return !!rest && rest.split(/[/?#]/)[0] !== "" && !/\p{White_Space}/u.test(text);
};
// core's is_email: one @, a local part, a dotted domain not starting or ending with a dot.
/** @param {string} text */
const isEmail = (text) => {
  const at = text.indexOf("@");
  const domain = text.slice(at + 1);
  return at > 0 && !domain.includes("@") && domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".") && !blank.test(text);
};

// What is wrong with `value` under `rules` ({ required, min, max, type }), as core's
// validate_field says it: "required", "short", "long", "url", "email", or null. Lengths are
// Unicode scalar values after trimming white space, as in Rust.
/**
 * @param {string} value
 * @param {{ required?: boolean, min?: number, max?: number, type?: string }} rules
 * @returns {"required" | "short" | "long" | "url" | "email" | null}
 */
export function check(value, { required = false, min = 0, max = Infinity, type = "text" }) {
  const text = value.replace(space, "");
  const length = [...text].length;
  if (!length) return required ? "required" : null;
  if (length < min) return "short";
  if (length > max) return "long";
  if (type === "url" && !isHttpUrl(text)) return "url";
  if (type === "email" && !isEmail(text)) return "email";
  return null;
}

/** @param {Control} control */
const rulesOf = (control) => ({
  required: control.required,
  min: Number(control.dataset[DATASET.min] || 0),
  max: Number(control.dataset[DATASET.max] || Infinity),
  type: control.type,
});

// The message for a control's problem, from the form's data-msg-* (aw-core's words, in the
// page's language; `{n}` is the limit, written as the page's language writes numbers).
/** @param {Control} control */
const problem = (control) => {
  const form = /** @type {HTMLFormElement} */ (control.form);
  /** @param {string} name @param {number} [n] */
  const said = (name, n) => {
    const text = form.dataset["msg" + name] || "";
    const locale = /** @type {HTMLInputElement | null} */ (form.elements.namedItem("locale"))?.value;
    try { return text.replace("{n}", new Intl.NumberFormat(locale || undefined).format(/** @type {number} */ (n))); } catch { return text.replace("{n}", String(n)); }
  };
  if (control.type === "checkbox") return control.required && !control.checked ? said("Consent") : "";
  const rules = rulesOf(control);
  const kind = check(control.value, rules);
  return kind && said(kind[0].toUpperCase() + kind.slice(1), kind === "short" ? rules.min : rules.max);
};

/**
 * @param {HTMLFormElement} form the native form
 * @param {Element | null | undefined} host the widget's element (its shadow root's host)
 */
export function live(form, host) {
  if (form.dataset.awLive) return;
  form.dataset.awLive = "";
  const details = form.closest("details");
  /** @param {string} name */
  const said = (name) => form.dataset[name] || "";
  const controls = /** @type {Control[]} */ ([...form.querySelectorAll(`.${CLASS.field} input, .${CLASS.field} textarea`)]);
  const status = form.querySelector("." + CLASS.formStatus);
  const send = form.querySelector("[type=submit]");
  /** @param {string} name */
  const value = (name) => /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name))?.value ?? "";
  // (Read when used: the widget may be updated to another article under the same form.)
  const thanksId = () => value("thanks");
  const draftKey = () => "aw-native-draft:" + thanksId();
  /** @param {number} n */
  const number = (n) => { try { return new Intl.NumberFormat(value("locale")).format(n); } catch { return String(n); } };
  const touched = new Set();
  let busy = false;

  // Drafts older than 30 days go (they may hold a name and an address): this form's, others',
  // and those of the wasm form of earlier releases.
  try {
    for (const k of Object.keys(localStorage)) {
      if (!/^(aw-native-draft|article-widget:draft):/.test(k)) continue;
      let at = 0;
      try { const d = JSON.parse(/** @type {string} */ (localStorage.getItem(k))); at = d.at ?? d.savedAt; } catch {}
      if (!(Date.now() - at < 2592e6)) localStorage.removeItem(k);
    }
  } catch {}
  // A draft the wasm form of earlier releases kept (its format, under its key: aw-core's
  // correction::stored) fills the form if the reader has not begun another, and becomes this
  // form's own draft (with its key, if a send had started under it).
  try {
    const legacy = form.dataset[DATASET.legacyDraft];
    const old = legacy && JSON.parse(localStorage.getItem(legacy) || "null");
    if (old?.v === 1 && controls.every((c) => c.type === "checkbox" || !c.value)) {
      for (const c of controls) if (typeof old[c.name] === "string") c.value = old[c.name];
      const kept = Object.fromEntries(controls.filter((c) => c.type !== "checkbox").map((c) => [c.name, c.value]));
      localStorage.setItem(draftKey(), JSON.stringify({ at: old.savedAt, ...kept, ...(old.keyUsed ? { key: old.key } : {}) }));
    }
    if (old) localStorage.removeItem(legacy);
  } catch {}

  // Our own messages, in place, instead of the browser's bubbles.
  form.noValidate = true;
  /** @param {string} text */
  const say = (text) => { if (status) status.textContent = text; };
  /** @param {Control} control @param {string | false | null} message */
  const mark = (control, message) => {
    const id = control.id + "-error";
    const field = control.closest("." + CLASS.field);
    let error = form.querySelector("#" + CSS.escape(id));
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
    if (message) {
      if (!error) {
        error = Object.assign(document.createElement("p"), { id, className: CLASS.fieldError });
        control.type === "checkbox" ? /** @type {Element} */ (field).append(error) : control.before(error);
      }
      error.textContent = message;
      described.push(id);
    } else {
      error?.remove();
    }
    control.setAttribute("aria-describedby", described.join(" "));
    control.setAttribute("aria-invalid", message ? "true" : "false");
    field?.classList.toggle(CLASS.fieldInvalid, !!message);
    return !!message;
  };
  /** @param {Control} control */
  const show = (control) => mark(control, problem(control));
  /** @param {Event} event */
  const target = (event) => /** @type {Control} */ (event.target);

  form.addEventListener("focusout", (event) => {
    // Not a reader leaving the field: the form stepping out while its widget hydrates
    // (article-widget-prerendered.js marks it; Chromium fires focusout on the removal, and the
    // focus comes back with the form). A field judged then was judged half-typed.
    if (!controls.includes(target(event)) || details?.hasAttribute(ATTR.aside)) return;
    touched.add(target(event));
    // Not on the way to Send: an error shown now would move the button between the press and
    // the release, and the click would be lost. Send checks every field itself.
    if (event.relatedTarget !== send) show(target(event));
  });
  form.addEventListener("input", (event) => {
    if (plain) plain = "";
    if (touched.has(target(event))) show(target(event));
  });
  form.addEventListener("change", (event) => {
    if (target(event).type === "checkbox" && controls.includes(target(event))) show(target(event));
  });
  // Escape closes it, and focus goes back to its button (what is typed stays).
  details?.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !details.open || busy) return;
    details.open = false;
    details.querySelector("summary")?.focus();
  });
  details?.addEventListener("toggle", () => {
    if (details.open) thanks()?.classList.remove(CLASS.thanksShown);
  });

  // The thank-you: the page's own element (a prerendered widget's, slotted into the trust box),
  // or the widget's, in its shadow root.
  // ("" when the form has no thank-you: falsy, like none.)
  const thanks = () => /** @type {HTMLElement | null | undefined} */ (/** @type {unknown} */ (
    thanksId() && (host?.querySelector("#" + CSS.escape(thanksId())) ?? /** @type {ShadowRoot} */ (form.getRootNode()).getElementById?.(thanksId()))
  ));
  /** @param {string} name @param {Record<string, unknown>} detail */
  const emit = (name, detail) =>
    (host ?? form).dispatchEvent(new CustomEvent("article-widget:" + name, { bubbles: true, composed: true, detail: { articleId: value("articleId"), ...detail } }));
  /** @param {boolean} on */
  const lock = (on) => {
    busy = on;
    for (const control of controls) if (control.type !== "checkbox") control.readOnly = on;
    send?.setAttribute("aria-disabled", String(on));
  };
  // The key stands for these words: the draft record keeps it, and the first keystroke after
  // (article-widget-prerendered.js rewrites the record without it) makes the next Send a new
  // correction.
  const keyFor = () => {
    /** @type {{ key?: string }} */
    let record = {};
    try { record = JSON.parse(localStorage.getItem(draftKey()) || "{}") || {}; } catch {}
    const key = record.key || (crypto.randomUUID?.() ?? Date.now().toString(36) + Math.random().toString(36).slice(2));
    const kept = Object.fromEntries(controls.filter((c) => c.type !== "checkbox").map((c) => [c.name, c.value]));
    try { localStorage.setItem(draftKey(), JSON.stringify({ at: Date.now(), ...record, ...kept, key })); } catch {}
    return key;
  };
  // After every attempt failed, the next Send is the browser's own POST (with the same key, so
  // a request that did arrive is not stored twice): a reader is never left with a button that
  // cannot send. New words drop the key.
  /** @type {string | null} */
  let plain = null;
  /** @param {unknown} error @param {string} [key] */
  const failed = (error, key = "") => {
    lock(false);
    plain = key;
    say(said("msgFailed"));
    emit("correction-failed", { error: error || "" });
  };
  /** @param {{ id?: unknown, referenceId?: unknown }} answer */
  const done = (answer) => {
    const reference = String(answer.id ?? answer.referenceId ?? "");
    try { localStorage.removeItem(draftKey()); } catch {}
    lock(false);
    say("");
    touched.clear();
    form.reset();
    const shown = thanks();
    if (shown) {
      shown.querySelector(".aw-thanks__reference")?.remove();
      if (reference && reference !== "received") {
        const line = Object.assign(document.createElement("span"), { className: "aw-thanks__reference" });
        line.append(document.createElement("br"), said("msgReference") + " ", Object.assign(document.createElement("strong"), { textContent: reference }));
        shown.append(line);
      }
      shown.classList.add(CLASS.thanksShown);
      shown.tabIndex = -1;
    }
    if (details) details.open = false;
    shown?.focus();
    emit("correction-submitted", { referenceId: reference });
  };

  form.addEventListener("submit", async (event) => {
    if (plain !== null && !busy) {
      if (plain) form.append(Object.assign(document.createElement("input"), { type: "hidden", name: "idempotencyKey", value: plain }));
      return;
    }
    event.preventDefault();
    if (busy) return;
    const wrong = controls.filter((control) => (touched.add(control), show(control)));
    if (wrong.length) {
      say("");
      wrong[0].focus();
      return;
    }
    lock(true);
    const key = keyFor();
    // The widget's encoding (data-correction-encoding): JSON, the flat object of the widget's
    // contract (what the reader left empty omitted, when it was sent added), or the form's own
    // fields form-encoded. What only the browser's own POST needs stays out of the JSON.
    const fields = [...new FormData(form)].filter(([name, value]) => value !== "" && !["thanks", "returnTo", "idempotencyKey"].includes(name));
    const json = form.dataset[DATASET.encoding] !== "form";
    const body = json
      ? JSON.stringify({ ...Object.fromEntries(fields), submittedAt: new Date().toISOString() })
      : new URLSearchParams(/** @type {string[][]} */ (fields));
    for (let attempt = 1; attempt <= 6; attempt++) {
      say(said("msgSending"));
      let wait = 2 ** (attempt - 1);
      let text = said("msgRetrying");
      try {
        // Fifteen seconds an attempt (a timer, so a page's fake clock drives it too).
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), 15000);
        const response = await fetch(form.action, {
          method: "POST",
          body,
          headers: { accept: "application/json", "idempotency-key": key, ...(json ? { "content-type": "application/json" } : {}) },
          credentials: /** @type {RequestCredentials} */ (form.dataset[DATASET.credentials] || "omit"),
          signal: abort.signal,
        }).finally(() => clearTimeout(timer));
        const answer = await response.json().catch(() => ({}));
        const code = response.status;
        if (response.ok) return done(answer);
        if (code === 429) {
          // Retry-After in seconds or as an HTTP date; without one, the usual wait.
          const header = response.headers.get("retry-after")?.trim();
          const after = !header ? wait : /^\d+$/.test(header) ? Number(header) : Math.max(0, Math.ceil((Date.parse(header) - Date.now()) / 1000));
          if (!(after <= 120)) return failed(answer.message);
          [wait, text] = [after, said("msgBusy")];
        } else if (code === 400 || code === 422) {
          // Field errors from the server (in the form's language: aw-server writes them in
          // the `locale` the form sends), on their fields.
          // Either shape: {"errors": {"email": ["…"]}} or {"errors": [{"field": "email", "message": "…"}]}.
          const errors = Array.isArray(answer.errors)
            ? answer.errors.map((/** @type {any} */ e) => [e?.field ?? e?.name, e?.message])
            : Object.entries(answer.errors ?? {}).map(([name, messages]) => [name, [messages].flat()[0]]);
          const wrong = errors.flatMap((/** @type {[unknown, unknown]} */ [name, message]) => {
            const control = /** @type {Control} */ (typeof name === "string" && form.elements.namedItem(name));
            return controls.includes(control) ? (touched.add(control), mark(control, String(message ?? "")), [control]) : [];
          });
          if (!wrong.length) return failed(answer.message || errors[0]?.[1]);
          lock(false);
          say("");
          return /** @type {Control} */ (controls.find((c) => wrong.includes(c))).focus();
        } else if (code < 500 && code !== 408) {
          return failed(answer.message || String(code));
        }
      } catch (error) {
        if (attempt >= 3) return failed(String(error), key);
      }
      if (attempt >= 3 && text !== said("msgBusy")) return failed("", key);
      say(text.replace("{n}", number(wait)));
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
    failed("", key);
  });
}
