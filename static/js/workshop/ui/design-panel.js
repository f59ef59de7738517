// The panel about one design: its authors and size, my dots on it (while voting), its tally when it may be
// shown, its comments; for the facilitator, Hide / Restore. Opened from the design list.
import { CommentThread, hiddenText } from "./comment-thread.js";
import { designColour } from "./design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";
import { voteControl } from "./vote-control.js";

export class DesignPanel {
  /**
   * @param {HTMLElement} container
   * @param {{onClose, onShow?: (id) => void, onVote?: (id, delta) => void, onComment: (id, text) => boolean,
   *          onModerate?: (id, hidden) => void, onModerateComment?: (comment, hidden) => void}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.shownId = null;
    this.redraw = new Redraw((view) => this.draw(view));
    this.body = el("div", { className: "design-panel__body" });
    this.thread = new CommentThread({
      onAdd: (text) => (this.shownId ? this.hooks.onComment(this.shownId, text) : false),
      onModerate: (comment, hidden) => this.hooks.onModerateComment?.(comment, hidden),
    });
    replaceChildren(container, this.body, this.thread.root);
  }

  get openId() {
    return this.container.hidden ? null : this.shownId;
  }

  /**
   * @param {object} design from the view
   * @param {{elementCount: number, tally: number|null, vote: object|null, isCurrent: boolean, canModerate: boolean,
   *          comments: object[], canComment: boolean, closedText: string, meId: string|null}} details
   *   vote: null outside voting, else {mine, canAdd, canRemove, reason, busy}. The comments go to their thread;
   *   the rest is drawn again only when it changed (rebuilding under a finger would swallow the tap).
   */
  show(design, { comments, canComment, closedText, meId, ...details }) {
    if (design.id !== this.shownId) this.thread.reset();
    this.shownId = design.id;
    this.thread.update({ comments, canComment, closedText, canModerate: details.canModerate, meId });
    if (this.container.hidden) this.redraw.forget();
    this.redraw.update({ design, ...details });
  }

  draw({ design, elementCount, tally, vote, isCurrent, canModerate }) {
    const swatch = el("span", { className: "swatch design-panel__swatch", "aria-hidden": "true" });
    swatch.style.backgroundColor = designColour(design);
    const close = el(
      "button",
      { type: "button", className: "btn btn--icon element-panel__close", "aria-label": t("panel.close") },
      "×",
    );
    close.addEventListener("click", () => this.hooks.onClose());
    const names = (design.authors || []).map((author) => author.name).join(", ");

    const actions = [];
    if (!isCurrent && this.hooks.onShow) {
      const show = el("button", { type: "button", className: "btn" }, t("design.show_on_map"));
      show.addEventListener("click", () => this.hooks.onShow(design.id));
      actions.push(show);
    }
    if (canModerate) {
      const moderate = el(
        "button",
        { type: "button", className: `btn${design.hidden ? "" : " btn--danger"}` },
        design.hidden ? t("moderation.restore") : t("moderation.hide"),
      );
      moderate.addEventListener("click", () => this.hooks.onModerate?.(design.id, !design.hidden));
      actions.push(moderate);
    }

    replaceChildren(
      this.body,
      el(
        "div",
        { className: "element-panel__header" },
        swatch,
        el("h2", { className: "element-panel__title" }, design.title),
        close,
      ),
      design.hidden ? el("p", { className: "hidden-mark" }, hiddenText(design.hidden_reason)) : null,
      el(
        "dl",
        { className: "element-panel__facts" },
        fact(t("panel.authors"), names || "—"),
        fact(t("panel.elements"), tn("design.count", elementCount)),
        tally === null ? null : fact(t("panel.dots"), tn("vote.tally", tally)),
      ),
      vote
        ? el(
            "div",
            { className: "design-panel__vote" },
            el("p", { className: "design-panel__vote-label" }, t("vote.your_dots_here")),
            voteControl({
              title: design.title,
              ...vote,
              large: true,
              onVote: (delta) => this.hooks.onVote?.(design.id, delta),
            }),
          )
        : null,
      actions.length ? el("div", { className: "element-panel__row design-panel__actions" }, actions) : null,
    );
    this.container.hidden = false;
  }

  hide() {
    this.container.hidden = true;
    this.shownId = null;
    this.redraw.forget();
  }
}

function fact(label, value) {
  return el("div", { className: "element-panel__fact" }, el("dt", {}, label), el("dd", {}, value));
}
