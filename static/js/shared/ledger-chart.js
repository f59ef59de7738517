// A small inline-SVG chart of the green ledger's history: what is alive at each visit (solid line with
// dots) against what the design requires (dashed line), the shortfall shaded red. A visually hidden table
// gives screen readers the same numbers.
import { dateTicks, valueLabels } from "./chart-layout.js";
import { el } from "./dom.js";
import { t } from "./strings.js";
import { formatDate, formatShortDate } from "./dates.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// The drawing is as wide as its box, in CSS pixels, so its words keep their size (12 px) on a phone as at a desk;
// this width is only the first guess, before the chart is on the page.
const FIRST_WIDTH = 340;
const MIN_WIDTH = 200;
const HEIGHT = 180;
const PAD = { right: 14, top: 14, bottom: 38 };
const CHAR_PX = 7.2; // about the width of a digit at the ticks' 12 px

function svgEl(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** The alive line, with extra points where it crosses the required line (so the shading is exact). */
function withCrossings(points, requiredY) {
  const result = [];
  points.forEach((point, index) => {
    if (index > 0) {
      const previous = points[index - 1];
      const crosses = (previous.y - requiredY) * (point.y - requiredY) < 0;
      if (crosses) {
        const share = (requiredY - previous.y) / (point.y - previous.y);
        result.push({ x: previous.x + (point.x - previous.x) * share, y: requiredY });
      }
    }
    result.push(point);
  });
  return result;
}

/**
 * @param {{title: string, history: object[], valueKey: string, required: number, format: (n: number) => string,
 *          label?: string, heading?: string}} options label: the catalogue key of the last value's words
 *          ("alive {value}"), heading: of the values' column in the table (the city map charts what was planted)
 * @returns {HTMLElement} a <figure>
 */
export function historyChart({
  title,
  history,
  valueKey,
  required,
  format,
  label = "sv.ledger.chart_alive",
  heading = "sv.ledger.chart_table_value",
}) {
  const values = history.map((entry) => Number(entry[valueKey]) || 0);
  const summary = t("sv.ledger.chart_summary", {
    title,
    required: format(required),
    points: history
      .map((entry, index) => t("sv.ledger.chart_point", { date: formatDate(entry.date), value: format(values[index]) }))
      .join(", "),
  });
  const chart = { history, values, required, format, label, summary };
  let svg = drawing(chart, FIRST_WIDTH);
  const table = el(
    "table",
    { className: "visually-hidden" },
    el("caption", {}, title),
    el(
      "thead",
      {},
      el("tr", {}, el("th", { scope: "col" }, t("sv.ledger.chart_table_date")), el("th", { scope: "col" }, t(heading))),
    ),
    el(
      "tbody",
      {},
      history.map((entry, index) =>
        el("tr", {}, el("td", {}, formatDate(entry.date)), el("td", {}, format(values[index]))),
      ),
    ),
  );
  const figure = el(
    "figure",
    { className: "sv-chart" },
    svg,
    el("figcaption", { className: "sv-chart__caption" }, title),
    table,
  );
  // Drawn again at the width it gets on the page (and when that changes): one drawing unit is one CSS pixel.
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      const width = Math.max(MIN_WIDTH, Math.round(svg.parentElement ? figure.clientWidth - padding(figure) : 0));
      if (!svg.parentElement || !width || Math.abs(width - svg.viewBox.baseVal.width) < 1) return;
      const next = drawing(chart, width);
      svg.replaceWith(next);
      svg = next;
    }).observe(figure);
  }
  return figure;
}

function padding(node) {
  const style = getComputedStyle(node);
  return parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}

