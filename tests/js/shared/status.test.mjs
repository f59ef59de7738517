// Statuses of plan elements (static/js/shared/status.js): the server's list, names, colours.
import "./page-language.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FACTS } from "../../../static/js/shared/facts.js";
import { BUILT_STATUSES, STATUSES, STATUS_STYLE, statusColour, statusName } from "../../../static/js/shared/status.js";

describe("statuses", () => {
  it("are the server's, in the order of a construction", () => {
    assert.deepEqual(STATUSES, FACTS.statuses);
    assert.deepEqual(STATUSES, ["planned", "in_progress", "built", "built_with_deviation", "missing", "removed"]);
  });

  it("count as built only when built, with or without deviation", () => {
    assert.deepEqual([...BUILT_STATUSES], FACTS.built_statuses);
    assert.equal(BUILT_STATUSES.has("built_with_deviation"), true);
    assert.equal(BUILT_STATUSES.has("in_progress"), false);
  });

  it("each have a colour and an ink for the glyph on it", () => {
    assert.deepEqual(Object.keys(STATUS_STYLE), STATUSES);
    for (const status of STATUSES) {
      assert.match(STATUS_STYLE[status].colour, /^#[0-9a-f]{6}$/);
      assert.match(STATUS_STYLE[status].ink, /^#[0-9a-f]{6}$/);
      assert.equal(statusColour(status), STATUS_STYLE[status].colour);
    }
  });

  it("are named in the page's language; an unknown one shows itself, coloured as planned", () => {
    assert.equal(statusName("in_progress"), "In progress");
    assert.equal(statusName("built_with_deviation"), "Built with deviation");
    assert.equal(statusName("demolished"), "demolished");
    assert.equal(statusColour("demolished"), STATUS_STYLE.planned.colour);
    assert.equal(statusColour(undefined), STATUS_STYLE.planned.colour);
  });
});
