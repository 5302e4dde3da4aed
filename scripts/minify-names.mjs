// Shortens the wasm's import and export names (wasm-bindgen writes names like
// `__wbg_setTimeout_a1b2c3d4e5f60708`: ~7 KB of hashes, in the wasm and again in its JS glue,
// that brotli cannot compress) and rewrites the glue to match.
//
// Usage: node scripts/minify-names.mjs <x_bg.wasm> <x.js>   (scripts/minify-js.sh, release builds)
// binaryen renames (`--minify-imports-and-exports-and-modules`); this script reads the import and
// export sections before and after with the engine's WebAssembly.Module (the pass keeps their
// order) and replaces the old names in the glue: the import object's keys and module name, and
// every `wasm.<export>`.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, jsPath] = process.argv.slice(2);

// The import and export sections, read by the JavaScript engine's own wasm parser (no
// hand-written one): [module, field] pairs and export names, in section order.
function sections(bytes) {
  const module = new WebAssembly.Module(bytes);
  return {
    imports: WebAssembly.Module.imports(module).map((i) => [i.module, i.name]),
    exports: WebAssembly.Module.exports(module).map((e) => e.name),
  };
}

const before = sections(readFileSync(wasmPath));
// Also drops the producers and target-features sections (build metadata no browser reads).
execFileSync("wasm-opt", [wasmPath, "--minify-imports-and-exports-and-modules", "--strip-producers",
  "--strip-target-features", "-o", wasmPath], { stdio: ["ignore", "ignore", "inherit"] });
const after = sections(readFileSync(wasmPath));
if (before.imports.length !== after.imports.length || before.exports.length !== after.exports.length) {
  throw new Error("binaryen changed the number of imports or exports");
}
let js = readFileSync(jsPath, "utf8");
const escape = (s) => s.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
const modules = new Map();
before.imports.forEach(([module, field], i) => {
  const [newModule, newField] = after.imports[i];
  modules.set(module, newModule);
  const key = new RegExp(`(^|[\\s{,])${escape(field)}(\\s*:\\s*function)`, "m");
  if (!key.test(js)) throw new Error(`import ${field} not found in ${jsPath}`);
  js = js.replace(key, `$1${JSON.stringify(newField)}$2`);
});
for (const [module, newModule] of modules) {
  js = js.split(`${JSON.stringify(module)}:`).join(`${JSON.stringify(newModule)}:`);
}
before.exports.forEach((name, i) => {
  js = js.replace(new RegExp(`\\bwasm\\.${escape(name)}(?![\\w$])`, "g"), `wasm[${JSON.stringify(after.exports[i])}]`);
});
writeFileSync(jsPath, js);
console.log(`minify-names: ${before.imports.length} imports, ${before.exports.length} exports renamed in ${wasmPath}`);
