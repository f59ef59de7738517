// The new-workshop page's map with no background (static/js/workshop/map/blank-map.js): it says how a site is marked.
import assert from "node:assert/strict";
import { test } from "node:test";

import { blankMapHint } from "../../../static/js/workshop/map/blank-map.js";

test("a blank map says what to do until a site is there or is being drawn", () => {
  assert.deepEqual(blankMapHint({ hasTiles: false, areas: 0, drawing: false }), { shown: true });
  assert.deepEqual(blankMapHint({ hasTiles: false, areas: 0, drawing: true }), { shown: false });
  assert.deepEqual(blankMapHint({ hasTiles: false, areas: 1, drawing: false }), { shown: false });
  assert.deepEqual(blankMapHint({ hasTiles: true, areas: 0, drawing: false }), { shown: false });
});
