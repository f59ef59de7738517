// A map's scale bar, worked out: the longest round distance (1, 2 or 5 times a power of ten metres) that fits in
// the room given. Pure, so node tests it (tests/js/shared/scale.test.mjs); shared/map/scale-control.js draws it.

/**
 * @param {number} metresPerPixel ground metres one screen pixel covers at the map's centre
 * @param {number} maxPx the longest the bar may be, in pixels
 * @returns {{px: number, value: number, unit: "m"|"km", decimals: number}|null} the bar's length in pixels and
 *   the distance it stands for (in kilometres from 1 km up); null for a map not measured yet
 */
export function scaleBar(metresPerPixel, maxPx = 120) {
  if (!Number.isFinite(metresPerPixel) || metresPerPixel <= 0 || !(maxPx > 0)) return null;
  const most = metresPerPixel * maxPx;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].find((step) => step * power <= most * (1 + 1e-9)) * power;
  const km = metres >= 1000;
  const value = Number((km ? metres / 1000 : metres).toPrecision(6));
  return { px: Math.round(metres / metresPerPixel), value, unit: km ? "km" : "m", decimals: value < 1 ? 1 : 0 };
}
