// A sign's bearing (degrees from north, clockwise, 0–359: where its arrow points) read from a finger's place around
// the sign, and turned by the keyboard, DOM-free (bearing-handle.js draws and listens). Tested in Node
// (tests/js/workshop/bearing.test.mjs).

/** Whole degrees 0–359 of any angle (−90 is 270, 360 is 0). */
export function wholeBearing(degrees) {
  return ((Math.round(degrees) % 360) + 360) % 360;
}

/** The bearing from the sign to a point `dx` pixels east and `dy` pixels south of it; null right on it. */
export function bearingTo(dx, dy) {
  if (Math.hypot(dx, dy) < 1) return null;
  return wholeBearing((Math.atan2(dx, -dy) * 180) / Math.PI);
}

/** The bearing after a key: ArrowRight/ArrowUp turn clockwise by `step`, ArrowLeft/ArrowDown back; null: not a turn. */
export function bearingAfterKey(bearing, key, step = 15) {
  const turns = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step };
  if (!(key in turns)) return null;
  return wholeBearing((bearing ?? 0) + turns[key]);
}
