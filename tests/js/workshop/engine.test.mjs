// The sync engine with a stand-in socket (static/js/workshop/sync/engine.js): the journal replayed in order after a
// reconnect, resends recognised by their seq, refused edits rolled back, conflicts, and a resync after a gap.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { SyncEngine } from "../../../static/js/workshop/sync/engine.js";
import {
  design,
  element,
  fakeEngine,
  FakeTransport,
  memoryStorage,
  point,
  record,
  settle,
  snapshot,
} from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };
const MY_DESIGN = design("d1");

function addPayload(id, extra = {}) {
  return { id, design_id: "d1", kind: "tree", geometry: point(), ...extra };
}

/** What the server answers to an accepted element:add. */
function added(request, seq, version = 1) {
  return { ok: true, element: element(request.payload.id, { ...request.payload, version }), seq };
}

/** Connected, with my design and (optionally) some elements confirmed. */
function connected({ elements = [], seq = 1, storage } = {}) {
  const setup = fakeEngine({ storage });
  setup.transport.connect(snapshot({ seq, you: ME, designs: [MY_DESIGN], elements }));
  return setup;
}

describe("SyncEngine: the journal", () => {
  test("edits made offline show at once and go out after connecting, one at a time, in order", async () => {
    const { engine, transport } = fakeEngine();
    engine.submit("element:add", addPayload("e1"));
    engine.submit("element:add", addPayload("e2"));
    assert.deepEqual([...engine.view().elements.keys()], ["e1", "e2"]);
    assert.equal(engine.view().elements.get("e1").pending, true);
    assert.equal(transport.sent.length, 0, "nothing is sent while offline");
    assert.equal(engine.waitingCount(), 2);

    transport.connect(snapshot({ seq: 0, you: ME, designs: [MY_DESIGN] }));
    assert.deepEqual(
      transport.sent.map(({ payload }) => payload.id),
      ["e1"],
      "the second waits for the first's ack",
    );
    transport.answer((request) => added(request, 1));
    await settle();
    assert.deepEqual(
      transport.sent.map(({ payload }) => payload.id),
      ["e1", "e2"],
    );
    transport.answer((request) => added(request, 2));
    await settle();
    assert.equal(engine.waitingCount(), 0);
    assert.equal(engine.state.lastSeq, 2);
    assert.equal(engine.view().elements.get("e2").pending, undefined, "confirmed");
  });

  test("a closed tablet reopened replays its journal in the order the edits were made", async () => {
    const storage = memoryStorage();
    const first = fakeEngine({ storage });
    first.engine.submit("design:create", { id: "d2", title: "Shade" });
    first.engine.submit("element:add", addPayload("e1", { design_id: "d2" }));
    first.engine.stop();

    const { engine, transport } = fakeEngine({ storage });
    assert.equal(engine.view().designs.get("d2").pending, true, "shown before the server answers");
    transport.connect(snapshot({ seq: 0, you: ME }));
    transport.serve((event, payload) =>
      event === "design:create"
        ? { ok: true, design: design(payload.id, { title: payload.title }), seq: 1 }
        : { ok: true, element: element(payload.id, { ...payload, version: 1 }), seq: 2 },
    );
    await settle();
    assert.deepEqual(
      transport.sent.map(({ event }) => event),
      ["design:create", "element:add"],
    );
    assert.equal(engine.waitingCount(), 0);
    assert.deepEqual(JSON.parse(storage.getItem([...storage.data.keys()][0])), [], "nothing left in the journal");
  });

  test("an edit on the wire when the connection drops is sent again, same id; its two answers count once", async () => {
    const { engine, transport } = connected();
    const applied = record(engine, "applied");
    engine.submit("element:add", addPayload("e1"));
    transport.drop();
    await settle();
    assert.equal(engine.waitingCount(), 1, "kept for the reconnect");

    // The first send did reach the server: the broadcast comes with the new snapshot, the resend's ack
    // (the server knows the id) carries the same seq.
    transport.connect(snapshot({ seq: 2, you: ME, designs: [MY_DESIGN], elements: [element("e1", { version: 1 })] }));
    assert.deepEqual(
      transport.sent.map(({ payload }) => payload.id),
      ["e1", "e1"],
    );
    assert.deepEqual(transport.sent[0].payload, transport.sent[1].payload);
    transport.answer((request) => added(request, 2));
    await settle();
    transport.receive("element:added", { element: element("e1", { version: 1 }), seq: 2 });
    assert.equal(engine.waitingCount(), 0);
    assert.deepEqual(applied, [], "seq 2 was in the snapshot: applied neither as ack nor as broadcast");
    assert.equal(engine.view().elements.size, 1);
  });

  test("an accepted edit and its broadcast are one change, in either order", async () => {
    const { engine, transport } = connected();
    const applied = record(engine, "applied");
    engine.submit("element:add", addPayload("e1"));
    transport.receive("element:added", { element: element("e1", { version: 1 }), seq: 2 });
    transport.answer((request) => added(request, 2));
    await settle();
    assert.equal(applied.length, 1);
    assert.equal(engine.state.lastSeq, 2);
  });
});

