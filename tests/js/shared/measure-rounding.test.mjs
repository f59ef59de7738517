// One rounding rule for measures, on the tablet as on the server's pages: every row of
// tests/data/measure-rounding.json, which tests/core/test_measure_rounding.py checks against cowork/core/i18n.py.
import "./page-language.mjs"; // an English page
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const { formatNumber } = await import("../../../static/js/shared/strings.js");
const { formatArea, formatLength } = await import("../../../static/js/shared/format.js");
const TABLE = JSON.parse(readFileSync(new URL("../../data/measure-rounding.json", import.meta.url), "utf-8"));

describe("the shared rounding table", () => {
  it("rounds numbers half up, on their shortest decimal form", () => {
    for (const [value, decimals, english] of TABLE.numbers) {
      assert.equal(formatNumber(value, decimals), english, `${value} to ${decimals} decimals`);
    }
  });

  it("writes measures with the decimals facts.js gives their size", () => {
    const formats = { area_m2: formatArea, length_m: formatLength };
    for (const [measure, value, english] of TABLE.measures) {
      assert.equal(formats[measure](value), english, `${measure} ${value}`);
    }
  });
});
