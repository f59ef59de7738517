// The design bar: which design is shown (title and colour), a list to switch or join as co-author,
// and "New design". While voting, each design in the list has its dot-vote control; each has a button
// to its details and comments. A design of mine that others commented on carries a mark until its comments are shown.
import { isAuthor } from "../sync/view.js";
import { designColour } from "../ui/design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";
import { voteControl } from "../ui/vote-control.js";

/**
 * What a design is to me, as tags of their own under its name: shown on the map now, and mine (started by me, or
 * joined as a co-author). Null when it is neither.
 */
function designTags(design, { current, mine, me }) {
  const tags = [];
  if (current) tags.push(el("span", { className: "design-item__tag is-current" }, t("design.current")));
  if (mine) {
    const started = design.created_by && design.created_by === me?.participant_id;
    tags.push(
      el("span", { className: "design-item__tag is-mine" }, t(started ? "design.you_started" : "design.you_author")),
    );
  }
  return tags.length ? el("span", { className: "design-item__tags" }, tags) : null;
}

export class DesignBar {
  /**
   * @param {{bar: HTMLElement, list: HTMLElement}} containers
   * @param {{onCreate: () => void, onSwitch: (id) => void, onJoin: (id) => void,
   *          onOpen?: (id) => void, onVote?: (id, delta) => void}} hooks
   */
  constructor({ bar, list }, { onCreate, onSwitch, onJoin, onOpen, onVote }) {
    this.list = list;
    this.onSwitch = onSwitch;
    this.onJoin = onJoin;
    this.onOpen = onOpen;
    this.onVote = onVote;
    this.lastState = { designs: new Map(), counts: new Map() };
    // Rebuilding under a finger swallows the tap: the list is drawn again only when its state changed.
    this.listRedraw = new Redraw((state) => this.drawList(state));

    this.chipSwatch = el("span", { className: "swatch", "aria-hidden": "true" });
    this.chipTitle = el("span", { className: "design-chip__title" });
    // How many comments on my designs are new; the chip's label says it in words.
    this.chipBadge = el("span", { className: "design-chip__badge", "aria-hidden": "true", hidden: true });
    this.chip = el(
      "button",
      {
        type: "button",
        className: "design-chip",
        "aria-haspopup": "true",
        "aria-expanded": "false",
        "aria-controls": list.id,
      },
      this.chipSwatch,
      this.chipTitle,
      this.chipBadge,
      el("span", { className: "design-chip__caret", "aria-hidden": "true" }, "▾"),
    );
    this.createButton = el(
      "button",
      { type: "button", className: "btn btn--primary design-bar__new" },
      `+ ${t("design.new")}`,
    );
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
   * @param {{designs: Map, currentId: string|null, me: {participant_id, role}, counts: Map<string, number>,
   *          canCreate?: boolean, offersCreate?: boolean, votes?: Map<string, object>|null, votesLeft?: number|null,
   *          tallies?: object|null, commentCounts?: Map<string, number>, unread?: Map<string, number>,
   *          unreadTotal?: number}} state
   *   canCreate: new designs and joining are open (the phase allows sketching); offersCreate: false while the
   *   first screen offers a new design itself (the list still does);
   *   unread: design id → comments on it (a design of mine) not shown to me yet, unreadTotal their sum;
   *   votes: design id → vote control state (see vote-control.js), null outside voting;
   *   tallies: design id → dots, when they may be shown
   */
  render(state) {
    this.lastState = state;
    this.createButton.hidden = state.canCreate === false || state.offersCreate === false;
    const current = state.currentId ? state.designs.get(state.currentId) : null;
    const colour = designColour(current);
    this.chipSwatch.style.backgroundColor = colour;
    this.chip.style.borderColor = colour;
    const title = current ? current.title : t(state.designs.size ? "design.none_chosen" : "design.none");
    this.chipTitle.textContent = title;
    const unread = state.unreadTotal || 0;
    this.chipBadge.hidden = unread === 0;
    this.chipBadge.textContent = unread ? String(unread) : "";
    this.chip.classList.toggle("has-news", unread > 0);
    const label = `${t("design.list_label")}: ${title}`;
    this.chip.setAttribute("aria-label", unread ? `${label} · ${tn("design.new_comments", unread)}` : label);
    if (!this.list.hidden) this.listRedraw.update(state);
  }

  toggleList() {
    if (this.list.hidden) this.openList();
    else this.closeList();
  }

  openList() {
    this.list.hidden = false;
    this.chip.setAttribute("aria-expanded", "true");
    this.listRedraw.update(this.lastState);
  }

  closeList() {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.chip.setAttribute("aria-expanded", "false");
  }

  drawList(state) {
    const { designs, currentId, me, counts } = state;
    const canCreate = state.canCreate !== false;
    const votes = state.votes || null;
    const tallies = state.tallies || null;
    const commentCounts = state.commentCounts || new Map();
    const unread = state.unread || new Map();
    const items = [...designs.values()].map((design) => {
      const mine = isAuthor(design, me?.participant_id);
      const names = (design.authors || []).map((author) => author.name).join(", ");
      const actions = el("div", { className: "design-item__actions" });
      if (design.id !== currentId) {
        const show = el("button", { type: "button", className: "btn" }, t("design.switch"));
        show.addEventListener("click", () => {
          this.closeList();
          this.onSwitch(design.id);
        });
        actions.append(show);
      }
      if (!mine && me?.role !== "facilitator" && canCreate) {
        const join = el("button", { type: "button", className: "btn btn--primary" }, t("design.join"));
        join.addEventListener("click", () => {
          this.closeList();
          this.onJoin(design.id);
        });
        actions.append(join);
      }
      if (this.onOpen) {
        const comments = commentCounts.get(design.id) || 0;
        const open = el(
          "button",
          { type: "button", className: "btn", "aria-label": t("design.open_label", { title: design.title }) },
          comments ? tn("design.comments_count", comments) : t("design.details"),
        );
        open.addEventListener("click", () => {
          this.closeList();
          this.onOpen(design.id);
        });
        actions.append(open);
      }
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = designColour(design);
      const tally = tallies ? (tallies[design.id] ?? 0) : null;
      const vote = votes?.get(design.id);
      return el(
        "li",
        { className: `design-item${design.id === currentId ? " is-current" : ""}${design.hidden ? " is-hidden" : ""}` },
        swatch,
        el(
          "div",
          { className: "design-item__text" },
          el(
            "span",
            { className: "design-item__title" },
            design.title,
            design.pending ? ` ${t("design.pending")}` : "",
            design.hidden ? el("span", { className: "tag tag--hidden" }, t("moderation.tag_hidden")) : null,
            unread.get(design.id)
              ? el("span", { className: "tag tag--new" }, tn("design.new_comments", unread.get(design.id)))
              : null,
          ),
          el(
            "span",
            { className: "design-item__meta" },
            t("design.authors", { names }),
            " · ",
            tn("design.count", counts.get(design.id) || 0),
            tally === null ? "" : ` · ${tn("vote.tally", tally)}`,
          ),
          designTags(design, { current: design.id === currentId, mine, me }),
        ),
        actions,
        vote
          ? el(
              "div",
              { className: "design-item__vote" },
              voteControl({ title: design.title, ...vote, onVote: (delta) => this.onVote?.(design.id, delta) }),
            )
          : null,
      );
    });
    const heading = el("h2", { className: "design-list__heading" }, t("design.list"));
    const dotsLeft =
      votes && Number.isInteger(state.votesLeft)
        ? el("p", { className: "design-list__dots", role: "status" }, tn("vote.left", state.votesLeft))
        : null;
    const body = items.length
      ? el("ul", { className: "design-list__items" }, items)
      : el("p", { className: "design-list__empty" }, canCreate ? t("design.none_hint") : t("design.none_yet"));
    let create = null;
    if (canCreate) {
      create = el("button", { type: "button", className: "btn btn--primary" }, `+ ${t("design.new")}`);
      create.addEventListener("click", () => {
        this.closeList();
        this.createButton.click();
      });
    }
    const close = el("button", { type: "button", className: "btn design-list__close" }, t("panel.close"));
    close.addEventListener("click", () => this.closeList());
    replaceChildren(
      this.list,
      el("div", { className: "design-list__top" }, heading, dotsLeft, close),
      body,
      el("div", { className: "button-row" }, create),
    );
  }
}
