// Town and oblast names on the base map, from the gazetteer (GET /api/labels, or the
// report's embedded copy). Each name is a DOM text node in the "labels" pane, so the
// browser's search, screen readers and the tests find it; which names are drawn
// depends on the zoom (bigger towns first), never on the events; a name that would
// overlap a bigger one already drawn moves to the dot's left, else is hidden from
// sight (class "crowded": clipped, still read by screen readers), not removed.
import L from "./leaflet-global.js";
import { el } from "./text.js";

// The least zoom at which each tier is drawn: 0 oblasts, 1 cities of 500,000 and
// capitals, 2 of 100,000, 3 of 30,000, 4 of 10,000 (serve/labels.py sets the tiers).
export const TIER_ZOOM = [5, 0, 3, 6, 7.5];
// Oblast names give way to towns once the map is close enough to read the towns.
const OBLAST_MAX_ZOOM = 8;

export class LabelLayer {
  constructor(map) {
    this.map = map;
    map.createPane("labels");
    const pane = map.getPane("labels");
    pane.style.zIndex = 450; // above the outlines (400), below the markers (600)
    pane.style.pointerEvents = "none";
    this.tiers = TIER_ZOOM.map(() => L.layerGroup());
    map.on("zoomend", () => this.refresh());
    map.on("moveend", () => this.declutter());
  }

  setLabels(labels) {
    for (const label of labels || []) {
      const tier = Math.max(0, Math.min(TIER_ZOOM.length - 1, Number(label.tier) || 0));
      const node = el(
        "span",
        { class: `place-label ${label.kind === "oblast" ? "oblast" : "town"} tier-${tier}` },
        label.kind === "town" ? el("i", { class: "dot" }) : null,
        label.name,
      );
      const icon = L.divIcon({ className: "place-label-box", html: node, iconSize: null });
      const marker = L.marker([label.lat, label.lon], {
        icon,
        pane: "labels",
        interactive: false,
        keyboard: false,
      });
      marker.label = { tier, size: label.name.length };
      this.tiers[tier].addLayer(marker);
    }
    this.refresh();
  }

  refresh() {
    const zoom = this.map.getZoom();
    this.tiers.forEach((group, tier) => {
      const wanted = zoom >= TIER_ZOOM[tier] && (tier !== 0 || zoom <= OBLAST_MAX_ZOOM);
      if (wanted && !this.map.hasLayer(group)) group.addTo(this.map);
      if (!wanted && this.map.hasLayer(group)) this.map.removeLayer(group);
    });
    this.map.getContainer().dataset.zoom = String(zoom);
    this.declutter();
  }

  // Bigger places first: a name whose box overlaps one already kept is hidden.
  declutter() {
    const kept = [];
    const size = this.map.getSize();
    for (const group of [this.tiers[1], this.tiers[2], this.tiers[0], this.tiers[3], this.tiers[4]]) {
      if (!this.map.hasLayer(group)) continue;
      group.eachLayer((marker) => {
        const node = marker.getElement();
        if (!node) return;
        const p = this.map.latLngToContainerPoint(marker.getLatLng());
        const width = marker.label.size * 6.5 + 8;
        const oblast = marker.label.tier === 0;
        // A town's name goes right of its dot, else left of it; an oblast's is centred.
        const boxes = oblast
          ? [[p.x - width / 2, p.y - 7, p.x + width / 2, p.y + 7]]
          : [[p.x - 4, p.y - 7, p.x + width, p.y + 7], [p.x - width, p.y - 7, p.x + 4, p.y + 7]];
        const free = (box) => !kept.some((k) => box[0] < k[2] && k[0] < box[2] && box[1] < k[3] && k[1] < box[3]);
        const inside = p.x > -width && p.x < size.x + width && p.y > -10 && p.y < size.y + 10;
        const at = inside ? boxes.findIndex(free) : 0;
        node.classList.toggle("crowded", at < 0);
        node.classList.toggle("left", at === 1);
        if (inside && at >= 0) kept.push(boxes[at]);
      });
    }
  }
}
