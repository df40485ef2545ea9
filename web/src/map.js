// The map: an offline base map from Natural Earth (world-atlas countries, mapeo-offline-map
// rivers and lakes, all served by this server), events coloured by type and drawn hollow
// when not asserted, and flashpoints as rings sized by score. Leaflet, no tile server.
import L from "leaflet";
import { feature } from "topojson-client";
import { typeColour } from "./colours.js";
import { openAtText } from "./document.js";
import { el, fill, swatch } from "./dom.js";
import { openDocument, update } from "./state.js";

let map;
let layer;

async function baseMap(container) {
  const [countries, lakes, rivers] = await Promise.all(
    ["countries-50m", "lakes", "rivers"].map((name) => fetch(`/static/geo/${name}.json`).then((r) => r.json())),
  );
  const land = feature(countries, countries.objects.countries);
  const renderer = L.canvas({ pane: "base" });
  const base = { interactive: false, renderer };
  L.geoJSON(land, { ...base, style: { color: "#9a9a8a", weight: 0.7, fillColor: "#f3f1e7", fillOpacity: 1 } }).addTo(map);
  L.geoJSON(lakes, { ...base, style: { stroke: false, fillColor: "#b7d3e8", fillOpacity: 1 } }).addTo(map);
  L.geoJSON(rivers, { ...base, style: { color: "#8fb8da", weight: 0.8 } }).addTo(map);
  container.dataset.basemap = "loaded";
}

export async function init(container) {
  map = L.map(container, { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  container.style.background = "#d6e6f2";
  map.setView([34.5, 39.5], 5);
  map.createPane("base").style.zIndex = 250; // under the events' overlay pane (400)
  layer = L.layerGroup().addTo(map);
  await baseMap(container);
}

function eventPopup(event) {
  const reports = (event.reports || []).map((report) =>
    el("li", {}, el("button", {
      type: "button",
      class: "link",
      onclick: () => openDocument(report.document_id, report.start, report.end),
    }, `${report.outlet || "unknown outlet"}, ${report.published || "undated"}`), ` (${report.speaker || report.attribution})`),
  );
  return el("div", { class: "popup" },
    el("strong", {}, `${event.type} · ${event.modality}`),
    el("div", {}, [event.source, event.target].filter(Boolean).join(" → ") || "no named actor"),
    el("div", {}, `${event.place || "unplaced"}, ${event.date_start || "undated"}`),
    el("ul", {}, reports),
    event.place_id ? el("button", { type: "button", class: "link", onclick: () => update({ place: event.place_id }) }, "only this place") : null,
  );
}

function flashpointPopup(flash) {
  const sides = flash.sides.map((side) => side.actors.map((a) => a.name).join(", ")).join(` ${flash.opposition} `);
  return el("div", { class: "popup" },
    el("strong", {}, `Flashpoint: ${flash.place.name} (score ${flash.score})`),
    el("div", {}, sides),
    el("ul", {}, flash.evidence.map((ev) => el("li", {}, el("button", {
      type: "button",
      class: "link",
      onclick: () => openAtText(ev.document, ev.text),
    }, `${ev.outlet}, ${ev.published}`)))),
  );
}

/** Events at one place are set on a small circle around it (about 0.1°) so that each can
 * be seen and clicked; one event alone stays where it was reported. */
function spread(event, group) {
  if (group.length < 2) return [event.lat, event.lon];
  const angle = (2 * Math.PI * group.indexOf(event)) / group.length;
  return [event.lat + 0.1 * Math.sin(angle), event.lon + 0.1 * Math.cos(angle)];
}

/** Draw `events` and `flashpoints`; clicking opens the sentence the item came from. */
export function show(events, flashpoints) {
  layer.clearLayers();
  const bounds = [];
  for (const flash of flashpoints) {
    if (flash.place.lat == null) continue;
    const ring = L.circleMarker([flash.place.lat, flash.place.lon], {
      radius: 10 + 30 * flash.score,
      color: "#b03a2e",
      weight: 2,
      fillColor: "#e74c3c",
      fillOpacity: 0.15,
      className: "flashpoint",
    });
    ring.bindPopup(() => flashpointPopup(flash));
    ring.on("click", () => {
      const ev = flash.evidence[0];
      if (ev) openAtText(ev.document, ev.text);
    });
    ring.flash = flash;
    layer.addLayer(ring);
    bounds.push([flash.place.lat, flash.place.lon]);
  }
  const placed = events.filter((e) => e.lat != null && e.lon != null);
  const together = new Map();
  for (const event of placed) {
    const key = `${event.lat},${event.lon}`;
    together.set(key, [...(together.get(key) || []), event]);
  }
  for (const event of placed) {
    const asserted = event.modality === "asserted";
    const dot = L.circleMarker(spread(event, together.get(`${event.lat},${event.lon}`)), {
      radius: 5 + Math.min(6, event.n_outlets || 1),
      color: typeColour(event.type),
      weight: asserted ? 1 : 2,
      dashArray: asserted ? null : "3 2",
      fillColor: typeColour(event.type),
      fillOpacity: asserted ? 0.8 : 0,
    });
    dot.bindPopup(() => eventPopup(event));
    dot.on("click", () => {
      const report = (event.reports || [])[0];
      if (report) openDocument(report.document_id, report.start, report.end);
    });
    dot.event = event;
    layer.addLayer(dot);
    bounds.push([event.lat, event.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
}

/** Legend: the types on the map, and what hollow and rings mean. */
export function legend(node, types) {
  fill(node,
    types.map((type) => el("span", { class: "key" }, swatch(typeColour(type)), type)),
    el("span", { class: "key" }, swatch(null, "hollow"), "not asserted (threat, intent, negated ...)"),
    el("span", { class: "key" }, swatch(null, "ring"), "flashpoint, sized by score"),
  );
}

/** The items drawn, for tests and for the status line. */
export function drawn() {
  const found = { events: 0, flashpoints: 0 };
  layer.eachLayer((item) => {
    if (item.event) found.events += 1;
    if (item.flash) found.flashpoints += 1;
  });
  return found;
}

/** Where each drawn item is on the screen, so a test can click it like a person. */
export function points() {
  const box = map.getContainer().getBoundingClientRect();
  const found = [];
  layer.eachLayer((item) => {
    const p = map.latLngToContainerPoint(item.getLatLng());
    const kind = item.event ? "event" : "flashpoint";
    const id = item.event ? item.event.id : item.flash.place.id;
    found.push({ kind, id, x: box.left + p.x, y: box.top + p.y, radius: item.getRadius() });
  });
  return found;
}
