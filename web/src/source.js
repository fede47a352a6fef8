// Where the page's data comes from: the JSON API (`frontwatch serve`), or one object
// inlined in the page (`frontwatch report`). Both give the same shapes.

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch {
      /* not JSON */
    }
    throw new Error(`${url}: ${response.status} ${detail}`);
  }
  return response.json();
}

// Every page of a list endpoint ({"total", "items", "next_offset"}), in order.
async function everyPage(url) {
  const rows = [];
  let offset = 0;
  while (offset !== null && offset !== undefined) {
    const page = await getJSON(`${url}?limit=1000&offset=${offset}`);
    rows.push(...page.items);
    offset = page.next_offset;
  }
  return rows;
}

export function apiSource(base = "") {
  return {
    kind: "api",
    meta: () => getJSON(`${base}/api/meta`),
    async basemap() {
      const [shapes, labels] = await Promise.all([
        getJSON(`${base}/static/basemap.json`),
        getJSON(`${base}/api/labels`).catch(() => null),
      ]);
      return { ...shapes, labels };
    },
    events: () => everyPage(`${base}/api/events`),
    incidents: () => everyPage(`${base}/api/incidents`),
    incident: (id) => getJSON(`${base}/api/incidents/${encodeURIComponent(id)}`),
    event: (id) => getJSON(`${base}/api/events/${encodeURIComponent(id)}`),
    article: (id) => getJSON(`${base}/api/articles/${encodeURIComponent(id)}`),
  };
}

function found(value, what) {
  if (value === undefined || value === null) return Promise.reject(new Error(`no ${what}`));
  return Promise.resolve(value);
}

export function embeddedSource(data, basemap) {
  return {
    kind: "embedded",
    meta: () => Promise.resolve(data.meta),
    basemap: () => Promise.resolve(basemap),
    events: () => Promise.resolve(data.events),
    incidents: () => Promise.resolve(data.incidents),
    incident: (id) => found(data.incidents.find((i) => i.id === id), `incident ${id}`),
    event: (id) => found(data.event_views[id], `event ${id}`),
    article: (id) => found(data.articles[id], `article ${id}`),
  };
}

// Data inlined by the report: <script type="application/json" id="...">.
export function inlined(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}
