// The person's edits as ops, and Undo and Redo of their own edits (static/js/workshop/sync/editing.js): an undo is
// a new op that turns the edit around, a redo makes it again; both go through the journal like any edit, so they
// work offline and, like the journal, survive a reload; an edit the server refused is nothing to undo.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Editor } from "../../../static/js/workshop/sync/editing.js";
import { historyNotice } from "../../../static/js/workshop/sync/history.js";
import { design, element, fakeEngine, memoryStorage, point, settle, snapshot } from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };

/** A server that accepts everything at once, numbering the changes. */
function acceptAll(engine, transport, start = 1) {
  let seq = start;
  transport.serve((event, payload) => {
    seq += 1;
    if (event === "element:delete") return { ok: true, id: payload.id, seq };
    const current = engine.state.elements.get(payload.id);
    return {
      ok: true,
      element: element(payload.id, { ...current, ...payload, version: (current?.version ?? 0) + 1 }),
      seq,
    };
  });
}

function editing(elements = [], { storage = memoryStorage() } = {}) {
  const { engine, transport } = fakeEngine({ storage });
  transport.connect(snapshot({ seq: 1, you: ME, designs: [design("d1")], elements }));
  acceptAll(engine, transport);
  return { engine, transport, storage, editor: new Editor(engine) };
}

