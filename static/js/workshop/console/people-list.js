// The facilitator's view of the people: who is online now and on which design, and everyone who has
// joined, with "Remove" (after a confirmation) for participants.
import { el, replaceChildren } from "../../shared/dom.js";
import { t, tn } from "../../shared/strings.js";

/** Online participants (not facilitators' own screens), one line each: name and the design they are on. */
export class PresenceList {
  constructor(container) {
    this.container = container;
    this.key = null;
  }

  /** @param {{online: object[], designs: Map<string, object>}} state */
  render({ online, designs }) {
    const people = uniqueById(online).filter((person) => person.role !== "facilitator");
    const rows = people
      .map((person) => ({
        name: person.name || t("panel.someone"),
        design: person.design_id ? designs.get(person.design_id) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const key = JSON.stringify(rows.map((row) => [row.name, row.design?.id, row.design?.title]));
    if (key === this.key) return;
    this.key = key;
    const heading = el("p", { className: "presence__count" }, tn("presence.online", rows.length));
    const items = rows.map(({ name, design }) =>
      el(
        "li",
        { className: "presence__person" },
        el("span", { className: "presence__dot", "aria-hidden": "true" }),
        el("span", { className: "presence__name" }, name),
        el(
          "span",
          { className: "presence__where muted" },
          design ? t("presence.on_design", { title: design.title }) : t("presence.looking"),
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
    this.key = null;
  }

  /**
   * @param {{participants: Map<string, object>, online: object[], designs: Map<string, object>, canRemove: boolean}} state
   *   people are gathered from the snapshot's participants, who is online and the designs' authors
   */
  render({ participants, online, designs, canRemove }) {
    const people = new Map();
    const add = (person) => {
      if (!person?.participant_id || person.role === "facilitator") return;
      people.set(person.participant_id, { ...people.get(person.participant_id), ...person });
    };
    for (const design of designs.values()) for (const author of design.authors || []) add({ ...author });
    for (const person of participants.values()) add(person);
    const onlineIds = new Set(online.map((person) => person.participant_id));
    for (const person of online) add({ participant_id: person.participant_id, name: person.name, role: person.role });
    const rows = [...people.values()].sort(
      (a, b) => Number(Boolean(a.removed)) - Number(Boolean(b.removed)) || (a.name || "").localeCompare(b.name || ""),
    );

    const key = JSON.stringify([
      canRemove,
      rows.map((row) => [row.participant_id, row.name, row.removed, onlineIds.has(row.participant_id)]),
    ]);
    if (key === this.key) return;
    this.key = key;
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
            "aria-label": t("people.remove_label", { name: person.name || "" }),
          },
          t("people.remove"),
        );
        action.addEventListener("click", () => this.onRemove(person));
      }
      return el(
        "li",
        { className: `people__person${person.removed ? " is-removed" : ""}` },
        el("span", {
          className: `presence__dot${onlineIds.has(person.participant_id) ? "" : " is-offline"}`,
          "aria-hidden": "true",
        }),
        el(
          "span",
          { className: "people__name" },
          person.name || t("panel.someone"),
          el(
            "span",
            { className: "visually-hidden" },
            onlineIds.has(person.participant_id) ? ` (${t("people.online")})` : "",
          ),
        ),
        action,
      );
    });
    replaceChildren(this.container, el("ul", { className: "people" }, items));
  }
}

function uniqueById(people) {
  const seen = new Map();
  for (const person of people || [])
    if (person?.participant_id && !seen.has(person.participant_id)) seen.set(person.participant_id, person);
  return [...seen.values()];
}
