// "Export this view": the events shown (every filter and the date range applied) as
// CSV with the export's columns, or as GeoJSON, made in the page from the rows it
// holds, so the file is exactly what is on the screen.

// As frontwatch.export.write_csv: lists joined by "; ", booleans true/false, empty for
// null, fields quoted when they hold a comma, a quote or a line break.
function csvValue(value) {
  if (value === null || value === undefined) return "";
  let text = Array.isArray(value) ? value.join("; ") : typeof value === "boolean" ? String(value) : String(value);
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function toCsv(rows, columns) {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvValue(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function toGeojson(rows) {
  return {
    type: "FeatureCollection",
    features: rows.map((row) => ({
      type: "Feature",
      id: row.event_id,
      geometry:
        row.latitude === null || row.longitude === null || row.latitude === undefined
          ? null
          : { type: "Point", coordinates: [row.longitude, row.latitude] },
      properties: row,
    })),
  };
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportView(kind, rows, columns) {
  const stamp = new Date().toISOString().slice(0, 10);
  if (kind === "csv") download(`frontwatch-view-${stamp}.csv`, "text/csv", toCsv(rows, columns));
  else
    download(
      `frontwatch-view-${stamp}.geojson`,
      "application/geo+json",
      JSON.stringify(toGeojson(rows), null, 1),
    );
}
