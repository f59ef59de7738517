// The draft of a site visit (static/js/supervision/visit-draft.js): what is kept, changed and sent.
import { brokenStorage, memoryStorage } from "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as drafts from "../../../static/js/supervision/visit-draft.js";

const BENCH_BUILT = { type: "Point", coordinates: [76.95207, 43.2604] };
const LAWN = {
  type: "Polygon",
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};

function draftWith(changes = {}) {
  return { ...drafts.emptyDraft({ id: "visit-1", date: "2027-05-10" }), ...changes };
}

describe("a fresh draft", () => {
  it("has its own visit id and today's date, and nothing in it", () => {
    const one = drafts.emptyDraft();
    const two = drafts.emptyDraft();
    assert.match(one.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(one.id, two.id);
    assert.match(one.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(
      { ...one, id: "", date: "" },
      { id: "", date: "", notes: "", notes_public: false, conditions: "", observations: {}, additions: [] },
    );
    assert.equal(drafts.hasContent(one), false);
  });

  it("has content as soon as a note, a condition, an observation or an addition is in it", () => {
    assert.equal(drafts.hasContent(draftWith({ notes: "x" })), true);
    assert.equal(drafts.hasContent(draftWith({ conditions: "rain" })), true);
    assert.equal(drafts.hasContent(draftWith({ observations: { b1: { status: "built" } } })), true);
    const withAddition = draftWith();
    drafts.addAddition(withAddition, "k1");
    assert.equal(drafts.hasContent(withAddition), true);
  });
});

describe("storing the draft", () => {
  it("keeps a draft with content per project and reads it back", () => {
    const storage = memoryStorage();
    const draft = draftWith({ notes: "Bench in" });
    drafts.storeDraft("p1", draft, storage);
    assert.deepEqual(drafts.loadDraft("p1", storage), draft);
    assert.equal(drafts.loadDraft("p2", storage), null);
    assert.equal(storage.getItem("cowork.supervision.draft.p1"), JSON.stringify(draft));
  });

  it("removes the stored draft when it is emptied, and on request", () => {
    const storage = memoryStorage();
    drafts.storeDraft("p1", draftWith({ notes: "x" }), storage);
    drafts.storeDraft("p1", draftWith(), storage);
    assert.equal(storage.size, 0);
    drafts.storeDraft("p1", draftWith({ notes: "x" }), storage);
    drafts.removeDraft("p1", storage);
    assert.equal(drafts.loadDraft("p1", storage), null);
  });

  it("treats unreadable or malformed drafts as none", () => {
    const storage = memoryStorage();
    for (const text of [
      "{not json",
      "null",
      '{"id": 3, "observations": {}, "additions": []}',
      '{"id": "x", "observations": {}}',
    ]) {
      storage.setItem("cowork.supervision.draft.p1", text);
      assert.equal(drafts.loadDraft("p1", storage), null, text);
    }
  });

  it("never throws when storage is unavailable (the draft lives on in the page)", () => {
    assert.equal(drafts.loadDraft("p1", brokenStorage), null);
    assert.doesNotThrow(() => drafts.storeDraft("p1", draftWith({ notes: "x" }), brokenStorage));
    assert.doesNotThrow(() => drafts.removeDraft("p1", brokenStorage));
    // Node has no localStorage at all: the default storage is looked up inside the guard too.
    assert.equal(drafts.loadDraft("p1"), null);
    assert.doesNotThrow(() => drafts.storeDraft("p1", draftWith({ notes: "x" })));
  });
});

describe("observations of plan elements", () => {
  it("checks an element with a status and un-checks it with none", () => {
    const draft = draftWith();
    const entry = drafts.setStatus(draft, { id: "b2", asBuilt: null }, "missing");
    assert.deepEqual(entry, { status: "missing", count: null, note: "", asBuilt: null, asBuiltSource: null });
    assert.equal(drafts.entryOf(draft, "b2"), entry);
    assert.equal(drafts.checkedCount(draft), 1);
    assert.equal(drafts.setStatus(draft, { id: "b2", asBuilt: null }, ""), null);
    assert.equal(drafts.entryOf(draft, "b2"), null);
    assert.equal(drafts.checkedCount(draft), 0);
  });

  it("keeps what was typed when the status changes", () => {
    const draft = draftWith();
    const entry = drafts.setStatus(draft, { id: "t1", asBuilt: null }, "built");
    entry.note = "Oak, healthy";
    entry.count = 3;
    assert.equal(drafts.setStatus(draft, { id: "t1", asBuilt: null }, "in_progress"), entry);
    assert.deepEqual(entry, {
      status: "in_progress",
      count: 3,
      note: "Oak, healthy",
      asBuilt: null,
      asBuiltSource: null,
    });
  });

  it("keeps the shape measured at an earlier visit for statuses that carry a shape", () => {
    const draft = draftWith();
    const item = { id: "b1", asBuilt: BENCH_BUILT };
    assert.equal(drafts.setStatus(draft, item, "missing").asBuilt, null);
    const entry = drafts.setStatus(draft, item, "built");
    assert.equal(entry.asBuilt, BENCH_BUILT);
    assert.equal(entry.asBuiltSource, "previous");
    assert.equal(drafts.shapeSource(entry), "previous");
  });

  it("never replaces a shape measured on this visit by the earlier one", () => {
    const draft = draftWith();
    const item = { id: "b1", asBuilt: BENCH_BUILT };
    const entry = drafts.setStatus(draft, item, "missing");
    drafts.setShape(entry, LAWN, "drawn");
    drafts.setStatus(draft, item, "built");
    assert.equal(entry.asBuilt, LAWN);
    assert.equal(drafts.shapeSource(entry), "drawn");
  });

  it("forgets observations of elements the plan no longer has", () => {
    const draft = draftWith({ observations: { b1: { status: "built" }, gone: { status: "missing" } } });
    drafts.pruneDraft(draft, ["b1", "b2"]);
    assert.deepEqual(Object.keys(draft.observations), ["b1"]);
  });
});

describe("as-built shapes and counts", () => {
  it("records where a shape came from and clears it entirely", () => {
    const entry = { status: "built", asBuilt: null, asBuiltSource: null };
    assert.equal(drafts.shapeSource(entry), "none");
    drafts.setShape(entry, BENCH_BUILT, "gps", { fixes: 5, accuracy: 4 });
    assert.deepEqual(entry, {
      status: "built",
      asBuilt: BENCH_BUILT,
      asBuiltSource: "gps",
      gps: { fixes: 5, accuracy: 4 },
    });
    assert.equal(drafts.shapeSource(entry), "gps");
    drafts.setShape(entry, BENCH_BUILT, "drawn");
    assert.equal(entry.gps, null);
    assert.equal(drafts.shapeSource(entry), "drawn");
    drafts.clearShape(entry);
    assert.deepEqual(entry, { status: "built", asBuilt: null, asBuiltSource: null, gps: null });
  });

  it("reads a GPS shape without its fixes as drawn", () => {
    assert.equal(drafts.shapeSource({ asBuilt: BENCH_BUILT, asBuiltSource: "gps", gps: null }), "drawn");
  });

  it("takes whole counts from 0 and nothing else", () => {
    assert.equal(drafts.parseCount("3"), 3);
    assert.equal(drafts.parseCount("0"), 0);
    assert.equal(drafts.parseCount("12 trees"), 12);
    assert.equal(drafts.parseCount("-1"), null);
    assert.equal(drafts.parseCount(""), null);
    assert.equal(drafts.parseCount("many"), null);
  });
});

describe("unplanned additions", () => {
  it("start as a built tree without a shape, and can be removed", () => {
    const draft = draftWith();
    const first = drafts.addAddition(draft, "k1");
    const second = drafts.addAddition(draft, "k2");
    assert.deepEqual(first, {
      key: "k1",
      kind: "tree",
      status: "built",
      count: null,
      note: "",
      asBuilt: null,
      asBuiltSource: null,
    });
    assert.equal(drafts.entryOf(draft, "k2"), second);
    assert.equal(drafts.checkedCount(draft), 2);
    drafts.removeAddition(draft, first);
    assert.deepEqual(draft.additions, [second]);
  });

  it("get a key of their own when none is given", () => {
    const draft = draftWith();
    assert.notEqual(drafts.addAddition(draft).key, drafts.addAddition(draft).key);
  });
});

describe("validation", () => {
  it("asks for a date first", () => {
    for (const date of ["", "10.05.2027", "2027-5-10", undefined]) {
      assert.deepEqual(
        drafts.validateDraft(draftWith({ date })),
        { detail: "sv.form.date_required", field: "date" },
        String(date),
      );
    }
  });

  it("asks for the shape of an addition, naming the first without one", () => {
    const draft = draftWith();
    drafts.setShape(drafts.addAddition(draft, "k1"), BENCH_BUILT, "drawn");
    drafts.addAddition(draft, "k2");
    drafts.addAddition(draft, "k3");
    assert.deepEqual(drafts.validateDraft(draft), { detail: "sv.form.addition_needs_shape", key: "k2" });
  });

  it("lets a dated draft go, even an empty one", () => {
    assert.equal(drafts.validateDraft(draftWith()), null);
  });
});

describe("the body sent to the API", () => {
  it("lists plan observations, then additions, with the visit's own id", () => {
    const draft = draftWith({ notes: "First visit", conditions: "Sunny" });
    drafts.setShape(drafts.setStatus(draft, { id: "b1", asBuilt: null }, "built"), BENCH_BUILT, "gps", {
      fixes: 5,
      accuracy: 4,
    });
    const tree = drafts.setStatus(draft, { id: "t1", asBuilt: null }, "built");
    tree.count = 3;
    tree.note = "Oak";
    const addition = drafts.addAddition(draft, "k1");
    addition.kind = "green_area";
    drafts.setShape(addition, LAWN, "drawn");
    addition.note = "Extra lawn";
    assert.deepEqual(drafts.visitPayload(draft), {
      id: "visit-1",
      date: "2027-05-10",
      notes: "First visit",
      notes_public: false,
      conditions: "Sunny",
      observations: [
        { element_id: "b1", status: "built", as_built: BENCH_BUILT },
        { element_id: "t1", status: "built", count: 3, note: "Oak" },
        { kind: "green_area", status: "built", as_built: LAWN, note: "Extra lawn" },
      ],
    });
  });

  it("keeps the notes the author's unless she shows them in public", () => {
    const draft = draftWith({ notes: "Foreman was late" });
    assert.equal(drafts.visitPayload(draft).notes_public, false);
    draft.notes_public = true;
    assert.equal(drafts.visitPayload(draft).notes_public, true);
    // A draft kept on the device before the choice existed sends its notes as private.
    delete draft.notes_public;
    assert.equal(drafts.visitPayload(draft).notes_public, false);
  });

  it("sends a shape only with a status that carries one", () => {
    const draft = draftWith();
    drafts.setShape(drafts.setStatus(draft, { id: "b1", asBuilt: null }, "missing"), BENCH_BUILT, "drawn");
    drafts.setShape(drafts.setStatus(draft, { id: "b2", asBuilt: null }, "in_progress"), BENCH_BUILT, "drawn");
    const [missing, started] = drafts.visitPayload(draft).observations;
    assert.deepEqual(missing, { element_id: "b1", status: "missing" });
    assert.deepEqual(started, { element_id: "b2", status: "in_progress", as_built: BENCH_BUILT });
    assert.deepEqual([...drafts.SHAPED].sort(), ["built", "built_with_deviation", "in_progress"]);
  });

  it("sends a count of 0 (all trees gone), never an empty note", () => {
    const draft = draftWith();
    const entry = drafts.setStatus(draft, { id: "t1", asBuilt: null }, "missing");
    entry.count = 0;
    entry.note = "";
    assert.deepEqual(drafts.visitPayload(draft).observations, [{ element_id: "t1", status: "missing", count: 0 }]);
  });

  it("is the same visit, id included, however often it is built", () => {
    const draft = draftWith({ notes: "x" });
    drafts.setStatus(draft, { id: "b1", asBuilt: null }, "built");
    assert.deepEqual(drafts.visitPayload(draft), drafts.visitPayload(structuredClone(draft)));
  });
});

describe("photos taken during the visit", () => {
  it("go to the element, to the addition's new element id, or to the visit itself", () => {
    const draft = draftWith();
    drafts.setStatus(draft, { id: "b1", asBuilt: null }, "built");
    drafts.setStatus(draft, { id: "t1", asBuilt: null }, "missing");
    drafts.addAddition(draft, "k1");
    drafts.addAddition(draft, "k2");
    const visit = {
      id: "visit-1",
      observations: [{ element_id: "b1" }, { element_id: "t1" }, { element_id: "new-1" }, { element_id: "new-2" }],
    };
    const targets = drafts.photoTargets(draft, visit);
    assert.deepEqual(
      [...targets],
      [
        ["visit", null],
        ["b1", "b1"],
        ["t1", "t1"],
        ["k1", "new-1"],
        ["k2", "new-2"],
      ],
    );
  });

  it("leave an addition the server did not return without a target", () => {
    const draft = draftWith();
    drafts.addAddition(draft, "k1");
    assert.equal(drafts.photoTargets(draft, { observations: [] }).has("k1"), false);
  });
});
