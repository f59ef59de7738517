// The facilitator's list of designs: each with its authors, size, dots and comments, and the buttons to
// show it on the map, open its details and comments, and hide or restore it.
import { designColour } from "../ui/design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

export class ConsoleDesigns {
  /**
   * @param {HTMLElement} container
   * @param {{onShow: (id) => void, onOpen: (id) => void, onModerate: (id, hidden: boolean) => void}} hooks
   *   onShow(id) highlights it on the map (the shown one again: back to all)
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /**
   * @param {{designs: Map, counts: Map<string, number>, commentCounts: Map<string, number>, tallies: object|null,
   *          shownId: string|null, canModerate: boolean}} view drawn again only when it changed
   */
  render(view) {
    this.redraw.update(view);
  }

  draw({ designs, counts, commentCounts, tallies, shownId, canModerate }) {
    if (!designs.size) {
      replaceChildren(this.container, el("p", { className: "muted" }, t("design.none_yet")));
      return;
    }
    const items = [...designs.values()].map((design) => {
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = designColour(design);
      const names = (design.authors || []).map((author) => author.name).join(", ");
      const facts = [
        tn("design.count", counts.get(design.id) || 0),
        tn("design.comments_count", commentCounts.get(design.id) || 0),
      ];
      if (tallies) facts.push(tn("vote.tally", tallies[design.id] ?? 0));

      const shown = design.id === shownId;
      const show = el(
        "button",
        { type: "button", className: "btn", "aria-pressed": String(shown) },
        shown ? t("console.show_all") : t("design.switch"),
      );
      show.addEventListener("click", () => this.hooks.onShow(shown ? null : design.id));
      const open = el(
        "button",
        { type: "button", className: "btn", "aria-label": t("design.open_label", { title: design.title }) },
        t("design.details"),
      );
      open.addEventListener("click", () => this.hooks.onOpen(design.id));
      let moderate = null;
      if (canModerate) {
        moderate = el(
          "button",
          { type: "button", className: `btn${design.hidden ? "" : " btn--danger"}` },
          design.hidden ? t("moderation.restore") : t("moderation.hide"),
        );
        moderate.addEventListener("click", () => this.hooks.onModerate(design.id, !design.hidden));
      }
      return el(
        "li",
        { className: `console-design${design.hidden ? " is-hidden" : ""}${shown ? " is-shown" : ""}` },
        el(
          "div",
          { className: "console-design__text" },
          el(
            "span",
            { className: "console-design__title" },
            swatch,
            design.title,
            design.hidden ? el("span", { className: "tag tag--hidden" }, t("moderation.tag_hidden")) : null,
          ),
          el("span", { className: "console-design__meta muted" }, t("design.authors", { names: names || "—" })),
          el("span", { className: "console-design__meta muted" }, facts.join(" · ")),
        ),
        el("div", { className: "console-design__actions" }, show, open, moderate),
      );
    });
    replaceChildren(this.container, el("ul", { className: "console-designs" }, items));
  }
}
