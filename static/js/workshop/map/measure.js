// Approximate measures for shapes the server has not measured yet (pending edits). The server's
// numbers replace these as soon as the edit is confirmed; these only need to be close.

const EARTH_RADIUS_M = 6378137;
const rad = (degrees) => (degrees * Math.PI) / 180;

/** Great-circle distance between two [lon, lat] positions, in metres. */
function distance([lon1, lat1], [lon2, lat2]) {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Area of a ring of [lon, lat] positions on the sphere, in m² (spherical-excess approximation). */
function ringArea(ring) {
  let sum = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [lon1, lat1] = ring[index];
    const [lon2, lat2] = ring[(index + 1) % ring.length];
    sum += rad(lon2 - lon1) * (2 + Math.sin(rad(lat1)) + Math.sin(rad(lat2)));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function polygonArea(rings) {
  const [outer, ...holes] = rings;
  return Math.max(0, ringArea(outer) - holes.reduce((total, hole) => total + ringArea(hole), 0));
}

const round1 = (value) => Math.round(value * 10) / 10;

/** A measure object shaped like the server's: {area_m2} | {length_m} | {}. */
export function measureGeometry(geometry) {
  if (!geometry) return {};
  switch (geometry.type) {
    case "Polygon":
      return { area_m2: round1(polygonArea(geometry.coordinates)) };
    case "MultiPolygon":
      return { area_m2: round1(geometry.coordinates.reduce((total, rings) => total + polygonArea(rings), 0)) };
    case "LineString": {
      let length = 0;
      for (let index = 1; index < geometry.coordinates.length; index += 1) {
        length += distance(geometry.coordinates[index - 1], geometry.coordinates[index]);
      }
      return { length_m: round1(length) };
    }
    default:
      return {};
  }
}
