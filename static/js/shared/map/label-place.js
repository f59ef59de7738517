// Where a no-build zone's label goes on the map, DOM-free (site-layer.js measures and moves it): over the middle of
// the zone unless a marker (an element's badge, a cluster's count) would hide it or it, else at another place in or
// around the zone, the first clear one; when none is, the one least covered. Pixel boxes are
// {left, top, right, bottom} in the map's own pixels. Tested in Node (tests/js/shared/label-place.test.mjs).

const GAP = 4; // px between a label placed beside the zone and the zone's edge
// A label covering more of the map than this share of its area, or of its height, is not shown: on a phone's
// strip of map (above the visit form) a three-line Kazakh label covered most of it. The zone's hatching stays, and
// the label comes back as the map grows (another tab, drawing).
const MAX_AREA_SHARE = 0.12;
const MAX_HEIGHT_SHARE = 0.34;

/** Whether a label of `size` {width, height} may show on a map `view` {left, top, right, bottom}. */
export function labelFits(size, view) {
  const width = view.right - view.left;
  const height = view.bottom - view.top;
  return size.width * size.height <= MAX_AREA_SHARE * width * height && size.height <= MAX_HEIGHT_SHARE * height;
}

/** The box of a label of `size` {width, height} centred on `point` {x, y}. */
export function boxAround(point, size) {
  return {
    left: point.x - size.width / 2,
    top: point.y - size.height / 2,
    right: point.x + size.width / 2,
    bottom: point.y + size.height / 2,
  };
}

/**
 * The places a label of `size` may take for a zone whose box is `zone`, best first, as centre points: the middle,
 * along the inside of its top and bottom edges, then just above, below, left and right of it, then above and below
 * it flush with either side, then off its corners; then, for crowded maps, every place on a grid of half a label's
 * height where the label stands by the zone (at most a label's height from it), nearest first.
 */
export function labelSpots(zone, size) {
  const x = (zone.left + zone.right) / 2;
  const y = (zone.top + zone.bottom) / 2;
  const halfW = size.width / 2;
  const halfH = size.height / 2;
  const above = zone.top - halfH - GAP;
  const below = zone.bottom + halfH + GAP;
  const left = zone.left - halfW - GAP;
  const right = zone.right + halfW + GAP;
  return [
    { x, y },
    { x, y: zone.top + halfH + GAP },
    { x, y: zone.bottom - halfH - GAP },
    { x, y: above },
    { x, y: below },
    { x: left, y },
    { x: right, y },
    { x: zone.right - halfW, y: above },
    { x: zone.left + halfW, y: above },
    { x: zone.right - halfW, y: below },
    { x: zone.left + halfW, y: below },
    { x: left, y: above },
    { x: right, y: above },
    { x: left, y: below },
    { x: right, y: below },
    ...around(
      { x, y },
      { left: left - size.height, top: above - size.height, right: right + size.height, bottom: below + size.height },
      Math.max(8, halfH),
    ),
  ];
}

/** Grid points within `reach` (centre points' box) `step` apart, nearest to `middle` first. */
function around(middle, reach, step) {
  const points = [];
  for (let px = reach.left; px <= reach.right + 0.01; px += step) {
    for (let py = reach.top; py <= reach.bottom + 0.01; py += step) points.push({ x: px, y: py });
  }
  const distance = (point) => Math.hypot(point.x - middle.x, point.y - middle.y);
  return points.sort((a, b) => distance(a) - distance(b));
}

function overlap(a, b) {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

function area(box) {
  return Math.max(0, box.right - box.left) * Math.max(0, box.bottom - box.top);
}

/**
 * The index of the box, among `boxes` (best first), that covers none of `obstacles` and lies within `view`: the
 * first such; else the one least covered (a part outside the view counting as covered).
 */
export function bestBox(boxes, obstacles, view) {
  let best = 0;
  let bestScore = Infinity;
  boxes.forEach((box, index) => {
    const hidden = obstacles.reduce((sum, obstacle) => sum + overlap(box, obstacle), 0);
    const score = hidden + (area(box) - overlap(box, view));
    if (score < bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}
