// The map: an offline base layer (Natural Earth outlines shipped with the package, no
// tile server) and one marker per event, coloured by side, shaped by status, clustered.
import L from "./leaflet-global.js";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { LabelLayer } from "./labels.js";
import { el } from "./text.js";

export const SIDE_COLOURS = {
  UA: "#1f5fbf",
  RU: "#c62828",
  "RU-INST": "#8e24aa",
  THIRD: "#2e7d32",
  UNKNOWN: "#757575",
};

// One shape per status, drawn in an 18x18 box.
const SHAPES = {
  happened: (c) => `<circle cx="9" cy="9" r="6.5" fill="${c}" stroke="#111" stroke-width="1.2"/>`,
  confirmed: (c) =>
    `<circle cx="9" cy="9" r="6.5" fill="${c}" stroke="#111" stroke-width="3"/>`,
  claimed: (c) => `<path d="M9 2 L16.5 15.5 L1.5 15.5 Z" fill="${c}" stroke="#111" stroke-width="1.2"/>`,
  assessed: (c) => `<path d="M9 1.5 L16.5 9 L9 16.5 L1.5 9 Z" fill="${c}" stroke="#111" stroke-width="1.2"/>`,
  denied: (c) =>
    `<path d="M3 3 L15 15 M15 3 L3 15" stroke="#111" stroke-width="5"/><path d="M3 3 L15 15 M15 3 L3 15" stroke="${c}" stroke-width="3"/>`,
  failed: (c) => `<rect x="3" y="3" width="12" height="12" fill="#fff" stroke="${c}" stroke-width="3"/>`,
  planned: (c) =>
    `<circle cx="9" cy="9" r="6" fill="#fff" stroke="${c}" stroke-width="2.5" stroke-dasharray="3 2"/>`,
  conditional: (c) =>
    `<path d="M9 2 L16 9 L9 16 L2 9 Z" fill="#fff" stroke="${c}" stroke-width="2.5"/>`,
  background: (c) =>
    `<circle cx="9" cy="9" r="4" fill="${c}" fill-opacity="0.45" stroke="${c}" stroke-width="1"/>`,
};

// Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from 180 to -180;
// drawn as they are, they streak across the whole map. Unwrap them into one
// continuous run of longitudes (e.g. 179, 181) instead.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  if (geometry.type === "Polygon") {
    return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  }
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(unwrapRing)) };
  }
  return geometry;
}

export function sideColour(side) {
  return SIDE_COLOURS[side] || SIDE_COLOURS.UNKNOWN;
}

// Shapes and colours come from the two fixed tables above, never from event text.
export function shapeSvg(status, side) {
  const draw = SHAPES[status] || SHAPES.happened;
  return `<svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true">${draw(sideColour(side))}</svg>`;
}

function shapeNode(status, side) {
  const holder = document.createElement("span");
  holder.className = "shape";
  holder.innerHTML = shapeSvg(status in SHAPES ? status : "happened", side in SIDE_COLOURS ? side : "UNKNOWN");
  return holder;
}

const UKRAINE = L.latLngBounds([44.2, 22.1], [52.4, 40.3]);

// A cluster is a ring split by the sides of the events in it, with their count inside.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    const side = marker.options.side in SIDE_COLOURS ? marker.options.side : "UNKNOWN";
    counts.set(side, (counts.get(side) || 0) + 1);
  }
  const total = cluster.getChildCount();
  let at = 0;
  const stops = [];
  for (const side of Object.keys(SIDE_COLOURS)) {
    const n = counts.get(side) || 0;
    if (!n) continue;
    const from = (at / total) * 360;
    at += n;
    stops.push(`${SIDE_COLOURS[side]} ${from}deg ${(at / total) * 360}deg`);
  }
  const ring = document.createElement("div");
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  ring.title = [...counts].map(([side, n]) => `${side}: ${n}`).join(", ");
  const count = document.createElement("span");
  count.textContent = String(total);
  ring.appendChild(count);
  const size = total < 10 ? 30 : total < 100 ? 36 : 42;
  return L.divIcon({ html: ring, className: "marker-cluster fw-cluster", iconSize: [size, size] });
}

