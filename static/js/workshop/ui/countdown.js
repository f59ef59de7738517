// The workshop's countdown: the time left until the server's `timer.ends_at`, as m:ss (h:mm:ss from an
// hour up), read against the server's clock so that every tablet shows the same. At zero it shows 0:00
// and stays there: the timer is a reminder, it never stops anyone.
import { parseServerTime, serverNow } from "../../shared/clock.js";

const TICK_MS = 250;
const ENDING_SECONDS = 60;

/** Whole seconds as m:ss or h:mm:ss. */
export function formatRemaining(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

export class Countdown {
  /**
   * @param {HTMLElement} display shows the time; gets data-state "off" | "running" | "ending" | "up"
   * @param {{onChange?: (state: string) => void}} hooks onChange: called when the state changes
   */
  constructor(display, { onChange } = {}) {
    this.display = display;
    this.onChange = onChange || (() => {});
    this.endsAt = null;
    this.timer = null;
    this.state = null;
    this.setEnd(null);
  }

  /** The end as the API gives it (ISO string or null). */
  setEnd(endsAtValue) {
    const endsAt = parseServerTime(endsAtValue);
    if (endsAt === this.endsAt && this.state !== null) return;
    this.endsAt = endsAt;
    clearInterval(this.timer);
    this.timer = null;
    if (endsAt !== null) this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  /** Seconds left (0 when up), or null without a timer. */
  secondsLeft() {
    if (this.endsAt === null) return null;
    return Math.max(0, Math.ceil((this.endsAt - serverNow()) / 1000));
  }

  tick() {
    const left = this.secondsLeft();
    let state = "off";
    if (left !== null) state = left === 0 ? "up" : left <= ENDING_SECONDS ? "ending" : "running";
    const text = left === null ? "" : formatRemaining(left);
    if (this.display.textContent !== text) this.display.textContent = text;
    if (state === "up" || state === "off") {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (state !== this.state) {
      this.state = state;
      this.display.dataset.state = state;
      this.onChange(state);
    }
  }
}
