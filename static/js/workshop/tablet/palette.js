// The palette of kinds: one large button per kind (symbol, name, colour). Picking one starts drawing.
// When the person may not draw in the shown design, the buttons are disabled: the first screen's choice above the
// map (start-card.js) says why and what to do, so the palette keeps all its room. Only the kinds the facilitator
// offers (settings.palette) are shown.
import { KIND_GROUPS, KINDS, kindName, kindSymbol } from "../../shared/map/kinds.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

export class Palette {
  /**
   * @param {HTMLElement} container
   * @param {{onPick: (kind) => void}} hooks
   */
  constructor(container, { onPick }) {
    this.buttons = new Map();
    this.hint = el("p", { className: "palette__hint", role: "note" });

    this.groups = [];
    const groups = KIND_GROUPS.map(({ label, kinds }) => {
      const buttons = kinds.map((kind) => {
        const button = el(
          "button",
          { type: "button", className: "kind-button", "aria-pressed": "false", dataset: { kind } },
          el("span", { className: "kind-button__badge" }, kindSymbol(kind, "kind-button__symbol")),
          el("span", { className: "kind-button__name" }, kindName(kind)),
        );
        button.style.setProperty("--kind-colour", KINDS[kind].colour);
        button.style.setProperty("--kind-ink", KINDS[kind].ink);
        button.addEventListener("click", () => onPick(kind));
        this.buttons.set(kind, button);
        return button;
      });
      const group = el(
        "section",
        { className: "palette__group", "aria-label": t(label) },
        el("h2", { className: "palette__heading" }, t(label)),
        el("div", { className: "palette__buttons" }, buttons),
      );
      this.groups.push({ group, kinds });
      return group;
    });
    replaceChildren(container, this.hint, groups);
  }

  /**
   * @param {{enabled: boolean, reason: "no-design"|"not-author"|"phase"|null, hint?: string}} state
   *   hint: the text for reason "phase" (the other reasons are the first screen's to say)
   */
  setEnabled({ enabled, reason, hint = "" }) {
    for (const button of this.buttons.values()) button.disabled = !enabled;
    this.hint.hidden = reason !== "phase";
    this.hint.textContent = reason === "phase" ? hint : "";
  }

  /** Show only these kinds (a group with none of them disappears). */
  setOffered(kinds) {
    const offered = new Set(kinds);
    for (const [kind, button] of this.buttons) button.hidden = !offered.has(kind);
    for (const { group, kinds: groupKinds } of this.groups)
      group.hidden = !groupKinds.some((kind) => offered.has(kind));
  }

  /** Mark the kind being drawn. */
  setActive(kind) {
    for (const [buttonKind, button] of this.buttons) {
      button.setAttribute("aria-pressed", String(buttonKind === kind));
    }
  }
}
