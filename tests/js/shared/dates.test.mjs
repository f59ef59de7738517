// Dates as people read them (static/js/shared/dates.js), in English; tests/js/supervision/format-ru.test.mjs reads
// them in Russian.
import "./page-language.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDate, formatShortDate, todayIso } from "../../../static/js/shared/dates.js";

describe("dates", () => {
  it("writes API dates in words", () => {
    assert.equal(formatDate("2027-05-10"), "May 10, 2027");
    assert.equal(formatShortDate("2027-05-10"), "May 10");
  });

  it("gives back what is not a date, and nothing for nothing", () => {
    assert.equal(formatDate("soon"), "soon");
    assert.equal(formatDate("2027-5-10"), "2027-5-10");
    assert.equal(formatDate(null), "");
    assert.equal(formatShortDate(undefined), "");
  });

  it("knows today in the device's time zone, as the date input wants it", () => {
    const now = new Date();
    const expected = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((part) => String(part).padStart(2, "0"))
      .join("-");
    assert.equal(todayIso(), expected);
  });
});
