// The facilitator's view of the people: who is online now and on which design, and everyone who has
// joined, with "Remove" (after a confirmation) for participants. The rows come from the console's view-model
// (console/model.js: presenceRows, participantRows); each list is drawn again only when its rows changed.
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

/** Online participants (not facilitators' own screens), one line each: name and the design they are on. */
export class PresenceList {
  constructor(container) {
    this.container = container;
    this.redraw = new Redraw((rows) => this.draw(rows));
  }

  /** @param {{name: string|null, where: string|null}[]} rows `where`: the title of the design they are on */
  render(rows) {
    this.redraw.update(rows);
  }

  draw(rows) {
    const people = rows
      .map(({ name, where }) => ({ name: name || t("panel.someone"), where }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const heading = el("p", { className: "presence__count" }, tn("presence.online", people.length));
    const items = people.map(({ name, where }) =>
      el(
        "li",
        { className: "presence__person" },
        el("span", { className: "presence__dot", "aria-hidden": "true" }),
        el("span", { className: "presence__name" }, name),
        el(
          "span",
          { className: "presence__where muted" },
          where === null ? t("presence.looking") : t("presence.on_design", { title: where }),
        ),
      ),
    );
    replaceChildren(this.container, heading, items.length ? el("ul", { className: "presence" }, items) : null);
  }
}

/** Everyone who joined (participants), online or not, with Remove. */
export class ParticipantList {
  /** @param {HTMLElement} container @param {{onRemove: (person) => void}} hooks */
  constructor(container, { onRemove }) {
    this.container = container;
    this.onRemove = onRemove;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /**
   * @param {{rows: {participant_id: string, name: string, removed: boolean, online: boolean}[], canRemove: boolean}} view
   *   rows in the order shown (those still in first, then by name)
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
            className: "btn btn--danger",
            "aria-label": t("people.remove_label", { name: person.name }),
          },
          t("people.remove"),
        );
        action.addEventListener("click", () => this.onRemove(person));
      }
      return el(
        "li",
        { className: `people__person${person.removed ? " is-removed" : ""}` },
        el("span", { className: `presence__dot${person.online ? "" : " is-offline"}`, "aria-hidden": "true" }),
        el(
          "span",
          { className: "people__name" },
          person.name || t("panel.someone"),
          el("span", { className: "visually-hidden" }, person.online ? ` (${t("people.online")})` : ""),
        ),
        action,
      );
    });
    replaceChildren(this.container, el("ul", { className: "people" }, items));
  }
}
