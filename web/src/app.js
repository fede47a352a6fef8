// The analyst's desk: filters, map, timeline and the evidence panel, in one state.
// The URL holds the view: "#<open item>?<filters>", e.g.
// "#incident/inc-1?side=RU&since=2022-09-20", so a view can be shared or reloaded.
import { exportView } from "./export.js";
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
import { eventDay, Timeline } from "./timeline.js";

const FILTERS = ["side", "type", "status", "region", "language", "text", "istatus", "iside"];
// The article's language (the API's `language` filter), by its code; a code not listed
// here is shown as it is.
const LANGUAGES = { en: "English", uk: "Ukrainian", ru: "Russian", und: "undetermined" };

const state = {
  meta: null,
  rows: [],
  incidents: [],
  filters: Object.fromEntries(FILTERS.map((k) => [k, ""])),
  range: null,
  pinned: [], // events of the open incident or the open event: drawn whatever the filters
  route: "",
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
  if (f.language && row.language !== f.language) return false;
  if (f.text) {
    const hay = [row.evidence, row.location, row.actor1, row.actor2, row.claimed_by, row.trigger]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    if (!hay.includes(f.text.toLowerCase())) return false;
  }
  return true;
}

// --- the URL -------------------------------------------------------------------------

function splitHash() {
  const raw = location.hash.replace(/^#/, "");
  const at = raw.indexOf("?");
  return {
    route: at < 0 ? raw : raw.slice(0, at),
    params: new URLSearchParams(at < 0 ? "" : raw.slice(at + 1)),
  };
}

function viewParams() {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.range) {
    params.set("since", state.range[0]);
    params.set("until", state.range[1]);
  }
  return params.toString();
}

function writeUrl() {
  const query = viewParams();
  const hash = `#${splitHash().route}${query ? `?${query}` : ""}`;
  if (hash !== (location.hash || "#")) history.replaceState(null, "", hash === "#" ? location.pathname + location.search : hash);
}

const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || "");

function readUrl(form) {
  const { params } = splitHash();
  for (const key of FILTERS) {
    const value = params.get(key) || "";
    const field = form.elements[key];
    if (field) field.value = value; // a value the select does not offer leaves it at "all"
    state.filters[key] = field ? field.value : value;
  }
  const since = params.get("since");
  const until = params.get("until");
  state.range = isDay(since) && isDay(until) && since <= until ? [since, until] : null;
}

// --- filters -------------------------------------------------------------------------

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
  fillSelect(form, "language", present("language").map((l) => [l, LANGUAGES[l] ? `${LANGUAGES[l]} (${l})` : l]));
  readUrl(form);
  // Redraw only when a filter really changed: a redraw under a pending click (a text
  // field's change event fires on blur) would swallow that click.
  const read = (force = false) => {
    const data = new FormData(form);
    let changed = force;
    for (const key of ["side", "type", "status", "region", "language", "text"]) {
      const value = String(data.get(key) || "");
      changed ||= state.filters[key] !== value;
      state.filters[key] = value;
    }
    if (changed) update({ refit: true });
  };
  form.addEventListener("input", () => read());
  form.addEventListener("change", () => read());
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      timeline.clear();
      state.range = null;
      state.filters.istatus = state.filters.iside = "";
      read(true);
    });
  });
}

// The date fields beside the timeline and the brush set one range.
function setupDates() {
  const since = document.getElementById("since");
  const until = document.getElementById("until");
  const changed = () => {
    const a = since.value;
    const b = until.value;
    if (!a && !b) setRange(null);
    else if (isDay(a || b) && isDay(b || a)) {
      const range = [a || b, b || a].sort();
      setRange(range);
      timeline.show(range);
    }
  };
  since.addEventListener("change", changed);
  until.addEventListener("change", changed);
}

function setRange(range) {
  state.range = range;
  update({ refit: true });
}

let map;
let timeline;

// The timeline's span: focused on where most events are, with a button for every date.
function setupDomain(rows) {
  const note = document.getElementById("outside-domain");
  const button = document.getElementById("full-range");
  const show = (full) => {
    const kept = state.range;
    timeline.setDomain(rows, full);
    state.range = kept;
    const { before, after, focused } = timeline.outside;
    note.textContent =
      before || after ? `${before} earlier and ${after} later event(s) off the timeline` : "";
    button.hidden = !focused && !full;
    button.textContent = full ? "focus on most events" : "show every date";
    button.onclick = () => {
      state.range = null;
      show(!full);
      update();
    };
  };
  show(false);
}

