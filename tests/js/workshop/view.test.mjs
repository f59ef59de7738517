// What the screen shows (static/js/workshop/sync/view.js): the confirmed state with this device's unconfirmed edits
// laid over it in order, and moderated things left out (or marked, for the facilitator).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import {
  buildView,
  countPerDesign,
  designComments,
  isAuthor,
  withoutHidden,
} from "../../../static/js/workshop/sync/view.js";
import { design, element, point, snapshot, square } from "./fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };

function stateFrom(parts = {}) {
  const state = new WorkshopState();
  state.replaceWith(snapshot({ you: ME, ...parts }));
  return state;
}

function op(event, payload, status = "queued", extra = {}) {
  return { op_id: `${event}-${payload.id ?? payload.design_id}`, event, payload, status, ...extra };
}

describe("buildView", () => {
  test("with no edits waiting it is the confirmed state", () => {
    const state = stateFrom({ designs: [design("d1")], elements: [element("e1")] });
    const view = buildView(state, []);
    assert.deepEqual([...view.designs.keys()], ["d1"]);
    assert.deepEqual(view.elements.get("e1"), state.elements.get("e1"));
  });

  test("a waiting add shows as pending, mine, unmeasured", () => {
    const state = stateFrom({ designs: [design("d1")] });
    const view = buildView(state, [
      op("element:add", { id: "e1", design_id: "d1", kind: "bench", geometry: point(), note: "by the tree" }),
    ]);
    assert.deepEqual(view.elements.get("e1"), {
      id: "e1",
      design_id: "d1",
      kind: "bench",
      geometry: point(),
      note: "by the tree",
      props: {},
      author_id: "p1",
      version: 0,
      measure: null,
      pending: true,
    });
  });

  test("waiting edits are laid over in order: add, then update, then delete of another", () => {
    const state = stateFrom({ designs: [design("d1")], elements: [element("old", { kind: "tree" })] });
    const view = buildView(state, [
      op("element:add", { id: "e1", design_id: "d1", kind: "play_area", geometry: square() }),
      op("element:update", { id: "e1", base_version: 0, kind: "green_area" }),
      op("element:delete", { id: "old" }),
    ]);
    assert.equal(view.elements.get("e1").kind, "green_area");
    assert.equal(view.elements.has("old"), false);
    assert.equal(state.elements.has("old"), true, "the state itself is untouched");
  });

  test("a waiting reshape drops the server's measure, which is for the old shape", () => {
    const state = stateFrom({
      elements: [element("e1", { kind: "plaza", geometry: square(), measure: { area_m2: 9000 } })],
    });
    const view = buildView(state, [
      op("element:update", { id: "e1", base_version: 1, geometry: square(76.9, 43.2, 0.002) }),
    ]);
    assert.equal(view.elements.get("e1").measure, null);
    assert.equal(view.elements.get("e1").pending, true);
  });

  test("an update of an element deleted meanwhile shows nothing (its resend will fail)", () => {
    const view = buildView(stateFrom(), [op("element:update", { id: "gone", base_version: 1, note: "x" })]);
    assert.equal(view.elements.has("gone"), false);
  });

  test("an accepted op whose broadcast is late shows the server's answer, not an older copy", () => {
    const state = stateFrom({ elements: [element("e1", { version: 1, note: "old" })] });
    const acked = op("element:update", { id: "e1", base_version: 1, note: "new" }, "acked", {
      result: element("e1", { version: 2, note: "new" }),
    });
    assert.equal(buildView(state, [acked]).elements.get("e1").note, "new");
    state.putElement(element("e1", { version: 3, note: "newer" }));
    assert.equal(buildView(state, [acked]).elements.get("e1").note, "newer", "a newer confirmed version wins");
  });

  test("starting and joining designs show me as author at once", () => {
    const state = stateFrom({ designs: [design("theirs", { authors: [["p2", "Bolat"]] })] });
    const view = buildView(state, [
      op("design:create", { id: "mine", title: "Shade" }),
      op("design:join", { design_id: "theirs" }),
    ]);
    assert.deepEqual(view.designs.get("mine").authors, [{ participant_id: "p1", name: "Aigerim" }]);
    assert.ok(isAuthor(view.designs.get("theirs"), "p1"));
    assert.ok(isAuthor(view.designs.get("theirs"), "p2"));
  });

  test("a waiting comment on an element belongs to that element's design", () => {
    const state = stateFrom({ elements: [element("e1", { design_id: "d7" })] });
    const view = buildView(state, [
      op("comment:add", { id: "c1", element_id: "e1", text: "Nice" }, "queued", { created_at: "2024-05-01T10:00:00Z" }),
    ]);
    assert.deepEqual(view.comments.get("c1"), {
      id: "c1",
      design_id: "d7",
      element_id: "e1",
      author_id: "p1",
      author_name: "Aigerim",
      text: "Nice",
      created_at: "2024-05-01T10:00:00Z",
      pending: true,
    });
  });
});

