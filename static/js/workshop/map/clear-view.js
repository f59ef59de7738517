// Keeping a tapped element in sight when its panel opens over the map, DOM-free (map-view.js measures and pans).
// Pixel boxes are {left, top, right, bottom} and points {x, y}, in the map's own pixels. Tested in Node
// (tests/js/workshop/clear-view.test.mjs).

/** The place of a geometry the person looks at: a point itself, a line's middle corner, an area's middle. */
export function anchorOf(geometry) {
  if (geometry.type === "Point") return geometry.coordinates;
  if (geometry.type === "LineString") return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
  const rings = geometry.type === "Polygon" ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  const all = rings.flat();
  const lons = all.map(([lon]) => lon);
  const lats = all.map(([, lat]) => lat);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

/**
 * How far to pan the map ({x, y}, as Leaflet's panBy takes it) so that `point` lies in the map `size`
 * {width, height} with `margin` pixels around it, clear of the panel's box `covered`; null when it is already.
 * The point moves as little as it can: beside the panel, above or below it, whichever is nearest and has room.
 */
export function panToClear(point, size, covered, margin) {
  const regions = [
    { left: 0, top: 0, right: covered.left, bottom: size.height }, // left of the panel
    { left: covered.right, top: 0, right: size.width, bottom: size.height }, // right of it
    { left: 0, top: 0, right: size.width, bottom: covered.top }, // above it
    { left: 0, top: covered.bottom, right: size.width, bottom: size.height }, // below it
  ];
  let best = null;
  for (const region of regions) {
    const low = { x: region.left + margin, y: region.top + margin };
    const high = { x: region.right - margin, y: region.bottom - margin };
    if (low.x > high.x || low.y > high.y) continue; // no room for the point there
    const target = { x: clamp(point.x, low.x, high.x), y: clamp(point.y, low.y, high.y) };
    const distance = Math.hypot(point.x - target.x, point.y - target.y);
    if (!best || distance < best.distance) best = { target, distance };
  }
  if (!best || best.distance < 1) return null;
  return { x: point.x - best.target.x, y: point.y - best.target.y };
}
