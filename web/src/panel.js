// The side panel: lists, one event's evidence, an incident's competing claims side by
// side, and an article with the spans that produced each field.
import { shapeSvg, sideColour } from "./map.js";
import { el, markedText } from "./text.js";

const SPAN_LEGEND = [
  ["place", "places"],
  ["person", "people and bodies"],
  ["date", "dates"],
  ["trigger", "event words"],
  ["evidence", "evidence sentences"],
  ["dateline", "dateline"],
];

function shape(status, side) {
  const node = el("span", { class: "shape" });
  node.innerHTML = shapeSvg(status, side); // fixed markup: see map.js
  return node;
}

function sideTag(side) {
  const tag = el("span", { class: "side-tag", dataset: { side: side || "UNKNOWN" } }, side || "UNKNOWN");
  tag.style.borderColor = sideColour(side);
  return tag;
}

function when(row) {
  const start = row.date_start;
  const end = row.date_end;
  if (start && end && start !== end) return `${start} – ${end}`;
  if (start || end) return `${row.fw_time_precision === "reported_by" ? "by " : ""}${start || end}`;
  return row.date_relative ? `relative: ${row.date_relative}` : "date unknown";
}

function where(row) {
  if (!row.location) return "place unknown";
  const parts = [row.location];
  if (row.admin1 && row.admin1 !== row.location) parts.push(row.admin1);
  if (row.country) parts.push(row.country);
  return parts.join(", ");
}

export function typeLabel(meta, fwType) {
  const info = meta && meta.types && meta.types[fwType];
  return info ? info.label : fwType;
}

function quote(row, marks) {
  // The sentence in its own language ("uk", "ru"): the browser picks its fonts and
  // quotes by it.
  const box = el("blockquote", { class: "claim-sentence", lang: row.language || null });
  if (!row.evidence) {
    box.appendChild(el("em", {}, "no source sentence"));
    return box;
  }
  box.appendChild(markedText(row.evidence, marks || []));
  return box;
}

// The article's web address as a link, only when it is http(s): a "javascript:" or
// "data:" address from a feed is shown as text, never made clickable.
export function sourceLink(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return el("span", { class: "source-url" }, url);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return el("span", { class: "source-url" }, url);
  }
  return el(
    "a",
    { href: parsed.href, class: "source-url", target: "_blank", rel: "noopener noreferrer" },
    parsed.host + (parsed.pathname.length > 1 ? parsed.pathname : ""),
  );
}

function articleLink(row, label = "read the article") {
  return el("a", { href: `#article/${row.article_id}/${row.event_id}`, class: "article-link" }, label);
}

function claimFacts(row) {
  const facts = el("dl", { class: "facts" });
  const add = (term, value) => {
    if (value === null || value === undefined || value === "" || value === false) return;
    facts.append(el("dt", {}, term), el("dd", {}, value));
  };
  add("when", when(row));
  add("where", where(row));
  add("who", row.actor1 ? [row.actor1, " ", sideTag(row.actor1_side)] : null);
  add("against", row.actor2);
  add("claimed by", row.claimed_by ? [row.claimed_by, " ", sideTag(row.claimed_by_side)] : null);
  add("role", row.claimed_by_role);
  add("channel", row.channel);
  add("hedges", row.hedges);
  add("source", row.source);
  add("quantities", row.quantities);
  add("fatalities", row.fatalities);
  if (row.unverified) add("verification", "the outlet could not independently verify this");
  return facts;
}

