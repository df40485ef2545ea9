// The document view: the article as text nodes, with actor and place mentions, event and
// relation claims and quotes highlighted at their character offsets; the sentence asked for
// (?doc=...&at=start-end) is scrolled to, and its claims say who asserts them.
import { get } from "./api.js";
import { el, fill, safeHref } from "./dom.js";
import { openDocument, update } from "./state.js";

/** Open a document at a sentence known only by its text (flashpoint evidence). */
export async function openAtText(documentId, text) {
  const body = await get(`documents/${encodeURIComponent(documentId)}`);
  const start = text ? body.text.indexOf(text) : -1;
  if (start < 0) openDocument(documentId);
  else openDocument(documentId, start, start + text.length);
}

/** Every highlight of the document as {start, end, kind, item}. */
function spans(body) {
  const found = [];
  for (const mention of body.mentions) found.push({ start: mention.start, end: mention.end, kind: mention.kind, item: mention });
  for (const claim of body.claims) found.push({ start: claim.start, end: claim.end, kind: claim.kind, item: claim });
  for (const quote of body.quotes) found.push({ start: quote.start, end: quote.end, kind: "quote", item: quote });
  const length = body.text.length;
  return found.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end);
}

/** The text cut at every span boundary; each piece knows the spans that cover it. */
export function pieces(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const mark of marks) {
    cuts.add(mark.start);
    cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    out.push({ start, end, covers: marks.filter((m) => m.start <= start && m.end >= end) });
  }
  return out;
}

function asserter(item) {
  if (item.speaker) return `${item.speaker} (${item.attribution === "outlet" ? "cited outlet" : "quoted"})`;
  return { author: "the author", outlet: "a cited outlet", unnamed: "an unnamed source", speaker: "a quoted speaker" }[item.attribution] || item.attribution || "unknown";
}

function describe(mark, names) {
  const item = mark.item;
  const who = (id) => names.get(id) || id || "?";
  if (mark.kind === "event") {
    return el("li", { class: "claim event" },
      el("strong", {}, `Event ${item.type}`), ` (${item.modality}) `,
      `${who(item.source_id)} → ${who(item.target_id)}`,
      el("div", { class: "who" }, "asserted by ", el("b", {}, asserter(item)), item.opinion ? " — in an opinion passage" : ""),
    );
  }
  if (mark.kind === "relation") {
    return el("li", { class: "claim relation" },
      el("strong", {}, `Relation ${item.type}`), ` ${who(item.source_id)} → ${who(item.target_id)}`,
      el("div", { class: "who" }, "asserted by ", el("b", {}, asserter(item)), item.opinion ? " — in an opinion passage" : ""),
    );
  }
  if (mark.kind === "quote") {
    return el("li", { class: "claim quote" }, el("strong", {}, item.direct ? "Quote" : "Reported speech"), ` by ${item.speaker || "unnamed"}${item.role ? `, ${item.role}` : ""}`);
  }
  return el("li", { class: `claim ${mark.kind}` }, el("strong", {}, mark.kind === "actor" ? "Actor" : "Place"), ` ${item.name}`,
    mark.kind === "actor" ? el("button", { type: "button", class: "link", onclick: () => update({ actor: item.entity_id }) }, " filter to this actor") : null);
}

function explain(node, marks, names) {
  const order = { event: 0, relation: 1, quote: 2, actor: 3, place: 4 };
  const sorted = [...marks].sort((a, b) => order[a.kind] - order[b.kind]);
  fill(node, sorted.length ? el("ul", {}, sorted.map((m) => describe(m, names))) : el("p", { class: "empty" }, "Nothing extracted here."));
}

/** Show document `id`, focused on the characters `at` ("start-end") when given. */
export async function show(node, id, at) {
  if (!id) return;
  fill(node, el("p", { class: "empty" }, "Loading the document…"));
  let body;
  try {
    body = await get(`documents/${encodeURIComponent(id)}`);
  } catch (error) {
    fill(node, el("p", { class: "error" }, `${error.code}: ${error.message}`));
    return;
  }
  const doc = body.document;
  const names = new Map(body.mentions.filter((m) => m.kind === "actor").map((m) => [m.entity_id, m.name]));
  const marks = spans(body);
  const [focusStart, focusEnd] = (at || "").split("-").map(Number);
  const focused = Number.isInteger(focusStart) && Number.isInteger(focusEnd) && focusStart < focusEnd;
  const details = el("div", { id: "claim-details", class: "details" });
  const textNode = el("div", { class: "article-text", lang: "en" });
  for (const piece of pieces(body.text, marks)) {
    const kinds = [...new Set(piece.covers.map((m) => m.kind))];
    const inFocus = focused && piece.start >= focusStart && piece.end <= focusEnd;
    const value = body.text.slice(piece.start, piece.end);
    if (!kinds.length && !inFocus) {
      textNode.append(document.createTextNode(value));
      continue;
    }
    const part = el("span", {
      class: [...kinds.map((k) => `hl-${k}`), inFocus ? "focus" : ""].join(" ").trim(),
      dataset: { start: piece.start, end: piece.end },
      onclick: () => explain(details, piece.covers, names),
    }, value);
    textNode.append(part);
  }
  const link = doc.url && safeHref(doc.url) !== "#" ? el("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, doc.url) : doc.url;
  fill(node,
    el("h3", { class: "doc-title" }, doc.title || doc.id),
    el("p", { class: "meta" }, [doc.outlet || "unknown outlet", doc.published || "undated"].join(", "), link ? " · " : "", link || ""),
    el("p", { class: "legend" }, ["actor", "place", "event", "relation", "quote"].map((k) => el("span", { class: `key hl-${k}` }, k))),
    details,
    textNode,
  );
  if (focused) {
    const inside = marks.filter((m) => m.start < focusEnd && m.end > focusStart && (m.kind === "event" || m.kind === "relation"));
    explain(details, inside.length ? inside : marks.filter((m) => m.start >= focusStart && m.end <= focusEnd), names);
    const first = textNode.querySelector(".focus");
    if (first) first.scrollIntoView({ block: "center" });
  } else {
    fill(details, el("p", { class: "empty" }, "Click a highlight to see what was extracted and who asserts it."));
  }
}
