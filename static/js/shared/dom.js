// Small DOM helpers. Text always goes in through textContent, never as HTML, so whatever people type
// (names, titles, notes) can never become markup.
import { FACTS } from "./facts.js";
import { tileLayerSpec } from "./map/tile-layer.js";

// Names through which a value would be parsed as markup or run as code: never set from here.
const CODE_ATTRIBUTES = /^(on|innerhtml$|outerhtml$|srcdoc$)/i;

/**
 * Create an element: el("button", {className: "btn", type: "button", "aria-label": "Undo"}, "text", child).
 * Attributes whose name contains a dash (aria-*, data-*) or that are not DOM properties are set with setAttribute.
 * Handlers (on…), innerHTML, outerHTML and srcdoc are refused: listeners go in with addEventListener, text as text.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (CODE_ATTRIBUTES.test(name)) throw new Error(`el(): refused ${name}= (it would take markup or code)`);
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (name.includes("-") || !(name in node)) {
      node.setAttribute(name, value === true ? "" : String(value));
    } else {
      node[name] = value;
    }
  }
  append(node, children);
  return node;
}

/** Append children: strings become text nodes, null/undefined/false are skipped, arrays are flattened. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(
      typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child,
    );
  }
  return parent;
}

/** Replace all children of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** document.getElementById that fails loudly: a missing element is a template bug worth seeing at once. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Missing element #${id}`);
  return node;
}

/**
 * Give each text field marked data-limit="<limit>" the length FACTS.limits[<limit>]: templates name the limit,
 * the number comes from the facts the server checks against.
 */
export function applyTextLimits(root = document) {
  for (const input of root.querySelectorAll("[data-limit]")) {
    const limit = FACTS.limits[input.dataset.limit];
    if (Number.isInteger(limit)) input.maxLength = limit;
  }
}

/** The map settings the server put on <body> as data attributes. */
export function pageSettings() {
  const data = document.body.dataset;
  return {
    tiles: tileLayerSpec(data),
    toleranceM: Number.parseFloat(data.toleranceM || "0") || 0,
  };
}

/** A function that calls `render` once, on the next animation frame, however often it is called before then. */
export function frameScheduler(render) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      render();
    });
  };
}
