// The sequencer puts numbered changes in order: the next one is applied, a later one waits, a gap that stays
// open asks the server again (static/js/workshop/sync/sequencer.js).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { Sequencer } from "../../../static/js/workshop/sync/sequencer.js";
import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import { element } from "./fakes.mjs";

const GAP_WAIT_MS = 500;

function setup() {
  const state = new WorkshopState();
  const gaps = [];
  const applied = [];
  const sequencer = new Sequencer(
    state,
    (since) => gaps.push(since),
    (type, data) => applied.push([type, data.element?.id ?? data.seq]),
  );
  return { state, sequencer, gaps, applied };
}

const added = (id) => ({ element: element(id) });

describe("Sequencer", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  test("applies the next change at once and counts it", () => {
    const { state, sequencer, applied } = setup();
    assert.equal(sequencer.receive(1, "element:added", added("e1")), true);
    assert.equal(state.lastSeq, 1);
    assert.ok(state.elements.has("e1"));
    assert.deepEqual(applied, [["element:added", "e1"]]);
  });

  test("holds a change that comes early and applies it, in order, once the gap is filled", () => {
    const { state, sequencer, applied } = setup();
    assert.equal(sequencer.receive(3, "element:added", added("e3")), false);
    assert.equal(sequencer.receive(2, "element:added", added("e2")), false);
    assert.equal(state.elements.size, 0, "nothing applied across a gap");
    assert.equal(sequencer.hasGap(), true);
    assert.equal(sequencer.receive(1, "element:added", added("e1")), true);
    assert.deepEqual(
      applied.map(([, id]) => id),
      ["e1", "e2", "e3"],
    );
    assert.equal(state.lastSeq, 3);
    assert.equal(sequencer.hasGap(), false);
  });

  test("an update that overtook its add is applied after the add", () => {
    const { state, sequencer } = setup();
    sequencer.receive(2, "element:updated", { element: element("e1", { version: 2, kind: "bench" }) });
    sequencer.receive(1, "element:added", { element: element("e1", { version: 1 }) });
    assert.equal(state.elements.get("e1").version, 2);
    assert.equal(state.elements.get("e1").kind, "bench");
  });

  test("a change already applied (our ack, then its broadcast) is ignored", () => {
    const { state, sequencer, applied } = setup();
    sequencer.receive(1, "element:added", added("e1"));
    assert.equal(sequencer.receive(1, "element:added", added("e1")), false);
    assert.equal(sequencer.receive(0, "element:added", added("e0")), false);
    assert.equal(applied.length, 1);
    assert.equal(state.elements.has("e0"), false);
  });

  test("the first copy of a seq stands for it, whichever way it came", () => {
    const { state, sequencer } = setup();
    sequencer.receive(2, "element:added", added("first"));
    sequencer.receive(2, "element:added", added("second"));
    sequencer.receive(1, "seq", { seq: 1 });
    assert.deepEqual([...state.elements.keys()], ["first"]);
  });

  test("a `seq` tick and an unknown type advance the count and change nothing", () => {
    const { state, sequencer } = setup();
    sequencer.receive(1, "seq", { seq: 1 });
    sequencer.receive(2, "something:new", { seq: 2 });
    sequencer.receive(3, "element:added", added("e3"));
    assert.equal(state.lastSeq, 3);
    assert.deepEqual([...state.elements.keys()], ["e3"]);
    assert.equal(sequencer.hasGap(), false);
  });

  test("a gap that stays open asks for what is missing, once, after a short wait", () => {
    const { sequencer, gaps } = setup();
    sequencer.receive(1, "element:added", added("e1"));
    sequencer.receive(3, "element:added", added("e3"));
    mock.timers.tick(GAP_WAIT_MS - 1);
    assert.deepEqual(gaps, [], "a late message gets a moment to arrive");
    sequencer.receive(4, "element:added", added("e4")); // still waiting for 2: no second timer
    mock.timers.tick(1);
    assert.deepEqual(gaps, [1], "asks from the last seq applied");
    mock.timers.tick(GAP_WAIT_MS * 4);
    assert.deepEqual(gaps, [1]);
  });

  test("a gap filled in time asks for nothing", () => {
    const { sequencer, gaps } = setup();
    sequencer.receive(2, "element:added", added("e2"));
    mock.timers.tick(GAP_WAIT_MS / 2);
    sequencer.receive(1, "element:added", added("e1"));
    mock.timers.tick(GAP_WAIT_MS * 2);
    assert.deepEqual(gaps, []);
  });

  test("resync: the missing changes, as a sync answer brings them, are applied with the held ones in order", () => {
    const { state, sequencer, gaps, applied } = setup();
    sequencer.receive(1, "element:added", added("e1"));
    sequencer.receive(4, "element:deleted", { id: "e1", seq: 4 });
    mock.timers.tick(GAP_WAIT_MS);
    assert.deepEqual(gaps, [1]);
    const answer = [
      { seq: 2, type: "element:added", data: added("e2") },
      { seq: 3, type: "element:updated", data: { element: element("e1", { version: 2 }) } },
      { seq: 4, type: "element:deleted", data: { id: "e1" } },
    ];
    for (const event of answer) sequencer.receive(event.seq, event.type, event.data);
    assert.deepEqual(
      applied.map(([type]) => type),
      ["element:added", "element:added", "element:updated", "element:deleted"],
    );
    assert.deepEqual([...state.elements.keys()], ["e2"]);
    assert.equal(state.lastSeq, 4);
  });

  test("pausing (disconnected) stops the gap watch", () => {
    const { sequencer, gaps } = setup();
    sequencer.receive(2, "element:added", added("e2"));
    sequencer.pause();
    mock.timers.tick(GAP_WAIT_MS * 2);
    assert.deepEqual(gaps, []);
  });

  test("rebase after a snapshot drops what it holds and applies what follows it", () => {
    const { state, sequencer, gaps } = setup();
    sequencer.receive(5, "element:added", added("old"));
    sequencer.receive(7, "element:added", added("after"));
    state.replaceWith({ seq: 6, elements: [element("snap")] });
    sequencer.rebase();
    assert.deepEqual([...state.elements.keys()].sort(), ["after", "snap"]);
    assert.equal(state.lastSeq, 7);
    mock.timers.tick(GAP_WAIT_MS * 2);
    assert.deepEqual(gaps, []);
  });
});