describe("SyncEngine: refused edits", () => {
  test("a refused add is rolled back and said; the edits built on it fall silently; the next goes out", async () => {
    const { engine, transport } = connected();
    const rejected = record(engine, "rejected");
    engine.submit("element:add", addPayload("far"));
    engine.submit("element:update", { id: "far", base_version: 0, kind: "bench" }, { chained: true });
    engine.submit("element:add", addPayload("near"));
    transport.answer({
      ok: false,
      error: { code: "outside_site", message: "The geometry lies outside the site boundary." },
    });
    await settle();
    assert.deepEqual(
      rejected.map(({ op, error, silent }) => [op.event, error.code, silent]),
      [
        ["element:update", "outside_site", true],
        ["element:add", "outside_site", false],
      ],
    );
    assert.equal(engine.view().elements.has("far"), false);
    assert.deepEqual(
      transport.sent.map(({ payload }) => payload.id),
      ["far", "near"],
      "the update of `far` is never sent",
    );
    assert.equal(engine.waitingCount(), 1);
  });

  test("a refused update shows the confirmed element again", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 3, kind: "tree" })] });
    engine.submit("element:update", { id: "e1", base_version: 3, kind: "bench" });
    assert.equal(engine.view().elements.get("e1").kind, "bench", "shown at once");
    transport.answer({ ok: false, error: { code: "forbidden" } });
    await settle();
    assert.equal(engine.view().elements.get("e1").kind, "tree");
    assert.equal(engine.view().elements.get("e1").pending, undefined);
  });

  test("a delete of something someone else deleted first is what we wanted: dropped, not said", async () => {
    const { engine, transport } = connected({ elements: [element("e1")] });
    const rejected = record(engine, "rejected");
    engine.submit("element:delete", { id: "e1" });
    transport.answer({ ok: false, error: { code: "not_found" } });
    await settle();
    assert.deepEqual(rejected, []);
    assert.equal(engine.waitingCount(), 0);
  });

  test("a resent add of an element someone deleted meanwhile stays deleted, with its later edits, and is said", async () => {
    const { engine, transport } = connected();
    const rejected = record(engine, "rejected");
    engine.submit("element:add", addPayload("e1"));
    engine.submit("element:update", { id: "e1", base_version: 0, note: "x" }, { chained: true });
    transport.answer({ ok: true, element: element("e1"), seq: 1, deleted: true });
    await settle();
    assert.deepEqual(
      rejected.map(({ op, silent, lost }) => [op.event, silent, lost]),
      [
        ["element:update", true, undefined],
        ["element:add", false, 1],
      ],
    );
    assert.equal(rejected[1].error.deleted, true);
    assert.equal(engine.view().elements.has("e1"), false);
    assert.equal(engine.waitingCount(), 0);
  });

  test("a resent add that we deleted ourselves meanwhile is not said", async () => {
    const { engine, transport } = connected();
    const rejected = record(engine, "rejected");
    engine.submit("element:add", addPayload("e1"));
    engine.submit("element:delete", { id: "e1", base_version: 0 }, { chained: true });
    transport.answer({ ok: true, element: element("e1"), seq: 1, deleted: true });
    await settle();
    assert.deepEqual(
      rejected.map(({ silent }) => silent),
      [true, true],
    );
    assert.equal(engine.waitingCount(), 0);
  });

  test("an update of an element someone deleted meanwhile is said, and its later edits fall with it", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 2 })] });
    const rejected = record(engine, "rejected");
    engine.submit("element:update", { id: "e1", base_version: 2, note: "shade" });
    engine.submit("element:update", { id: "e1", base_version: 2, note: "more shade" }, { chained: true });
    transport.answer({
      ok: false,
      error: { code: "not_found", message: "The element was deleted meanwhile." },
      deleted: true,
    });
    await settle();
    assert.deepEqual(
      rejected.map(({ silent, lost, error }) => [silent, lost, error.deleted]),
      [
        [true, undefined, true],
        [false, 1, true],
      ],
    );
    assert.equal(transport.sent.length, 1, "the second update is never sent");
    assert.equal(engine.waitingCount(), 0);
  });
});

