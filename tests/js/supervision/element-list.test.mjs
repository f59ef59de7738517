// The plan list's count: what was found alive, "of" what the design asked for when it asked for a group.
globalThis.document = { documentElement: { lang: "en" } };

import assert from "node:assert/strict";
import { describe, it } from "node:test";

const { countText } = await import("../../../static/js/supervision/element-list.js");

describe("countText", () => {
  it("says how many of the group the design asked for", () => {
    assert.equal(countText({ count: 10, planProps: { count: 12 } }), "Count: 10 of 12");
    assert.equal(countText({ count: 1, planProps: {} }), "Count: 1");
  });
});
