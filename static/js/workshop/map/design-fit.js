// Bringing one design into view ("Show" on the console and on a tablet): the points its elements are drawn
// through, and how closely the map may fit them.
import { positionsOf } from "../../shared/map/geojson.js";

/** fitBounds options for a design: room around it, and no closer than a few metres for a lone tree. */
export const DESIGN_FIT = Object.freeze({ padding: [48, 48], maxZoom: 19 });

/** The [lat, lon] of every vertex of a design's elements, to fit the map to it. */
export function designPoints(elements, designId) {
  const points = [];
  for (const element of elements.values()) {
    if (element.design_id === designId) points.push(...positionsOf(element.geometry).map(([lon, lat]) => [lat, lon]));
  }
  return points;
}
