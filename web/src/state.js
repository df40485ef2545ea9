// The filters every view shares, and the open document, kept in the URL's query string so a
// view can be bookmarked or sent: ?actor=sdf&since=2017-09-01&doc=doc_...&at=0-55

export const FILTERS = ["actor", "place", "type", "since", "until"];
const KEYS = [...FILTERS, "doc", "at"];
const listeners = [];

export function current() {
  const query = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of KEYS) state[key] = query.get(key) || "";
  return state;
}

/** Change some keys, record the new URL in the history and tell every view. */
export function update(changes) {
  const next = { ...current(), ...changes };
  const query = new URLSearchParams();
  for (const key of KEYS) if (next[key]) query.set(key, next[key]);
  const text = query.toString();
  window.history.pushState(null, "", text ? `?${text}` : window.location.pathname);
  notify();
}

export function onChange(listener) {
  listeners.push(listener);
}

export function notify() {
  const state = current();
  for (const listener of listeners) listener(state);
}

window.addEventListener("popstate", notify);

/** The link that opens a document at a span (for <a href>), keeping the filters. */
export function documentHref(documentId, start, end) {
  const query = new URLSearchParams(window.location.search);
  query.set("doc", documentId);
  if (start !== undefined && start !== null) query.set("at", `${start}-${end}`);
  else query.delete("at");
  return `?${query}`;
}

/** Open a document at a span (a report or evidence: document_id, start, end). */
export function openDocument(documentId, start, end) {
  update({ doc: documentId, at: start === undefined || start === null ? "" : `${start}-${end}` });
}
