// Test pages only (classic script, placed after the widgets and before the loader):
//   ?endpoint=URL   sets data-correction-endpoint on every widget before the loader reads it;
// and records what the page saw, for drivers that cannot read the console (WebDriver):
//   window.__problems  console errors and warnings, uncaught errors and rejections;
//   window.__events    the widget's events (name and detail);
//   window.__prerendered  each prerendered widget's headline node as the HTML parser made it
//                      (hydration must keep it).
(() => {
  const endpoint = new URLSearchParams(location.search).get("endpoint");
  if (endpoint) {
    for (const el of document.querySelectorAll("[data-article-widget]")) {
      el.setAttribute("data-correction-endpoint", endpoint);
    }
  }
  window.__prerendered = [...document.querySelectorAll("[data-article-widget]")]
    .map((el) => el.shadowRoot && el.shadowRoot.querySelector(".aw-frame .aw-headline"))
    .filter(Boolean);
  const problems = (window.__problems = []);
  for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = (...args) => {
      problems.push(`${level}: ${args.map(String).join(" ")}`);
      original.apply(console, args);
    };
  }
  addEventListener("error", (e) => problems.push(`uncaught: ${e.message}`));
  addEventListener("unhandledrejection", (e) => problems.push(`unhandled rejection: ${e.reason}`));
  const events = (window.__events = []);
  for (const name of ["ready", "error", "correction-submitted", "correction-failed"]) {
    document.addEventListener(`article-widget:${name}`, (e) => events.push({ name, detail: e.detail }));
  }
})();
