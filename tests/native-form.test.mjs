// The native form's check as the reader types (embed/article-widget-native.js) against the table
// core's validate_field answers too (core/tests/field_checks.rs): the page and the server can
// never disagree about a field. Run: node --test tests/native-form.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { check } from "../embed/article-widget-native.js";

const table = JSON.parse(readFileSync(new URL("fixtures/checks/field-checks.json", import.meta.url), "utf8"));
// The limits the native form writes into the page (aw-core's Field::limits).
const rules = {
  quote: { max: 1000 },
  correction: { required: true, min: 20, max: 3000 },
  sourceUrl: { max: 2000, type: "url" },
  name: { max: 200 },
  email: { max: 254, type: "email" },
};
const value = (v) => (typeof v === "string" ? v : v.repeat.repeat(v.times));

test("the page's check answers every case of the shared table as core does", () => {
  assert.ok(table.cases.length >= 40, "the table lost its cases");
  const wrong = table.cases.flatMap((c) => {
    const got = check(value(c.value), { ...rules[c.field], ...(c.requireEmail ? { required: true } : {}) });
    return got === c.expect ? [] : [`${c.field} ${JSON.stringify(value(c.value).slice(0, 30))}: page says ${got}, the table ${c.expect}`];
  });
  assert.deepEqual(wrong, []);
});
