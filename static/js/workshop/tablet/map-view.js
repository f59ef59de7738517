// The live map's Leaflet side: the site, the elements, drawing and reshaping, and the facilitator's shared view.
// It keeps the whole site in view until the person moves the map themselves (shared/map/site-fit.js).
import { anchorOf, panToClear } from "../map/clear-view.js";
import { BearingHandle } from "../map/bearing-handle.js";
import { createMap } from "../../shared/map/base-map.js";
import { DrawController } from "../../shared/map/draw.js";
import { ElementLayer } from "../map/element-layer.js";
import { SiteFit } from "../../shared/map/site-fit.js";
import { drawSite } from "../../shared/map/site-layer.js";

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

  /** Fly to the facilitator's shared view ({center: [lon, lat], zoom}). Returns whether it was one. */
  showSharedView({ center, zoom }) {
    if (!Array.isArray(center)) return false;
    const [lon, lat] = center;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
    this.siteFit.release(); // the facilitator's choice stays until the person moves the map
    this.map.flyTo([lat, lon], Number.isFinite(zoom) ? zoom : this.map.getZoom(), { duration: 1.2 });
    return true;
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
