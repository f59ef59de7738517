// The kinds of things people can put on the map (docs/api.md): their geometry, the Geoman draw mode
// that makes it, a colour (geometry and colours come from static/js/shared/facts.js), and a symbol so that kinds
// are told apart by shape too, not by colour alone.
// Symbols are small inline SVG drawings (24×24): they look the same on every tablet, unlike emoji.
import { FACTS } from "../facts.js";
import { t } from "../strings.js";

const SVG_NS = "http://www.w3.org/2000/svg";

// Each symbol is a list of [tag, attributes]. Strokes use currentColor so a symbol takes its colour from CSS.
const SYMBOLS = {
  tree: [
    ["circle", { cx: 12, cy: 9, r: 6.5, fill: "currentColor" }],
    ["path", { d: "M12 14v8M9 22h6" }],
  ],
  bench: [["path", { d: "M3 12h18M4 7.5h16M6 7.5v4.5M18 7.5v4.5M6 12v7M18 12v7" }]],
  lighting: [
    ["path", { d: "M12 22V9M9 22h6" }],
    ["path", { d: "M7 9h10l-2-5H9z", fill: "currentColor" }],
  ],
  sign: [
    ["rect", { x: 3.5, y: 3.5, width: 17, height: 9, rx: 1.5, fill: "currentColor" }],
    ["path", { d: "M12 12.5V22M9 22h6" }],
  ],
  note: [
    ["path", { d: "M4 4.5h16v11H11l-4.5 4v-4H4z" }],
    ["path", { d: "M8 8.5h8M8 11.5h5" }],
  ],
  path: [["path", { d: "M4 21c2-6 6-6 8-10s5-6 8-7", "stroke-dasharray": "3 3" }]],
  bike_lane: [
    ["circle", { cx: 6, cy: 16, r: 4 }],
    ["circle", { cx: 18, cy: 16, r: 4 }],
    ["path", { d: "M6 16l4-7h6l2 7M10 9l3 7h5M9 6h3" }],
  ],
  play_area: [
    ["path", { d: "M3 21L6 4h12l3 17" }],
    ["path", { d: "M9 4v9M15 4v9M8 13h8" }],
  ],
  green_area: [
    ["path", { d: "M5 19C5 10 11 5 20 4c0 9-5 15-15 15z", fill: "currentColor" }],
    ["path", { d: "M4 20l8-8" }],
  ],
  water: [["path", { d: "M12 3c3.5 5 6 8.5 6 11.5a6 6 0 0 1-12 0C6 11.5 8.5 8 12 3z", fill: "currentColor" }]],
  plaza: [
    ["rect", { x: 4, y: 4, width: 16, height: 16, rx: 1 }],
    ["path", { d: "M4 12h16M12 4v16M4 8h16M4 16h16" }],
  ],
};

// The Geoman draw mode that makes each GeoJSON geometry type.
const DRAW_SHAPES = { Point: "Marker", LineString: "Line", Polygon: "Polygon" };

/**
 * kind → {geometry: GeoJSON type, drawShape: Geoman shape, colour, ink (symbol colour on a coloured badge)},
 * from the shared facts (cowork/core/facts.py), so the map and the server never disagree on a kind.
 */
export const KINDS = Object.fromEntries(
  Object.entries(FACTS.kinds).map(([kind, { geometry, colour, ink }]) => [
    kind,
    { geometry, drawShape: DRAW_SHAPES[geometry], colour, ink },
  ]),
);

/** The palette's groups (points, lines, areas), each with its heading's catalogue key. */
export const KIND_GROUPS = Object.entries(FACTS.kind_groups).map(([group, kinds]) => ({
  label: `palette.${group}`,
  kinds,
}));

/** The kind's name in the page's language (an unknown kind shows its code). */
export function kindName(kind) {
  return KINDS[kind] ? t(`kind.${kind}`) : kind;
}

/** The kind's map colour; grey for a kind this page does not know. */
export function kindColour(kind) {
  return KINDS[kind]?.colour || FACTS.unknown_kind.colour;
}

/** Kinds with the same geometry type (what "Change kind" may offer without a new shape). */
export function kindsLike(kind) {
  const geometry = KINDS[kind]?.geometry;
  return Object.keys(KINDS).filter((other) => KINDS[other].geometry === geometry);
}

/**
 * A fresh decorative 24×24 line drawing (the meaning is always given beside it or as a label).
 * @param {Array<[string, Object]>} parts [tag, attributes] of each shape
 */
export function lineDrawing(parts, { className, strokeWidth = 2 } = {}) {
  const svg = document.createElementNS(SVG_NS, "svg");
  const attributes = {
    viewBox: "0 0 24 24",
    class: className,
    "aria-hidden": "true",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": strokeWidth,
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, String(value));
  for (const [tag, shapeAttributes] of parts) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(shapeAttributes)) shape.setAttribute(name, String(value));
    svg.append(shape);
  }
  return svg;
}

/** A fresh <svg> with the kind's symbol, decorative (the name is always given beside it or as a label). */
export function kindSymbol(kind, className = "kind-symbol") {
  return lineDrawing(SYMBOLS[kind] || [], { className });
}
