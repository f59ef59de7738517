// The person's edits as ops and the one-tap undo of their own last edit (static/js/workshop/sync/editing.js): undo
// makes a new op that turns the edit around, and an edit the server refused is nothing to undo.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Editor } from "../../../static/js/workshop/sync/editing.js";
import { design, element, fakeEngine, point, settle, snapshot } from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };

function editing(elements = []) {
  const { engine, transport } = fakeEngine();
  transport.connect(snapshot({ seq: 1, you: ME, designs: [design("d1")], elements }));
  // The server accepts everything at once, numbering the changes.
  let seq = 1;
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
  return { engine, transport, editor: new Editor(engine) };
}

describe("Editor and undo", () => {
  test("nothing to undo at first", () => {
    const { editor } = editing();
    assert.equal(editor.canUndo(), false);
    assert.equal(editor.undo(), "nothing");
  });

  test("undoing an add deletes what was added", async () => {
    const { engine, editor } = editing();
    const id = editor.addElement({ designId: "d1", kind: "tree", geometry: point() });
    await settle();
    assert.ok(engine.view().elements.has(id));
    assert.equal(editor.undo(), "undone");
    await settle();
    assert.equal(engine.view().elements.has(id), false);
    assert.equal(editor.canUndo(), false);
  });

  test("undoing an update puts the fields back, on top of the current version", async () => {
    const { engine, transport, editor } = editing([element("e1", { kind: "tree", note: "", version: 3 })]);
    editor.updateElement("e1", { kind: "bench", note: "by the path" });
    await settle();
    assert.equal(engine.view().elements.get("e1").kind, "bench");
    editor.undo();
    await settle();
    assert.deepEqual(transport.sent.at(-1), {
      event: "element:update",
      payload: { id: "e1", base_version: 4, kind: "tree", note: "", props: {} },
    });
    assert.equal(engine.view().elements.get("e1").kind, "tree");
  });

  test("undoing a delete adds it again under a new id, and older entries follow the twin", async () => {
    const { engine, editor } = editing([element("e1", { kind: "tree", version: 1 })]);
    editor.updateElement("e1", { note: "old tree" });
    editor.deleteElement("e1");
    await settle();
    assert.equal(editor.undo(), "undone");
    await settle();
    const [twin] = [...engine.view().elements.values()];
    assert.notEqual(twin.id, "e1");
    assert.equal(twin.note, "old tree");
    assert.equal(editor.undo(), "undone", "the note change, now of the twin");
    await settle();
    assert.equal(engine.view().elements.get(twin.id).note, "");
  });

  test("an edit whose element someone else deleted is gone, not undone", async () => {
    const { engine, transport, editor } = editing([element("e1", { version: 1 })]);
    editor.updateElement("e1", { note: "x" });
    await settle();
    transport.receive("element:deleted", { id: "e1", seq: engine.state.lastSeq + 1 });
    assert.equal(engine.view().elements.has("e1"), false);
    assert.equal(editor.undo(), "gone");
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
});
