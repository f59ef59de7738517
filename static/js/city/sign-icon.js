// A wayfinding sign on the city map: a round badge whose arrow is turned to the sign's bearing (degrees from north,
// clockwise; the map is north up), ringed red with a "!" when it is to review. A sign without a bearing shows a
// dot instead of an arrow. Built as DOM nodes (never markup from text): its words go in the marker's title.
import { el } from "../shared/dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
export const SIGN_SIZE = 30;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The arrow (pointing up, to be turned) or, without a bearing, a dot: a decorative 24×24 drawing. */
export function signGlyph(rotation, className = "city-sign__glyph") {
  const drawing = svg("svg", { viewBox: "0 0 24 24", class: className, "aria-hidden": "true" });
  if (rotation === null) {
    drawing.append(svg("circle", { cx: 12, cy: 12, r: 4, fill: "currentColor" }));
  } else {
    drawing.append(svg("path", { d: "M12 3l7 9h-4.5v9h-5v-9H5z", fill: "currentColor" }));
    drawing.style.transform = `rotate(${rotation}deg)`;
  }
  return drawing;
}

/** A Leaflet divIcon for a sign marker ({rotation, review} of the view-model's signMarker). */
export function signIcon({ rotation, review }) {
  const badge = el("div", { className: review ? "city-sign is-review" : "city-sign" }, signGlyph(rotation));
  if (review) badge.append(el("span", { className: "city-sign__flag", "aria-hidden": "true" }, "!"));
  const half = SIGN_SIZE / 2;
  return window.L.divIcon({
    html: badge,
    className: "city-sign-marker",
    iconSize: [SIGN_SIZE, SIGN_SIZE],
    iconAnchor: [half, half],
  });
}
