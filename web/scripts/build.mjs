// Bundles the page into the Python package: src/frontwatch/serve/static/
//   app.js, app.css (Leaflet's images inlined) and index.html (basemap.mjs writes
//   basemap.json there).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const src = new URL("../src/", import.meta.url);
const out = new URL("../../src/frontwatch/serve/static/", import.meta.url);
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [new URL("app.js", src).pathname],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  outfile: new URL("app.js", out).pathname,
});
await build({
  entryPoints: [new URL("style.css", src).pathname],
  bundle: true,
  minify: true,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  outfile: new URL("app.css", out).pathname,
});
copyFileSync(new URL("index.html", src), new URL("index.html", out));

// What the bundle was built from, in sha256sum's format: tests/test_web_build.py
// fails when web/src or the locked packages change without a rebuild.
const inputs = [
  ...readdirSync(src).sort().map((name) => `src/${name}`),
  "package-lock.json",
];
const web = new URL("../", import.meta.url);
const lines = inputs.map((name) => {
  const digest = createHash("sha256").update(readFileSync(new URL(name, web))).digest("hex");
  return `${digest}  web/${name}\n`;
});
writeFileSync(new URL("SOURCES.sha256", out), lines.join(""));
console.log(`built into ${out.pathname}`);
