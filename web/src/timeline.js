// The timeline: events per day, stacked by side, with a brush that picks a date range.
import { axisBottom } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { utcDay } from "d3-time";
import { sideColour } from "./map.js";

const MARGIN = { top: 6, right: 16, bottom: 22, left: 16 };
const HEIGHT = 96;

export const isoDay = (d) => d.toISOString().slice(0, 10);
const parseDay = (s) => new Date(`${s}T00:00:00Z`);

export function eventDay(row) {
  return row.date_start || row.date_end || null;
}

const spanDays = (a, b) => (parseDay(b) - parseDay(a)) / 86400000;

// The tightest window of days that holds 95% of the dated events, used when the full
// range is much wider: a stray date years away ("steps Moscow took in 2014") would
// otherwise squash every bar of the weeks being studied into a pixel.
export function focusWindow(days) {
  const n = days.length;
  const full = [days[0], days[n - 1]];
  const k = Math.ceil(n * 0.95);
  let best = full;
  for (let i = 0; i + k - 1 < n; i++) {
    if (spanDays(days[i], days[i + k - 1]) < spanDays(best[0], best[1])) {
      best = [days[i], days[i + k - 1]];
    }
  }
  const fullSpan = spanDays(full[0], full[1]);
  return fullSpan <= 2 * spanDays(best[0], best[1]) + 60 ? full : best;
}

export class Timeline {
  constructor(node, onRange) {
    this.node = node;
    this.onRange = onRange;
    this.range = null;
    this.svg = select(node).append("svg").attr("height", HEIGHT).attr("role", "img");
    this.bars = this.svg.append("g").attr("class", "bars");
    this.axis = this.svg.append("g").attr("class", "axis");
    this.brushLayer = this.svg.append("g").attr("class", "brush");
    this.x = scaleUtc();
    this.domain = null;
  }

  // `full`: every dated event; else the focus window (see focusWindow).
  setDomain(rows, full = false) {
    const days = rows.map(eventDay).filter(Boolean).sort();
    this.outside = { before: 0, after: 0, focused: false };
    if (!days.length) {
      this.domain = null;
      return;
    }
    const [from, to] = full ? [days[0], days[days.length - 1]] : focusWindow(days);
    this.outside = {
      before: days.filter((d) => d < from).length,
      after: days.filter((d) => d > to).length,
      focused: from !== days[0] || to !== days[days.length - 1],
    };
    this.domain = [utcDay.offset(parseDay(from), -1), utcDay.offset(parseDay(to), 2)];
    this.clear();
  }

  // Bars for `rows` (the events that pass every filter except the date range).
  draw(rows) {
    const width = Math.max(320, this.node.clientWidth || 800);
    this.width = width;
    this.svg.attr("width", width).attr("viewBox", `0 0 ${width} ${HEIGHT}`);
    if (!this.domain) {
      this.bars.selectAll("*").remove();
      return;
    }
    this.x.domain(this.domain).range([MARGIN.left, width - MARGIN.right]);
    const counts = new Map();
    const [lo, hi] = this.domain.map(isoDay);
    for (const row of rows) {
      const day = eventDay(row);
      if (!day || day < lo || day > hi) continue;
      const side = row.actor1_side || "UNKNOWN";
      const perDay = counts.get(day) || new Map();
      perDay.set(side, (perDay.get(side) || 0) + 1);
      counts.set(day, perDay);
    }
    const most = Math.max(1, ...[...counts.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
    const y = scaleLinear().domain([0, most]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const stacks = [];
    for (const [day, perDay] of counts) {
      let base = 0;
      for (const [side, n] of [...perDay].sort()) {
        stacks.push({ day, side, y0: base, y1: base + n });
        base += n;
      }
    }
    const dayWidth = Math.max(2, this.x(utcDay.offset(this.domain[0], 1)) - this.x(this.domain[0]) - 1);
    this.bars
      .selectAll("rect")
      .data(stacks)
      .join("rect")
      .attr("x", (d) => this.x(parseDay(d.day)) - dayWidth / 2)
      .attr("width", dayWidth)
      .attr("y", (d) => y(d.y1))
      .attr("height", (d) => Math.max(0, y(d.y0) - y(d.y1)))
      .attr("fill", (d) => sideColour(d.side))
      .attr("data-day", (d) => d.day)
      .classed("outside", (d) => this.range && (d.day < this.range[0] || d.day > this.range[1]));
    this.axis
      .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
      .call(axisBottom(this.x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    this.setupBrush();
  }

  setupBrush() {
    const brush = brushX()
      .extent([
        [MARGIN.left, MARGIN.top - 4],
        [this.width - MARGIN.right, HEIGHT - MARGIN.bottom],
      ])
      .on("end", (event) => this.brushed(event, brush));
    this.brushLayer.call(brush);
    this.brush = brush;
    // Keep the current selection drawn after a redraw.
    if (this.range) this.brushLayer.call(brush.move, this.pixels(this.range));
  }

  // The brush's extent for a range of days: from half a day before the first bar's
  // centre to half a day after the last one's.
  pixels([first, last]) {
    const half = (this.x(utcDay.offset(this.domain[0], 1)) - this.x(this.domain[0])) / 2;
    return [this.x(parseDay(first)) - half, this.x(parseDay(last)) + half];
  }

  brushed(event, brush) {
    if (!event.sourceEvent) return; // moves made by code
    if (!event.selection) {
      this.setRange(null);
      return;
    }
    const [a, b] = event.selection.map((px) => this.x.invert(px));
    // A day is in the range when its bar's centre (its midnight) is inside the selection.
    const first = utcDay.ceil(a);
    let last = utcDay.floor(b);
    if (last < first) last = first;
    const range = [isoDay(first), isoDay(last)];
    this.setRange(range);
    this.brushLayer.call(brush.move, this.pixels(range));
  }

  setRange(range) {
    this.range = range;
    this.onRange(range);
  }

  clear() {
    this.range = null;
    if (this.brush) this.brushLayer.call(this.brush.move, null);
  }
}
