// The replay's log (static/js/workshop/sync/replay.js): the workshop at any moment, and what each event did in
// words (catalogue keys with their values), never an event's wire name.
import assert from "node:assert/strict";
import { test } from "node:test";

import { describeEvent, Replayer } from "../../../static/js/workshop/sync/replay.js";
import { design, element } from "./fakes.mjs";

const SHADE = design("d1", { authors: [["p1", "Aigerim"]], title: "Shade" });
const TREE = element("e1", { design_id: "d1", kind: "tree" });
const LOG = [
  { seq: 1, type: "design:created", data: { design: SHADE, seq: 1 } },
  { seq: 2, type: "element:added", data: { element: TREE, seq: 2 } },
  { seq: 3, type: "element:deleted", data: { id: "e1", seq: 3 } },
  { seq: 4, type: "phase:changed", data: { phase: "closed", seq: 4 } },
  { seq: 5, type: "project:adopted", data: { project: { id: "x", title: "Stage 1", design_id: "d1" }, seq: 5 } },
  { seq: 6, type: "join_code:changed", data: { join_code: "ABCDEF", seq: 6 } },
  { seq: 7, type: "some:future_event", data: { seq: 7 } },
];

function describedAt(replayer, position) {
  const state = replayer.seek(position);
  return describeEvent(replayer.current(), state, replayer.removed);
}

test("an undone or removed shape is named with its design, read from before it went", () => {
  const replayer = new Replayer(LOG);
  assert.deepEqual(describedAt(replayer, 2), {
    key: "replay.element_added",
    values: { kind: "tree", title: "Shade" },
  });
  assert.deepEqual(describedAt(replayer, 3), {
    key: "replay.element_removed",
    values: { kind: "tree", title: "Shade" },
  });
  assert.equal(replayer.state.elements.size, 0);
  // Back and forth: the same words again.
  assert.deepEqual(describedAt(replayer, 1).key, "replay.design_created");
  assert.deepEqual(describedAt(replayer, 3).key, "replay.element_removed");
});

test("a deletion of a shape the log never showed says only that something was removed", () => {
  const replayer = new Replayer([LOG[0], LOG[2]]);
  assert.deepEqual(describedAt(replayer, 2), { key: "replay.element_deleted", values: {} });
});

test("adoption, a new join code and events this page does not know are said in words", () => {
  const replayer = new Replayer(LOG);
  assert.deepEqual(describedAt(replayer, 4), { key: "replay.phase_changed", values: { phase: "closed" } });
  assert.deepEqual(describedAt(replayer, 5), {
    key: "replay.project_adopted",
    values: { project: "Stage 1", title: "Shade" },
  });
  assert.deepEqual(describedAt(replayer, 6), { key: "replay.join_code_changed", values: {} });
  assert.deepEqual(describedAt(replayer, 7), { key: "replay.something_changed", values: {} });
});
