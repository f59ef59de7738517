// The journal of this device's edits (static/js/workshop/sync/queue.js): kept in storage after every change, replayed
// in the order the edits were made, each op with its own id; what the engine does with it after a
// reconnect and with a refused op is in engine.test.mjs.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { OpQueue } from "../../../static/js/workshop/sync/queue.js";
import { memoryStorage, point } from "./fakes.mjs";

const KEY = "w1.abc";
const STORED = `cowork.queue.${KEY}`;

function add(queue, id) {
  return queue.enqueue("element:add", { id, design_id: "d1", kind: "tree", geometry: point() });
}

describe("OpQueue", () => {
  test("every change is saved, and a new queue on the same storage gets the ops back in order", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(KEY, { storage });
    add(queue, "e1");
    queue.enqueue("element:update", { id: "e1", base_version: 0, note: "shade" }, { chained: true });
    add(queue, "e2");
    const saved = JSON.parse(storage.data.get(STORED));
    assert.deepEqual(
      saved.map((op) => [op.event, op.payload.id]),
      [
        ["element:add", "e1"],
        ["element:update", "e1"],
        ["element:add", "e2"],
      ],
    );

    const reopened = new OpQueue(KEY, { storage });
    assert.deepEqual(reopened.ops, queue.ops);
    assert.equal(reopened.ops[1].chained, true, "bookkeeping survives too");
  });

  test("each op has its own id; its payload keeps the client's id for the server's idempotence", () => {
    const queue = new OpQueue(KEY, { storage: memoryStorage() });
    const first = add(queue, "e1");
    const again = add(queue, "e1");
    assert.notEqual(first.op_id, again.op_id);
    assert.match(first.op_id, /^[0-9a-f-]{36}$/);
    assert.equal(first.payload.id, "e1");
    assert.equal(new Set(queue.ops.map((op) => op.op_id)).size, 2);
  });

  test("an op that was on the wire when the page closed is sent again", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(KEY, { storage });
    const sending = add(queue, "e1");
    add(queue, "e2");
    queue.markSending(sending);
    const reopened = new OpQueue(KEY, { storage });
    assert.deepEqual(
      reopened.ops.map((op) => op.status),
      ["queued", "queued"],
    );
    assert.equal(reopened.nextToSend().payload.id, "e1", "the oldest edit goes first");
  });

  test("ops go out one at a time in the order they were made", () => {
    const queue = new OpQueue(KEY, { storage: memoryStorage() });
    const first = add(queue, "e1");
    const second = add(queue, "e2");
    assert.equal(queue.nextToSend(), first);
    queue.markSending(first);
    assert.equal(queue.nextToSend(), second, "the next waits behind the one on the wire");
    queue.requeueInFlight(); // a disconnect
    assert.equal(queue.nextToSend(), first);
  });

  test("an accepted op is kept until the state has applied its seq, then pruned", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(KEY, { storage });
    const op = add(queue, "e1");
    queue.markAcked(op, { id: "e1", version: 1 }, 7);
    assert.equal(queue.unconfirmed().length, 0, "no longer waiting");
    queue.pruneApplied(6);
    assert.equal(queue.ops.length, 1, "its broadcast is not applied yet");
    queue.pruneApplied(7);
    assert.equal(queue.ops.length, 0);
    assert.deepEqual(JSON.parse(storage.data.get(STORED)), []);
  });

  test("an accepted op with no seq (nothing new was logged) is pruned at once", () => {
    const queue = new OpQueue(KEY, { storage: memoryStorage() });
    const op = queue.enqueue("design:join", { design_id: "d1" });
    queue.markAcked(op, { id: "d1" }, undefined);
    queue.pruneApplied(0);
    assert.deepEqual(queue.ops, []);
  });

  test("a refused op is removed from the journal and from storage; the others stay in order", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(KEY, { storage });
    add(queue, "e1");
    const refused = add(queue, "e2");
    add(queue, "e3");
    queue.remove(refused);
    assert.deepEqual(
      queue.ops.map((op) => op.payload.id),
      ["e1", "e3"],
    );
    assert.deepEqual(
      JSON.parse(storage.data.get(STORED)).map((op) => op.payload.id),
      ["e1", "e3"],
    );
  });

  test("the later queued edits of one element are found (they fall with a refused add)", () => {
    const queue = new OpQueue(KEY, { storage: memoryStorage() });
    const addOp = add(queue, "e1");
    const other = add(queue, "e2");
    const update = queue.enqueue("element:update", { id: "e1", base_version: 0, kind: "bench" });
    const remove = queue.enqueue("element:delete", { id: "e1" });
    queue.enqueue("comment:add", { id: "c1", element_id: "e1", text: "nice" });
    assert.deepEqual(queue.laterQueuedFor(addOp, "e1"), [update, remove]);
    assert.deepEqual(queue.forElement("e1"), [addOp, update, remove]);
    assert.deepEqual(queue.laterQueuedFor(other, "e2"), []);
  });

  test("discard forgets the journal here and in storage (the next person on a shared tablet)", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(KEY, { storage });
    add(queue, "e1");
    queue.discard();
    assert.deepEqual(queue.ops, []);
    assert.equal(storage.data.has(STORED), false);
  });

  test("each identity has its own journal", () => {
    const storage = memoryStorage();
    add(new OpQueue("w1.one", { storage }), "mine");
    assert.deepEqual(new OpQueue("w1.two", { storage }).ops, []);
  });

  test("without a key the journal lives in memory only", () => {
    const storage = memoryStorage();
    const queue = new OpQueue(null, { storage });
    add(queue, "e1");
    assert.equal(queue.ops.length, 1);
    assert.equal(storage.data.size, 0);
  });

  test("damaged or missing storage is an empty journal, and edits still queue", () => {
    assert.deepEqual(new OpQueue(KEY, { storage: memoryStorage([[STORED, "{not json"]]) }).ops, []);
    const broken = {
      getItem: () => {
        throw new Error("disabled");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {},
    };
    const queue = new OpQueue(KEY, { storage: broken });
    add(queue, "e1");
    assert.equal(queue.nextToSend().payload.id, "e1");
  });
});
