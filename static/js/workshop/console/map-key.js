// The console map's key: each design in the colour that rings its elements on the map, with a box to keep it on the
// map or take it off (a filter by design), and "Show all" once any is off. Drawn from the view-model's mapKey.
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t } from "../../shared/strings.js";

let keyCounter = 0;

export class MapKey {
  /**
   * @param {{key: HTMLElement, body: HTMLElement}} parts the key over the map (a <details>, hidden while there is no
   *   design) and its body, to fill
   * @param {{onToggle: (id: string, onMap: boolean) => void, onShowAll: () => void}} hooks
   */
  constructor({ key, body }, hooks) {
    this.container = key;
    this.body = body;
    this.hooks = hooks;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /** @param {{designs: {id, title, colour, onMap: boolean, hidden: boolean}[], allOnMap: boolean}} view */
  render(view) {
    this.redraw.update(view);
  }

  draw({ designs, allOnMap }) {
    this.container.hidden = designs.length === 0;
    const items = designs.map((design) => {
      const id = `map-key-${++keyCounter}`;
      const box = el("input", { type: "checkbox", id, checked: design.onMap, className: "map-key__box" });
      box.addEventListener("change", () => this.hooks.onToggle(design.id, box.checked));
      const swatch = el("span", { className: "map-key__swatch", "aria-hidden": "true" });
      swatch.style.borderColor = design.colour;
      return el(
        "li",
        { className: `map-key__item${design.onMap ? "" : " is-off"}` },
        box,
        el(
          "label",
          { for: id, className: "map-key__label" },
          swatch,
          el(
            "span",
            { className: "map-key__title" },
            design.title,
            design.hidden ? el("span", { className: "tag tag--hidden" }, t("moderation.tag_hidden")) : null,
          ),
        ),
      );
    });
    let showAll = null;
    if (!allOnMap) {
      showAll = el("button", { type: "button", className: "btn map-key__all" }, t("map_key.show_all"));
      showAll.addEventListener("click", () => this.hooks.onShowAll());
    }
    replaceChildren(this.body, el("ul", { className: "map-key__list" }, items), showAll);
  }
}
