// The layer switches of the city map: one checkbox per layer with its count, and under it the layer's key
// (colour and line of each status, facility, phase), so the key of a layer sits beside the switch that shows it.
import { el, replaceChildren } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { signGlyph } from "./sign-icon.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** A small decorative sample of how an item of the key is drawn: a line, an area, a point or a sign. */
export function keySample(item) {
  if (item.shape === "arrow") {
    const badge = el(
      "span",
      { className: item.review ? "city-sign city-sign--key is-review" : "city-sign city-sign--key" },
      signGlyph(45),
    );
    if (item.review) badge.append(el("span", { className: "city-sign__flag", "aria-hidden": "true" }, "!"));
    return badge;
  }
  const sample = svg("svg", { viewBox: "0 0 40 16", class: "city-key__sample", "aria-hidden": "true" });
  if (item.shape === "line") {
    sample.append(
      svg("line", {
        x1: 3,
        y1: 8,
        x2: 37,
        y2: 8,
        stroke: item.colour,
        "stroke-width": Math.min(item.weight ?? 4, 8),
        "stroke-dasharray": item.dashed ? "7 5" : "none",
        "stroke-linecap": item.dashed ? "butt" : "round",
      }),
    );
  } else if (item.shape === "area") {
    const fill = { fill: item.colour, "fill-opacity": 0.35, stroke: item.colour, "stroke-width": 2 };
    sample.append(svg("rect", { x: 8, y: 2, width: 24, height: 12, rx: 2, ...fill }));
  } else {
    sample.append(svg("circle", { cx: 20, cy: 8, r: 6, fill: item.colour, stroke: "#ffffff", "stroke-width": 2 }));
  }
  return sample;
}

/**
 * The switches and their keys, drawn once. switches: the view-model's layerSwitches; onToggle(key) when one is turned.
 */
export function renderSwitches(container, switches, { onToggle }) {
  const items = switches.map((layer) => {
    const input = el("input", {
      type: "checkbox",
      id: `layer-${layer.key}`,
      className: "city-switch__input",
      checked: layer.on,
    });
    const key = el(
      "ul",
      { className: "city-key", hidden: !layer.on },
      layer.legend.map((item) =>
        el("li", { className: "city-key__item" }, keySample(item), el("span", {}, item.label)),
      ),
    );
    // The switch is drawn once: turning it changes its key in place, so focus stays on it.
    input.addEventListener("change", () => {
      key.hidden = !input.checked;
      onToggle(layer.key);
    });
    return el(
      "li",
      { className: "city-switch" },
      el(
        "label",
        { className: "city-switch__label", htmlFor: input.id },
        input,
        el("span", {}, layer.label),
        " ",
        el("span", { className: "city-switch__count" }, t("city.layer.count", { count: layer.countText })),
      ),
      key,
    );
  });
  replaceChildren(
    container,
    el("h2", { className: "city-panel__title", id: "layers-title" }, t("city.layers")),
    el("ul", { className: "city-switches", "aria-labelledby": "layers-title" }, items),
  );
  return container;
}
