// The project's map: the site (outline, dimmed surroundings, hatched no-build zones) and the plan layer,
// kept fitted to the site until the person moves the map themselves.
import { createMap } from "../shared/map/base-map.js";
import { fitWithRoom } from "../shared/map/site-fit.js";
import { drawSite } from "../shared/map/site-layer.js";
import { PlanLayer } from "./plan-layer.js";

const FIT_PADDING = [20, 20];
const CLOSE_ZOOM = 17; // an element shown from the list is seen at least this close
const MAX_FOCUS_ZOOM = 18;
// A map at least this many times as wide as tall is a strip (a phone's map above the visit form): it shows the site
// across its width, at the middle of the plan's elements (else of the site), instead of the whole site as a
// thumbnail in the strip's middle (about 80 px wide on a phone, every element merged into one cluster). A drag
// shows the rest.
const STRIP_RATIO = 2;

/** What the map fits: the site, or on a strip a line across the site, west to east, through `plan`'s middle. */
function fitted(site, plan, size) {
  if (size.x < STRIP_RATIO * size.y) return site;
  const middle = (plan || site).getCenter().lat;
  return window.L.latLngBounds([middle, site.getWest()], [middle, site.getEast()]);
}

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
    const first = !this.siteDrawn && project.boundary;
    if (first) {
      this.siteBounds = drawSite(this.map, project.boundary).bounds;
      this.siteDrawn = true;
    }
    this.planLayer.render(project, { selectedId });
    if (first) this.fitSite(); // after the plan: a strip of map shows the plan's middle
  }

  fitSite() {
    // No animation: a zoom in flight leaves labels (the no-build tooltip) where the old zoom put them.
    if (!this.siteBounds) return;
    const bounds = fitted(this.siteBounds, this.planLayer.allBounds(), this.map.getSize());
    fitWithRoom(this.map, bounds, { padding: FIT_PADDING, animate: false });
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
