// GeoJSON in and out of Leaflet layers, and reading a site boundary from whatever people paste.
import { FACTS } from "../facts.js";

const COORDINATE_PRECISION = 7; // what the server stores (docs/api.md)

/** A boundary the page cannot take: `code` names the message (`error.<code>`), `params` fill it. */
export class BoundaryError extends Error {
  constructor(code, params = {}) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

/** A layer's geometry as GeoJSON, rounded as the server will store it. */
export function layerGeometry(layer) {
  return layer.toGeoJSON(COORDINATE_PRECISION).geometry;
}

/**
 * The site boundary in pasted or uploaded GeoJSON: a Polygon or MultiPolygon geometry, a Feature
 * holding one, or a FeatureCollection whose first feature holds one. Throws BoundaryError.
 */
export function boundaryFromGeoJSON(value) {
  let geometry = value;
  if (value?.type === "FeatureCollection") geometry = value.features?.[0]?.geometry;
  else if (value?.type === "Feature") geometry = value.geometry;
  if (
    !geometry ||
    (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") ||
    !Array.isArray(geometry.coordinates)
  ) {
    throw new BoundaryError("geojson_type");
  }
  return { type: geometry.type, coordinates: geometry.coordinates };
}

/**
 * The boundary itself when a site may have that many positions (every ring's closing one counted, as the server
 * counts them: geo.parse_site_boundary, tests/data/site-vertices.json); else BoundaryError("site_vertices").
 */
export function checkSiteVertices(boundary) {
  const count = positionsOf(boundary).length;
  const max = FACTS.limits.site_vertices;
  if (count > max) throw new BoundaryError("site_vertices", { count, max });
  return boundary;
}

/** The polygons (each a list of rings) of a Polygon or MultiPolygon. */
export function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

/** One polygon stays a Polygon; several become a MultiPolygon; none is null. */
export function combinePolygons(polygons) {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: "Polygon", coordinates: polygons[0] };
  return { type: "MultiPolygon", coordinates: polygons };
}

/** [lon, lat] ring → Leaflet [lat, lon] list. */
export function ringToLatLngs(ring) {
  return ring.map(([lon, lat]) => [lat, lon]);
}

/** Every [lon, lat] position of a geometry, flattened. */
export function positionsOf(geometry) {
  const positions = [];
  const walk = (coordinates) => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === "number") positions.push(coordinates);
    else coordinates.forEach(walk);
  };
  walk(geometry?.coordinates);
  return positions;
}