describe("moderation in the view", () => {
  const parts = {
    designs: [design("d1"), design("d2", { hidden: true, hidden_reason: "spam" })],
    elements: [
      element("shown", { design_id: "d1" }),
      element("hidden", { design_id: "d1", hidden: true }),
      element("in-hidden-design", { design_id: "d2" }),
    ],
    comments: [
      { id: "c1", design_id: "d1", element_id: null, text: "ok" },
      { id: "c2", design_id: "d2", element_id: null, text: "on hidden design" },
      { id: "c3", design_id: "d1", element_id: "hidden", text: "on hidden element" },
    ],
  };

  test("participants do not see hidden things, nor what belongs to them", () => {
    const view = buildView(stateFrom(parts), []);
    assert.deepEqual([...view.designs.keys()], ["d1"]);
    assert.deepEqual([...view.elements.keys()], ["shown"]);
    assert.deepEqual([...view.comments.keys()], ["c1"]);
  });

  test("the facilitator sees them, the hidden design's elements marked", () => {
    const state = stateFrom({ ...parts, you: { ...ME, role: "facilitator" } });
    const view = buildView(state, []);
    assert.equal(view.elements.size, 3);
    assert.equal(view.elements.get("in-hidden-design").design_hidden, true);
    assert.equal(view.elements.get("shown").design_hidden, undefined);
    assert.deepEqual([...withoutHidden(view).elements.keys()], ["shown"], "the projector's view of the same");
  });
});

test("countPerDesign counts elements per design and every comment of a design, on it and on its elements", () => {
  const view = buildView(
    stateFrom({
      elements: [
        element("a", { design_id: "d1" }),
        element("b", { design_id: "d1" }),
        element("c", { design_id: "d2" }),
      ],
      comments: [
        { id: "c1", design_id: "d1", element_id: null },
        { id: "c2", design_id: "d1", element_id: "a" },
        { id: "c3", design_id: "d2", element_id: "c" },
        // On an element deleted since: no longer shown, no longer counted.
        { id: "c4", design_id: "d2", element_id: "gone" },
      ],
    }),
    [],
  );
  const { counts, commentCounts } = countPerDesign(view);
  assert.deepEqual(
    [...counts],
    [
      ["d1", 2],
      ["d2", 1],
    ],
  );
  assert.deepEqual(
    [...commentCounts],
    [
      ["d1", 2],
      ["d2", 1],
    ],
  );
});

test("designComments lists a design's comments oldest first, those on an element with its kind", () => {
  const view = buildView(
    stateFrom({
      elements: [element("a", { design_id: "d1", kind: "tree" }), element("c", { design_id: "d2" })],
      comments: [
        { id: "c1", design_id: "d1", element_id: "a", text: "Keep the oak" },
        { id: "c2", design_id: "d2", element_id: null, text: "Elsewhere" },
        { id: "c3", design_id: "d1", element_id: null, text: "Lovely" },
        { id: "c4", design_id: "d1", element_id: "gone", text: "On a deleted bench" },
      ],
    }),
    [],
  );
  assert.deepEqual(
    designComments(view, "d1").map(({ id, on_kind }) => [id, on_kind]),
    [
      ["c1", "tree"],
      ["c3", undefined],
    ],
  );
  assert.deepEqual(designComments(view, "nothing"), []);
});
