// The briefing: `flashpoint brief` for the chosen dates, each sentence followed by its
// citations as links that open the cited document.
import { get } from "./api.js";
import { el, fill } from "./dom.js";
import { documentHref, openDocument } from "./state.js";

function citation(source) {
  const named = [source.outlet, source.published].filter(Boolean).join(", ") || source.document;
  const label = `${named}${source.speaker ? ` (${source.speaker})` : ""}`;
  return el("a", {
    href: documentHref(source.document),
    class: "cite",
    dataset: { document: source.document },
    onclick: (event) => {
      event.preventDefault();
      openDocument(source.document);
    },
  }, label);
}

/** Show the brief for since/until (the whole last 30 days of the store when neither is set). */
export async function show(node, state) {
  let brief;
  try {
    brief = await get("brief", { since: state.since, until: state.until });
  } catch (error) {
    fill(node, el("p", { class: "error" }, `${error.code}: ${error.message}`));
    return;
  }
  fill(node,
    el("h3", {}, brief.title),
    brief.sections.map((section) => el("section", { class: "brief-section" },
      el("h4", {}, section.title),
      section.sentences.length
        ? section.sentences.map((s) => el("p", {}, s.text, " ", el("span", { class: "cites" }, "[", s.sources.map((src, i) => [i ? "; " : "", citation(src)]), "]")))
        : el("p", { class: "empty" }, "Nothing to report."),
    )),
  );
}