function update({ refit = false } = {}) {
  const filtered = state.rows.filter((r) => passes(r, state.filters));
  const shown = filtered.filter((r) => inRange(r, state.range));
  const ids = shown.map((r) => r.event_id);
  const visible = new Set(ids);
  const onMap = map.show([...ids, ...state.pinned.filter((id) => !visible.has(id))]);
  timeline.draw(filtered);
  timeline.show(state.range);
  const count = document.getElementById("count");
  const placed = shown.filter((r) => r.latitude !== null && r.latitude !== undefined).length;
  count.textContent = `${shown.length} of ${state.rows.length} events` + (shown.length > placed ? ` (${shown.length - placed} without a place)` : "");
  count.dataset.shown = String(shown.length);
  count.dataset.onMap = String(Math.min(onMap, placed));
  count.dataset.total = String(state.rows.length);
  const undated = filtered.filter((r) => !eventDay(r)).length;
  const note = document.getElementById("undated");
  note.textContent = undated ? `${undated} undated event(s), not on the timeline` : "";
  note.dataset.count = String(undated);
  const range = document.getElementById("range");
  range.textContent = state.range ? `${state.range[0]} – ${state.range[1]}` : "all dates";
  range.dataset.since = state.range ? state.range[0] : "";
  range.dataset.until = state.range ? state.range[1] : "";
  document.getElementById("since").value = state.range ? state.range[0] : "";
  document.getElementById("until").value = state.range ? state.range[1] : "";
  state.shown = shown;
  const listOpen = !state.route;
  if (refit && listOpen) map.fitTo(ids);
  if (listOpen) renderList();
  writeUrl();
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
  const onIncidentFilter = (key, value) => {
    state.filters[key] = value;
    update();
  };
  setPanel(listPanel(state, byDay(state.shown || state.rows), state.incidents, state.meta, onIncidentFilter));
}

async function route() {
  // A URL with other filters (pasted, or the browser's back): they become the view.
  const { params } = splitHash();
  if (params.toString() && params.toString() !== viewParams()) {
    readUrl(document.getElementById("filters"));
    state.refit = true;
  }
  const [kind, id, extra] = splitHash().route.split("/").map(decodeURIComponent);
  state.route = kind && id ? kind : "";
  try {
    if (kind === "event" && id) {
      state.pinned = [id];
      update();
      setPanel(eventPanel(await source.event(id), state.meta));
      map.select(id);
    } else if (kind === "incident" && id) {
      const view = await source.incident(id);
      // Its own events are drawn even where the filters would hide them.
      state.pinned = view.event_ids;
      update();
      setPanel(incidentPanel(view, state.meta));
      map.select(null);
      map.fitTo(view.event_ids, true);
    } else if (kind === "article" && id) {
      const node = articlePanel(await source.article(id), extra);
      setPanel(node);
      node.querySelector(".focus")?.scrollIntoView({ block: "center" });
    } else {
      state.pinned = [];
      map.select(null);
      update({ refit: state.refit });
    }
    state.refit = false;
  } catch (error) {
    setPanel(errorPanel(error.message));
  }
  writeUrl();
  document.body.dataset.view = kind || "list";
}

function setupExport() {
  for (const button of document.querySelectorAll("button[data-export]")) {
    button.addEventListener("click", () => {
      const columns = state.meta.columns || Object.keys(state.rows[0] || {});
      exportView(button.dataset.export, state.shown || [], columns);
    });
  }
}

const data = inlined("frontwatch-data");
const source = data ? embeddedSource(data, inlined("frontwatch-basemap")) : apiSource("");

async function main() {
  map = new EventMap(document.getElementById("map"), (id) => {
    location.hash = `#event/${id}`;
  });
  timeline = new Timeline(document.getElementById("timeline"), (range) => setRange(range));
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
  setupFilters(document.getElementById("filters"));
  setupDomain(rows);
  setupDates();
  setupExport();
  update();
  map.fitTo((state.shown || rows).map((r) => r.event_id));
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => timeline.draw(state.rows.filter((r) => passes(r, state.filters))));
  await route();
  document.body.dataset.ready = "1";
}

main().catch((error) => {
  document.getElementById("count").textContent = `error: ${error.message}`;
  document.body.dataset.ready = "error";
});
