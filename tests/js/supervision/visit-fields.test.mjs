// What a site visit may say of its date and of an element's count, on both sides: every row of
// tests/data/visit-fields.json, which tests/core/test_visit_fields.py checks against the server's payloads. A visit
// the tablet keeps offline and the server then refuses is lost work, so the draft is stopped before it is sent.
import "../shared/page-language.mjs"; // an English page
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";

const { countProblem, isVisitDate, MAX_COUNT, validateDraft } = await import(
  "../../../static/js/supervision/visit-draft.js"
);
const TABLE = JSON.parse(readFileSync(new URL("../../data/visit-fields.json", import.meta.url), "utf-8"));

const draft = (date, count) => ({
  id: "v1",
  date,
  notes: "",
  conditions: "",
  observations: { e1: { status: "built", count, note: "", asBuilt: null, props: null } },
  additions: [],
});

describe("the shared visit fields table", () => {
  it("takes the counts the server takes, and stops the draft at the others", () => {
    for (const [count, ok] of TABLE.count) {
      assert.equal(countProblem(count) === null, ok, JSON.stringify(count));
      const problem = validateDraft(draft("2027-05-10", count));
      assert.deepEqual(
        problem,
        ok ? null : { detail: "sv.form.count_invalid", vars: { max: MAX_COUNT }, key: "e1" },
        JSON.stringify(count),
      );
    }
  });

  it("takes the dates the server takes", () => {
    for (const [date, ok] of TABLE.date) {
      assert.equal(isVisitDate(date), ok, JSON.stringify(date));
      assert.equal(validateDraft(draft(date, null)) === null, ok, JSON.stringify(date));
    }
  });

  it("holds the count's bounds and a leap day", () => {
    const counts = new Map(TABLE.count.map(([count, ok]) => [count, ok]));
    assert.equal(MAX_COUNT, FACTS.limits.visit_count);
    assert.equal(counts.get(0), true);
    assert.equal(counts.get(MAX_COUNT), true);
    assert.equal(counts.get(-1), false);
    assert.equal(counts.get(MAX_COUNT + 1), false);
    const dates = new Map(TABLE.date);
    assert.deepEqual(
      ["2028-02-29", "2027-02-29", "1900-02-29", "2000-02-29"].map((date) => dates.get(date)),
      [true, false, false, true],
    );
  });
});