describe("SyncEngine: conflicts", () => {
  test("someone else changed it first: theirs is shown, ours and the edits chained on it are dropped", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 1, kind: "tree" })] });
    const conflicts = record(engine, "conflict");
    const rejected = record(engine, "rejected");
    engine.submit("element:update", { id: "e1", base_version: 1, kind: "bench" });
    engine.submit("element:update", { id: "e1", base_version: 1, note: "mine" }, { chained: true });
    const theirs = element("e1", { version: 2, kind: "lighting" });
    transport.answer({ ok: false, error: { code: "conflict" }, element: theirs });
    await settle();
    assert.equal(conflicts.length, 1);
    assert.deepEqual(conflicts[0].element, theirs);
    assert.deepEqual(
      rejected.map(({ error, silent }) => [error.code, silent]),
      [["conflict", true]],
    );
    assert.equal(engine.view().elements.get("e1").kind, "lighting");
    assert.equal(engine.view().elements.get("e1").note, "");
    assert.equal(engine.waitingCount(), 0);
  });

  test("a resent update whose first send got through is a success, not a conflict", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 1, kind: "tree" })] });
    const conflicts = record(engine, "conflict");
    engine.submit("element:update", { id: "e1", base_version: 1, kind: "bench" });
    transport.answer({ ok: false, error: { code: "conflict" }, element: element("e1", { version: 2, kind: "bench" }) });
    await settle();
    assert.deepEqual(conflicts, []);
    assert.equal(engine.view().elements.get("e1").version, 2);
    assert.equal(engine.waitingCount(), 0);
  });

  test("a delete of a version someone else changed meanwhile leaves theirs, and says so", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 1, kind: "bench" })] });
    const conflicts = record(engine, "conflict");
    engine.submit("element:delete", { id: "e1", base_version: 1 });
    assert.equal(engine.view().elements.has("e1"), false, "gone at once");
    const theirs = element("e1", { version: 2, kind: "bench", note: "keep it" });
    transport.answer({ ok: false, error: { code: "conflict" }, element: theirs });
    await settle();
    assert.deepEqual(
      conflicts.map(({ op, element: shown, lost }) => [op.event, shown, lost]),
      [["element:delete", theirs, 0]],
    );
    assert.deepEqual(engine.view().elements.get("e1"), theirs, "back, in their version");
    assert.equal(engine.waitingCount(), 0);
  });

  test("a delete chained on an unconfirmed update is sent on the version that update's ack produced", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 4 })] });
    engine.submit("element:update", { id: "e1", base_version: 4, kind: "bench" });
    engine.submit("element:delete", { id: "e1", base_version: 4 }, { chained: true });
    transport.answer({ ok: true, element: element("e1", { version: 5, kind: "bench" }), seq: 2 });
    await settle();
    assert.deepEqual(transport.sent[1], { event: "element:delete", payload: { id: "e1", base_version: 5 } });
  });

  test("a chained update is sent on the version the previous edit's ack produced", async () => {
    const { engine, transport } = connected({ elements: [element("e1", { version: 4 })] });
    engine.submit("element:update", { id: "e1", base_version: 4, kind: "bench" });
    const base = engine.updateBase("e1");
    assert.equal(base.chained, true);
    engine.submit("element:update", { id: "e1", base_version: base.base_version, note: "two" }, { chained: true });
    transport.answer({ ok: true, element: element("e1", { version: 5, kind: "bench" }), seq: 2 });
    await settle();
    assert.equal(transport.sent[1].payload.base_version, 5);
  });
});

