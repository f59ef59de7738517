// A Leaflet map set up the way every cowork page wants it: optional tiles, our panes, Geoman quiet
// (no toolbar, no English tooltips, no snapping, which misfires with fingers), zoom buttons in the page's language.
import { pageSettings } from "../dom.js";
import { t } from "../strings.js";
import { MAP_MAX_ZOOM } from "./tile-layer.js";

export const ALMATY = { center: [43.25, 76.93], zoom: 13 };

// Panes, bottom to top, between tiles (200) and Geoman's drawing layers (overlayPane, 400).
const PANES = [
  ["siteMask", 350],
  ["elementAreas", 370],
  ["elementLines", 380],
  // The site's own words ("No-build zone"): above the shapes, below every marker (600), which it used to cover.
  ["siteLabels", 450],
];

export function createMap(container, { center = ALMATY.center, zoom = ALMATY.zoom } = {}) {
  const L = window.L;
  const map = L.map(container, {
    center,
    zoom,
    zoomSnap: 0.25,
    // Set, so that a base map file's lowest level (its layer's minZoom) never stops anyone zooming out to a site.
    minZoom: 0,
    // The closest zoom, with or without tiles (a map without a tile layer would otherwise have none: Infinity).
    maxZoom: MAP_MAX_ZOOM,
    zoomControl: false,
  });
  // Leaflet's own buttons, named in the page's language (its defaults are English).
  L.control.zoom({ zoomInTitle: t("map.zoom_in"), zoomOutTitle: t("map.zoom_out") }).addTo(map);
  for (const [name, zIndex] of PANES) map.createPane(name).style.zIndex = String(zIndex);

  const { tiles } = pageSettings();
  if (tiles) L.tileLayer(tiles.url, tiles.options).addTo(map);

  if (map.pm) {
    map.pm.setGlobalOptions({
      snappable: false,
      tooltips: false,
      markerEditable: false,
      allowSelfIntersection: false,
    });
  }
  return map;
}
