// The widget's JSON document (version 1) against its published schema, schema/article.v1.schema.json
// (JSON Schema draft 2020-12, checked with ajv): every native-format document in the repository
// must be valid, and so must every edge document in tests/fixtures/schema/ (which
// crates/core/tests/schema_contract.rs also parses, so "the schema accepts it" and "the widget parses it"
// are checked on the same files); a few documents the widget refuses must be invalid.
//
//   node tests/schema.mjs
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "tools/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;

const schemaPath = "schema/article.v1.schema.json";
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, schemaPath), "utf8")));

const failures = [];
function check(ok, message) {
  console.log(`${ok ? "  ok  " : "  FAIL"} ${message}`);
  if (!ok) failures.push(message);
}
const errors = () => (validate.errors || [])
  .map((e) => `${e.instancePath || "/"} ${e.message}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`)
  .join("\n        ");

// Every native-format ("version 1") document we ship or test with.
const documents = [
  "demo/article.json",
  "tests/e2e/pages/article.json",
  "tests/fixtures/reference-shape.json",
  "tests/fixtures/minimal.json",
  "tests/fixtures/rich-blocks.json",
];
// The edge documents, shared with crates/core/tests/schema_contract.rs.
const edgeDir = "tests/fixtures/schema";
const edges = readdirSync(path.join(root, edgeDir)).filter((f) => f.endsWith(".json")).sort()
  .map((f) => `${edgeDir}/${f}`);
check(edges.length > 0, `${edgeDir}/ holds edge documents (${edges.length})`);

for (const file of [...documents, ...edges]) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(path.join(root, file), "utf8"));
  } catch (e) {
    check(false, `${file}: readable JSON (${e.message})`);
    continue;
  }
  const valid = validate(doc);
  check(valid, `${file} is valid${valid ? "" : "\n        " + errors()}`);
}

// Documents the widget refuses (or reads as another format) must not pass as version 1.
const rejected = {
  "no headline": { version: 1, description: "A standfirst without a headline." },
  "a blank headline": { version: 1, headline: "  \n\t\u00a0" },
  "a headline of markup and entities only": { version: 1, headline: "<p></p><br/>&nbsp;&#32;<script>Hi</script>" },
  "a headline that is not a string": { version: 1, headline: ["H"] },
  "version 2": { version: 2, headline: "H" },
  "version \"1\" as a string": { version: "1", headline: "H" },
  "a JSON-LD object (it has @context and @type)": { "@context": "https://schema.org", "@type": "NewsArticle", headline: "H" },
  "an array at the top level": [{ version: 1, headline: "H" }],
  "a body block of an unknown type": { version: 1, headline: "H", body: [{ type: "video", url: "/v.mp4" }] },
  "a javascript: link": { version: 1, headline: "H", url: "javascript:alert(1)" },
};
for (const [what, doc] of Object.entries(rejected)) {
  const valid = validate(doc);
  check(!valid, `rejected: ${what}`);
}

if (failures.length) {
  console.log(`\n${failures.length} schema check(s) failed`);
  process.exit(1);
}
console.log(`\nschema checks passed (${schemaPath})`);
