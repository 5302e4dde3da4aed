// Shared helpers for the end-to-end scripts: Debian's Chromium through playwright-core, a
// check() that records failures, scenario() that runs a group of checks as one node:test test
// (so every script ends with node:test's standard summary: tests, pass, fail), and an axe-core
// scan.
import { createRequire } from "node:module";
import { test } from "node:test";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

export const shots = path.join(root, "target/screenshots");
mkdirSync(shots, { recursive: true });

export const failures = [];
/// Failed checks made outside any scenario (finish() reports them as a failed test of their own).
const loose = [];
let inScenario = false;
export function check(ok, message) {
  console.log(`${ok ? "  ok  " : "  FAIL"} ${message}`);
  if (!ok) {
    failures.push(message);
    if (!inScenario) loose.push(message);
  }
}

/// How each scenario so far ended (name → passed).
const outcomes = new Map();

/// Runs `fn` as one node:test test named `name`: its checks are soft (every one runs and is
/// printed), and the test fails with the list of those that failed, or with what `fn` threw.
/// Scenarios run one after another (each is awaited), sharing the script's browser. A scenario
/// stands alone, or says which earlier ones it builds on (`needs`: their names — the editor's
/// triage needs the reader's correction): it is skipped, saying why, when one of them failed, and
/// naming one that has not run (a reordered script) is an error, never a silent pass.
export function scenario(name, fn, { needs = [] } = {}) {
  const missing = needs.filter((n) => !outcomes.has(n));
  if (missing.length) throw new Error(`scenario "${name}" needs ${missing.map((n) => `"${n}"`).join(", ")}, which has not run before it`);
  const failed = needs.filter((n) => !outcomes.get(n));
  if (failed.length) {
    outcomes.set(name, false);
    return test(name, { skip: `it builds on ${failed.map((n) => `"${n}"`).join(", ")}, which failed` });
  }
  outcomes.set(name, false);
  return test(name, async () => {
    const before = failures.length;
    inScenario = true;
    console.log(name);
    try {
      await fn();
    } finally {
      inScenario = false;
    }
    const mine = failures.slice(before);
    if (mine.length) throw new Error(`${mine.length} check(s) failed:\n  ${mine.join("\n  ")}`);
    outcomes.set(name, true);
  });
}

/// Debian's Chromium, headless, with the flags this machine needs (plus `extraArgs`).
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", ...extraArgs,
    ],
  });
}

/// Watches `page` as every e2e script watches its pages (the one way): console errors and
/// warnings, uncaught errors and, with `requests`, failed requests, each a line in the list
/// returned ("error: …", "warning: …", "uncaught: …", "request failed: …"; with `where`, the
/// console line names the script's URL too). `clean` checks the list.
export function watch(page, { requests = false, where = false } = {}) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    problems.push(`${m.type()}: ${m.text()}${where ? ` (${m.location().url})` : ""}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  if (requests) page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  return problems;
}

/// Checks that a watched page said nothing but what the scenario provokes (`allow`: regular
/// expressions).
export function clean(problems, label, allow = []) {
  const unexpected = problems.filter((p) => !allow.some((re) => re.test(p)));
  check(unexpected.length === 0, `${label}: console is clean${unexpected.length ? ": " + unexpected.slice(0, 5).join("; ") : ""}`);
}

/// Opens `url` in a fresh context, watched (`watch`, failed requests too); waits until `waitFor`
/// (a selector, piercing shadow roots) is visible. `setup(page)` runs before the page is opened
/// (routes, request listeners).
export async function openPage(browser, url, { width = 1280, waitFor = "[data-article-widget] .aw-author", init, setup } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  if (setup) await setup(page);
  const problems = watch(page, { requests: true });
  await page.goto(url, { waitUntil: "load" });
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 15000 });
  return { page, context, problems };
}

/// axe-core on the page, or only inside `scope` (a selector: the widget on a page whose theme is
/// not ours to judge).
export async function axe(page, label, scope) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (scope) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(scope ? { include: [[scope]] } : document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, scope);
  check(result.length === 0, `${label}: axe-core reports no violations${result.length ? "\n        " + result.join("\n        ") : ""}`);
}

/// The end of a script: checks made outside any scenario become one more test; node:test then
/// prints the summary and sets the exit status.
export async function finish(name) {
  if (loose.length) {
    await test(`${name}: checks outside a scenario`, () => {
      throw new Error(`${loose.length} check(s) failed:\n  ${loose.join("\n  ")}`);
    });
  }
  console.log(`\n${name}: ${failures.length} failed check(s); screenshots in target/screenshots/`);
}

/// A loopback port nothing listens on (for a refused connection, or a server to start there).
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
