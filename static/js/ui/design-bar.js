// The design bar: which design is shown (title and colour), a list to switch or join as co-author,
// and "New design".
import { designColour } from "./design-colour.js";
import { el, replaceChildren } from "./dom.js";
import { t, tn } from "./strings.js";

export function isAuthor(design, participantId) {
  return Boolean(design && participantId && design.authors?.some((author) => author.participant_id === participantId));
}

export class DesignBar {
  /**
   * @param {{bar: HTMLElement, list: HTMLElement}} containers
   * @param {{onCreate: () => void, onSwitch: (id) => void, onJoin: (id) => void}} hooks
   */
  constructor({ bar, list }, { onCreate, onSwitch, onJoin }) {
    this.list = list;
    this.onSwitch = onSwitch;
    this.onJoin = onJoin;
    this.lastState = null;

    this.chipSwatch = el("span", { className: "swatch", "aria-hidden": "true" });
    this.chipTitle = el("span", { className: "design-chip__title" });
    this.chip = el(
      "button",
      { type: "button", className: "design-chip", "aria-haspopup": "true", "aria-expanded": "false", "aria-controls": list.id },
      this.chipSwatch,
      this.chipTitle,
      el("span", { className: "design-chip__caret", "aria-hidden": "true" }, "▾"),
    );
    this.createButton = el("button", { type: "button", className: "btn btn--primary design-bar__new" }, `+ ${t("design.new")}`);
    replaceChildren(bar, this.chip, this.createButton);

    this.chip.addEventListener("click", () => this.toggleList());
    this.createButton.addEventListener("click", () => {
      this.closeList();
      onCreate();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.closeList();
    });
  }

  /**
   * @param {{designs: Map, currentId: string|null, me: {participant_id, role}, counts: Map<string, number>}} state
   */
  render(state) {
    this.lastState = state;
    const current = state.currentId ? state.designs.get(state.currentId) : null;
    const colour = designColour(current?.id);
    this.chipSwatch.style.backgroundColor = colour;
    this.chip.style.borderColor = colour;
    this.chipTitle.textContent = current ? current.title : t("design.none");
    this.chip.setAttribute("aria-label", `${t("design.list_label")}: ${current ? current.title : t("design.none")}`);
    if (!this.list.hidden) this.renderList();
  }

  toggleList() {
    if (this.list.hidden) this.openList();
    else this.closeList();
  }

  openList() {
    this.list.hidden = false;
    this.chip.setAttribute("aria-expanded", "true");
    this.renderList();
  }

  closeList() {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.chip.setAttribute("aria-expanded", "false");
  }

  renderList() {
    const { designs, currentId, me, counts } = this.lastState || { designs: new Map(), counts: new Map() };
    // Rebuilding under a finger swallows the tap: only rebuild when something shown has changed.
    const key = JSON.stringify([currentId, me?.participant_id, me?.role, [...designs.values()], [...counts]]);
    if (key === this.listKey && this.list.childElementCount) return;
    this.listKey = key;
    const items = [...designs.values()].map((design) => {
      const mine = isAuthor(design, me?.participant_id);
      const names = (design.authors || []).map((author) => author.name).join(", ");
      const actions = el("div", { className: "design-item__actions" });
      if (design.id === currentId) {
        actions.append(el("span", { className: "design-item__current" }, t("design.current")));
      } else {
        const show = el("button", { type: "button", className: "btn" }, t("design.switch"));
        show.addEventListener("click", () => {
          this.closeList();
          this.onSwitch(design.id);
        });
        actions.append(show);
      }
      if (mine) {
        actions.append(el("span", { className: "design-item__mine" }, t("design.you_author")));
      } else if (me?.role !== "facilitator") {
        const join = el("button", { type: "button", className: "btn btn--primary" }, t("design.join"));
        join.addEventListener("click", () => {
          this.closeList();
          this.onJoin(design.id);
        });
        actions.append(join);
      }
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = designColour(design.id);
      return el(
        "li",
        { className: `design-item${design.id === currentId ? " is-current" : ""}` },
        swatch,
        el(
          "div",
          { className: "design-item__text" },
          el("span", { className: "design-item__title" }, design.title, design.pending ? ` ${t("design.pending")}` : ""),
          el("span", { className: "design-item__meta" }, t("design.authors", { names }), " · ", tn("design.count", counts.get(design.id) || 0)),
        ),
        actions,
      );
    });
    const heading = el("h2", { className: "design-list__heading" }, t("design.list"));
    const body = items.length
      ? el("ul", { className: "design-list__items" }, items)
      : el("p", { className: "design-list__empty" }, t("design.none_hint"));
    const create = el("button", { type: "button", className: "btn btn--primary" }, `+ ${t("design.new")}`);
    create.addEventListener("click", () => {
      this.closeList();
      this.createButton.click();
    });
    replaceChildren(this.list, heading, body, create);
  }
}
