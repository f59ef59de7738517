// The live map's Leaflet side: the site, the elements, drawing and reshaping, and the facilitator's shared view.
// It keeps the whole site in view until the person moves the map themselves (shared/map/site-fit.js); its own
// "Whole site" button brings it back.
import { anchorOf, panToClear } from "../map/clear-view.js";
import { BearingHandle } from "../map/bearing-handle.js";
import { createMap } from "../../shared/map/base-map.js";
import { DrawController } from "../../shared/map/draw.js";
import { el } from "../../shared/dom.js";
import { ElementLayer } from "../map/element-layer.js";
import { DESIGN_FIT } from "../map/design-fit.js";
import { SiteFit } from "../../shared/map/site-fit.js";
import { drawSite } from "../../shared/map/site-layer.js";
import { t } from "../../shared/strings.js";

/**
 * The map's "Whole site" button: a Leaflet control under the zoom buttons, where no element panel (they open on the
 * right) and no drawing hint (at the top, in the middle) covers it.
 */
function siteControl(map, onClick) {
  const L = window.L;
  const button = el(
    "button",
    { type: "button", className: "site-control__button" },
    el("span", { className: "site-control__icon", "aria-hidden": "true" }, "⤢"),
    el("span", { className: "site-control__label" }, t("map.whole_site")),
  );
  const Control = L.Control.extend({
    onAdd: () => {
      const box = el("div", { className: "leaflet-bar site-control" }, button);
      L.DomEvent.disableClickPropagation(box);
      return box;
    },
  });
  button.addEventListener("click", onClick);
  new Control({ position: "topleft" }).addTo(map);
  return button;
}

export class WorkshopMap {
  /**
   * @param {HTMLElement} container
   * @param {{onTap: (id) => void, onEditLost: () => void, onShape: (kind, geometry) => void,
   *          onModeChange: (kind|null) => void, onBackgroundTap: () => void, onTurnSign: (id, bearing) => void}} hooks
   *   onBackgroundTap: a tap on the map itself, neither drawing nor reshaping; onTurnSign: a sign's arrow turned
   *   by its handle
   */
  constructor(container, { onTap, onEditLost, onShape, onModeChange, onBackgroundTap, onTurnSign }) {
    this.container = container;
    this.map = createMap(container);
    this.siteFit = new SiteFit(this.map, container);
    this.siteDrawn = false;
    this.siteButton = siteControl(this.map, () => this.fitSite());

    this.elementLayer = new ElementLayer(this.map, { onTap, onEditLost });
    this.draw = new DrawController(this.map, { onShape, onModeChange });
    this.bearingHandle = new BearingHandle(this.map, {
      onTurning: (id, bearing) => this.elementLayer.turnArrow(id, bearing),
      onTurn: onTurnSign,
    });
    this.map.on("click", () => {
      if (!this.draw.activeKind && !this.elementLayer.isEditing()) onBackgroundTap();
    });
  }

  /** Draw the site boundary once and fit the map to it. */
  showSite(boundary) {
    if (this.siteDrawn || !boundary) return;
    this.siteFit.fit(drawSite(this.map, boundary).bounds);
    this.siteDrawn = true;
  }

  /** The whole site in view again, kept there until the person moves the map. */
  fitSite() {
    this.siteFit.refit();
  }

  /** Bring a design into view: the [lat, lon] its elements are drawn through (none: the map stays). At once: a
   * zoom still in flight would override a "Whole site" tapped right after. */
  fitDesign(points) {
    if (!points.length) return;
    this.siteFit.release();
    this.map.fitBounds(window.L.latLngBounds(points), { ...DESIGN_FIT, animate: false });
  }

  /**
   * Go where the facilitator shows everyone: {center: [lon, lat], zoom}, flown to, or {site: true}, the whole
   * site. Returns what it was ("place" or "site"), or null for neither.
   */
  showSharedView({ center, zoom, site }) {
    if (site === true) {
      this.fitSite();
      return "site";
    }
    if (!Array.isArray(center)) return null;
    const [lon, lat] = center;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    this.siteFit.release(); // the facilitator's choice stays until the person moves the map
    this.map.flyTo([lat, lon], Number.isFinite(zoom) ? zoom : this.map.getZoom(), { duration: 1.2 });
    return "place";
  }

  /** Frame the map in the shown design's colour, so "which design am I drawing in" is always visible. */
  setFrameColour(colour) {
    this.container.style.setProperty("--design-colour", colour);
  }

  /** Show the view's elements, the shown design's brighter (all alike with highlightAll) and the selected one marked. */
  render(elements, { currentDesignId, selectedId, highlightAll = false }) {
    this.elementLayer.render(elements, { currentDesignId, selectedId, highlightAll });
  }

  /** The handle that turns the selected sign's arrow (model.bearingHandle), or none. */
  renderBearingHandle(view) {
    this.bearingHandle.render(view);
  }

  /**
   * Pan the map, as little as it can, so that a geometry's place lies clear of a panel over the map (`panelBox`:
   * its box on the screen) with `margin` pixels around it: the element tapped is not hidden by its own panel.
   */
  keepInSight(geometry, panelBox, margin) {
    this.map.invalidateSize(); // the layout may have changed with the panel (in portrait the palette makes way)
    const box = this.container.getBoundingClientRect();
    const [lon, lat] = anchorOf(geometry);
    const point = this.map.latLngToContainerPoint([lat, lon]);
    const covered = {
      left: panelBox.left - box.left,
      top: panelBox.top - box.top,
      right: panelBox.right - box.left,
      bottom: panelBox.bottom - box.top,
    };
    const offset = panToClear(point, { width: box.width, height: box.height }, covered, margin);
    if (!offset) return;
    this.siteFit.release(); // the map now shows what the person looks at
    this.map.panBy([offset.x, offset.y]);
  }

  /** Whether a shape is being reshaped (the person's fingers are on it). */
  isEditing() {
    return this.elementLayer.isEditing();
  }
}
