// One rule for an element as found, on both sides: every row of tests/data/as-found.json, which
// tests/core/test_as_found.py checks against the server (props.as_found and group_count, the latest observation).
// The progress page's plan list, its markers and the visit form's starting values read elementsOf and groupCount.
import "../shared/page-language.mjs"; // an English page
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";

const { elementsOf, groupCount } = await import("../../../static/js/supervision/model.js");
const TABLE = JSON.parse(readFileSync(new URL("../../data/as-found.json", import.meta.url), "utf-8"));
const ID = "e1";

/** The project summary the server sends for a row: its plan (or the addition), visits newest first. */
function summaryOf(row) {
  const observation = (seen) => ({
    element_id: ID,
    kind: row.kind,
    unplanned: row.plan === null,
    status: "built",
    effective_status: "built",
    count: seen.count ?? null,
    props: seen.props ?? null,
  });
  return {
    plan: row.plan === null ? [] : [{ element_id: ID, kind: row.kind, props: row.plan, status: "built" }],
    additions: row.plan === null ? [{ element_id: ID, kind: row.kind, effective_status: "built", as_built: null }] : [],
    visits: row.visits.map((observed) => ({ observations: observed.map(observation) })).reverse(),
    signoffs: [],
  };
}

/** As the pytest: (the latest visit counted, its props hold a count, the plan holds one). */
function whereTheCountComesFrom(row) {
  const latest = row.visits.at(-1).at(-1);
  return [latest.count !== undefined && latest.count !== null, "count" in (latest.props || {}), "count" in row.plan];
}

describe("the shared as-found table", () => {
  it("shows each element's props and a group's count as the server does", () => {
    for (const row of TABLE.cases) {
      const [item] = elementsOf(summaryOf(row));
      assert.deepEqual(item.props, row.props, row.about);
      if ("count" in row) assert.equal(groupCount(item), row.count, row.about);
    }
  });

  it("holds every source of a group's count", () => {
    const groups = TABLE.cases.filter((row) => "count" in (FACTS.props[row.kind] || {}));
    const seen = new Set(
      groups.filter((row) => row.plan !== null && row.visits.length).map((row) => whereTheCountComesFrom(row).join()),
    );
    for (const a of [true, false])
      for (const b of [true, false]) for (const c of [true, false]) assert.ok(seen.has([a, b, c].join()), [a, b, c]);
    assert.ok(
      groups.some((row) => row.plan !== null && !row.visits.length),
      "a group never visited",
    );
    assert.ok(
      groups.some((row) => row.plan === null),
      "an unplanned group",
    );
    assert.ok(
      TABLE.cases.some((row) => row.visits.some((visit) => visit.length > 1)),
      "two observations in one visit",
    );
    const kinds = new Set(TABLE.cases.map((row) => row.kind));
    for (const kind of Object.keys(FACTS.props)) assert.ok(kinds.has(kind), `a row of ${kind}`);
  });
});
