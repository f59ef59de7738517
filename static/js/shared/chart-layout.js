// Where the green ledger's chart (ledger-chart.js) puts its words, so that none covers another: the dates under
// the axis, and the "required" and "alive" labels at the right end. Pure (numbers and texts in, places out), so
// node tests it without a browser (tests/js/shared/chart-layout.test.mjs).

const GAP_PX = 8; // the least room between two dates

/**
 * The dates the axis names, each with its text and anchor: every one when they fit, else the first, the last and
 * those between that fit. A history within one calendar year is named by day and month ("May 12"); one across
 * years by its full dates ("Dec 6, 2026"), so no reader takes a December for the following one.
 * @param {string[]} dates YYYY-MM-DD, oldest first
 * @param {{x: (index: number) => number, short: (date: string) => string, long: (date: string) => string,
 *          charPx: number}} how x: a date's place on the axis; charPx: about a character's width
 * @returns {{index: number, text: string, anchor: "start"|"middle"|"end"}[]}
 */
export function dateTicks(dates, { x, short, long, charPx }) {
  if (!dates.length) return [];
  const years = new Set(dates.map((date) => String(date).slice(0, 4)));
  const name = years.size > 1 ? long : short;
  const tick = (index) => {
    const anchor =
      dates.length === 1 ? "middle" : index === 0 ? "start" : index === dates.length - 1 ? "end" : "middle";
    const text = name(dates[index]);
    const width = text.length * charPx;
    const at = x(index);
    const from = anchor === "start" ? at : anchor === "end" ? at - width : at - width / 2;
    return { index, text, anchor, from, to: from + width };
  };
  const apart = (a, b) => a.to + GAP_PX <= b.from || b.to + GAP_PX <= a.from;
  const first = tick(0);
  const kept = [first];
  const last = dates.length > 1 ? tick(dates.length - 1) : null;
  if (last && apart(first, last)) {
    for (let index = 1; index < dates.length - 1; index += 1) {
      const middle = tick(index);
      if (apart(kept[kept.length - 1], middle) && apart(middle, last)) kept.push(middle);
    }
    kept.push(last);
  }
  return kept.map(({ index, text, anchor }) => ({ index, text, anchor }));
}

// A label's glyphs at 12 px reach this far above and below its baseline, in drawing units (CSS pixels).
const TEXT_UP = 11;
const TEXT_DOWN = 3;

/** Whether a label on baseline `y` would be crossed by something level at `lineY` (a line, a dot). */
function crosses(y, lineY) {
  return lineY >= y - TEXT_UP - 2 && lineY <= y + TEXT_DOWN + 2;
}

/** Whether two labels at the same end, on baselines `a` and `b`, would overlap. */
function meet(a, b) {
  return Math.abs(a - b) < TEXT_UP + TEXT_DOWN + 2;
}

/**
 * Where the "alive" label (by the last dot, at the right end) and the "required" label (by its dashed line) go so
 * that neither covers the other, nor a dot or a line where that can be helped: the alive label on the side of its
 * dot away from the line that comes to it and off the dashed line; the required label at the right end above its
 * line when that is clear, else at the line's left end, above or below it.
 * @param {{requiredY: number, firstY: number, previousY: number|null, lastY: number, zeroY: number, topY: number}}
 *   places y of the required line, of the first, the one but last (null: none) and the last dot, of the axis (0)
 *   and of the drawing's top, in drawing units (down is larger)
 * @returns {{required: {y: number, anchor: "start"|"end"}, alive: {y: number}}} each label's baseline; the
 *   required label's anchor says its end: "end" at the right, "start" at the left
 */
export function valueLabels({ requiredY, firstY, previousY, lastY, zeroY, topY }) {
  const fits = (y) => y - TEXT_UP >= topY && y + TEXT_DOWN <= zeroY - 2;
  const above = (y) => y - 8;
  const below = (y) => y + TEXT_UP + 5;
  // The line comes to the last dot from below (a rise, or a first dot at or above the required line): words above.
  const rising = previousY === null ? lastY <= requiredY : previousY >= lastY;
  const sides = rising ? [above(lastY), below(lastY)] : [below(lastY), above(lastY)];
  const alive = sides.find((y) => fits(y) && !crosses(y, requiredY)) ?? sides.find(fits) ?? above(lastY);
  const places = [
    { y: requiredY - 5, anchor: "end", clear: (y) => !meet(y, alive) && !crosses(y, lastY) },
    { y: requiredY - 5, anchor: "start", clear: (y) => !crosses(y, firstY) },
    { y: requiredY + TEXT_UP + 3, anchor: "start", clear: (y) => !crosses(y, firstY) },
    { y: requiredY + TEXT_UP + 3, anchor: "end", clear: (y) => !meet(y, alive) && !crosses(y, lastY) },
  ];
  // Nowhere clear (nothing required, nothing alive: every line on the axis): above its line, at the left.
  const required = places.find((place) => fits(place.y) && place.clear(place.y)) ?? places[1];
  return { required: { y: required.y, anchor: required.anchor }, alive: { y: alive } };
}
