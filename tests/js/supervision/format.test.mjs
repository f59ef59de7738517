// Percentages, counts and deviations as people read them (static/js/supervision/format.js), in English.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as format from "../../../static/js/supervision/format.js";
import { statusText } from "../../../static/js/supervision/element-list.js";

describe("numbers", () => {
  it("writes percentages with one decimal, whole ones without", () => {
    assert.equal(format.formatPercent(66.666), "66.7 %");
    assert.equal(format.formatPercent(50), "50 %");
    assert.equal(format.formatPercent(99.96), "100 %");
  });

  it("writes changes with their sign, a true minus, and ±0", () => {
    assert.equal(format.formatChange(4.24), "+4.2 %");
    assert.equal(format.formatChange(-20), "−20.0 %");
    assert.equal(format.formatChange(0.04), "±0 %");
  });

  it("writes metres of a deviation with one decimal, GPS accuracy in whole metres from 1", () => {
    assert.equal(format.formatMetres(5), "5.0 m");
    assert.equal(format.formatAccuracy(4.4), "4 m");
    assert.equal(format.formatAccuracy(0.2), "1 m");
    assert.equal(format.formatCount(1234), "1,234");
    assert.equal(format.formatArea(7217), "7,217 m²");
    assert.equal(format.formatLength(12.34), "12.3 m");
  });
});

describe("deviations", () => {
  it("reads a point's offset, a line's distance and length, an area's overlap", () => {
    assert.equal(format.deviationText({ offset_m: 5.74, flagged: true }), "5.7 m off");
    assert.equal(
      format.deviationText({ hausdorff_m: 3.2, length_change_pct: 12.5 }),
      "up to 3.2 m off, length +12.5 %",
    );
    assert.equal(
      format.deviationText({ iou: 0.8, area_change_pct: -12, hausdorff_m: 3 }),
      "overlap 80 %, area −12.0 %, up to 3.0 m off",
    );
  });

  it("fills what an incomplete deviation leaves out with zero", () => {
    assert.equal(format.deviationText({ iou: 1 }), "overlap 100 %, area ±0 %, up to 0.0 m off");
    assert.equal(format.deviationText({ hausdorff_m: 1 }), "up to 1.0 m off, length ±0 %");
  });

  it("says nothing without a measured deviation", () => {
    assert.equal(format.deviationText(null), "");
    assert.equal(format.deviationText({}), "");
    assert.equal(format.deviationText({ flagged: false }), "");
  });

  it("puts the deviation after the status name", () => {
    assert.equal(statusText("built_with_deviation", { offset_m: 4.9 }), "Built with deviation: 4.9 m off");
    assert.equal(statusText("built", null), "Built");
  });
});
