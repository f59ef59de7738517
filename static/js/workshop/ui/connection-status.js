// The connection badge: connected / reconnecting / offline, with the number of edits still waiting.
import { replaceChildren } from "../../shared/dom.js";
import { t, tn } from "../../shared/strings.js";

export class ConnectionBadge {
  constructor(container) {
    this.container = container;
  }

  render({ status, waiting }) {
    const parts = [t(`status.${status}`)];
    if (waiting > 0) parts.push(tn("status.waiting", waiting));
    const text = parts.join(" · ");
    // Only touch the live region when the words change, so screen readers do not repeat it.
    if (this.container.dataset.status === status && this.container.textContent === text) return;
    this.container.dataset.status = status;
    replaceChildren(this.container, text);
  }
}
