// Shortens the wasm's import and export names (wasm-bindgen writes names like
// `__wbg_setTimeout_a1b2c3d4e5f60708`: ~7 KB of hashes, in the wasm and again in its JS glue,
// that brotli cannot compress) and rewrites the glue to match.
//
// Usage: node scripts/minify-names.mjs <x_bg.wasm> <x.js>   (scripts/minify-js.sh, release builds)
// binaryen renames; this script reads the import and export sections before and after (the pass
// keeps their order) and replaces the old names in the glue: the import object's keys and module
// name, and every `wasm.<export>`.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, jsPath] = process.argv.slice(2);

function sections(bytes) {
  let p = 8;
  const leb = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const name = () => { const n = leb(); const t = new TextDecoder().decode(bytes.subarray(p, p + n)); p += n; return t; };
  const imports = [], exports = [];
  while (p < bytes.length) {
    const id = bytes[p++], size = leb(), end = p + size;
    if (id === 2) {
      for (let i = leb(); i > 0; i--) {
        const module = name(), field = name(), kind = bytes[p++];
        imports.push([module, field]);
        if (kind === 0) leb();
        else if (kind === 1) { p++; const f = bytes[p++]; leb(); if (f & 1) leb(); }
        else if (kind === 2) { const f = bytes[p++]; leb(); if (f & 1) leb(); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p++; leb(); }
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 7) {
      for (let i = leb(); i > 0; i--) { exports.push(name()); p++; leb(); }
    }
    p = end;
  }
  return { imports, exports };
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