export class EventMap {
  constructor(node, onSelect) {
    this.onSelect = onSelect;
    this.map = L.map(node, { zoomSnap: 0.25, minZoom: 2, maxZoom: 12, worldCopyJump: false });
    this.map.fitBounds(UKRAINE);
    this.markers = new Map();
    this.cluster = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      maxClusterRadius: 36,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
    });
    this.map.addLayer(this.cluster);
    this.labels = new LabelLayer(this.map);
    this.selected = null;
  }

  setBasemap(basemap) {
    if (!basemap) return;
    const countries = feature(basemap.countries, basemap.countries.objects.countries);
    for (const f of countries.features) f.geometry = unwrapGeometry(f.geometry);
    L.geoJSON(countries, {
      interactive: false,
      style: (f) => ({
        color: "#8a8f98",
        weight: 0.8,
        fillColor: f.properties && f.properties.name === "Ukraine" ? "#f4efe1" : "#e3e0d8",
        fillOpacity: 1,
      }),
    }).addTo(this.map);
    // Oblasts by their ISO 3166-2 codes: UA-43 (Crimea) and UA-40 (Sevastopol) are
    // filled as Ukraine even where the country layer draws them otherwise.
    L.geoJSON(basemap.admin1, {
      interactive: false,
      style: (f) => ({
        color: "#9c9483",
        weight: 0.7,
        dashArray: "3 3",
        fillColor: "#f4efe1",
        fillOpacity: String(f.properties.iso).startsWith("UA-") ? 1 : 0,
      }),
    }).addTo(this.map);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(basemap.attribution || "Natural Earth");
    if (basemap.labels) {
      this.labels.setLabels(basemap.labels.labels);
      this.map.attributionControl.addAttribution(basemap.labels.attribution);
    }
  }

  setEvents(rows) {
    for (const row of rows) {
      if (row.latitude === null || row.longitude === null) continue;
      const icon = L.divIcon({
        className: "fw-marker-box",
        html: this.markerNode(row),
        iconSize: [18, 18],
        iconAnchor: [9, 9],
      });
      const title = [row.event_date || "undated", row.fw_type, row.location, row.status]
        .filter(Boolean)
        .join(" · ");
      const marker = L.marker([row.latitude, row.longitude], {
        icon,
        title,
        keyboard: true,
        countryLevel: row.fw_geo_precision === "country",
        side: row.actor1_side || "UNKNOWN",
      });
      marker.on("click", () => this.onSelect(row.event_id));
      this.markers.set(row.event_id, marker);
    }
  }

  markerNode(row) {
    const node = shapeNode(row.status, row.actor1_side || "UNKNOWN");
    node.classList.add("fw-marker");
    node.dataset.eventId = row.event_id;
    node.dataset.side = row.actor1_side || "UNKNOWN";
    node.dataset.status = row.status;
    return node;
  }

  show(ids) {
    const layers = [];
    for (const id of ids) {
      const marker = this.markers.get(id);
      if (marker) layers.push(marker);
    }
    this.cluster.clearLayers();
    this.cluster.addLayers(layers);
    return layers.length;
  }

  // Fit the map to these events; a country's centroid (an event placed only "in Russia")
  // is left out when anything more precise is there, or it would pull the view to Siberia.
  // `fly`: move there smoothly (an opened item); else jump (a filter change).
  fitTo(ids, fly = false) {
    const placed = ids.map((id) => this.markers.get(id)).filter(Boolean);
    const precise = placed.filter((m) => !m.options.countryLevel);
    const points = (precise.length ? precise : placed).map((m) => m.getLatLng());
    if (!points.length) return false;
    const bounds = L.latLngBounds(points).pad(0.15);
    const options = { maxZoom: fly ? 9 : 7 };
    if (fly) this.map.flyToBounds(bounds, { ...options, duration: 0.5 });
    else this.map.fitBounds(bounds, { ...options, animate: false });
    this.map.getContainer().dataset.fitted = ids.join(" ");
    return true;
  }

  // Fly to an event's marker and mark it (opening it from the list, a link or the URL).
  select(id) {
    document.querySelectorAll(".fw-marker.selected").forEach((n) => n.classList.remove("selected"));
    this.selected = id;
    const marker = id && this.markers.get(id);
    if (!marker || !this.cluster.hasLayer(marker)) return;
    const mark = () => {
      this.cluster.zoomToShowLayer(marker, () => {
        const icon = marker.getElement();
        if (icon) icon.querySelector(".fw-marker")?.classList.add("selected");
      });
    };
    const target = marker.getLatLng();
    if (this.map.getBounds().pad(-0.1).contains(target) && this.map.getZoom() >= 7) {
      mark();
      return;
    }
    this.map.once("moveend", mark);
    this.map.flyTo(target, Math.max(this.map.getZoom(), 8), { duration: 0.5 });
  }

  addLegend(statuses) {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const box = el("div", { class: "legend" });
      box.appendChild(el("strong", {}, "Side"));
      for (const [side, colour] of Object.entries(SIDE_COLOURS)) {
        const swatch = el("span", { class: "swatch" });
        swatch.style.background = colour;
        box.appendChild(el("div", { class: "legend-row" }, swatch, side));
      }
      box.appendChild(el("strong", {}, "Status"));
      for (const status of statuses) {
        box.appendChild(el("div", { class: "legend-row" }, shapeNode(status, "UNKNOWN"), status));
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(this.map);
  }
}
