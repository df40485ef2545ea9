// The page of `flashpoint serve`: every view reads the shared filters from the URL
// (state.js) and redraws when they change.
import { all, get } from "./api.js";
import * as briefing from "./briefing.js";
import { PLOVER_TYPES } from "./colours.js";
import * as documentView from "./document.js";
import { el, fill } from "./dom.js";
import * as map from "./map.js";
import * as network from "./network.js";
import { current, FILTERS, notify, onChange, update } from "./state.js";
import * as timeline from "./timeline.js";

const $ = (id) => document.getElementById(id);
const status = (text) => fill($("status"), text);

function showTab(id) {
  for (const button of document.querySelectorAll("#tabs button")) {
    const on = button.dataset.tab === id;
    button.setAttribute("aria-selected", String(on));
    $(button.dataset.tab).hidden = !on;
  }
}

function fillForm(state) {
  const form = $("filters");
  for (const key of FILTERS) form.elements[key].value = state[key];
}

async function options() {
  const [actors, places] = await Promise.all([get("actors", { limit: 500 }), get("places", { limit: 500 })]);
  fill($("actor-list"), actors.items.map((a) => el("option", { value: a.id }, a.name)));
  fill($("place-list"), places.items.map((p) => el("option", { value: p.id }, p.name)));
  const select = $("filters").elements.type;
  for (const type of PLOVER_TYPES) select.append(el("option", { value: type }, type));
}

function keepFlashpoint(flash, state) {
  if (state.place && flash.place.id !== state.place && flash.place.name !== state.place) return false;
  if (!state.actor) return true;
  return flash.sides.some((side) => [...side.actors, ...side.patrons].some((a) => a.id === state.actor || a.name === state.actor));
}

/** A relation is shown for the dates when it was reported within them. */
function keepRelation(relation, state) {
  if (state.since && relation.last_seen && relation.last_seen < state.since) return false;
  if (state.until && relation.first_seen && relation.first_seen > state.until) return false;
  return true;
}

let drawn = 0;

async function render(state) {
  const ticket = ++drawn;
  fillForm(state);
  status("Loading…");
  const filters = { actor: state.actor, place: state.place, type: state.type };
  try {
    const [events, undated, flashes, relations, camps] = await Promise.all([
      all("events", { ...filters, since: state.since, until: state.until }),
      all("events", filters),
      get("flashpoints", { since: state.since, until: state.until, limit: 500 }).catch(() => ({ items: [] })),
      all("relations", {}, 1000),
      get("coalitions", { at: state.until }).catch(() => ({ items: [] })),
    ]);
    if (ticket !== drawn) return;
    const flashpoints = flashes.items.filter((f) => keepFlashpoint(f, state));
    const attested = relations.items.filter((r) => keepRelation(r, state));
    map.show(events.items, flashpoints);
    map.legend($("map-legend"), [...new Set(events.items.map((e) => e.type))].sort());
    network.show(attested, camps.items, state.actor);
    network.legend($("network-legend"), camps.items);
    timeline.show($("timeline"), undated.items, state.since, state.until);
    const shown = `${events.items.length}${events.more ? "+" : ""} events, ${flashpoints.length} flashpoints, ${attested.length} relations`;
    status(state.actor || state.place || state.type || state.since || state.until ? `${shown} (filtered)` : shown);
    document.body.dataset.ready = String(ticket);
  } catch (error) {
    status(`Could not load: ${error.code || ""} ${error.message}`);
  }
  const views = [briefing.show($("brief-view"), state)];
  if (state.doc) {
    showTab("doc-view");
    views.push(documentView.show($("doc-view"), state.doc, state.at));
  }
  await Promise.all(views);
  if (ticket === drawn) document.body.dataset.shown = String(ticket);
}

async function start() {
  map.init($("map")).catch((error) => status(`Base map: ${error.message}`));
  network.init($("network"));
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    update(Object.fromEntries(FILTERS.map((key) => [key, form.elements[key].value.trim()])));
  });
  $("clear").addEventListener("click", () => update(Object.fromEntries(FILTERS.map((key) => [key, ""]))));
  onChange(render);
  await options().catch((error) => status(`Could not load: ${error.message}`));
  notify();
}

// What the browser tests read back (counts of what is drawn), never used by the page itself.
window.flashpoint = { map, network, timeline, current };
start();
