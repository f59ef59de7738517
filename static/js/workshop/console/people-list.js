// The facilitator's view of the people: the room at a glance (how many are here, who has not drawn anything yet,
// who has not voted, the dots cast), and everyone who joined, online or not and on which design, with "Remove"
// (after a confirmation). Both draw from the console's view-model (console/room.js: roomSummary, peopleRows), each
// again only when its view changed.
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

const nameOf = (name) => name || t("panel.someone");

/** One line of the room card: who is still to do something, by name, or that everyone has done it. */
function line(kind, { key, names, allDone }) {
  if (!names.length) return el("p", { className: `room__line room__line--${kind} is-done` }, allDone);
  return el(
    "div",
    { className: `room__line room__line--${kind}` },
    el("p", { className: "room__label" }, tn(key, names.length)),
    el("p", { className: "room__names" }, names.map(nameOf).join(", ")),
  );
}

/** The room at a glance: who is here, who has not drawn, who has not voted, and the dots cast. */
export class RoomSummary {
  constructor(container) {
    this.container = container;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /**
   * @param {{present: number, online: number, notDrawn: (string|null)[]|null, notVoted: (string|null)[]|null,
   *          dots: {cast: number, of: number}|null}} view
   */
  render(view) {
    this.redraw.update(view);
  }

  draw({ present, online, notDrawn, notVoted, dots }) {
    const here = el(
      "p",
      { className: "room__here" },
      present ? t("room.online", { online, present }) : t("people.none"),
    );
    const drawn = notDrawn && line("drawn", { key: "room.not_drawn", names: notDrawn, allDone: t("room.all_drawn") });
    const voted = notVoted && line("voted", { key: "room.not_voted", names: notVoted, allDone: t("room.all_voted") });
    const dotsCast = dots && el("p", { className: "room__dots" }, t("room.dots", { cast: dots.cast, of: dots.of }));
    replaceChildren(this.container, here, present ? [drawn, voted, dotsCast] : null);
  }
}

/** Everyone who joined (participants), online or not and where, with Remove. */
export class PeopleList {
  /** @param {HTMLElement} container @param {{onRemove: (person) => void}} hooks */
  constructor(container, { onRemove }) {
    this.container = container;
    this.onRemove = onRemove;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /**
   * @param {{rows: {participant_id: string, name: string, removed: boolean, online: boolean, where: string|null}[],
   *          canRemove: boolean}} view rows in the order shown (those still in first, then by name)
   */
  render(view) {
    this.redraw.update(view);
  }

  draw({ rows, canRemove }) {
    if (!rows.length) {
      replaceChildren(this.container, el("p", { className: "muted" }, t("people.none")));
      return;
    }
    const items = rows.map((person) => {
      let action = null;
      if (person.removed) {
        action = el("span", { className: "muted" }, t("people.removed"));
      } else if (canRemove) {
        action = el(
          "button",
          {
            type: "button",
            className: "btn btn--danger people__remove",
            "aria-label": t("people.remove_label", { name: nameOf(person.name) }),
          },
          t("people.remove"),
        );
        action.addEventListener("click", () => this.onRemove(person));
      }
      let where = null;
      if (!person.removed) {
        where = !person.online
          ? t("people.offline")
          : person.where === null
            ? t("presence.looking")
            : t("presence.on_design", { title: person.where });
      }
      return el(
        "li",
        { className: `people__person${person.removed ? " is-removed" : ""}` },
        el("span", { className: `presence__dot${person.online ? "" : " is-offline"}`, "aria-hidden": "true" }),
        el(
          "span",
          { className: "people__text" },
          el("span", { className: "people__name" }, nameOf(person.name)),
          where ? el("span", { className: "people__where muted" }, where) : null,
        ),
        action,
      );
    });
    replaceChildren(this.container, el("ul", { className: "people" }, items));
  }
}
