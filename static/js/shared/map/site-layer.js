// The site on the map: its outline, everything outside it dimmed, and its holes (no-build zones) hatched, each
// labelled where no marker hides the label (label-place.js chooses; it is placed again as the map and its markers
// change).
import { t } from "../strings.js";
import { polygonsOf, ringToLatLngs } from "./geojson.js";
import { bestBox, boxAround, labelFits, labelSpots } from "./label-place.js";

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

  const labels = [];
  for (const rings of polygons) {
    L.polygon(rings.map(ringToLatLngs), {
      ...common,
      className: "site-outline",
      color: "#263238",
      weight: 3,
      fill: false,
    }).addTo(group);

    for (const hole of rings.slice(1)) {
      const zone = L.polygon(ringToLatLngs(hole), {
        ...common,
        className: "site-hole", // filled with the hatch pattern in CSS
        color: "#b71c1c",
        weight: 2,
        dashArray: "6 4",
        fillOpacity: 1,
      }).addTo(group);
      const text = document.createElement("span");
      text.textContent = t("workshop.no_build");
      const label = L.tooltip({
        permanent: true,
        direction: "center",
        className: "site-hole-label",
        pane: "siteLabels",
      })
        .setLatLng(zone.getBounds().getCenter())
        .setContent(text);
      group.addLayer(label);
      labels.push({ label, bounds: zone.getBounds() });
    }
  }

  group.addTo(map);
  if (labels.length) keepLabelsClear(map, labels);
  const bounds = outers.length ? L.latLngBounds(outers.flat()) : null;
  return { group, bounds };
}

/** Place each zone's label where no marker (an element's badge, a cluster's count) covers it, now and on change. */
function keepLabelsClear(map, labels) {
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      placeLabels(map, labels);
    });
  };
  for (const name of ["zoomend", "moveend", "resize", "viewreset", "layeradd", "layerremove"]) map.on(name, schedule);
  // Markers moved on the map (clusters parting or gathering after a zoom), and those that glide into place, when
  // they arrive.
  new MutationObserver(schedule).observe(map.getPane("markerPane"), {
    subtree: true,
    attributes: true,
    attributeFilter: ["style"],
  });
  map.getContainer().addEventListener("transitionend", schedule);
  // Panels and buttons of the page laid over the map (marked data-over-map), as they open, close or grow.
  const overlays = new ResizeObserver(schedule);
  for (const overlay of document.querySelectorAll("[data-over-map]")) overlays.observe(overlay);
  schedule();
}

function placeLabels(map, labels) {
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  const relative = (rect) => ({
    left: rect.left - origin.left,
    top: rect.top - origin.top,
    right: rect.right - origin.left,
    bottom: rect.bottom - origin.top,
  });
  // Markers, the map's own buttons and the page's panels over the map; a see-through marker (the square a sign's
  // turning handle turns in) hides nothing of the label.
  const covering = [
    ...container.querySelectorAll(".leaflet-marker-icon:not(.is-see-through), .leaflet-control"),
    ...document.querySelectorAll("[data-over-map]"),
  ];
  const obstacles = covering
    .filter((node) => node.getClientRects().length)
    .filter((node) => getComputedStyle(node).visibility !== "hidden" && getComputedStyle(node).opacity !== "0")
    .map((node) => relative(node.getBoundingClientRect()));
  const view = { left: 0, top: 0, right: container.clientWidth, bottom: container.clientHeight };
  for (const { label, bounds } of labels) {
    const element = label.getElement();
    if (!element) continue;
    const size = { width: element.offsetWidth, height: element.offsetHeight };
    // Too big for a small map: hidden (visibility, so that it is still measured when the map grows again).
    const fits = labelFits(size, view);
    element.classList.toggle("is-too-big", !fits);
    if (!fits) continue;
    const northWest = map.latLngToContainerPoint(bounds.getNorthWest());
    const southEast = map.latLngToContainerPoint(bounds.getSouthEast());
    const zone = { left: northWest.x, top: northWest.y, right: southEast.x, bottom: southEast.y };
    const spots = labelSpots(zone, size);
    const boxes = spots.map((spot) => boxAround(spot, size));
    const best = bestBox(boxes, obstacles, view);
    label.setLatLng(map.containerPointToLatLng([spots[best].x, spots[best].y]));
    obstacles.push(boxes[best]); // two zones' labels do not cover each other either
  }
}
