// Bundles the page into the Python package: src/frontwatch/serve/static/
//   app.js, app.css (Leaflet's images inlined) and index.html (basemap.mjs writes
//   basemap.json there).
import { copyFileSync, mkdirSync } from "node:fs";
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
console.log(`built into ${out.pathname}`);
