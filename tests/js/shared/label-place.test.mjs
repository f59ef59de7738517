// Where a no-build zone's label goes (static/js/shared/map/label-place.js): over the zone's middle unless a marker
// is there, else the first clear place in or around the zone, else the least covered; never off the map when a
// place on it is clear.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { bestBox, boxAround, labelFits, labelSpots } from "../../../static/js/shared/map/label-place.js";

const VIEW = { left: 0, top: 0, right: 800, bottom: 600 };
const ZONE = { left: 400, top: 200, right: 480, bottom: 320 }; // 80 × 120 px
const LABEL = { width: 220, height: 28 }; // wider than the zone, as "Құрылыс салынбайтын аймақ" is
const marker = (x, y) => boxAround({ x, y }, { width: 40, height: 40 });

function place(obstacles, view = VIEW) {
  const spots = labelSpots(ZONE, LABEL);
  return spots[
    bestBox(
      spots.map((spot) => boxAround(spot, LABEL)),
      obstacles,
      view,
    )
  ];
}

describe("the no-build label's place", () => {
  test("over the zone's middle when nothing is there", () => {
    assert.deepEqual(place([]), { x: 440, y: 260 });
  });

  test("a note's badge beside the zone, under the long label's end: the label moves along the zone's top", () => {
    assert.deepEqual(place([marker(345, 262)]), { x: 440, y: 218 });
  });

  test("markers across the zone: above it, then below it, then beside it", () => {
    const across = [marker(440, 218), marker(440, 260), marker(440, 302)];
    assert.deepEqual(place(across), { x: 440, y: 182 });
    assert.deepEqual(place([...across, marker(440, 182)]), { x: 440, y: 338 });
    assert.deepEqual(place([...across, marker(440, 182), marker(440, 338)]), { x: 286, y: 260 });
  });

  test("a place partly off the map counts as covered", () => {
    const narrow = { left: 0, top: 0, right: 800, bottom: 600 };
    const atTheTop = { left: 400, top: 5, right: 480, bottom: 125 };
    const spots = labelSpots(atTheTop, LABEL);
    const boxes = spots.map((spot) => boxAround(spot, LABEL));
    const covering = [boxAround({ x: 440, y: 65 }, { width: 40, height: 120 })]; // the zone's middle and edges
    assert.equal(spots[bestBox(boxes, covering, narrow)].y, 143, "below, not above the map's top edge");
  });

  test("a small zone under a cluster, a map button below it: off the zone's corner", () => {
    const small = { left: 228, top: 232, right: 262, bottom: 282 }; // a phone's view of the park's zone
    const label = { width: 152, height: 81 }; // wrapped on three lines
    const phone = { left: 0, top: 0, right: 390, bottom: 282 + 102 };
    const obstacles = [
      boxAround({ x: 244, y: 248 }, { width: 48, height: 48 }), // the cluster's count
      { left: 304, top: 361, right: 390, bottom: 384 }, // the attribution
      { left: 10, top: 10, right: 58, bottom: 102 }, // the zoom buttons
    ];
    const spots = labelSpots(small, label);
    const best = bestBox(
      spots.map((spot) => boxAround(spot, label)),
      obstacles,
      phone,
    );
    assert.deepEqual(spots[best], { x: 186, y: 326.5 }, "below it, flush with its right side");
  });

  test("crowded round every usual place: a clear one nearby on the grid", () => {
    const spots = labelSpots(ZONE, LABEL);
    const usual = spots.slice(0, 15);
    const dots = usual.map((spot) => boxAround(spot, { width: 10, height: 10 })); // a marker on each usual place
    const best = bestBox(
      spots.map((spot) => boxAround(spot, LABEL)),
      dots,
      VIEW,
    );
    assert.ok(best >= 15, "none of the usual places");
    const box = boxAround(spots[best], LABEL);
    assert.ok(
      dots.every(
        (dot) => dot.right <= box.left || dot.left >= box.right || dot.bottom <= box.top || dot.top >= box.bottom,
      ),
    );
  });

  test("nowhere clear: the least covered, the first of equals", () => {
    const spots = labelSpots(ZONE, LABEL);
    const boxes = spots.map((spot) => boxAround(spot, LABEL));
    const allButTheRightEdge = [{ left: 0, top: 0, right: 600, bottom: 600 }];
    // As far right of the zone as a label may stand from it, the least of it covered.
    assert.deepEqual(spots[bestBox(boxes, allButTheRightEdge, VIEW)], { x: 622, y: 266 });
  });
});

describe("whether the no-build label shows at all", () => {
  const strip = { left: 0, top: 0, right: 390, bottom: 134 }; // a phone's map above the visit form
  const map = { left: 0, top: 0, right: 358, bottom: 440 }; // the progress page's map on a phone

  test("a three-line Kazakh label would cover most of a phone's strip of map: not shown", () => {
    assert.equal(labelFits({ width: 150, height: 70 }, strip), false);
  });

  test("a two-line label on the strip is too much of it too; one short line is not", () => {
    assert.equal(labelFits({ width: 150, height: 48 }, strip), false);
    assert.equal(labelFits({ width: 120, height: 28 }, strip), true);
  });

  test("on a larger map the same long label shows", () => {
    assert.equal(labelFits({ width: 150, height: 70 }, map), true);
  });
});
