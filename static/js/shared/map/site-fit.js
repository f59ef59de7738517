// Keeps a whole site in view on a map whose box changes with the layout (rotation, a top bar wrapping, panels
// opening), not only with the window, until the person moves the map themselves.

const SITE_PADDING = { padding: [24, 24], animate: false }; // no zoom in flight when fitting the site

/**
 * Fit the map to bounds if its box has room for them inside the padding; returns whether it did. A box squeezed
 * to nothing (a phone whose claim card takes the screen) gives Leaflet no zoom to compute: it would choose the
 * largest (Infinity without a tile layer) and every position after that is NaN. It is fitted again on resize.
 */
export function fitWithRoom(map, bounds, options = SITE_PADDING) {
  const [padX, padY] = options.padding || [0, 0];
  const size = map.getSize();
  if (size.x <= 2 * padX || size.y <= 2 * padY) return false;
  map.fitBounds(bounds, options);
  return true;
}

export class SiteFit {
  /**
   * @param {L.Map} map
   * @param {HTMLElement} container the map's element
   */
  constructor(map, container) {
    this.map = map;
    this.bounds = null;
    this.released = false;
    const release = () => this.release();
    container.addEventListener("pointerdown", release, { passive: true });
    container.addEventListener("wheel", release, { passive: true });
    new ResizeObserver(() => {
      map.invalidateSize();
      if (this.bounds && !this.released) fitWithRoom(map, this.bounds);
    }).observe(container);
  }

  /** Fit the map to the site's bounds now, and again whenever the map's box changes. */
  fit(bounds) {
    this.bounds = bounds;
    if (bounds) fitWithRoom(this.map, bounds);
  }

  /** Show the whole site again, and keep it in view until the person moves the map (their own button, the
   * facilitator's "whole site", the start of voting). */
  refit() {
    this.released = false;
    if (this.bounds) fitWithRoom(this.map, this.bounds);
  }

  /** Stop refitting: someone chose what the map shows (the person's finger, the facilitator's shared view). */
  release() {
    this.released = true;
  }
}
