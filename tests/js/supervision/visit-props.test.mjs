// The as-built props of a visit (static/js/supervision/visit-props.js through the form's model and draft): which
// fields a card offers, what they start from, what is kept as typed, what stops the visit and what it sends.
import { memoryStorage, sampleProject } from "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  emptyDraft,
  loadDraft,
  storeDraft,
  validateDraft,
  visitPayload,
} from "../../../static/js/supervision/visit-draft.js";
import { VisitModel } from "../../../static/js/supervision/visit-model.js";
import { observedFields } from "../../../static/js/supervision/visit-props.js";

const HERE = { type: "Point", coordinates: [76.95, 43.26] };

/** The sample project, its tree planned as a group of 12 elms and observed once as 10 with no props. */
function project() {
  const summary = sampleProject();
  summary.plan.find((element) => element.element_id === "t1").props = { species: "Elm", count: 12 };
  summary.plan.push({
    element_id: "l1",
    kind: "bike_lane",
    geometry: {
      type: "LineString",
      coordinates: [
        [76.95, 43.26],
        [76.951, 43.26],
      ],
    },
    note: "",
    status: "planned",
    as_built: null,
    deviation: null,
    props: { facility: "separated" },
  });
  return summary;
}

function modelOf(summary = project()) {
  const model = new VisitModel(emptyDraft({ id: "visit-1", date: "2027-06-02" }));
  model.setProject(summary);
  return model;
}

const fieldsOf = (view) => view.form.map((field) => [field.name, field.value]);

describe("the as-built props of a visit", () => {
  it("offer the kind's fields except the count, which the card's own count field says", () => {
    assert.deepEqual(
      observedFields("tree").map((field) => field.name),
      ["species"],
    );
    assert.deepEqual(observedFields("bench"), []);
    assert.deepEqual(
      observedFields("bike_lane").map((field) => field.name),
      ["facility", "two_way"],
    );
  });

  it("start from the plan's props, then from the latest visit's", () => {
    const model = modelOf();
    model.setStatus("t1", "built");
    assert.deepEqual(fieldsOf(model.propsView("t1")), [["species", "Elm"]]);
    const observed = project();
    observed.visits[0].observations[0].props = { species: "Oak" };
    const later = modelOf(observed);
    later.setStatus("t1", "built");
    assert.deepEqual(fieldsOf(later.propsView("t1")), [["species", "Oak"]]);
  });

  it("say nothing until a field is changed; then every field is sent, from what was known", () => {
    const model = modelOf();
    model.setStatus("t1", "built");
    model.setStatus("l1", "built");
    let sent = visitPayload(model.draft).observations;
    assert.equal(
      sent.some((observation) => "props" in observation),
      false,
    );
    assert.equal(model.setProp("l1", "two_way", true), null);
    assert.equal(model.setProp("t1", "species", "Karagach "), null);
    model.draft.observations.t1.count = 11;
    sent = visitPayload(model.draft).observations;
    assert.deepEqual(sent.find((observation) => observation.element_id === "l1").props, {
      facility: "separated",
      two_way: true,
    });
    const tree = sent.find((observation) => observation.element_id === "t1");
    assert.deepEqual(
      [tree.count, tree.props],
      [11, { species: "Karagach" }],
      "the count alive is the observation's count",
    );
  });

  it("keep what is typed in the stored draft, and a wrong value stops the visit at its card", () => {
    const storage = memoryStorage();
    const model = modelOf();
    model.setStatus("l1", "built");
    assert.deepEqual(model.setProp("l1", "facility", "lava"), { key: "props.error.choice", vars: {} });
    assert.deepEqual(validateDraft(model.draft), { detail: "sv.form.props_invalid", key: "l1" });
    storeDraft("p1", model.draft, storage);
    const restored = new VisitModel(loadDraft("p1", storage));
    restored.setProject(project());
    assert.deepEqual(Object.keys(restored.propsView("l1").errors), ["facility"], "shown again after a reload");
    assert.equal(restored.setProp("l1", "facility", "shared"), null);
    assert.equal(validateDraft(restored.draft), null);
  });

  it("of an addition start empty, and go when it becomes another kind", () => {
    const model = modelOf();
    const addition = model.addAddition("k1");
    addition.asBuilt = HERE;
    assert.deepEqual(fieldsOf(model.propsView("k1")), [["species", ""]]);
    model.setProp("k1", "species", "Birch");
    assert.deepEqual(visitPayload(model.draft).observations.at(-1).props, { species: "Birch" });
    model.changeAdditionKind(addition, "sign");
    assert.equal(visitPayload(model.draft).observations.at(-1).props, undefined);
    assert.deepEqual(
      fieldsOf(model.propsView("k1")).map(([name]) => name),
      ["text", "bearing", "sign_type"],
    );
  });

  it("of an unchecked element or a kind without props offer nothing", () => {
    const model = modelOf();
    assert.deepEqual(model.propsView("t1").form, []);
    model.setStatus("b1", "built");
    assert.deepEqual(model.propsView("b1").form, []);
  });
});
