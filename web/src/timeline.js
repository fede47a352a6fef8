// The timeline: events per day, stacked by side, with a brush that picks a date range.
// Empty stretches longer than GAP_DAYS are drawn GAP_DAYS wide, with a break mark
// saying how long they are, so a quiet quarter does not take half the width.
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
const DAY = 86400000;
export const GAP_DAYS = 6;

// A time scale that squeezes each run of empty days longer than GAP_DAYS to GAP_DAYS:
// x(date) and x.invert(px) like d3's scales; x.gaps lists the squeezed runs.
export function compressedScale(domain, days, range) {
  const [t0, t1] = domain.map((d) => d.getTime());
  const stops = [...new Set(days)].map((d) => parseDay(d).getTime()).filter((t) => t >= t0 && t <= t1).sort((a, b) => a - b);
  // Knots: [real time, virtual time]; between knots the scale is linear.
  const knots = [[t0, 0]];
  const gaps = [];
  let shift = 0;
  let last = t0;
  for (const t of [...stops, t1]) {
    const empty = (t - last) / DAY - 1; // whole days with no event between the two
    if (empty > GAP_DAYS + 1) {
      const from = last + DAY;
      const to = t - DAY;
      knots.push([from, from - t0 - shift]);
      shift += to - from - GAP_DAYS * DAY;
      knots.push([to, to - t0 - shift]);
      gaps.push({ from: new Date(from), to: new Date(to), days: Math.round((to - from) / DAY) + 1 });
    }
    last = t;
  }
  knots.push([t1, t1 - t0 - shift]);
  const px = scaleLinear().domain([0, knots[knots.length - 1][1]]).range(range);
  const toVirtual = (t) => {
    for (let i = 1; i < knots.length; i++) {
      const [a, va] = knots[i - 1];
      const [b, vb] = knots[i];
      if (t <= b || i === knots.length - 1) return b === a ? va : va + ((t - a) * (vb - va)) / (b - a);
    }
    return 0;
  };
  const fromVirtual = (v) => {
    for (let i = 1; i < knots.length; i++) {
      const [a, va] = knots[i - 1];
      const [b, vb] = knots[i];
      if (v <= vb || i === knots.length - 1) return vb === va ? a : a + ((v - va) * (b - a)) / (vb - va);
    }
    return t0;
  };
  const x = (date) => px(toVirtual(date.getTime()));
  x.invert = (p) => new Date(fromVirtual(px.invert(p)));
  x.gaps = gaps;
  x.domain = () => domain;
  // Ticks: a d3 time scale's ticks over each drawn (not squeezed) stretch.
  x.ticks = (count) => {
    const parts = [];
    let from = t0;
    for (const gap of gaps) {
      parts.push([from, gap.from.getTime()]);
      from = gap.to.getTime();
    }
    parts.push([from, t1]);
    const width = Math.abs(range[1] - range[0]);
    const out = [];
    for (const [a, b] of parts) {
      const share = Math.max(1, Math.round((count * (x(new Date(b)) - x(new Date(a)))) / width));
      out.push(...scaleUtc().domain([new Date(a), new Date(b)]).ticks(share));
    }
    return out;
  };
  return x;
}

// The tightest window of days that leaves out at most 5% of the dated events (at least
// one, from five events on), used when the full range is much wider: a stray date
// years away ("steps Moscow took in 2014") would otherwise squash every bar of the
// weeks being studied into a pixel.
export function focusWindow(days) {
  const n = days.length;
  const full = [days[0], days[n - 1]];
  if (n < 5) return full;
  const k = n - Math.max(1, Math.floor(n * 0.05));
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
    this.breaks = this.svg.append("g").attr("class", "breaks");
    this.brushLayer = this.svg.append("g").attr("class", "brush");
    this.x = scaleUtc();
    this.domain = null;
    this.days = [];
  }

  // `full`: every dated event; else the focus window (see focusWindow).
  setDomain(rows, full = false) {
    const days = rows.map(eventDay).filter(Boolean).sort();
    this.days = days;
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
    this.x = compressedScale(this.domain, this.days, [MARGIN.left, width - MARGIN.right]);
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
    this.drawAxis(Math.max(2, Math.floor(width / 90)));
    this.setupBrush();
  }

  drawAxis(count) {
    const base = HEIGHT - MARGIN.bottom;
    const ticks = this.x.ticks(count);
    const label = (d) => (d.getUTCDate() === 1 && d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : d.toISOString().slice(5, 10));
    this.axis.selectAll("*").remove();
    this.axis.append("line").attr("x1", MARGIN.left).attr("x2", this.width - MARGIN.right).attr("y1", base).attr("y2", base).attr("stroke", "currentColor");
    const tick = this.axis.selectAll("g.tick").data(ticks).join("g").attr("class", "tick").attr("transform", (d) => `translate(${this.x(d)},${base})`);
    tick.append("line").attr("y2", 5).attr("stroke", "currentColor");
    tick.append("text").attr("y", 15).attr("text-anchor", "middle").attr("fill", "currentColor").text(label);
    // A break mark over each squeezed run of empty days, with its length.
    const gap = this.breaks.selectAll("g.gap").data(this.x.gaps).join("g").attr("class", "gap");
    gap.selectAll("*").remove();
    gap.attr("data-days", (d) => d.days).attr("transform", (d) => `translate(${(this.x(d.from) + this.x(d.to)) / 2},0)`);
    gap.append("path").attr("d", `M-4 ${base - 6} L0 ${base + 6} M0 ${base - 6} L4 ${base + 6}`).attr("stroke", "#888").attr("fill", "none");
    gap.append("text").attr("y", MARGIN.top + 10).attr("text-anchor", "middle").attr("class", "gap-label").text((d) => `${d.days} d`);
    gap.append("title").text((d) => `${d.days} days with no event (${isoDay(d.from)} – ${isoDay(d.to)})`);
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

  // A range set from outside (the date fields, the URL): drawn as the brush.
  show(range) {
    this.range = range;
    if (!this.brush || !this.domain) return;
    this.brushLayer.call(this.brush.move, range ? this.pixels(range) : null);
  }

  clear() {
    this.range = null;
    if (this.brush) this.brushLayer.call(this.brush.move, null);
  }
}
