// The bar shown while drawing or reshaping: what to do next, and the buttons to finish or cancel.
import { KINDS, kindName } from "../../shared/map/kinds.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { language, t } from "../../shared/strings.js";

export class DrawBar {
  /**
   * @param {HTMLElement} container
   * @param {{onFinish, onRemoveLastPoint, onCancel, onSaveShape, onCancelShape}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
  }

  /** Drawing a new element of `kind`. */
  showDrawing(kind) {
    const shape = KINDS[kind].drawShape;
    const name = kindName(kind).toLocaleLowerCase(language);
    if (shape === "Marker") {
      this.show(t("draw.point", { kind: name }), [this.button(t("draw.done"), this.hooks.onCancel, "btn--primary")]);
      return;
    }
    this.show(t(shape === "Line" ? "draw.line" : "draw.polygon", { kind: name }), [
      this.button(t("draw.undo_point"), this.hooks.onRemoveLastPoint),
      this.button(t("draw.cancel"), this.hooks.onCancel),
      this.button(t("draw.finish"), this.hooks.onFinish, "btn--primary"),
    ]);
  }

  /** Reshaping an existing element (`geometryType` as in GeoJSON). */
  showEditing(geometryType) {
    this.show(t(geometryType === "Point" ? "edit.point_hint" : "edit.shape_hint"), [
      this.button(t("draw.cancel"), this.hooks.onCancelShape),
      this.button(t("edit.save"), this.hooks.onSaveShape, "btn--primary"),
    ]);
  }

  hide() {
    this.container.hidden = true;
    replaceChildren(this.container);
  }

  show(hint, buttons) {
    replaceChildren(
      this.container,
      el("p", { className: "draw-bar__hint" }, hint),
      el("div", { className: "draw-bar__buttons" }, buttons),
    );
    this.container.hidden = false;
  }

  button(label, onClick, extraClass = "") {
    const button = el("button", { type: "button", className: `btn ${extraClass}`.trim() }, label);
    button.addEventListener("click", onClick);
    return button;
  }
}
