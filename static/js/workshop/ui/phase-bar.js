// The strip under the top bar of the participant's map: which phase the workshop is in and what that
// means for me, the countdown, my dots while voting, the results link once closed, and on shared
// tablets "Done — next person".
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";
import { voteControl } from "./vote-control.js";

/** What a phase means for someone, in a few words. */
export function phaseHint(phase, { role, privateActive = false } = {}) {
  if (role === "facilitator") return t(`phase.${phase}.hint_facilitator`);
  if (phase === "sketching" && privateActive) return t("phase.sketching.hint_private");
  return t(`phase.${phase}.hint`);
}

/** The phase's name as a badge (data-phase gives it its colour in CSS). */
export function phaseBadge(phase, className = "phase-badge") {
  return el("span", { className, dataset: { phase } }, t(`phase.label.${phase}`));
}

export class PhaseBar {
  /**
   * @param {HTMLElement} container
   * @param {{resultsUrl: string, onShowDesigns: () => void, onVote: (designId, delta) => void, onDone: () => void}} hooks
   */
  constructor(container, { resultsUrl, onShowDesigns, onVote, onDone }) {
    this.container = container;
    this.onVote = onVote;
    this.redraw = new Redraw((view) => this.draw(view));
    this.status = el("p", { className: "phase-bar__status", role: "status" });
    this.resultsLink = el("a", { className: "btn btn--primary", href: resultsUrl }, t("phase.results_link"));
    this.votes = el("div", { className: "phase-bar__votes" });
    this.designsButton = el("button", { type: "button", className: "btn" }, t("vote.all_designs"));
    this.designsButton.addEventListener("click", onShowDesigns);
    this.countdown = el("p", {
      className: "countdown phase-bar__countdown",
      role: "timer",
      "aria-label": t("timer.label"),
    });
    this.doneButton = el("button", { type: "button", className: "btn phase-bar__done" }, t("kiosk.done"));
    this.doneButton.addEventListener("click", onDone);
    replaceChildren(
      container,
      this.status,
      this.resultsLink,
      this.votes,
      el("div", { className: "phase-bar__end" }, this.countdown, this.doneButton),
    );
  }

  /** The element the Countdown writes into. */
  get countdownDisplay() {
    return this.countdown;
  }

  /**
   * @param {{phase: string, role: string, privateActive: boolean, showDone: boolean,
   *          voting: null | {left: number|null, design: object|null, vote: object|null}}} view
   *   voting: my dots while I may vote; `design` the one shown on the map and `vote` its control state. Drawn
   *   again only when it changed.
   */
  render(view) {
    this.redraw.update(view);
  }

  draw({ phase, role, privateActive, showDone, voting }) {
    this.container.dataset.phase = phase;
    this.doneButton.hidden = !showDone;
    this.resultsLink.hidden = phase !== "closed";
    replaceChildren(
      this.status,
      phaseBadge(phase),
      el("span", { className: "phase-bar__hint" }, phaseHint(phase, { role, privateActive })),
    );

    if (!voting) {
      this.votes.hidden = true;
      replaceChildren(this.votes);
      return;
    }
    const left = Number.isInteger(voting.left) ? voting.left : null;
    // This design's dots first, at a place no count or word moves (dots left change their words as they go); the
    // line for why + is off is kept under them, so nothing moves when it fills.
    replaceChildren(
      this.votes,
      voting.design && voting.vote
        ? el(
            "span",
            { className: "phase-bar__this" },
            el("span", { className: "phase-bar__this-label" }, t("vote.this_design")),
            voteControl({
              title: voting.design.title,
              ...voting.vote,
              keepReasonRoom: true,
              onVote: (delta) => this.onVote(voting.design.id, delta),
            }),
          )
        : null,
      left === null
        ? null
        : el("span", { className: "phase-bar__dots", dataset: { left: String(left) } }, tn("vote.left", left)),
      this.designsButton,
    );
    this.votes.hidden = false;
  }
}