/** The chart's SVG, width drawing units wide (and HEIGHT high). */
function drawing({ history, values, required, format, label, summary }, width) {
  const top = Math.max(required, ...values, 1) * 1.15;
  // Room on the left for the longest tick label ("7 217 m²").
  const left = Math.max(30, 10 + CHAR_PX * Math.max(format(0).length, format(required).length));
  const plotWidth = width - left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const xAt = (index) => left + (values.length > 1 ? (plotWidth * index) / (values.length - 1) : plotWidth / 2);
  const yAt = (value) => PAD.top + plotHeight * (1 - value / top);
  const points = values.map((value, index) => ({ x: xAt(index), y: yAt(value) }));
  const requiredY = yAt(required);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${HEIGHT}`,
    class: "sv-chart__svg",
    role: "img",
    "aria-label": summary,
  });

  // Axes.
  svg.append(svgEl("line", { x1: left, y1: yAt(0), x2: width - PAD.right, y2: yAt(0), class: "sv-chart__axis" }));
  svg.append(svgEl("line", { x1: left, y1: PAD.top, x2: left, y2: yAt(0), class: "sv-chart__axis" }));
  svg.append(svgEl("text", { x: left - 6, y: yAt(0) + 4, class: "sv-chart__tick", "text-anchor": "end" }, format(0)));

  // The shortfall: between the required line and the alive line where it is below.
  if (points.length > 1 && required > 0) {
    const line = withCrossings(points, requiredY);
    const lower = line.map((point) => `${point.x.toFixed(1)},${Math.max(point.y, requiredY).toFixed(1)}`);
    const upper = [
      `${line[line.length - 1].x.toFixed(1)},${requiredY.toFixed(1)}`,
      `${line[0].x.toFixed(1)},${requiredY.toFixed(1)}`,
    ];
    svg.append(svgEl("polygon", { points: [...lower, ...upper].join(" "), class: "sv-chart__shortfall" }));
  }

  // Required.
  svg.append(
    svgEl("line", { x1: left, y1: requiredY, x2: width - PAD.right, y2: requiredY, class: "sv-chart__required" }),
  );
  // Its value on the axis, unless it would sit on the zero's (nothing required, or little beside the values).
  if (yAt(0) - requiredY >= 14) {
    svg.append(
      svgEl("text", { x: left - 6, y: requiredY + 4, class: "sv-chart__tick", "text-anchor": "end" }, format(required)),
    );
  }
  // The two labels on opposite sides of their lines, never over each other (chart-layout.js).
  const last = points[points.length - 1];
  const labels = valueLabels({
    requiredY,
    firstY: points.length ? points[0].y : requiredY,
    previousY: points.length > 1 ? points[points.length - 2].y : null,
    lastY: last ? last.y : requiredY,
    zeroY: yAt(0),
    topY: 0,
  });
  svg.append(
    svgEl(
      "text",
      {
        x: labels.required.anchor === "end" ? width - PAD.right : left + 6,
        y: labels.required.y,
        class: "sv-chart__label",
        "text-anchor": labels.required.anchor,
      },
      t("sv.ledger.chart_required"),
    ),
  );

  // Alive.
  if (points.length > 1) {
    svg.append(
      svgEl("polyline", {
        points: points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" "),
        class: "sv-chart__alive",
      }),
    );
  }
  points.forEach((point, index) => {
    const below = values[index] < required;
    svg.append(
      svgEl("circle", { cx: point.x, cy: point.y, r: 4.5, class: `sv-chart__dot${below ? " is-short" : ""}` }),
    );
  });
  if (last) {
    svg.append(
      svgEl(
        "text",
        {
          x: Math.min(last.x, width - PAD.right),
          y: labels.alive.y,
          class: "sv-chart__label sv-chart__label--alive",
          "text-anchor": "end",
        },
        t(label, { value: format(values[values.length - 1]) }),
      ),
    );
  }

  // Dates: as many as fit, the first and the last always; with their years when the history spans more than one.
  const ticks = dateTicks(
    history.map((entry) => entry.date),
    { x: xAt, short: formatShortDate, long: formatDate, charPx: CHAR_PX },
  );
  for (const { index, text, anchor } of ticks) {
    svg.append(
      svgEl(
        "text",
        { x: xAt(index), y: HEIGHT - PAD.bottom + 18, class: "sv-chart__tick", "text-anchor": anchor },
        text,
      ),
    );
  }

  return svg;
}
