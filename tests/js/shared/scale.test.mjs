// The scale bar's distance (static/js/shared/map/scale.js): a round one, as long as fits.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scaleBar } from "../../../static/js/shared/map/scale.js";

describe("the scale bar", () => {
  it("takes the longest of 1, 2 and 5 times a power of ten that fits", () => {
    assert.deepEqual(scaleBar(1, 120), { px: 100, value: 100, unit: "m", decimals: 0 });
    assert.deepEqual(scaleBar(2, 120), { px: 100, value: 200, unit: "m", decimals: 0 });
    assert.deepEqual(scaleBar(5, 120), { px: 100, value: 500, unit: "m", decimals: 0 });
    assert.deepEqual(scaleBar(0.45, 120), { px: 111, value: 50, unit: "m", decimals: 0 });
  });

  it("says kilometres from one up, and tenths of a metre below one", () => {
    assert.deepEqual(scaleBar(20, 120), { px: 100, value: 2, unit: "km", decimals: 0 });
    assert.deepEqual(scaleBar(9, 120), { px: 111, value: 1, unit: "km", decimals: 0 });
    assert.deepEqual(scaleBar(0.005, 120), { px: 100, value: 0.5, unit: "m", decimals: 1 });
  });

  it("draws nothing for a map not measured yet", () => {
    for (const nothing of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(scaleBar(nothing, 120), null);
  });
});
