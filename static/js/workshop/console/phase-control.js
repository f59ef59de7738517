// The facilitator's phase switch: setup, sketching, voting, closed. Closing asks first; a closed
// workshop offers "Reopen" into a chosen phase (phase:set {"phase", "reopen": true}).
import { PHASES } from "../sync/phase.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { phaseBadge, phaseHint } from "../ui/phase-bar.js";
import { t } from "../../shared/strings.js";

export class PhaseControl {
  /**
   * @param {HTMLElement} container
   * @param {{onSet: (phase: string, reopen: boolean) => void}} hooks onSet: after any confirmation
   */
  constructor(container, { onSet }) {
    this.container = container;
    this.onSet = onSet;
    this.phase = null;
    this.busy = false;
  }

  setBusy(busy) {
    this.busy = busy;
    this.render(this.phase, { force: true });
  }

  render(phase, { force = false } = {}) {
    if (phase === this.phase && !force) return;
    this.phase = phase;
    const current = el(
      "p",
      { className: "phase-control__current" },
      phaseBadge(phase),
      " ",
      phaseHint(phase, { role: "facilitator" }),
    );
    if (phase === "closed") {
      const select = el(
        "select",
        { className: "select", id: "reopen-phase", "aria-label": t("console.reopen_into") },
        PHASES.filter((option) => option !== "closed").map((option) =>
          el("option", { value: option, selected: option === "voting" }, t(`phase.label.${option}`)),
        ),
      );
      const reopen = el(
        "button",
        { type: "button", className: "btn btn--primary", disabled: this.busy },
        t("console.reopen"),
      );
      reopen.addEventListener("click", () => this.onSet(select.value, true));
      replaceChildren(
        this.container,
        current,
        el(
          "div",
          { className: "phase-control__reopen" },
          el("label", { for: "reopen-phase" }, t("console.reopen_into")),
          select,
          reopen,
        ),
      );
      return;
    }
    const buttons = PHASES.map((option) => {
      const button = el(
        "button",
        {
          type: "button",
          className: `btn phase-control__button${option === "closed" ? " btn--danger" : ""}`,
          "aria-pressed": String(option === phase),
          disabled: this.busy,
          dataset: { phase: option },
        },
        t(`console.phase_${option}`),
      );
      button.addEventListener("click", () => option !== phase && this.onSet(option, false));
      return button;
    });
    replaceChildren(
      this.container,
      current,
      el("div", { className: "phase-control__buttons", role: "group", "aria-label": t("console.phase") }, buttons),
    );
  }
}
