// The site on the map: its outline, everything outside it dimmed, and its holes (no-build zones) hatched.
import { t } from "../strings.js";
import { polygonsOf, ringToLatLngs } from "./geojson.js";

// Web Mercator stops at about ±85°; a ring round the whole visible world.
const WORLD_RING = [
  [-85, -180],
  [85, -180],
  [85, 180],
  [-85, 180],
];

/**
 * Draw the site boundary (GeoJSON Polygon or MultiPolygon) on the map.
 * Returns {group, bounds}; none of its layers take taps, so drawing on top of them works.
 */
export function drawSite(map, boundary) {
  const L = window.L;
  const group = L.layerGroup();
  const polygons = polygonsOf(boundary);
  const common = { pane: "siteMask", interactive: false, pmIgnore: true };

  // One big polygon with every outer ring cut out of it: the world, dimmed, except the site.
  const outers = polygons.map((rings) => ringToLatLngs(rings[0]));
  L.polygon([WORLD_RING, ...outers], {
    ...common,
    className: "site-mask",
    stroke: false,
    fillColor: "#37474f",
    fillOpacity: 0.45,
  }).addTo(group);

  for (const rings of polygons) {
    L.polygon(rings.map(ringToLatLngs), {
      ...common,
      className: "site-outline",
      color: "#263238",
      weight: 3,
      fill: false,
    }).addTo(group);

    for (const hole of rings.slice(1)) {
      const label = document.createElement("span");
      label.textContent = t("workshop.no_build");
      L.polygon(ringToLatLngs(hole), {
        ...common,
        className: "site-hole", // filled with the hatch pattern in CSS
        color: "#b71c1c",
        weight: 2,
        dashArray: "6 4",
        fillOpacity: 1,
      })
        .bindTooltip(label, { permanent: true, direction: "center", className: "site-hole-label", pane: "siteLabels" })
        .addTo(group);
    }
  }

  group.addTo(map);
  const bounds = outers.length ? L.latLngBounds(outers.flat()) : null;
  return { group, bounds };
}
