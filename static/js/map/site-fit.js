// Keeps a whole site in view on a map whose box changes with the layout (rotation, a top bar wrapping, panels
// opening), not only with the window, until the person moves the map themselves.

const SITE_PADDING = { padding: [24, 24], animate: false }; // no zoom in flight when fitting the site

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
      if (this.bounds && !this.released) map.fitBounds(this.bounds, SITE_PADDING);
    }).observe(container);
  }

  /** Fit the map to the site's bounds now, and again whenever the map's box changes. */
  fit(bounds) {
    this.bounds = bounds;
    if (bounds) this.map.fitBounds(bounds, SITE_PADDING);
  }

  /** Stop refitting: someone chose what the map shows (the person's finger, the facilitator's shared view). */
  release() {
    this.released = true;
  }
}
