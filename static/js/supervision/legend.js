// The map key: the status scale (colour, glyph and word, with how many elements have each status), the
// dashed design against the solid as-built line, the "+" of unplanned additions and the photo marker.
import { el, replaceChildren } from "../shared/dom.js";
import { formatNumber, t } from "../shared/strings.js";
import { cameraSymbol } from "./plan-layer.js";
import { STATUSES, statusColour, statusGlyph, statusName } from "../shared/status.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function lineSample(dashed) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 40 12");
  svg.setAttribute("class", "sv-legend__line");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(SVG_NS, "line");
  line.setAttribute("x1", "2");
  line.setAttribute("y1", "6");
  line.setAttribute("x2", "38");
  line.setAttribute("y2", "6");
  line.setAttribute("stroke", "#37474f");
  line.setAttribute("stroke-width", dashed ? "3" : "5");
  if (dashed) line.setAttribute("stroke-dasharray", "7 5");
  else line.setAttribute("stroke-linecap", "round");
  svg.append(line);
  return svg;
}

function draftSample() {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 40 12");
  svg.setAttribute("class", "sv-legend__line");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(SVG_NS, "line");
  for (const [name, value] of Object.entries({
    x1: 3,
    y1: 6,
    x2: 37,
    y2: 6,
    stroke: "#37474f",
    "stroke-width": 4,
    "stroke-dasharray": "1 6",
    "stroke-linecap": "round",
  })) {
    line.setAttribute(name, String(value));
  }
  svg.append(line);
  return svg;
}

/**
 * Fill `container` with the key. counts: {status: n} (progress.statuses), optional; draft: whether shapes
 * of a visit being recorded may be on the map.
 */
export function renderLegend(container, { counts = null, draft = false } = {}) {
  const statusItems = STATUSES.map((status) => {
    const swatch = el("span", { className: "sv-legend__swatch" }, statusGlyph(status, "sv-legend__glyph"));
    swatch.style.backgroundColor = statusColour(status);
    swatch.dataset.status = status;
    const count =
      counts && Number.isFinite(counts[status])
        ? el("span", { className: "sv-legend__count" }, formatNumber(counts[status]))
        : null;
    return el("li", { className: "sv-legend__item" }, swatch, el("span", {}, statusName(status)), count);
  });
  replaceChildren(
    container,
    el("ul", { className: "sv-legend__list" }, statusItems),
    el(
      "ul",
      { className: "sv-legend__list sv-legend__list--lines" },
      el("li", { className: "sv-legend__item" }, lineSample(true), el("span", {}, t("sv.map.design"))),
      el("li", { className: "sv-legend__item" }, lineSample(false), el("span", {}, t("sv.map.as_built"))),
      draft ? el("li", { className: "sv-legend__item" }, draftSample(), el("span", {}, t("sv.map.draft"))) : null,
      el(
        "li",
        { className: "sv-legend__item" },
        el("span", { className: "sv-legend__plus", "aria-hidden": "true" }, "+"),
        el("span", {}, t("sv.map.unplanned")),
      ),
      el(
        "li",
        { className: "sv-legend__item" },
        el("span", { className: "sv-legend__camera" }, cameraSymbol("sv-legend__camera-symbol")),
        el("span", {}, t("sv.map.photo")),
      ),
    ),
  );
  return container;
}
