// The timeline: events per week, stacked by type. Brushing a range sets the shared
// since/until filters; a click without a drag clears them.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { typeColour } from "./colours.js";
import { update } from "./state.js";

const DAY = 86_400_000;
const HEIGHT = 170;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 32 };
let drawing = null;

function parse(day) {
  return day ? Date.parse(`${day}T00:00:00Z`) : NaN;
}

function iso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday (UTC) of the week of `ms`. */
export function weekOf(ms) {
  const day = new Date(ms).getUTCDay();
  return ms - ((day + 6) % 7) * DAY;
}

/** Count events per week and type: [{week, type, n, below}] (below: the stack under it). */
export function weekly(events) {
  const counts = new Map();
  for (const event of events) {
    const ms = parse(event.date_start || event.first_reported);
    if (Number.isNaN(ms)) continue;
    const key = `${weekOf(ms)}|${event.type}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const bars = [...counts.entries()].map(([key, n]) => {
    const [week, type] = key.split("|");
    return { week: Number(week), type, n };
  });
  bars.sort((a, b) => a.week - b.week || a.type.localeCompare(b.type));
  const height = new Map();
  for (const bar of bars) {
    bar.below = height.get(bar.week) || 0;
    height.set(bar.week, bar.below + bar.n);
  }
  return bars;
}

/** Draw `events` (filtered by everything but the dates) with the brush at since/until. */
export function show(container, events, since, until) {
  const width = Math.max(300, container.clientWidth || 600);
  const bars = weekly(events);
  const svg = select(container).selectAll("svg").data([null]).join("svg").attr("width", width).attr("height", HEIGHT);
  svg.selectAll("*").remove();
  if (!bars.length) {
    svg.append("text").attr("x", 20).attr("y", 40).text("No dated event matches the filters.");
    drawing = null;
    return;
  }
  const first = bars[0].week;
  const last = bars[bars.length - 1].week + 7 * DAY;
  const x = scaleUtc().domain([first - 7 * DAY, last + 7 * DAY]).range([MARGIN.left, width - MARGIN.right]);
  const top = Math.max(...bars.map((b) => b.below + b.n));
  const y = scaleLinear().domain([0, top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const barWidth = Math.max(2, x(first + 7 * DAY) - x(first) - 1);
  svg.append("g").attr("class", "bars").selectAll("rect").data(bars).join("rect")
    .attr("x", (b) => x(b.week))
    .attr("width", barWidth)
    .attr("y", (b) => y(b.below + b.n))
    .attr("height", (b) => y(b.below) - y(b.below + b.n))
    .attr("fill", (b) => typeColour(b.type))
    .attr("data-week", (b) => iso(b.week))
    .attr("data-type", (b) => b.type)
    .attr("data-n", (b) => b.n)
    .append("title").text((b) => `week of ${iso(b.week)}: ${b.n} ${b.type}`);
  svg.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  svg.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4));
  const brush = brushX()
    .extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, HEIGHT - MARGIN.bottom]])
    .on("end", (event) => {
      if (!event.sourceEvent) return; // moved by show(), not by a person
      if (!event.selection) {
        update({ since: "", until: "" });
        return;
      }
      const [a, b] = event.selection.map((px) => x.invert(px).getTime());
      update({ since: iso(a), until: iso(b) });
    });
  const holder = svg.append("g").attr("class", "brush").call(brush);
  const a = parse(since);
  const b = parse(until);
  if (!Number.isNaN(a) || !Number.isNaN(b)) {
    const lo = Number.isNaN(a) ? x.domain()[0].getTime() : a;
    const hi = Number.isNaN(b) ? x.domain()[1].getTime() : b;
    holder.call(brush.move, [Math.max(x.range()[0], x(lo)), Math.min(x.range()[1], x(hi))]);
  }
  drawing = { x };
}

/** The screen x of a day on the drawn axis (for tests that brush like a person). */
export function dayX(container, day) {
  if (!drawing) return null;
  return container.getBoundingClientRect().left + drawing.x(parse(day));
}
