// The first screen's choice, in a row above the map (the palette beside it keeps all its room): a person with no
// design of their own starts one, or joins one of those offered by name; someone looking at another's design joins
// it or goes back to theirs. Drawn from the view-model's `start` (model.js, startChoice); hidden when it is null.
import { designColour } from "../ui/design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

export class StartCard {
  /**
   * @param {HTMLElement} container
   * @param {{onCreate: () => void, onJoin: (id) => void, onSwitch: (id) => void, onShowList: () => void}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.redraw = new Redraw((start) => this.draw(start));
  }

  /** Show the choice (model.start), or hide it (null). */
  render(start) {
    this.redraw.update(start);
  }

  draw(start) {
    this.container.hidden = !start;
    if (!start) {
      this.container.replaceChildren();
      return;
    }
    const title = el("h2", { className: "start-card__title", id: "start-card-title" });
    if (start.mode === "other") {
      title.textContent = t("start.other_title", { title: start.shown.design.title });
      replaceChildren(
        this.container,
        title,
        el(
          "div",
          { className: "start-card__actions" },
          this.joinButton(start.shown, "btn--primary"),
          this.button(t("start.back_to_mine", { title: start.mine.title }), "", () =>
            this.hooks.onSwitch(start.mine.id),
          ),
        ),
      );
      return;
    }
    title.textContent = t(start.canJoin ? "start.title" : "start.title_facilitator");
    const create = this.button(`+ ${t("start.create")}`, "btn--primary start-card__create", () =>
      this.hooks.onCreate(),
    );
    const offers = (start.offers ?? []).map((offer) => this.joinButton(offer, ""));
    const more = start.more
      ? this.button(tn("start.more", start.more), "start-card__more", () => this.hooks.onShowList())
      : null;
    replaceChildren(
      this.container,
      title,
      el(
        "div",
        { className: "start-card__actions" },
        create,
        offers.length || more
          ? el(
              "span",
              { className: "start-card__offers" },
              el("span", { className: "start-card__or" }, t("start.or_join")),
              offers,
              more,
            )
          : null,
      ),
    );
  }

  /** "Join «title»", the design's colour beside it and, for screen readers, who made it and how big it is. */
  joinButton({ design, names, count }, extraClass) {
    const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
    swatch.style.backgroundColor = designColour(design);
    const details = [names ? t("design.authors", { names }) : "", tn("design.count", count)].filter(Boolean);
    const button = this.button(
      [swatch, el("span", { className: "start-card__join-title" }, t("start.join", { title: design.title }))],
      `start-card__join ${extraClass}`,
      () => this.hooks.onJoin(design.id),
    );
    button.setAttribute("aria-label", `${t("start.join", { title: design.title })} (${details.join(", ")})`);
    button.title = details.join(" · ");
    return button;
  }

  button(content, extraClass, onClick) {
    const node = el("button", { type: "button", className: `btn ${extraClass}`.trim() }, content);
    node.addEventListener("click", onClick);
    return node;
  }
}
