// The analyst's desk: filters, map, timeline and the evidence panel, in one state.
import { EventMap } from "./map.js";
import {
  articlePanel,
  errorPanel,
  eventPanel,
  incidentPanel,
  listPanel,
  typeLabel,
} from "./panel.js";
import { apiSource, embeddedSource, inlined } from "./source.js";
import { el } from "./text.js";
import { Timeline } from "./timeline.js";

const state = {
  meta: null,
  rows: [],
  incidents: [],
  filters: { side: "", type: "", status: "", region: "", text: "" },
  range: null,
};

function inRange(row, range) {
  if (!range) return true;
  const start = row.date_start || row.date_end;
  const end = row.date_end || row.date_start;
  if (!start) return false;
  return !(end < range[0] || start > range[1]);
}

function passes(row, f) {
  if (f.side && (row.actor1_side || "UNKNOWN") !== f.side) return false;
  if (f.type && row.fw_type !== f.type) return false;
  if (f.status && row.status !== f.status) return false;
  if (f.region && row.admin1 !== f.region) return false;
  if (f.text) {
    const hay = [row.evidence, row.location, row.actor1, row.actor2, row.claimed_by, row.trigger]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    if (!hay.includes(f.text.toLowerCase())) return false;
  }
  return true;
}

function fillSelect(form, name, options) {
  const select = form.elements[name];
  for (const [value, label] of options) select.appendChild(el("option", { value }, label));
}

function setupFilters(form) {
  const present = (key) => [...new Set(state.rows.map((r) => r[key]).filter(Boolean))].sort();
  const sides = Object.keys(state.meta.sides);
  const short = (label) => label.split(" (")[0];
  fillSelect(form, "side", sides.map((s) => [s, `${s} — ${short(state.meta.sides[s])}`]));
  fillSelect(form, "type", present("fw_type").map((t) => [t, typeLabel(state.meta, t)]));
  fillSelect(form, "status", present("status").map((s) => [s, s]));
  fillSelect(form, "region", present("admin1").map((r) => [r, r]));
  // Redraw only when a filter really changed: a redraw under a pending click (a text
  // field's change event fires on blur) would swallow that click.
  const read = (force = false) => {
    const data = new FormData(form);
    let changed = force;
    for (const key of Object.keys(state.filters)) {
      const value = String(data.get(key) || "");
      changed ||= state.filters[key] !== value;
      state.filters[key] = value;
    }
    if (changed) update();
  };
  form.addEventListener("input", () => read());
  form.addEventListener("change", () => read());
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      timeline.clear();
      state.range = null;
      read(true);
    });
  });
}

let map;
let timeline;

// The timeline's span: focused on where most events are, with a button for every date.
function setupDomain(rows) {
  const note = document.getElementById("outside-domain");
  const button = document.getElementById("full-range");
  const show = (full) => {
    timeline.setDomain(rows, full);
    state.range = null;
    const { before, after, focused } = timeline.outside;
    note.textContent =
      before || after ? `${before} earlier and ${after} later event(s) off the timeline` : "";
    button.hidden = !focused && !full;
    button.textContent = full ? "focus on most events" : "show every date";
    button.onclick = () => {
      show(!full);
      update();
    };
  };
  show(false);
}

function update() {
  const filtered = state.rows.filter((r) => passes(r, state.filters));
  const shown = filtered.filter((r) => inRange(r, state.range));
  const onMap = map.show(shown.map((r) => r.event_id));
  timeline.draw(filtered);
  const count = document.getElementById("count");
  count.textContent = `${shown.length} of ${state.rows.length} events` + (shown.length > onMap ? ` (${shown.length - onMap} without a place)` : "");
  count.dataset.shown = String(shown.length);
  count.dataset.onMap = String(onMap);
  count.dataset.total = String(state.rows.length);
  const range = document.getElementById("range");
  range.textContent = state.range ? `${state.range[0]} – ${state.range[1]}` : "all dates";
  range.dataset.since = state.range ? state.range[0] : "";
  range.dataset.until = state.range ? state.range[1] : "";
  state.shown = shown;
  if (!location.hash || location.hash === "#") renderList();
}

function setPanel(node) {
  const panel = document.getElementById("panel");
  panel.replaceChildren(node);
  panel.scrollTop = 0;
}

// Dated events first, by date; undated ones after them, in stored order.
function byDay(rows) {
  const day = (r) => r.date_start || r.date_end || "9999";
  return rows.slice().sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0));
}

function renderList() {
  setPanel(listPanel(state, byDay(state.shown || state.rows), state.incidents, state.meta));
}

async function route() {
  const [kind, id, extra] = location.hash.replace(/^#/, "").split("/").map(decodeURIComponent);
  try {
    if (kind === "event" && id) {
      setPanel(eventPanel(await source.event(id), state.meta));
      map.select(id);
    } else if (kind === "incident" && id) {
      const view = await source.incident(id);
      setPanel(incidentPanel(view, state.meta));
      map.select(null);
      map.fitTo(view.event_ids);
    } else if (kind === "article" && id) {
      const node = articlePanel(await source.article(id), extra);
      setPanel(node);
      node.querySelector(".focus")?.scrollIntoView({ block: "center" });
    } else {
      map.select(null);
      renderList();
    }
  } catch (error) {
    setPanel(errorPanel(error.message));
  }
  document.body.dataset.view = kind || "list";
}

const data = inlined("frontwatch-data");
const source = data ? embeddedSource(data, inlined("frontwatch-basemap")) : apiSource("");

async function main() {
  map = new EventMap(document.getElementById("map"), (id) => {
    location.hash = `#event/${id}`;
  });
  timeline = new Timeline(document.getElementById("timeline"), (range) => {
    state.range = range;
    update();
  });
  const [meta, rows, incidents, basemap] = await Promise.all([
    source.meta(),
    source.events(),
    source.incidents(),
    source.basemap().catch(() => null),
  ]);
  Object.assign(state, { meta, rows, incidents });
  map.setBasemap(basemap);
  map.setEvents(rows);
  map.addLegend(meta.statuses);
  setupDomain(rows);
  setupFilters(document.getElementById("filters"));
  update();
  map.fitTo(rows.map((r) => r.event_id));
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => timeline.draw(state.rows.filter((r) => passes(r, state.filters))));
  await route();
  document.body.dataset.ready = "1";
}

main().catch((error) => {
  document.getElementById("count").textContent = `error: ${error.message}`;
  document.body.dataset.ready = "error";
});

