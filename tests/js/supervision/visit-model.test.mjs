// The visit form's view-model (static/js/supervision/visit-model.js): filters, options, what a card shows,
// sending and retrying.
import { sampleProject } from "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FACTS } from "../../../static/js/shared/facts.js";
import { emptyDraft, setShape } from "../../../static/js/supervision/visit-draft.js";
import { FILTERS, isPointKind, VisitModel } from "../../../static/js/supervision/visit-model.js";

const HERE = { type: "Point", coordinates: [76.95, 43.26] };
const LINE = {
  type: "LineString",
  coordinates: [
    [76.95, 43.26],
    [76.951, 43.26],
  ],
};

function modelOf(project = sampleProject(), draft = emptyDraft({ id: "visit-1", date: "2027-06-02" })) {
  const model = new VisitModel(draft);
  model.setProject(project);
  return model;
}

const ids = (items) => items.map((item) => item.id);

describe("the project behind the form", () => {
  it("lists the plan and the additions of the summary", () => {
    assert.deepEqual(ids(modelOf().elements), ["b1", "b2", "t1", "g1", "a1"]);
  });

  it("asks for a redraw only when an element's status or shape changed", () => {
    const project = sampleProject();
    const model = new VisitModel(emptyDraft());
    assert.equal(model.setProject(project), true, "the first summary is always drawn");
    assert.equal(model.setProject(sampleProject()), false, "the same elements: the focus stays where it is");
    const photoAdded = sampleProject();
    photoAdded.visits[0].photos.push({ id: "ph1" });
    assert.equal(model.setProject(photoAdded), false);
    const changed = sampleProject();
    changed.plan[1].status = "in_progress";
    assert.equal(model.setProject(changed), true);
    const measured = sampleProject();
    measured.plan[1].status = "in_progress";
    measured.plan[1].as_built = HERE;
    assert.equal(model.setProject(measured), true);
  });

  it("drops observations of elements that are gone", () => {
    const draft = emptyDraft();
    draft.observations = { b1: { status: "built" }, x9: { status: "missing" } };
    modelOf(sampleProject(), draft);
    assert.deepEqual(Object.keys(draft.observations), ["b1"]);
  });
});

describe("filters", () => {
  it("are all, open and checked, in that order", () => {
    assert.deepEqual(FILTERS, ["all", "open", "checked"]);
  });

  it("show everything, what is not built yet (or checked now), or only what was checked", () => {
    const model = modelOf();
    model.setStatus("b1", "built");
    assert.deepEqual(ids(model.visibleElements()), ["b1", "b2", "t1", "g1", "a1"]);
    model.filter = "open";
    // b1 is built but checked on this visit; g1 (built with deviation) and a1 (built) are done.
    assert.deepEqual(ids(model.visibleElements()), ["b1", "b2", "t1"]);
    model.filter = "checked";
    assert.deepEqual(ids(model.visibleElements()), ["b1"]);
  });

  it("go back to all when a hidden card must be shown", () => {
    const model = modelOf();
    assert.equal(model.showAll(), false);
    model.filter = "checked";
    assert.equal(model.showAll(), true);
    assert.equal(model.filter, "all");
  });
});

describe("what a card offers", () => {
  it("lets a plan element stay unchecked, an addition not", () => {
    const model = modelOf();
    const planOptions = model.statusOptions(null);
    assert.deepEqual(
      planOptions.map((option) => option.value),
      ["", ...FACTS.statuses],
    );
    assert.deepEqual(
      planOptions.filter((option) => option.selected).map((option) => option.value),
      [""],
    );
    const addition = model.addAddition("k1");
    const additionOptions = model.statusOptions(addition, { addition: true });
    assert.deepEqual(
      additionOptions.map((option) => option.value),
      FACTS.statuses,
    );
    assert.deepEqual(
      additionOptions.filter((option) => option.selected).map((option) => option.value),
      ["built"],
    );
  });

  it("offers every kind for an addition, its own selected", () => {
    const model = modelOf();
    const addition = model.addAddition("k1");
    addition.kind = "bench";
    const options = model.kindOptions(addition);
    assert.deepEqual(
      options.map((option) => option.value),
      Object.keys(FACTS.kinds),
    );
    assert.deepEqual(
      options.filter((option) => option.selected).map((option) => option.value),
      ["bench"],
    );
  });

  it("counts and locates points, draws lines and areas", () => {
    assert.equal(isPointKind("tree"), true);
    assert.equal(isPointKind("path"), false);
    assert.equal(isPointKind("green_area"), false);
    assert.equal(isPointKind("unknown"), false);
    const model = modelOf();
    assert.deepEqual(model.detailsView("bench", { status: "built", asBuilt: null }), {
      count: true,
      shape: true,
      locate: true,
      clear: false,
      busy: false,
      source: "none",
    });
    assert.deepEqual(model.detailsView("path", { status: "in_progress", asBuilt: LINE, asBuiltSource: "drawn" }), {
      count: false,
      shape: true,
      locate: false,
      clear: true,
      busy: false,
      source: "drawn",
    });
  });

  it("shows no shape for a status without one, except on an addition", () => {
    const model = modelOf();
    assert.equal(model.detailsView("bench", { status: "missing", asBuilt: null }).shape, false);
    assert.equal(model.detailsView("bench", { status: "planned", asBuilt: null }).shape, false);
    assert.equal(model.detailsView("bench", { status: "missing", asBuilt: null }, { addition: true }).shape, true);
  });

  it("holds the shape buttons while GPS fixes are being collected", () => {
    const collecting = { done: 2, total: 5 };
    assert.equal(modelOf().detailsView("bench", { status: "built", asBuilt: null }, { collecting }).busy, true);
  });
});