export function eventPanel(view, meta) {
  const row = view.event;
  const box = el("article", { class: "event-view", dataset: { eventId: row.event_id } });
  box.append(
    el(
      "h2",
      {},
      shape(row.status, row.actor1_side || "UNKNOWN"),
      " ",
      typeLabel(meta, row.fw_type),
      " ",
      el("span", { class: `status status-${row.status}` }, row.status),
    ),
    el("p", { class: "acled" }, `ACLED: ${row.event_type || "?"} / ${row.sub_event_type || "?"}`),
    quote(row, view.marks),
    claimFacts(row),
    el("p", { class: "links" }, articleLink(row), row.url ? [" · original: ", sourceLink(row.url)] : null),
  );
  if (row.incident_id) {
    box.appendChild(
      el(
        "p",
        { class: "links" },
        el(
          "a",
          { href: `#incident/${row.incident_id}`, class: "incident-link" },
          `compare the claims in this ${row.incident_status || ""} incident`,
        ),
      ),
    );
  }
  return box;
}

export function incidentPanel(view, meta) {
  const box = el("article", { class: "incident-view", dataset: { incidentId: view.id } });
  box.append(
    el("h2", {}, "Incident ", el("span", { class: `status status-${view.status}` }, view.status)),
    el("p", { class: "incident-title" }, view.title || view.summary || ""),
    view.why ? el("p", { class: "meta-line" }, view.why) : null,
    el(
      "p",
      { class: "meta-line" },
      [view.date_start, view.date_end].filter(Boolean).join(" – ") || "date unknown",
      " · ",
      (view.locations || []).join(", ") || "place unknown",
      " · ",
      `${view.n_events} report(s) from ${view.sources.length} source(s)`,
    ),
  );
  const columns = el("div", { class: "incident-columns" });
  for (const column of view.columns) {
    const col = el("section", { class: "side-column", dataset: { side: column.side } });
    col.style.borderTopColor = sideColour(column.side);
    col.appendChild(el("h3", {}, sideTag(column.side), " ", column.label));
    for (const claim of column.claims) {
      col.appendChild(
        el(
          "div",
          { class: "claim-card", dataset: { eventId: claim.event_id } },
          el(
            "div",
            { class: "claim-head" },
            shape(claim.status, claim.actor1_side || "UNKNOWN"),
            " ",
            el("span", { class: `status status-${claim.status}` }, claim.status),
            " ",
            typeLabel(meta, claim.fw_type),
          ),
          quote(claim, claim.marks),
          claimFacts(claim),
          el(
            "p",
            { class: "links" },
            articleLink(claim),
            " · ",
            el("a", { href: `#event/${claim.event_id}` }, "event"),
            claim.url ? [" · ", sourceLink(claim.url)] : null,
          ),
        ),
      );
    }
    columns.appendChild(col);
  }
  box.appendChild(columns);
  return box;
}

export function articlePanel(view, focusEvent) {
  const box = el("article", { class: "article-view", dataset: { articleId: view.id } });
  box.append(
    el("h2", {}, view.title || view.file || view.id),
    el(
      "p",
      { class: "meta-line" },
      [view.outlet, view.origin && view.origin !== view.outlet ? `via ${view.origin}` : null]
        .filter(Boolean)
        .join(" ") || "outlet unknown",
      " · ",
      view.published ? `published ${view.published} (${view.date_source})` : "publication date unknown",
      view.dateline ? ` · dateline ${view.dateline}` : "",
      ` · ${view.file}`,
    ),
  );
  if (view.url) box.appendChild(el("p", { class: "links" }, "original: ", sourceLink(view.url)));
  const legend = el("p", { class: "span-legend" });
  for (const [kind, label] of SPAN_LEGEND) {
    legend.append(el("mark", { class: `sp-${kind}` }, label), " ");
  }
  box.appendChild(legend);
  const text = el("div", { id: "article-text", class: "article-text", lang: view.language || null });
  text.appendChild(markedText(view.text, view.spans));
  box.appendChild(text);
  if (view.boilerplate && view.boilerplate.length) {
    box.appendChild(
      el(
        "details",
        { class: "boilerplate" },
        el("summary", {}, `${view.boilerplate.length} line(s) removed as boilerplate`),
        el("ul", {}, view.boilerplate.map((line) => el("li", {}, line))),
      ),
    );
  }
  if (focusEvent) {
    for (const node of text.querySelectorAll("[data-evidence]")) {
      if (node.dataset.evidence.split(" ").includes(focusEvent)) node.classList.add("focus");
    }
  }
  return box;
}


