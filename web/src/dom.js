// Building the page from data without HTML: every string from the store (article text, names,
// quotes, titles) becomes a text node, never markup. Nothing here uses innerHTML.

/** An element with attributes and children; a string child is a text node. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** The node emptied and refilled. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A link target we made ("?doc=..." on this page) or an http(s) address; anything else
 * (javascript:, data:, vbscript:) becomes a harmless "#". */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("?") || text.startsWith("#")) return text;
  try {
    const url = new URL(text, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
  } catch {
    return "#";
  }
}

/** A small colour key; the colour is set through the CSSOM, which the CSP allows. */
export function swatch(colour, kind = "") {
  const node = el("i", { class: `swatch ${kind}`.trim() });
  if (colour) node.style.backgroundColor = colour;
  return node;
}
