// Where the plan layer (static/js/supervision/plan-layer.js) pins an element's marker or tag.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anchorOf, elementLabel } from "../../../static/js/supervision/plan-layer.js";

describe("anchorOf", () => {
  it("puts a point's marker on the point, a GPS MultiPoint's on its first fix", () => {
    assert.deepEqual(anchorOf({ type: "Point", coordinates: [76.95, 43.26] }), [76.95, 43.26]);
    assert.deepEqual(
      anchorOf({
        type: "MultiPoint",
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      }),
      [1, 2],
    );
  });

  it("puts a line's tag half way along it, however its vertices are spaced", () => {
    assert.deepEqual(
      anchorOf({
        type: "LineString",
        coordinates: [
          [0, 0],
          [4, 0],
        ],
      }),
      [2, 0],
    );
    assert.deepEqual(
      anchorOf({
        type: "LineString",
        coordinates: [
          [0, 0],
          [1, 0],
          [1, 3],
        ],
      }),
      [1, 1],
    );
    assert.deepEqual(
      anchorOf({
        type: "LineString",
        coordinates: [
          [5, 5],
          [5, 5],
        ],
      }),
      [5, 5],
      "a line of no length",
    );
  });

  it("puts an area's tag on the centroid of its outer ring", () => {
    const square = [
      [0, 0],
      [4, 0],
      [4, 2],
      [0, 2],
      [0, 0],
    ];
    assert.deepEqual(anchorOf({ type: "Polygon", coordinates: [square] }), [2, 1]);
    assert.deepEqual(
      anchorOf({
        type: "MultiPolygon",
        coordinates: [
          [square],
          [
            [
              [10, 10],
              [11, 10],
              [11, 11],
              [10, 10],
            ],
          ],
        ],
      }),
      [2, 1],
    );
    assert.deepEqual(
      anchorOf({
        type: "Polygon",
        coordinates: [
          [
            [1, 1],
            [1, 1],
            [1, 1],
            [1, 1],
          ],
        ],
      }),
      [1, 1],
      "a ring of no area",
    );
  });

  it("puts a small area's tag inside it, far from the origin of the degrees", () => {
    // A 5 m square in Almaty: the cross products of whole degrees once cancelled to noise, 500 m off.
    const [lon, lat, side] = [76.95195, 43.26055, 0.00006];
    const ring = [
      [lon, lat],
      [lon + side, lat],
      [lon + side, lat + side],
      [lon, lat + side],
      [lon, lat],
    ];
    const [x, y] = anchorOf({ type: "Polygon", coordinates: [ring] });
    assert.ok(Math.abs(x - (lon + side / 2)) < 1e-9 && Math.abs(y - (lat + side / 2)) < 1e-9, `${x}, ${y}`);
  });

  it("pins nothing without a shape", () => {
    assert.equal(anchorOf(null), null);
  });
});

describe("elementLabel", () => {
  it("names the kind and status for screen readers, unplanned additions as such", () => {
    const planned = elementLabel({ kind: "bench", status: "built", unplanned: false });
    const unplanned = elementLabel({ kind: "bench", status: "built", unplanned: true });
    assert.match(planned, /Bench/);
    assert.match(planned, /Built/);
    assert.notEqual(planned, unplanned);
  });

  it("says the count a tree group's marker shows: the trees found alive, else the plan's", () => {
    const group = { kind: "tree", status: "built", unplanned: false, props: { count: 12 } };
    assert.match(elementLabel(group), /^Tree, group of 12: Built$/);
    assert.match(elementLabel({ ...group, count: 9 }), /^Tree, group of 9: Built$/);
    assert.match(elementLabel({ ...group, props: {} }), /^Tree: Built$/);
  });
});
