// A sign's arrow turned by a finger around it, or by the keyboard (static/js/workshop/map/bearing.js): degrees from
// north, clockwise, whole, 0–359, as the server keeps them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { bearingAfterKey, bearingTo, wholeBearing } from "../../../static/js/workshop/map/bearing.js";

describe("a sign's bearing", () => {
  test("from where the finger is: north up, east right (screen y grows southwards)", () => {
    assert.equal(bearingTo(0, -50), 0);
    assert.equal(bearingTo(50, 0), 90);
    assert.equal(bearingTo(0, 50), 180);
    assert.equal(bearingTo(-50, 0), 270);
    assert.equal(bearingTo(50, -50), 45);
    assert.equal(bearingTo(-1, -100), 359);
    assert.equal(bearingTo(0, 0), null, "right on the sign says nothing");
  });

  test("whole degrees 0–359", () => {
    assert.equal(wholeBearing(359.6), 0);
    assert.equal(wholeBearing(-90), 270);
    assert.equal(wholeBearing(720.2), 0);
  });

  test("arrow keys turn it by 15°, round the circle; other keys do not", () => {
    assert.equal(bearingAfterKey(90, "ArrowRight"), 105);
    assert.equal(bearingAfterKey(90, "ArrowUp"), 105);
    assert.equal(bearingAfterKey(0, "ArrowLeft"), 345);
    assert.equal(bearingAfterKey(350, "ArrowRight"), 5);
    assert.equal(bearingAfterKey(null, "ArrowDown"), 345, "a sign without a bearing starts from north");
    assert.equal(bearingAfterKey(90, "Enter"), null);
  });
});
