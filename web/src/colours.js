// Fixed colours so the same type or camp looks the same in every view and every screenshot.

export const TYPE_COLOURS = {
  ASSAULT: "#c0392b",
  COERCE: "#e67e22",
  MOBILIZE: "#8e44ad",
  THREATEN: "#d35400",
  SANCTION: "#7f8c8d",
  PROTEST: "#16a085",
  REJECT: "#95a5a6",
  ACCUSE: "#b7950b",
  REQUEST: "#5d6d7e",
  RETREAT: "#2e86c1",
  AID: "#27ae60",
  COOPERATE: "#1abc9c",
  CONCEDE: "#7dcea0",
  SUPPORT: "#2874a6",
  CONSULT: "#85c1e9",
  AGREE: "#58d68d",
};
export const PLOVER_TYPES = Object.keys(TYPE_COLOURS);
export const CAMP_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
export const NO_CAMP = "#9e9e9e";

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#555";
}
