// The copy of a workshop kept on the device (static/js/workshop/sync/device-copy.js) with the in-memory store: a reload
// with no network shows the last state and the pending edits; acked edits leave the journal only once a written
// copy holds them; handing the tablet on forgets the copy.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { snapshotOf } from "../../../static/js/workshop/sync/device-copy.js";
import { MemoryStore } from "../../../static/js/shared/device-store.js";
import { SyncEngine } from "../../../static/js/workshop/sync/engine.js";
import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import { design, element, FakeTransport, memoryStorage, point, settle, snapshot } from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };
const IDENTITY = { token: "token-1", workshop_id: "w1" };

/** A page load: an engine over the device's storage and store, started, not connected. */
function load(storage, store) {
  let transport = null;
  const engine = new SyncEngine(IDENTITY, {
    storage,
    deviceStore: store,
    connect: (token, hooks) => (transport = new FakeTransport(token, hooks)),
  });
  const restoring = engine.start();
  return { engine, transport: () => transport, restoring };
}

function tree(id) {
  return { id, design_id: "d1", kind: "tree", geometry: point() };
}

describe("DeviceCopy", () => {
  test("a reload with no network shows the kept state and the pending edit, and sends nothing", async () => {
    const storage = memoryStorage();
    const store = new MemoryStore();
    const first = load(storage, store);
    await first.restoring;
    first.transport().connect(snapshot({ seq: 2, you: ME, designs: [design("d1")], elements: [element("e1")] }));
    await first.engine.deviceCopy.saveNow();
    first.transport().drop();
    first.engine.submit("element:add", tree("e2"));
    first.engine.stop();

    const second = load(storage, store);
    await second.restoring;
    const view = second.engine.view();
    assert.deepEqual([...view.elements.keys()].sort(), ["e1", "e2"]);
    assert.equal(view.elements.get("e2").pending, true);
    assert.equal(view.elements.get("e1").pending, undefined);
    assert.equal(second.engine.state.workshop.title, "Courtyard");
    assert.equal(second.engine.waitingCount(), 1);
    assert.equal(second.transport().sent.length, 0, "nothing goes out before the server's snapshot");
  });

  test("the server's snapshot replaces the kept state, then the journal goes out once", async () => {
    const storage = memoryStorage();
    const store = new MemoryStore();
    const first = load(storage, store);
    first.transport().connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    await first.engine.deviceCopy.saveNow();
    first.transport().drop();
    first.engine.submit("element:add", tree("e2"));

    const second = load(storage, store);
    await second.restoring;
    second.transport().connect(snapshot({ seq: 3, you: ME, designs: [design("d1")], elements: [element("e9")] }));
    assert.deepEqual(
      second.transport().sent.map(({ event, payload }) => [event, payload.id]),
      [["element:add", "e2"]],
    );
    assert.ok(second.engine.state.elements.has("e9"));
  });

  test("an acked edit stays in the journal until a written copy holds its seq", async () => {
    const storage = memoryStorage();
    const store = new MemoryStore();
    const page = load(storage, store);
    page.transport().connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    await page.engine.deviceCopy.saveNow();
    page.engine.submit("element:add", tree("e2"));
    page.transport().answer((request) => ({ ok: true, element: element("e2", { ...request.payload }), seq: 2 }));
    await settle();
    assert.equal(page.engine.state.lastSeq, 2);
    assert.equal(page.engine.queue.ops.length, 1, "kept (acked) until the copy is written");
    assert.equal(page.engine.queue.ops[0].status, "acked");

    // The page closes before the copy is written: the reload still shows the element, from the journal.
    const reloaded = load(storage, store);
    await reloaded.restoring;
    assert.ok(reloaded.engine.view().elements.has("e2"));

    await page.engine.deviceCopy.saveNow();
    assert.equal(page.engine.queue.ops.length, 0, "written: the journal lets it go");
    assert.deepEqual(
      (await store.get(page.engine.deviceCopy.key)).snapshot.elements.map((item) => item.id),
      ["e2"],
    );
  });

  test("a store that refuses the copy does not keep acked edits for ever", async () => {
    const store = new MemoryStore();
    store.put = async () => false; // quota exceeded
    const page = load(memoryStorage(), store);
    page.transport().connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    page.engine.submit("element:add", tree("e2"));
    page.transport().answer((request) => ({ ok: true, element: element("e2", { ...request.payload }), seq: 2 }));
    await settle();
    await page.engine.deviceCopy.saveNow();
    assert.equal(page.engine.queue.ops.length, 0);
  });

  test("handing the tablet on forgets the copy", async () => {
    const store = new MemoryStore();
    const page = load(memoryStorage(), store);
    page.transport().connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    await page.engine.deviceCopy.saveNow();
    assert.ok(await store.get(page.engine.deviceCopy.key));
    page.engine.forgetDevice();
    await page.engine.deviceCopy.writing;
    assert.equal(await store.get(page.engine.deviceCopy.key), null);
  });

  test("the kept snapshot is what WorkshopState takes back whole", () => {
    const state = new WorkshopState();
    state.replaceWith(
      snapshot({
        seq: 7,
        you: ME,
        designs: [design("d1")],
        elements: [element("e1")],
        projects: [{ id: "pr1", title: "P", design_id: "d1" }],
      }),
    );
    const again = new WorkshopState();
    again.replaceWith(structuredClone(snapshotOf(state)));
    assert.equal(again.lastSeq, 7);
    assert.deepEqual([...again.elements.keys()], ["e1"]);
    assert.deepEqual([...again.projects.keys()], ["pr1"]);
    assert.deepEqual(again.you, ME);
  });
});
