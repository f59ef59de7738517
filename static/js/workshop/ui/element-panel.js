// The small panel shown when an element is tapped: what it is, whose, how big, its note, its props, its comments;
// for the authors of its design, the fields of its props and the buttons to reshape, re-note, re-kind or delete
// it; for the facilitator, Hide / Restore.
import { FACTS } from "../../shared/facts.js";
import { KINDS, kindName, kindsLike, kindSymbol } from "../../shared/map/kinds.js";
import { CommentThread, hiddenText } from "./comment-thread.js";
import { designColour } from "./design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { PropsForm, propsFacts } from "../../shared/props-fields.js";
import { Redraw } from "../../shared/redraw.js";
import { t } from "../../shared/strings.js";

export class ElementPanel {
  /**
   * @param {HTMLElement} container
   * @param {{onClose, onEditShape, onEditNote, onChangeKind: (kind) => void, onDelete,
   *          onProps?: (props, name) => void,
   *          onModerate?: (hidden: boolean) => void, onComment?: (text: string) => boolean,
   *          onModerateComment?: (comment, hidden: boolean) => void}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.shownId = null;
    this.redraw = new Redraw((view) => this.draw(view));
    this.body = el("div", { className: "element-panel__body" });
    this.props = new PropsForm({ onProps: (props, name) => this.hooks.onProps?.(props, name) });
    this.controls = el("div", { className: "element-panel__controls" });
    this.thread = new CommentThread({
      onAdd: (text) => (this.hooks.onComment ? this.hooks.onComment(text) : false),
      onModerate: (comment, hidden) => this.hooks.onModerateComment?.(comment, hidden),
    });
    replaceChildren(container, this.body, this.props.root, this.controls, this.thread.root);
  }

  get openId() {
    return this.container.hidden ? null : this.shownId;
  }

  /**
   * @param {object} element from the view
   * @param {{design: object|null, authorName: string, measureText: string, canEdit: boolean, canModerate?: boolean,
   *          comments?: object[], canComment?: boolean, closedText?: string, meId?: string|null,
   *          offered?: string[]|null, invite?: boolean, saved?: {field, state}|null}} details
   *   offered: the kinds it may be changed to (the workshop's palette); null for all. The comments go to their
   *   thread, the props (with the invitation to fill them in and the cue that one was saved) to their form; the
   *   rest is drawn again only when it changed.
   */
  show(element, { comments = [], canComment = false, closedText = "", meId = null, invite, saved, ...details }) {
    if (element.id !== this.shownId) this.thread.reset();
    this.shownId = element.id;
    this.thread.update({ comments, canComment, closedText, canModerate: details.canModerate, meId });
    this.props.update(element, { canEdit: details.canEdit, invite, saved });
    // Rebuilding while a finger is on a button would swallow the tap: only rebuild on a real change.
    if (this.container.hidden) this.redraw.forget();
    this.redraw.update({ element, ...details });
  }

  draw({ element, design, authorName, measureText, canEdit, canModerate = false, offered = null }) {
    const spec = KINDS[element.kind] || FACTS.unknown_kind;
    const badge = el("span", { className: "element-panel__badge" }, kindSymbol(element.kind, "element-panel__symbol"));
    badge.style.backgroundColor = spec.colour;
    badge.style.color = spec.ink;
    const close = el(
      "button",
      { type: "button", className: "btn btn--icon element-panel__close", "aria-label": t("panel.close") },
      "×",
    );
    close.addEventListener("click", () => this.hooks.onClose());

    const designSwatch = el("span", { className: "swatch", "aria-hidden": "true" });
    designSwatch.style.backgroundColor = designColour(design);
    const facts = el(
      "dl",
      { className: "element-panel__facts" },
      fact(t("panel.design"), [designSwatch, design ? design.title : "—"]),
      fact(t("panel.author"), authorName),
      measureText ? fact(t("panel.measure"), el("span", { className: "measure" }, measureText)) : null,
      fact(
        t("panel.note"),
        element.note
          ? el("span", { className: "element-panel__note" }, element.note)
          : el("span", { className: "muted" }, t("panel.no_note")),
      ),
      // Those who may change the props see them in their fields below instead.
      canEdit ? null : propsFacts(element.kind, element.props).map(([label, text]) => fact(label, text)),
    );

    replaceChildren(
      this.body,
      el(
        "div",
        { className: "element-panel__header" },
        badge,
        el("h2", { className: "element-panel__title" }, kindName(element.kind)),
        close,
      ),
      element.pending ? el("p", { className: "element-panel__pending" }, t("panel.pending")) : null,
      element.hidden ? el("p", { className: "hidden-mark" }, hiddenText(element.hidden_reason)) : null,
      !element.hidden && element.design_hidden
        ? el("p", { className: "hidden-mark" }, t("moderation.design_hidden"))
        : null,
      facts,
    );
    replaceChildren(
      this.controls,
      canEdit ? this.editControls(element, offered) : null,
      canModerate ? this.moderationControls(element) : null,
    );
    this.container.hidden = false;
  }

  moderationControls(element) {
    const button = el(
      "button",
      { type: "button", className: `btn${element.hidden ? "" : " btn--danger"}` },
      element.hidden ? t("moderation.restore") : t("moderation.hide"),
    );
    button.addEventListener("click", () => this.hooks.onModerate?.(!element.hidden));
    return el("div", { className: "element-panel__actions element-panel__moderation" }, button);
  }

  hide() {
    this.props.update(null, { canEdit: false });
    this.container.hidden = true;
    this.shownId = null;
    this.redraw.forget();
  }

  editControls(element, offered) {
    const button = (label, onClick, extraClass = "") => {
      const node = el("button", { type: "button", className: `btn ${extraClass}`.trim() }, label);
      node.addEventListener("click", onClick);
      return node;
    };
    const otherKinds = kindsLike(element.kind).filter(
      (kind) => kind !== element.kind && (!offered || offered.includes(kind)),
    );
    const kindButtons = otherKinds.map((kind) => {
      const node = el(
        "button",
        { type: "button", className: "btn kind-chip", "aria-label": `${t("panel.change_kind")}: ${kindName(kind)}` },
        kindSymbol(kind, "kind-chip__symbol"),
        kindName(kind),
      );
      node.style.setProperty("--kind-colour", KINDS[kind].colour);
      node.addEventListener("click", () => this.hooks.onChangeKind(kind));
      return node;
    });
    return el(
      "div",
      { className: "element-panel__actions" },
      el(
        "div",
        { className: "element-panel__row" },
        button(t("panel.edit_shape"), () => this.hooks.onEditShape()),
        button(t("panel.edit_note"), () => this.hooks.onEditNote()),
        button(t("panel.delete"), () => this.hooks.onDelete(), "btn--danger"),
      ),
      kindButtons.length
        ? el(
            "div",
            { className: "element-panel__kinds" },
            el("span", { className: "element-panel__label" }, t("panel.kind_choices")),
            kindButtons,
          )
        : null,
    );
  }
}

function fact(label, value) {
  return el("div", { className: "element-panel__fact" }, el("dt", {}, label), el("dd", {}, value));
}
