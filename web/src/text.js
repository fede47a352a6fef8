// Text with marked spans, built from DOM text nodes only: article text is never parsed
// as HTML, so "<script>" in an article shows as the characters it is.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Splits `text` at every span boundary; each piece carries the kinds of all spans over it.
export function markedText(text, spans) {
  const size = text.length;
  const clean = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(size, s.end) }))
    .filter((s) => s.start < s.end);
  const cuts = new Set([0, size]);
  for (const s of clean) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  let open = clean.slice().sort((a, b) => a.start - b.start);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const over = open.filter((s) => s.start <= a && s.end >= b);
    open = open.filter((s) => s.end > a);
    if (!over.length) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const inline = over.filter((s) => s.kind !== "evidence");
    const node = document.createElement(inline.length ? "mark" : "span");
    node.className = over.map((s) => `sp-${s.kind}`).join(" ");
    const labels = over.map((s) => s.label).filter(Boolean);
    if (labels.length) node.title = labels.join("\n");
    const evidence = over.filter((s) => s.kind === "evidence" && s.event_id);
    if (evidence.length) node.dataset.evidence = evidence.map((s) => s.event_id).join(" ");
    const trigger = over.find((s) => s.kind === "trigger" && s.event_id);
    if (trigger) node.dataset.eventId = trigger.event_id;
    node.textContent = piece;
    fragment.appendChild(node);
  }
  return fragment;
}