describe("SyncEngine: resync", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  test("a gap that stays open asks `sync` from the last seq and applies the answer in order", async () => {
    const { engine, transport } = connected({ seq: 1 });
    transport.receive("element:added", { element: element("e4"), seq: 4 });
    assert.equal(engine.view().elements.has("e4"), false, "held behind the gap");
    mock.timers.tick(500);
    assert.deepEqual(transport.sent.at(-1), { event: "sync", payload: { since: 1 } });
    transport.answer({
      ok: true,
      seq: 4,
      events: [
        { seq: 2, type: "element:added", data: { element: element("e2") } },
        { seq: 3, type: "seq", data: { seq: 3 } },
        { seq: 4, type: "element:added", data: { element: element("e4") } },
      ],
    });
    await settle();
    assert.deepEqual([...engine.view().elements.keys()].sort(), ["e2", "e4"]);
    assert.equal(engine.state.lastSeq, 4);
  });

  test("a snapshot older than a broadcast that overtook it asks for what lies between", () => {
    const { engine, transport } = connected({ seq: 1 });
    transport.receive("element:added", { element: element("e2"), seq: 2 });
    // The server changed this client's view as a whole (a phase, a reveal) and sent the snapshot of seq 1.
    transport.receive("snapshot", snapshot({ seq: 1, you: ME, designs: [MY_DESIGN], phase: "voting" }));
    assert.equal(engine.state.phase, "voting");
    assert.deepEqual(transport.sent.at(-1), { event: "sync", payload: { since: 1 } });
  });

  test("a sync answered with a snapshot replaces the state", async () => {
    const { engine, transport } = connected({ seq: 1, elements: [element("gone")] });
    transport.receive("element:added", { element: element("e9"), seq: 9 });
    mock.timers.tick(500);
    transport.answer({
      ok: true,
      snapshot: snapshot({ seq: 9, you: ME, designs: [MY_DESIGN], elements: [element("e9")] }),
    });
    await settle();
    assert.deepEqual([...engine.view().elements.keys()], ["e9"]);
    assert.equal(engine.state.lastSeq, 9);
  });
});

test("a screen that never edits keeps no journal on the device", () => {
  const storage = memoryStorage();
  const engine = new SyncEngine(
    { token: "t", workshop_id: "w1" },
    { journal: false, storage, connect: (token, hooks) => new FakeTransport(token, hooks) },
  );
  engine.submit("comment:add", { id: "c1", design_id: "d1", text: "hi" });
  assert.equal(storage.data.size, 0);
});

describe("SyncEngine: refusals that mean 'not now'", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  for (const code of ["rate_limited", "unavailable"])
    test(`an edit refused as ${code} stays in the journal and goes again after a pause, in order`, async () => {
      const { engine, transport } = connected();
      engine.submit("element:add", addPayload("e1"));
      engine.submit("element:add", addPayload("e2"));
      transport.answer({ ok: false, error: { code, message: "Not now" } });
      await settle();
      assert.equal(engine.waitingCount(), 2, "nothing is dropped");
      assert.equal(engine.view().elements.get("e1").pending, true, "still shown, still waiting");
      assert.equal(transport.sent.length, 1, "and nothing more is sent during the pause");
      for (let refusal = 0; refusal < 8; refusal += 1) {
        mock.timers.tick(10_000);
        assert.equal(transport.sent.at(-1).payload.id, "e1", "the same edit goes first again");
        transport.answer({ ok: false, error: { code, message: "Still not now" } });
        await settle();
      }
      mock.timers.tick(10_000);
      transport.answer((request) => added(request, 2));
      await settle();
      assert.deepEqual(transport.sent.at(-1).payload.id, "e2", "then the next one, in order");
      transport.answer((request) => added(request, 3));
      await settle();
      assert.equal(engine.waitingCount(), 0);
    });

  test("a server failure is tried three times more, then refused and rolled back like any error", async () => {
    const { engine, transport } = connected();
    const rejected = [];
    engine.addEventListener("rejected", (event) => rejected.push(event.detail.error.code));
    engine.submit("element:add", addPayload("e1"));
    transport.answer({ ok: false, error: { code: "internal", message: "The server could not handle this request." } });
    await settle();
    for (let retry = 0; retry < 3; retry += 1) {
      assert.equal(engine.waitingCount(), 1);
      mock.timers.tick(10_000);
      transport.answer({ ok: false, error: { code: "internal", message: "again" } });
      await settle();
    }
    assert.deepEqual(rejected, ["internal"]);
    assert.equal(engine.waitingCount(), 0);
    assert.equal(engine.view().elements.has("e1"), false);
  });
});
