// The facilitator's countdown controls: presets (3, 5, 10, 15 minutes), a custom number of minutes,
// Clear; and the countdown itself, large. The timer never stops anyone: at zero it says so, that is all.
import { FACTS } from "../../shared/facts.js";
import { Countdown } from "../ui/countdown.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

const PRESET_MINUTES = [3, 5, 10, 15];
const MAX_MINUTES = FACTS.limits.timer_seconds / 60; // the longest countdown the server takes

export class TimerControl {
  /**
   * @param {HTMLElement} container
   * @param {{onSet: (seconds: number) => void, onStateChange?: (state: string) => void}} hooks
   *   onSet(0) clears; onStateChange gets the countdown's state ("off", "running", "ending", "up")
   */
  constructor(container, { onSet, onStateChange }) {
    const display = el("p", {
      className: "countdown timer-control__countdown",
      role: "timer",
      "aria-label": t("timer.label"),
    });
    this.idle = el("p", { className: "timer-control__idle muted" }, t("console.timer_none"));
    this.clearButton = el("button", { type: "button", className: "btn btn--danger" }, t("console.timer_clear"));
    this.clearButton.addEventListener("click", () => onSet(0));
    this.countdown = new Countdown(display, {
      onChange: (state) => {
        this.idle.hidden = state !== "off";
        this.clearButton.disabled = state === "off";
        onStateChange?.(state);
      },
    });
    const presets = PRESET_MINUTES.map((minutes) => {
      const button = el("button", { type: "button", className: "btn" }, t("console.timer_minutes", { minutes }));
      button.addEventListener("click", () => onSet(minutes * 60));
      return button;
    });
    const inputId = "timer-custom-minutes";
    const input = el("input", {
      id: inputId,
      className: "text-input timer-control__input",
      type: "number",
      min: 1,
      max: MAX_MINUTES,
      step: 1,
      inputMode: "numeric",
    });
    const start = el("button", { type: "submit", className: "btn btn--primary" }, t("console.timer_start"));
    const custom = el(
      "form",
      { className: "timer-control__custom" },
      el("label", { for: inputId }, t("console.timer_custom")),
      input,
      start,
    );
    custom.addEventListener("submit", (event) => {
      event.preventDefault();
      const minutes = Number(input.value);
      if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_MINUTES) {
        input.focus();
        return;
      }
      onSet(Math.round(minutes * 60));
      input.value = "";
    });
    // One fieldset holds every control, so a closed workshop switches them all off at once.
    this.controls = el(
      "fieldset",
      { className: "plain-fieldset" },
      el("legend", { className: "visually-hidden" }, t("console.timer_set")),
      el("div", { className: "button-row timer-control__presets" }, presets, this.clearButton),
      custom,
    );
    replaceChildren(container, el("div", { className: "timer-control__now" }, display, this.idle), this.controls);
  }

  render(endsAt, { enabled = true } = {}) {
    this.countdown.setEnd(endsAt);
    this.controls.disabled = !enabled;
  }
}
