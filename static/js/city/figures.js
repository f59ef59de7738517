// The city map's figures: the cycle network (length by status and by facility, parts, gaps nearest first), the
// compensatory green spaces (the city's ledger, its chart over time, the projects with a shortfall first) and the
// signs to review. Every word and number comes written by the view-model (model.js).
import { historyChart } from "../shared/ledger-chart.js";
import { statusChip } from "../shared/status.js";
import { formatArea, formatCount } from "../shared/format.js";
import { el, replaceChildren } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { signGlyph } from "./sign-icon.js";

function title(text, id) {
  return el("h2", { className: "sv-section__title", id }, text);
}

/** A two-column table of figures: a caption, then label → value rows (and a total row when given). */
function figureTable(caption, rows, total = null) {
  return el(
    "table",
    { className: "city-figures" },
    el("caption", {}, caption),
    el(
      "tbody",
      {},
      rows.map((row) =>
        el("tr", { dataset: { key: row.key } }, el("th", { scope: "row" }, row.label), el("td", {}, row.text)),
      ),
    ),
    total ? el("tfoot", {}, el("tr", {}, el("th", { scope: "row" }, total.label), el("td", {}, total.text))) : null,
  );
}

/** The cycle network; onShowGap(gap) brings a gap into view on the map. */
export function renderCycle(container, figures, { onShowGap }) {
  const gaps = figures.gaps.map((gap) => {
    const show = el(
      "button",
      { type: "button", className: "btn city-list__show" },
      t("city.gap.show", { number: formatCount(gap.number) }),
    );
    show.addEventListener("click", () => onShowGap(gap));
    return el(
      "li",
      { className: "city-list__item city-gap", dataset: { distance: String(gap.distance_m) } },
      el("span", { className: "city-list__text" }, gap.text),
      show,
    );
  });
  replaceChildren(
    container,
    title(t("city.cycle.title"), "cycle-title"),
    el("p", { className: "city-figures__lead" }, el("strong", {}, figures.totalText), " · ", figures.partsText),
    el(
      "div",
      { className: "city-figures__pair" },
      figureTable(t("city.cycle.by_status"), figures.byStatus, {
        label: t("city.cycle.total"),
        text: figures.totalText,
      }),
      figureTable(t("city.cycle.by_facility"), figures.byFacility),
    ),
    el("h3", { className: "city-figures__subtitle" }, figures.gapsText),
    gaps.length ? el("ol", { className: "city-list", id: "gap-list" }, gaps) : null,
  );
  return container;
}

function ledgerTable(rows) {
  const cell = (text, short) => el("td", { className: short ? "sv-ledger__short" : null }, text ?? "—");
  return el(
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
      el(
        "tbody",
        {},
        rows.map((row) =>
          el(
            "tr",
            { className: row.key === "shortfall" ? "sv-ledger__shortfall-row" : null, dataset: { key: row.key } },
            el("th", { scope: "row" }, row.label),
            cell(row.trees, row.treesShort),
            cell(row.area, row.areaShort),
          ),
        ),
      ),
    ),
  );
}

/** The city's green ledger, its chart over time, and each project's; projects: the view-model's projectRows. */
export function renderGreen(container, { rows, chart, projects }) {
  const charts = chart
    ? [
        historyChart({ ...chart.trees, history: chart.history, format: formatCount }),
        historyChart({ ...chart.area, history: chart.history, format: formatArea }),
      ]
    : [];
  replaceChildren(
    container,
    title(t("city.green.title"), "green-title"),
    el("p", { className: "help" }, t("city.green.intro")),
    ledgerTable(rows),
    charts.length
      ? el("div", { className: "sv-charts", id: "green-chart" }, charts)
      : el("p", { className: "help" }, t("sv.ledger.no_history")),
    el("h3", { className: "city-figures__subtitle" }, t("city.green.projects")),
    projects.length
      ? el(
          "ol",
          { className: "city-list city-projects", id: "project-list" },
          projects.map((project) =>
            el(
              "li",
              {
                className: `city-list__item city-project${project.shortfall ? " is-short" : ""}`,
                dataset: { projectId: project.id },
              },
              el("a", { className: "city-project__title", href: project.url }, project.title),
              el(
                "span",
                { className: "city-project__status" },
                statusChip(project.status, project.statusText),
                " ",
                t("city.project.progress", { percent: project.percentText }),
              ),
              project.trees ? el("span", {}, project.trees) : null,
              project.area ? el("span", {}, project.area) : null,
              project.shortfall
                ? el(
                    "strong",
                    { className: "city-project__short" },
                    t("city.project.shortfall", { what: project.shortfallText }),
                  )
                : null,
            ),
          ),
        )
      : el("p", { className: "help" }, t("city.projects.none")),
  );
  return container;
}

/** The signs: how many, those to review, then every sign; onShow(sign) brings one into view on the map. */
export function renderSigns(container, signs, { onShow }) {
  const review = signs.review.map((sign) => {
    const show = el("button", { type: "button", className: "btn city-list__show" }, t("city.signs.show"));
    show.addEventListener("click", () => onShow(sign));
    return el(
      "li",
      { className: "city-list__item city-review", dataset: { signId: sign.id } },
      el(
        "span",
        { className: "city-list__text" },
        sign.text,
        sign.link ? [" · ", el("a", { href: sign.link.href }, sign.link.text)] : null,
      ),
      show,
    );
  });
  const every = signs.all.map((sign) =>
    el(
      "li",
      { className: `city-list__item city-sign-row${sign.review ? " is-review" : ""}`, dataset: { signId: sign.id } },
      el(
        "span",
        { className: sign.review ? "city-sign city-sign--key is-review" : "city-sign city-sign--key" },
        signGlyph(sign.rotation),
      ),
      el(
        "span",
        { className: "city-list__text" },
        el("strong", {}, sign.text),
        " · ",
        sign.typeText ? [sign.typeText, " · "] : null,
        sign.bearingText,
        sign.link ? [" · ", el("a", { href: sign.link.href }, sign.link.text)] : null,
        sign.review ? [" · ", el("strong", { className: "city-sign-row__review" }, t("city.signs.to_review"))] : null,
      ),
    ),
  );
  replaceChildren(
    container,
    title(t("city.signs.title"), "signs-title"),
    el("p", { className: "city-figures__lead" }, signs.countText),
    el("h3", { className: "city-figures__subtitle" }, t("city.signs.review_title")),
    review.length
      ? el("ol", { className: "city-list", id: "review-list" }, review)
      : el("p", { className: "help" }, t("city.signs.review_none")),
    every.length
      ? [
          el("h3", { className: "city-figures__subtitle" }, t("city.signs.all_title")),
          el("ul", { className: "city-list city-signs", id: "sign-list" }, every),
        ]
      : null,
  );
  return container;
}
