// The actor network: actors coloured by the coalition (camp) they belong to, patron edges as
// arrows from patron to client, enemy edges red and dashed with a cross, allies green.
// Clicking an actor filters every view to it; clicking an edge opens its first evidence.
import cytoscape from "cytoscape";
import { CAMP_COLOURS, NO_CAMP } from "./colours.js";
import { el, fill, swatch } from "./dom.js";
import { openDocument, update } from "./state.js";

let graph;

const STYLE = [
  { selector: "node", style: { label: "data(label)", "min-zoomed-font-size": 7, "background-color": "data(colour)", "font-size": 13, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22, "text-wrap": "wrap", "text-max-width": 110 } },
  { selector: "node.selected", style: { "border-width": 4, "border-color": "#111" } },
  { selector: "node.faded, edge.faded", style: { opacity: 0.25 } },
  { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 6)", "curve-style": "bezier", "line-color": "#888", "target-arrow-color": "#888" } },
  { selector: "edge.patron_of", style: { "target-arrow-shape": "triangle", "line-color": "#2874a6", "target-arrow-color": "#2874a6" } },
  { selector: "edge.member_of, edge.leads", style: { "target-arrow-shape": "vee", "line-style": "dotted" } },
  { selector: "edge.ally_of", style: { "line-color": "#27ae60" } },
  { selector: "edge.enemy_of", style: { "line-color": "#c0392b", "line-style": "dashed", label: "✕", color: "#c0392b", "font-size": 16, "text-background-color": "#fff", "text-background-opacity": 1 } },
];

export function init(container) {
  graph = cytoscape({ container, style: STYLE, minZoom: 0.05, maxZoom: 3 });
  graph.on("tap", "node", (e) => {
    const id = e.target.id();
    update({ actor: e.target.hasClass("selected") ? "" : id });
  });
  graph.on("tap", "edge", (e) => {
    const evidence = e.target.data("evidence") || [];
    if (evidence[0]) openDocument(evidence[0].document_id, evidence[0].start, evidence[0].end);
  });
}

/** Draw the actors `relations` join, coloured by `camps`; `actor` (an id) is marked and
 * what is not next to it faded. */
export function show(relations, camps, actor) {
  const campOf = new Map();
  camps.forEach((camp, i) => camp.members.forEach((m) => campOf.set(m.id, i)));
  const nodes = new Map();
  const addNode = (id, label) => {
    if (nodes.has(id)) return;
    const camp = campOf.get(id);
    nodes.set(id, { data: { id, label, colour: camp === undefined ? NO_CAMP : CAMP_COLOURS[camp % CAMP_COLOURS.length], camp: camp ?? -1 } });
  };
  const edges = relations.map((r) => {
    addNode(r.source_id, r.source);
    addNode(r.target_id, r.target);
    return { data: { id: `r${r.id}`, source: r.source_id, target: r.target_id, type: r.type, weight: r.n_documents, evidence: r.evidence }, classes: r.type };
  });
  graph.elements().remove();
  graph.add([...nodes.values(), ...edges]);
  const ids = [...nodes.keys()].sort();
  graph.nodes().forEach((node) => {
    const i = ids.indexOf(node.id());
    const angle = (2 * Math.PI * i) / Math.max(1, ids.length);
    node.position({ x: 200 * Math.cos(angle), y: 200 * Math.sin(angle) });
  });
  graph.layout({ name: "cose", randomize: false, animate: false, nodeRepulsion: () => 60000, idealEdgeLength: () => 70, nodeOverlap: 20, componentSpacing: 30, gravity: 2, fit: true, padding: 30 }).run();
  mark(actor);
}

function mark(actor) {
  graph.elements().removeClass("selected faded");
  if (!actor) return;
  const node = graph.nodes().filter((n) => n.id() === actor || n.data("label") === actor);
  if (!node.length) return;
  node.addClass("selected");
  const near = node.closedNeighborhood();
  graph.elements().not(near).addClass("faded");
  graph.fit(near, 40); // the chosen actor and its neighbours, readable however large the graph
}

export function legend(node, camps) {
  fill(node,
    camps.map((camp, i) => el("span", { class: "key" }, swatch(CAMP_COLOURS[i % CAMP_COLOURS.length]), camp.name)),
    el("span", { class: "key" }, swatch(NO_CAMP), "no camp"),
    el("span", { class: "key" }, "→ patron of (blue)  ✕ enemy (red, dashed)  — ally (green)  ⋯ member / leads"),
  );
}

/** What is drawn, for tests: node ids and edge types. */
export function drawn() {
  return { nodes: graph.nodes().map((n) => n.id()).sort(), edges: graph.edges().map((e) => e.data("type")).sort() };
}

/** The position of a node on the screen, so a test can click it like a person. */
export function nodePosition(id) {
  const node = graph.getElementById(id);
  if (!node.length) return null;
  const box = graph.container().getBoundingClientRect();
  const p = node.renderedPosition();
  return { x: box.left + p.x, y: box.top + p.y };
}
