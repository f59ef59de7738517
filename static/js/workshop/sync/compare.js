// Whether the server's element already carries the change we sent. Used when an update is resent after
// its ack was lost: the server then answers `conflict` (our base_version is one behind) with an element
// that is exactly our change, which is a success, not a clash with someone else.
import { normalProps, sameProps } from "../../shared/props.js";

const COORDINATE_DECIMALS = 7; // the server stores coordinates at 7 decimals (docs/api.md)

const POLYGONAL = new Set(["Polygon", "MultiPolygon"]);

/** Every position as text; a ring's closing position (a repeat of where it starts) is left out when `rings`. */
function flattenPositions(coordinates, rings, into = []) {
  if (typeof coordinates[0] === "number") {
    into.push(coordinates.map((value) => Number(value).toFixed(COORDINATE_DECIMALS)).join(","));
  } else {
    // Where a ring starts is arbitrary, so its repeated start must not count: [A,B,C,A] is [B,C,A,B].
    const parts = rings && typeof coordinates[0][0] === "number" ? coordinates.slice(0, -1) : coordinates;
    for (const part of parts) flattenPositions(part, rings, into);
  }
  return into;
}

/**
 * Same geometry type and the same positions, compared as a sorted list so that a server which
 * re-orients rings or restarts them elsewhere still counts as equal.
 */
export function sameGeometry(a, b) {
  if (!a || !b || a.type !== b.type) return false;
  const rings = POLYGONAL.has(a.type);
  const left = flattenPositions(a.coordinates, rings).sort();
  const right = flattenPositions(b.coordinates, rings).sort();
  return left.length === right.length && left.every((position, index) => position === right[index]);
}

/** Whether every field of an element:update payload is already what `element` holds. */
export function updateAlreadyApplied(payload, element) {
  if (payload.geometry !== undefined && !sameGeometry(payload.geometry, element.geometry)) return false;
  if (payload.note !== undefined && (payload.note || "").trim() !== (element.note || "").trim()) return false;
  if (payload.kind !== undefined && payload.kind !== element.kind) return false;
  if (payload.props !== undefined && !sameProps(normalProps(element.kind, payload.props), element.props)) return false;
  return true;
}
