// The project's map: the site (outline, dimmed surroundings, hatched no-build zones) and the plan layer,
// kept fitted to the site until the person moves the map themselves.
import { createMap } from "../shared/map/base-map.js";
import { fitWithRoom } from "../shared/map/site-fit.js";
import { drawSite } from "../shared/map/site-layer.js";
import { PlanLayer } from "./plan-layer.js";

const FIT_PADDING = [20, 20];
const CLOSE_ZOOM = 17; // an element shown from the list is seen at least this close
const MAX_FOCUS_ZOOM = 18;

export class ProjectMap {
  /**
   * @param {HTMLElement} container
   * @param {{onTapElement?, onTapPhoto?}} hooks
   */
  constructor(container, hooks = {}) {
    this.container = container;
    this.map = createMap(container);
    this.planLayer = new PlanLayer(this.map, hooks);
    this.siteBounds = null;
    this.siteDrawn = false;
    this.touched = false;
    container.addEventListener("pointerdown", () => (this.touched = true), { passive: true });
    container.addEventListener("wheel", () => (this.touched = true), { passive: true });
    // The map's box changes with the layout (rotation, panels opening), not only with the window.
    new ResizeObserver(() => {
      this.map.invalidateSize();
      if (!this.touched) this.fitSite();
    }).observe(container);
  }

  render(project, { selectedId = null } = {}) {
    if (!this.siteDrawn && project.boundary) {
      this.siteBounds = drawSite(this.map, project.boundary).bounds;
      this.siteDrawn = true;
      this.fitSite();
    }
    this.planLayer.render(project, { selectedId });
  }

  fitSite() {
    // No animation: a zoom in flight leaves labels (the no-build tooltip) where the old zoom put them.
    if (this.siteBounds) fitWithRoom(this.map, this.siteBounds, { padding: FIT_PADDING, animate: false });
  }

  /** Bring an element into view: close enough to see it, far enough to see all of it. */
  showElement(id) {
    const bounds = this.planLayer.boundsOf(id);
    if (!bounds) return;
    this.touched = true;
    const fitting = Math.min(MAX_FOCUS_ZOOM, this.map.getBoundsZoom(bounds.pad(0.3)));
    const zoom = Math.min(fitting, Math.max(this.map.getZoom(), CLOSE_ZOOM));
    this.map.setView(bounds.getCenter(), zoom, { animate: true });
  }
}
