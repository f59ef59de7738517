// A tapped element stays in sight when its panel opens over the map (static/js/workshop/map/clear-view.js): the map
// pans as little as it can to put the element beside, above or below the panel.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { anchorOf, panToClear } from "../../../static/js/workshop/map/clear-view.js";
import { square } from "./fakes.mjs";

const PORTRAIT_MAP = { width: 768, height: 830 };
const PORTRAIT_PANEL = { left: 422, top: 10, right: 758, bottom: 820 }; // the panel down the right side
const PHONE_MAP = { width: 390, height: 560 };
const PHONE_PANEL = { left: 10, top: 220, right: 380, bottom: 550 }; // the panel across the bottom

describe("keeping the tapped element in sight", () => {
  test("clear of the panel already: the map stays", () => {
    assert.equal(panToClear({ x: 200, y: 400 }, PORTRAIT_MAP, PORTRAIT_PANEL, 40), null);
  });

  test("under a panel down the side: it moves left, just clear of it", () => {
    assert.deepEqual(panToClear({ x: 560, y: 500 }, PORTRAIT_MAP, PORTRAIT_PANEL, 40), { x: 178, y: 0 });
  });

  test("under a panel across the bottom: it moves up", () => {
    assert.deepEqual(panToClear({ x: 200, y: 400 }, PHONE_MAP, PHONE_PANEL, 40), { x: 0, y: 220 });
  });

  test("near the map's edge, clear of the panel: brought in by the margin", () => {
    assert.deepEqual(panToClear({ x: 10, y: 400 }, PORTRAIT_MAP, PORTRAIT_PANEL, 40), { x: -30, y: 0 });
  });

  test("no room anywhere: the map stays", () => {
    assert.equal(
      panToClear({ x: 200, y: 300 }, { width: 300, height: 300 }, { left: 0, top: 0, right: 300, bottom: 300 }, 40),
      null,
    );
  });
});

describe("where an element is looked at", () => {
  test("a point, a line's middle corner, an area's middle", () => {
    assert.deepEqual(anchorOf({ type: "Point", coordinates: [1, 2] }), [1, 2]);
    assert.deepEqual(
      anchorOf({
        type: "LineString",
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
      }),
      [1, 1],
    );
    const middle = anchorOf(square(76.9, 43.2, 0.002));
    assert.ok(Math.abs(middle[0] - 76.901) < 1e-9 && Math.abs(middle[1] - 43.201) < 1e-9, middle);
    const multi = { type: "MultiPolygon", coordinates: [square(0, 0, 1).coordinates, square(2, 0, 1).coordinates] };
    assert.deepEqual(anchorOf(multi), [1.5, 0.5]);
  });
});
