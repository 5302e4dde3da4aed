// The native form's check as the reader types (embed/article-widget-native.js) against the table
// core's validate_field answers too (crates/core/tests/field_checks.rs): the page and the server can
// never disagree about a field. Run: node --test tests/native-form.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { check } from "../embed/article-widget-native.js";

const table = JSON.parse(readFileSync(new URL("fixtures/checks/field-checks.json", import.meta.url), "utf8"));
// The rules as the page reads them (article-widget-native.js's `rulesOf`): each control's
// data-min, data-max, type and required, from a prerendered form as aw-render writes it (the
// snapshot tests/prerender.rs holds to the live output, so these are aw-core's Field::limits,
// through the markup, not a copy of them). The snapshot is insta's: a header, then the HTML.
const snapshot = readFileSync(new URL("snapshots/prerender__prerender-minimal.snap", import.meta.url), "utf8");
const golden = snapshot.slice(snapshot.indexOf("\n---\n") + 5);
assert.ok(golden.startsWith("<div data-article-widget"), "the snapshot holds the embed");
const rules = Object.fromEntries(["quote", "correction", "sourceUrl", "name", "email"].map((name) => {
  const tag = golden.match(new RegExp(`<(?:input|textarea)[^>]*\\bname="${name}"[^>]*>`))?.[0];
  assert.ok(tag, `the prerendered form has a ${name} field`);
  const attr = (a) => tag.match(new RegExp(`\\b${a}="([^"]*)"`))?.[1];
  return [name, {
    required: attr("required") !== undefined,
    min: Number(attr("data-min") ?? 0),
    max: Number(attr("data-max") ?? Infinity),
    type: tag.startsWith("<textarea") ? "text" : attr("type"),
  }];
}));
const value = (v) => (typeof v === "string" ? v : v.repeat.repeat(v.times));

test("the prerendered form carries the limits the table is about", () => {
  const c = rules.correction;
  assert.ok(c.required && c.type === "text" && c.min > 0 && c.max > c.min, `the correction: required, with both limits (${JSON.stringify(c)})`);
  assert.equal(rules.sourceUrl.type, "url");
  assert.equal(rules.email.type, "email");
  assert.ok([rules.quote, rules.name, rules.email].every((r) => r.max < Infinity && !r.required), "every optional field is capped");
});

test("the page's check answers every case of the shared table as core does", () => {
  assert.ok(table.cases.length >= 40, "the table lost its cases");
  const wrong = table.cases.flatMap((c) => {
    const got = check(value(c.value), { ...rules[c.field], ...(c.requireEmail ? { required: true } : {}) });
    return got === c.expect ? [] : [`${c.field} ${JSON.stringify(value(c.value).slice(0, 30))}: page says ${got}, the table ${c.expect}`];
  });
  assert.deepEqual(wrong, []);
});
