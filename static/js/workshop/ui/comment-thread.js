// Comments on a design or on an element: the list, and an "Add a comment" box (1 to FACTS.limits.comment characters).
// The box is built once and kept while the list is redrawn, so live comments from others never eat
// what someone is typing. For the facilitator each comment has Hide / Restore. A design's thread also lists the
// comments on its elements, each saying which kind of element it is on.
import { FACTS } from "../../shared/facts.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { formatClock } from "../../shared/format.js";
import { kindName } from "../../shared/map/kinds.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

export const MAX_COMMENT = FACTS.limits.comment;

let threadCount = 0;

export class CommentThread {
  /**
   * @param {{onAdd: (text: string) => boolean, onModerate?: (comment: object, hidden: boolean) => void}} hooks
   *   onAdd returns whether the comment was taken (the box is emptied then).
   */
  constructor({ onAdd, onModerate }) {
    threadCount += 1;
    const inputId = `comment-input-${threadCount}`;
    const headingId = `comment-heading-${threadCount}`;
    this.onAdd = onAdd;
    this.onModerate = onModerate || (() => {});
    this.list = el("ol", { className: "comments__list" });
    this.listRedraw = new Redraw((view) => this.drawList(view));

    this.heading = el("h3", { className: "comments__heading", id: headingId }, t("comments.heading"));
    this.empty = el("p", { className: "comments__empty muted" }, t("comments.none"));
    this.input = el("textarea", {
      id: inputId,
      className: "comments__input",
      rows: 2,
      maxLength: MAX_COMMENT,
    });
    this.counter = el("span", { className: "comments__counter muted", "aria-live": "off" });
    this.postButton = el("button", { type: "submit", className: "btn btn--primary" }, t("comments.post"));
    this.form = el(
      "form",
      { className: "comments__form" },
      el("label", { className: "comments__label", for: inputId }, t("comments.add")),
      this.input,
      el("div", { className: "comments__row" }, this.counter, this.postButton),
    );
    this.closedNote = el("p", { className: "comments__closed muted" });
    this.root = el(
      "section",
      { className: "comments", "aria-labelledby": headingId },
      this.heading,
      this.empty,
      this.list,
      this.form,
      this.closedNote,
    );

    this.input.addEventListener("input", () => this.refreshForm());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text || text.length > MAX_COMMENT) return;
      if (this.onAdd(text)) this.reset();
    });
    this.refreshForm();
  }

  /** Empty the box (after posting, or when the thread now shows another design or element). */
  reset() {
    this.input.value = "";
    this.refreshForm();
  }

  refreshForm() {
    const length = this.input.value.trim().length;
    this.postButton.disabled = length === 0 || length > MAX_COMMENT;
    this.counter.textContent =
      length > MAX_COMMENT - 100 ? t("comments.counter", { count: length, max: MAX_COMMENT }) : "";
  }

  /**
   * @param {{comments: object[], canComment: boolean, closedText: string, canModerate: boolean, meId: string|null}} state
   *   comments oldest first; closedText says why there is no box (shown when canComment is false)
   */
  update({ comments, canComment, closedText = "", canModerate = false, meId = null }) {
    this.form.hidden = !canComment;
    this.closedNote.hidden = canComment || !closedText;
    this.closedNote.textContent = closedText;
    this.heading.textContent = comments.length ? tn("comments.heading_count", comments.length) : t("comments.heading");
    this.empty.hidden = comments.length > 0;

    this.listRedraw.update({ comments, canModerate, meId });
  }

  /** The list of comments, drawn again only when they, the right to moderate or who I am changed. */
  drawList({ comments, canModerate, meId }) {
    replaceChildren(
      this.list,
      comments.map((comment) => this.item(comment, { canModerate, meId })),
    );
  }

  item(comment, { canModerate, meId }) {
    const author =
      comment.author_id && comment.author_id === meId ? t("comments.you") : comment.author_name || t("panel.someone");
    const time = formatClock(comment.created_at);
    const meta = el(
      "p",
      { className: "comment__meta" },
      el("strong", {}, author),
      time ? ` · ${time}` : "",
      comment.pending ? ` · ${t("comments.sending")}` : "",
    );
    let moderation = null;
    if (canModerate && !comment.pending) {
      const button = el(
        "button",
        { type: "button", className: `btn comment__moderate${comment.hidden ? "" : " btn--danger"}` },
        comment.hidden ? t("moderation.restore") : t("moderation.hide"),
      );
      button.addEventListener("click", () => this.onModerate(comment, !comment.hidden));
      moderation = button;
    }
    return el(
      "li",
      { className: `comment${comment.hidden ? " is-hidden" : ""}${comment.pending ? " is-pending" : ""}` },
      meta,
      el(
        "p",
        { className: "comment__text" },
        comment.on_kind
          ? el(
              "span",
              { className: "comment__on" },
              `${t("comments.on_element", { kind: kindName(comment.on_kind) })} `,
            )
          : null,
        comment.text,
      ),
      comment.hidden ? el("p", { className: "hidden-mark" }, hiddenText(comment.hidden_reason)) : null,
      moderation,
    );
  }
}

/** "Hidden by the facilitator" with the reason, if one was given. */
export function hiddenText(reason) {
  return reason ? t("moderation.hidden_because", { reason }) : t("moderation.hidden");
}
