// The card of what was tapped on the city map (its name, details and the link to its project's page), over the
// map's bottom edge. It closes with its button, with Esc, with a tap on the empty map and when the page moves the
// map elsewhere. Opened from the keyboard, it takes the focus and gives it back to what opened it on closing.
import { el, replaceChildren } from "../shared/dom.js";
import { t } from "../shared/strings.js";

export class ShapeCard {
  /** @param {HTMLElement} container the card's box (hidden until a shape is tapped) */
  constructor(container) {
    this.container = container;
    this.opener = null;
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.container.hidden) this.close();
    });
  }

  /** Show a shape's words; keyboard: it was opened by a key, so focus goes to the card (and back on close). */
  open(info, { keyboard = false } = {}) {
    const close = el(
      "button",
      { type: "button", className: "btn btn--icon city-info__close", "aria-label": t("panel.close") },
      "×",
    );
    close.addEventListener("click", () => this.close());
    replaceChildren(
      this.container,
      el("strong", { className: "city-info__title", id: "shape-info-title" }, info.title),
      info.details.length ? el("span", { className: "city-info__details" }, info.details.join(" · ")) : null,
      info.link ? el("a", { className: "city-info__link", href: info.link.href }, info.link.text) : null,
      close,
    );
    this.container.hidden = false;
    if (keyboard) {
      // A second key on another shape keeps the first opener: focus goes back where the person started.
      if (!this.container.contains(document.activeElement)) this.opener = document.activeElement;
      this.container.focus();
    } else {
      this.opener = null;
    }
  }

  /** Hide the card; the focus it held goes back to what opened it (or to the map). */
  close() {
    if (this.container.hidden) return;
    const hadFocus = this.container.contains(document.activeElement);
    this.container.hidden = true;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
    else if (hadFocus) document.getElementById("map")?.focus();
  }
}
