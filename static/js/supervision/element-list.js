// The list of plan elements and unplanned additions: kind, name and note, latest status with its
// deviation, design measure, latest count, and the authors' sign-offs. Tapping one shows it on the map.
import { kindSymbol } from "../shared/map/kinds.js";
import { el, replaceChildren } from "../shared/dom.js";
import { formatMeasure } from "../shared/format.js";
import { propsFacts } from "../shared/props-fields.js";
import { t } from "../shared/strings.js";
import { deviationText, formatCount } from "./format.js";
import { elementsOf } from "./model.js";
import { signoffItem } from "./signoff-view.js";
import { actionButton } from "./widgets.js";
import { statusChip, statusColour, STATUS_STYLE, statusName } from "../shared/status.js";

/** "Built with deviation: 4.9 m off", or just the status name. */
export function statusText(status, deviation) {
  const text = deviationText(deviation);
  return text ? t("sv.status.with_deviation", { status: statusName(status), deviation: text }) : statusName(status);
}

/** The kind symbol on a disc of the status colour. */
export function kindDisc(kind, status) {
  const disc = el("span", { className: "sv-disc" }, kindSymbol(kind, "sv-disc__symbol"));
  disc.style.backgroundColor = statusColour(status);
  disc.style.color = (STATUS_STYLE[status] || STATUS_STYLE.planned).ink;
  return disc;
}

/** The DOM id of an element's entry in the list (the map scrolls to it). */
export function elementId(id) {
  return `element-${id}`;
}

/** "Count: 10", or "Count: 10 of 12" when the design asked for a group of 12. */
export function countText(item) {
  const planned = item.planProps?.count;
  return Number.isInteger(planned) && planned > 1
    ? t("sv.elements.count_of", { count: formatCount(item.count), planned: formatCount(planned) })
    : t("sv.elements.count", { count: formatCount(item.count) });
}

function elementEntry(item, { selectedId, onSelect, actions }) {
  const measure = formatMeasure(item.measure);
  return el(
    "li",
    {
      className: `sv-element${item.id === selectedId ? " is-selected" : ""}`,
      id: elementId(item.id),
      dataset: { elementId: item.id },
    },
    actionButton(
      [
        kindDisc(item.kind, item.status),
        el(
          "span",
          { className: "sv-element__names" },
          el("span", { className: "sv-element__name" }, item.name),
          item.note ? el("span", { className: "sv-element__note" }, item.note) : null,
        ),
      ],
      {
        className: "sv-element__main",
        label: t("sv.elements.show_on_map", { name: item.name }),
        onClick: () => onSelect(item.id),
      },
    ),
    el(
      "div",
      { className: "sv-element__facts" },
      statusChip(item.status, statusText(item.status, item.deviation)),
      measure ? el("span", { className: "sv-element__fact" }, t("sv.elements.measure", { measure })) : null,
      item.count !== null ? el("span", { className: "sv-element__fact" }, countText(item)) : null,
      // What the element says of itself (a sign's text and arrow, a tree's species); its count is the one above.
      ...propsFacts(item.kind, { ...item.props, count: item.count !== null ? undefined : item.props.count }).map(
        ([label, text]) => el("span", { className: "sv-element__fact" }, t("sv.elements.prop", { label, text })),
      ),
    ),
    item.signoffs.length
      ? el(
          "ul",
          { className: "sv-signoffs sv-signoffs--compact", "aria-label": t("sv.elements.signoffs") },
          item.signoffs.map((s) => signoffItem(s, null)),
        )
      : null,
    actions ? actions(item) : null,
  );
}

/**
 * Fill `container` with the elements of `project`.
 * options: {selectedId, onSelect(id), actions?(item) → node}
 */
export function renderElementList(container, project, { selectedId = null, onSelect = () => {}, actions = null } = {}) {
  const items = elementsOf(project);
  const planned = items.filter((item) => !item.unplanned);
  const additions = items.filter((item) => item.unplanned);
  const options = { selectedId, onSelect, actions };
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.elements.title")),
    planned.length
      ? el(
          "ul",
          { className: "sv-elements" },
          planned.map((item) => elementEntry(item, options)),
        )
      : el("p", { className: "help" }, t("sv.elements.none")),
    additions.length ? el("h3", { className: "sv-subtitle" }, t("sv.elements.additions")) : null,
    additions.length
      ? el(
          "ul",
          { className: "sv-elements" },
          additions.map((item) => elementEntry(item, options)),
        )
      : null,
  );
  return container;
}