describe("Editor, Undo and Redo", () => {
  test("nothing to undo or redo at first", () => {
    const { editor } = editing();
    assert.equal(editor.canUndo(), false);
    assert.equal(editor.canRedo(), false);
    assert.deepEqual(editor.undo(), { outcome: "nothing" });
    assert.deepEqual(editor.redo(), { outcome: "nothing" });
  });

  test("undoing an add deletes what was added and says so; redo adds it again", async () => {
    const { engine, editor } = editing();
    const id = editor.addElement({ designId: "d1", kind: "tree", geometry: point() });
    await settle();
    assert.ok(engine.view().elements.has(id));
    assert.deepEqual(editor.undo(), { outcome: "undone", action: "add", kind: "tree", fields: [] });
    await settle();
    assert.equal(engine.view().elements.has(id), false);
    assert.equal(editor.canUndo(), false);
    assert.equal(editor.canRedo(), true);
    assert.deepEqual(editor.redo(), { outcome: "redone", action: "add", kind: "tree", fields: [] });
    await settle();
    const [again] = [...engine.view().elements.values()];
    assert.equal(again.kind, "tree");
    assert.notEqual(again.id, id, "the server never brings a deleted id back");
    assert.equal(editor.canRedo(), false);
    // And undone once more: the element added again goes.
    assert.equal(editor.undo().outcome, "undone");
    await settle();
    assert.equal(engine.view().elements.size, 0);
  });

  test("undoing an update puts the fields back, on top of the current version; redo changes them again", async () => {
    const { engine, transport, editor } = editing([element("e1", { kind: "tree", note: "", version: 3 })]);
    editor.updateElement("e1", { kind: "bench", note: "by the path" });
    await settle();
    assert.equal(engine.view().elements.get("e1").kind, "bench");
    assert.deepEqual(editor.undo(), { outcome: "undone", action: "update", kind: "tree", fields: ["kind", "note"] });
    await settle();
    assert.deepEqual(transport.sent.at(-1), {
      event: "element:update",
      payload: { id: "e1", base_version: 4, kind: "tree", note: "", props: {} },
    });
    assert.equal(engine.view().elements.get("e1").kind, "tree");
    assert.equal(editor.redo().outcome, "redone");
    await settle();
    assert.deepEqual(transport.sent.at(-1), {
      event: "element:update",
      payload: { id: "e1", base_version: 5, kind: "bench", note: "by the path" },
    });
  });

  test("undoing a delete adds it again under a new id, and older entries follow the twin", async () => {
    const { engine, editor } = editing([element("e1", { kind: "tree", version: 1 })]);
    editor.updateElement("e1", { note: "old tree" });
    editor.deleteElement("e1");
    await settle();
    assert.equal(editor.undo().action, "delete");
    await settle();
    const [twin] = [...engine.view().elements.values()];
    assert.notEqual(twin.id, "e1");
    assert.equal(twin.note, "old tree");
    assert.equal(editor.undo().outcome, "undone", "the note change, now of the twin");
    await settle();
    assert.equal(engine.view().elements.get(twin.id).note, "");
    // Redo walks forward again: the note, then the delete.
    editor.redo();
    await settle();
    assert.equal(engine.view().elements.get(twin.id).note, "old tree");
    assert.equal(editor.redo().action, "delete");
    await settle();
    assert.equal(engine.view().elements.size, 0);
  });

  test("a new edit clears what could be redone", async () => {
    const { editor } = editing([element("e1", { version: 1 })]);
    editor.updateElement("e1", { note: "a" });
    editor.undo();
    assert.equal(editor.canRedo(), true);
    editor.updateElement("e1", { props: { count: 3 } });
    assert.equal(editor.canRedo(), false);
    await settle();
  });

  test("an edit whose element someone else deleted is gone, not undone", async () => {
    const { engine, transport, editor } = editing([element("e1", { version: 1 })]);
    editor.updateElement("e1", { note: "x" });
    await settle();
    transport.receive("element:deleted", { id: "e1", seq: engine.state.lastSeq + 1 });
    assert.equal(engine.view().elements.has("e1"), false);
    assert.deepEqual(editor.undo(), { outcome: "gone" });
  });

  test("an edit the server refused leaves nothing to undo", async () => {
    const { engine, transport } = fakeEngine();
    transport.connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    const editor = new Editor(engine);
    editor.addElement({ designId: "d1", kind: "tree", geometry: point(200, 0) });
    assert.equal(editor.canUndo(), true);
    transport.answer({ ok: false, error: { code: "invalid_geometry" } });
    await settle();
    assert.equal(editor.canUndo(), false);
  });

  test("offline, an undo waits in the journal with the edit; after a reload both are still there, and go out in order", async () => {
    const storage = memoryStorage();
    const first = fakeEngine({ storage });
    first.transport.connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    first.transport.drop();
    const editor = new Editor(first.engine);
    const id = editor.addElement({ designId: "d1", kind: "bench", geometry: point() });
    editor.updateElement(id, { props: { count: 4 } });
    assert.equal(editor.undo().action, "update");
    assert.equal(first.engine.view().elements.get(id).props.count, undefined, "undone at once, on the device");
    assert.equal(first.engine.waitingCount(), 3);

    // The tablet is reloaded with no network: the journal and what Undo and Redo remember are read back.
    const second = fakeEngine({ storage });
    const again = new Editor(second.engine);
    assert.equal(again.canUndo(), true);
    assert.equal(again.canRedo(), true);
    assert.equal(again.redo().action, "update");
    assert.equal(again.undo().action, "update");
    assert.equal(again.undo().action, "add");
    assert.equal(second.engine.view().elements.has(id), false);
    second.transport.connect(snapshot({ seq: 1, you: ME, designs: [design("d1")] }));
    acceptAll(second.engine, second.transport);
    await settle();
    assert.deepEqual(
      second.transport.sent.map(({ event }) => event),
      ["element:add", "element:update", "element:update", "element:update", "element:update", "element:delete"],
    );
    assert.equal(second.engine.view().elements.size, 0);
    assert.equal(second.engine.waitingCount(), 0);
  });

  test("handing the tablet on forgets what Undo and Redo remember", () => {
    const storage = memoryStorage();
    const { editor } = editing([element("e1", { version: 1 })], { storage });
    editor.updateElement("e1", { note: "a" });
    editor.discard();
    assert.equal(editor.canUndo(), false);
    assert.equal(
      [...storage.data.keys()].some((key) => key.startsWith("cowork.history.")),
      false,
    );
  });
});

describe("what an undo or redo says", () => {
  test("names the thing, and for a change what changed back", () => {
    assert.deepEqual(historyNotice("undo", { action: "add", kind: "tree", fields: [] }), {
      key: "history.undo.add",
      kind: "tree",
      whatKey: null,
    });
    assert.deepEqual(historyNotice("redo", { action: "update", kind: "sign", fields: ["props"] }), {
      key: "history.redo.update",
      kind: "sign",
      whatKey: "history.what.props",
    });
    // A new kind brings its props back with it: the kind names the change.
    assert.equal(
      historyNotice("undo", { action: "update", kind: "tree", fields: ["props", "kind"] }).whatKey,
      "history.what.kind",
    );
  });
});
