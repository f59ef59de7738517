// What the person is told about their edits that did not happen as made (static/js/workshop/ui/notices.js), driven by
// the sync engine as a tablet back from an hour offline meets what others did meanwhile.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { editNotice, noticeBoard } from "../../../static/js/workshop/ui/notices.js";
import { design, element, fakeEngine, point, settle, snapshot } from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };

describe("editNotice", () => {
  test("a resent edit that fell with an earlier one, or a delete of what is gone, says nothing", () => {
    assert.equal(
      editNotice({ op: { event: "element:update", payload: {} }, error: { code: "conflict" }, silent: true }),
      null,
    );
  });

  test("a refusal of another kind says the server's reason, about the thing", () => {
    const line = editNotice({
      op: { event: "element:add", payload: { kind: "tree" } },
      error: { code: "outside_site" },
    });
    assert.deepEqual(line, { key: "notice.refused", kind: "tree", lost: 0, error: { code: "outside_site" } });
  });
});

describe("a tablet back after an hour offline", () => {
  test("every queued edit of an element deleted or changed meanwhile gets its line, none left out", async () => {
    const elements = [
      element("gone", { kind: "bench", version: 1 }),
      element("reshaped", { kind: "path", version: 1 }),
      element("renamed", { kind: "green_area", version: 1 }),
      element("mine", { kind: "tree", version: 1 }),
    ];
    const { engine, transport } = fakeEngine();
    const lines = [];
    engine.addEventListener("rejected", (event) => lines.push(editNotice(event.detail)));
    engine.addEventListener("conflict", (event) => lines.push(editNotice(event.detail)));
    transport.connect(snapshot({ seq: 4, you: ME, designs: [design("d1")], elements }));
    // A tree goes out, and the Wi-Fi drops before its ack comes back.
    engine.submit("element:add", { id: "new", design_id: "d1", kind: "tree", geometry: point() });
    transport.drop();
    // Offline: a note on the bench and another after it, a new note on the path, the lawn deleted, a note on a tree.
    engine.submit("element:update", { id: "gone", base_version: 1, note: "shade" }, { kind: "bench" });
    engine.submit(
      "element:update",
      { id: "gone", base_version: 1, note: "more shade" },
      { chained: true, kind: "bench" },
    );
    engine.submit("element:update", { id: "reshaped", base_version: 1, note: "along the river" }, { kind: "path" });
    engine.submit("element:delete", { id: "renamed", base_version: 1 }, { kind: "green_area" });
    engine.submit("element:update", { id: "mine", base_version: 1, note: "ok" }, { kind: "tree" });

    // Meanwhile others deleted the new tree (its add had got through) and the bench, changed the path and the lawn.
    transport.connect(
      snapshot({
        seq: 9,
        you: ME,
        designs: [design("d1")],
        elements: [
          element("reshaped", { kind: "path", version: 2, note: "theirs" }),
          element("renamed", { kind: "play_area", version: 2 }),
          element("mine", { kind: "tree", version: 1 }),
        ],
      }),
    );
    transport.serve((_event, payload) => {
      if (payload.id === "gone")
        return {
          ok: false,
          error: { code: "not_found", message: "The element was deleted meanwhile." },
          deleted: true,
        };
      if (payload.id === "reshaped")
        return {
          ok: false,
          error: { code: "conflict" },
          element: element("reshaped", { kind: "path", version: 2, note: "theirs" }),
        };
      if (payload.id === "renamed")
        return {
          ok: false,
          error: { code: "conflict" },
          element: element("renamed", { kind: "play_area", version: 2 }),
        };
      if (payload.id === "new") return { ok: true, element: element("new"), seq: 3, deleted: true };
      return { ok: true, element: element("mine", { version: 2, note: "ok" }), seq: 10 };
    });
    await settle();

    const board = noticeBoard(lines);
    assert.deepEqual(
      board.lines.map(({ key, kind, lost }) => [key, kind, lost]),
      [
        ["notice.added_then_deleted", "tree", 0],
        ["notice.deleted", "bench", 1],
        ["notice.changed", "path", 0],
        ["notice.delete_changed", "play_area", 0],
      ],
    );
    assert.equal(board.count, 4);
    assert.equal(engine.view().elements.get("mine").note, "ok", "the edit no one else touched went through");
    assert.equal(board.lasting, true, "several lines stay until closed");
    assert.equal(engine.waitingCount(), 0, "the journal is settled: nothing waits, nothing was dropped unsaid");
    assert.equal(engine.view().elements.get("renamed").kind, "play_area", "the lawn is back, in their version");
  });

  test("no refusal, no notice; a single one passes like any message", () => {
    assert.equal(noticeBoard([null, null]), null);
    const one = { key: "notice.deleted", kind: "tree", lost: 0 };
    assert.deepEqual(noticeBoard([one]), { count: 1, lines: [one], lasting: false });
  });
});