const incidentDay = (inc) => inc.date_start || inc.date_end || "9999";

// Incidents among the events shown, by date, narrowed by their own status and side.
export function incidentsShown(incidents, visible, filters) {
  return incidents
    .filter((i) => i.event_ids.some((id) => visible.has(id)))
    .filter((i) => !filters.istatus || i.status === filters.istatus)
    .filter((i) => !filters.iside || (i.sides || []).includes(filters.iside))
    .sort((a, b) => (incidentDay(a) < incidentDay(b) ? -1 : incidentDay(a) > incidentDay(b) ? 1 : a.id < b.id ? -1 : 1));
}

function incidentTitle(inc, meta) {
  if (inc.title) return inc.title;
  const what = inc.fw_types.map((t) => typeLabel(meta, t)).join(", ");
  return [what, inc.locations[0], inc.date_start].filter(Boolean).join(", ") + `: ${inc.status}`;
}

function incidentFilter(name, label, options, value, onChange) {
  const select = el(
    "select",
    { name, onchange: (e) => onChange(name, e.target.value) },
    el("option", { value: "" }, "all"),
    options.map((o) => el("option", { value: o }, o)),
  );
  select.value = value || "";
  return el("label", {}, `${label} `, select);
}

export function listPanel(state, rows, incidents, meta, onIncidentFilter = () => {}) {
  const box = el("div", { class: "list-view" });
  const visible = new Set(rows.map((r) => r.event_id));
  const shown = incidentsShown(incidents, visible, state.filters);
  box.appendChild(el("h2", {}, `Incidents (${shown.length})`));
  const sides = [...new Set(incidents.flatMap((i) => i.sides || []))].sort();
  box.appendChild(
    el(
      "p",
      { class: "incident-filters" },
      incidentFilter("istatus", "status", meta.incident_statuses || [], state.filters.istatus, onIncidentFilter),
      " ",
      incidentFilter("iside", "side", sides, state.filters.iside, onIncidentFilter),
    ),
  );
  if (!shown.length) box.appendChild(el("p", { class: "empty" }, "No incident among the events shown."));
  const incList = el("ul", { class: "incident-list" });
  for (const inc of shown) {
    incList.appendChild(
      el(
        "li",
        { dataset: { incidentId: inc.id, day: inc.date_start || "" } },
        el(
          "a",
          { href: `#incident/${inc.id}` },
          el("span", { class: `status status-${inc.status}` }, inc.status),
          " ",
          el("span", { class: "incident-title" }, incidentTitle(inc, meta)),
        ),
        el(
          "span",
          { class: "meta-line" },
          " ",
          `${inc.n_events} report(s) from ${inc.sources.length} source(s)` + (inc.why ? ` · ${inc.why}` : ""),
        ),
      ),
    );
  }
  box.appendChild(incList);
  const limit = 300;
  box.appendChild(el("h2", {}, `Events (${rows.length})`));
  const list = el("ul", { class: "event-list" });
  for (const row of rows.slice(0, limit)) {
    list.appendChild(
      el(
        "li",
        {},
        el(
          "a",
          { href: `#event/${row.event_id}`, dataset: { eventId: row.event_id } },
          shape(row.status, row.actor1_side || "UNKNOWN"),
          " ",
          el("span", { class: "date" }, row.event_date || "undated"),
          " ",
          typeLabel(meta, row.fw_type),
          " — ",
          row.location || "place unknown",
        ),
      ),
    );
  }
  if (rows.length > limit) list.appendChild(el("li", { class: "more" }, `… and ${rows.length - limit} more`));
  box.appendChild(list);
  return box;
}

export function errorPanel(message) {
  return el("div", { class: "error" }, el("h2", {}, "Not found"), el("p", {}, message));
}