describe("changes", () => {
  it("keep an addition's shape when its new kind is drawn the same way, drop it otherwise", () => {
    const model = modelOf();
    const addition = model.addAddition("k1");
    setShape(addition, HERE, "drawn");
    model.changeAdditionKind(addition, "bench");
    assert.equal(addition.kind, "bench");
    assert.equal(addition.asBuilt, HERE);
    model.changeAdditionKind(addition, "path");
    assert.equal(addition.kind, "path");
    assert.equal(addition.asBuilt, null);
    assert.equal(addition.asBuiltSource, null);
  });

  it("remove an addition", () => {
    const model = modelOf();
    const addition = model.addAddition("k1");
    assert.equal(model.addition("k1"), addition);
    model.removeAddition(addition);
    assert.equal(model.addition("k1"), undefined);
    assert.equal(model.checkedCount(), 0);
  });

  it("count what waits to be sent", () => {
    const model = modelOf();
    model.setStatus("b1", "built");
    model.setStatus("t1", "missing");
    model.addAddition("k1");
    assert.equal(model.checkedCount(), 3);
    model.setStatus("t1", "");
    assert.equal(model.checkedCount(), 2);
  });
});

describe("the draft's shapes on the map", () => {
  it("are those measured on this visit with a status that carries them, and the additions' shapes", () => {
    const model = modelOf();
    model.setStatus("b1", "built"); // keeps the previous shape: already on the map as built
    setShape(model.setStatus("b2", "built"), HERE, "gps", { fixes: 5, accuracy: 4 });
    setShape(model.setStatus("t1", "missing"), HERE, "drawn"); // not sent, so not shown
    const addition = model.addAddition("k1");
    addition.kind = "path";
    setShape(addition, LINE, "drawn");
    model.addAddition("k2"); // no shape yet
    assert.deepEqual(model.draftShapes(), [
      { kind: "bench", geometry: HERE },
      { kind: "path", geometry: LINE },
    ]);
  });
});

describe("sending", () => {
  it("refuses a draft that cannot go, saying why", () => {
    const model = modelOf(sampleProject(), emptyDraft({ id: "visit-1", date: "" }));
    assert.deepEqual(model.validate(), { detail: "sv.form.date_required", field: "date" });
    model.refuse("A date is needed.");
    assert.deepEqual(model.submitView(), {
      disabled: false,
      label: "submit",
      error: { offline: false, error: { code: "invalid", detail: "A date is needed." } },
    });
  });

  it("sends the draft once at a time and keeps it, with its id, when the network fails", () => {
    const model = modelOf();
    model.setStatus("b2", "missing");
    assert.deepEqual(model.submitView(), { disabled: false, label: "submit", error: null });
    const first = model.beginSend();
    assert.equal(first.id, "visit-1");
    assert.deepEqual(model.submitView(), { disabled: true, label: "submitting", error: null });
    const offline = { code: "network" };
    model.sendFailed(offline);
    assert.deepEqual(model.submitView(), { disabled: false, label: "retry", error: { offline: true, error: offline } });
    const again = model.beginSend();
    assert.deepEqual(again, first, "the same visit again: the server answers with the one first recorded");
    assert.equal(model.sendError, null);
  });

  it("shows a refusal of the server as an error, not as offline", () => {
    const model = modelOf();
    model.beginSend();
    const refused = { code: "outside_site", detail: "Observation 1: outside" };
    model.sendFailed(refused);
    assert.deepEqual(model.submitView(), {
      disabled: false,
      label: "submit",
      error: { offline: false, error: refused },
    });
  });

  it("starts a fresh draft once the server has the visit, and says where the photos go", () => {
    const model = modelOf();
    model.setStatus("b2", "missing");
    model.addAddition("k1");
    const sent = model.draft;
    model.beginSend();
    const visit = { id: "visit-1", date: "2027-06-02", observations: [{ element_id: "b2" }, { element_id: "new-1" }] };
    const targets = model.saved(visit);
    assert.equal(targets.get("k1"), "new-1");
    assert.equal(targets.get("b2"), "b2");
    assert.equal(model.result, visit);
    assert.equal(model.sending, false);
    assert.notEqual(model.draft, sent);
    assert.notEqual(model.draft.id, "visit-1");
    assert.equal(model.checkedCount(), 0);
    model.startNew();
    assert.equal(model.result, null);
    assert.equal(model.sendError, null);
  });
});
