// Progress (overall and per kind) and the green ledger (required / planted / alive / shortfall, with the
// history chart), shared by the workspace and the public page.
import { kindName, kindSymbol } from "../shared/map/kinds.js";
import { el, replaceChildren } from "../shared/dom.js";
import { t, tn } from "../shared/strings.js";
import { formatArea, formatCount, formatPercent } from "./format.js";
import { historyChart } from "../shared/ledger-chart.js";

function bar(percent, label, { big = false } = {}) {
  const fill = el("span", { className: "sv-bar__fill" });
  fill.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return el(
    "span",
    {
      className: big ? "sv-bar sv-bar--big" : "sv-bar",
      role: "progressbar",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
      "aria-valuenow": String(Math.round(percent)),
      "aria-label": label,
    },
    fill,
  );
}

/** Overall progress and one row per kind of the plan. */
export function renderProgress(container, progress) {
  const kinds = Object.entries(progress.by_kind || {});
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.progress.title")),
    el(
      "div",
      { className: "sv-progress__overall" },
      el(
        "p",
        { className: "sv-progress__percent" },
        t("sv.progress.overall", { percent: formatPercent(progress.percent) }),
      ),
      bar(progress.percent, t("sv.progress.bar_label"), { big: true }),
      el(
        "p",
        { className: "sv-progress__detail" },
        tn("sv.progress.overall_detail", progress.total, { built: formatCount(progress.built) }),
      ),
    ),
    kinds.length
      ? el(
          "ul",
          { className: "sv-progress__kinds" },
          kinds.map(([kind, counts]) =>
            el(
              "li",
              { className: "sv-progress__kind" },
              el(
                "span",
                { className: "sv-progress__kind-name" },
                kindSymbol(kind, "sv-progress__symbol"),
                kindName(kind),
              ),
              bar(
                counts.percent,
                t("sv.progress.kind_label", {
                  kind: kindName(kind),
                  built: formatCount(counts.built),
                  total: formatCount(counts.total),
                }),
              ),
              el(
                "span",
                { className: "sv-progress__kind-count" },
                t("sv.progress.kind", { built: formatCount(counts.built), total: formatCount(counts.total) }),
              ),
            ),
          ),
        )
      : null,
    progress.additions
      ? el("p", { className: "sv-progress__additions" }, tn("sv.progress.additions", progress.additions))
      : null,
  );
  return container;
}

/** A cell of the ledger; a shortfall above zero is shown in red (its column says what it is). */
function ledgerCell(text, { short = false } = {}) {
  return el("td", { className: short ? "sv-ledger__short" : null }, text);
}

/** The green ledger table and its history charts. */
export function renderLedger(container, ledger) {
  const trees = formatCount;
  // One row per measure, one column per kind of green: narrow enough for a phone held upright.
  const rows = [
    ["sv.ledger.required", trees(ledger.trees_required), formatArea(ledger.green_required_m2), false, false],
    ["sv.ledger.planted", trees(ledger.trees_planted), formatArea(ledger.green_planted_m2), false, false],
    ["sv.ledger.alive", trees(ledger.trees_alive), formatArea(ledger.green_alive_m2), false, false],
    [
      "sv.ledger.shortfall",
      trees(ledger.trees_shortfall),
      formatArea(ledger.green_shortfall_m2),
      ledger.trees_shortfall > 0,
      ledger.green_shortfall_m2 > 0,
    ],
  ].map(([label, treeText, greenText, treesShort, greenShort]) =>
    el(
      "tr",
      { className: label === "sv.ledger.shortfall" ? "sv-ledger__shortfall-row" : null },
      el("th", { scope: "row" }, t(label)),
      ledgerCell(treeText, { short: treesShort }),
      ledgerCell(greenText, { short: greenShort }),
    ),
  );
  const history = ledger.history || [];
  const charts = [];
  if (history.length) {
    if (ledger.trees_required > 0 || history.some((entry) => entry.trees_alive > 0)) {
      charts.push(
        historyChart({
          title: t("sv.ledger.chart_trees"),
          history,
          valueKey: "trees_alive",
          required: ledger.trees_required,
          format: trees,
        }),
      );
    }
    if (ledger.green_required_m2 > 0 || history.some((entry) => entry.green_alive_m2 > 0)) {
      charts.push(
        historyChart({
          title: t("sv.ledger.chart_green"),
          history,
          valueKey: "green_alive_m2",
          required: ledger.green_required_m2,
          format: formatArea,
        }),
      );
    }
  }
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.ledger.title")),
    el("p", { className: "help" }, t("sv.ledger.intro")),
    el(
      "div",
      { className: "sv-table-wrap" },
      el(
        "table",
        { className: "sv-ledger" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("td", {}),
            el("th", { scope: "col" }, t("sv.ledger.trees")),
            el("th", { scope: "col" }, t("sv.ledger.green")),
          ),
        ),
        el("tbody", {}, rows),
      ),
    ),
    charts.length
      ? el("div", { className: "sv-charts" }, charts)
      : el("p", { className: "help" }, t("sv.ledger.no_history")),
  );
  return container;
}
