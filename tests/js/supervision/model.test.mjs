// Reading a project summary (static/js/supervision/model.js): names people can tell apart, latest counts,
// sign-offs per element.
import { sampleProject } from "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { additionName, elementIndex, elementsOf, elementTitle } from "../../../static/js/supervision/model.js";

describe("elementsOf", () => {
  it("lists plan elements in plan order, then unplanned additions", () => {
    const items = elementsOf(sampleProject());
    assert.deepEqual(
      items.map((item) => [item.id, item.unplanned]),
      [
        ["b1", false],
        ["b2", false],
        ["t1", false],
        ["g1", false],
        ["a1", true],
      ],
    );
  });

  it("numbers kinds that occur more than once, separately for the plan and for additions", () => {
    const names = elementsOf(sampleProject()).map((item) => item.name);
    assert.deepEqual(names, ["Bench 1", "Bench 2", "Tree", "Green area", "Unplanned bench"]);
  });

  it("carries the design, the latest status, shape, deviation and measure", () => {
    const [bench, , tree, lawn, addition] = elementsOf(sampleProject());
    assert.equal(bench.status, "built");
    assert.deepEqual(bench.asBuilt, { type: "Point", coordinates: [76.95207, 43.2604] });
    assert.deepEqual(bench.deviation, { offset_m: 5.7, flagged: true });
    assert.deepEqual(tree.measure, {}, "a missing measure reads as none");
    assert.deepEqual(lawn.measure, { area_m2: 7217 });
    assert.equal(addition.design, null);
    assert.equal(addition.status, "built", "an addition's status is its effective status");
    assert.equal(addition.deviation, null);
    assert.equal(addition.note, "Extra");
  });

  it("takes the count of the latest visit (visits come newest first), even a count of 0", () => {
    const items = new Map(elementsOf(sampleProject()).map((item) => [item.id, item]));
    assert.equal(items.get("t1").count, 0);
    assert.equal(items.get("b1").count, null, "an observation without a count says nothing about it");
    assert.equal(items.get("b2").count, null, "never observed");
  });

  it("gathers each element's sign-offs, not those of visits", () => {
    const items = new Map(elementsOf(sampleProject()).map((item) => [item.id, item]));
    assert.deepEqual(
      items.get("b1").signoffs.map((signoff) => signoff.id),
      ["s1", "s3"],
    );
    assert.deepEqual(items.get("t1").signoffs, []);
  });

  it("reads a summary without visits, additions or sign-offs", () => {
    const project = sampleProject();
    delete project.visits;
    delete project.additions;
    delete project.signoffs;
    const items = elementsOf(project);
    assert.equal(items.length, 4);
    assert.ok(items.every((item) => item.count === null && item.signoffs.length === 0));
  });
});

describe("names in sentences", () => {
  it("names an addition from its kind, starting with a capital", () => {
    assert.equal(additionName("Bench 2"), "Unplanned bench 2");
    assert.equal(additionName("Green area"), "Unplanned green area");
  });

  it("adds a plan element's note to its name, never an addition's", () => {
    const items = elementIndex(sampleProject());
    assert.equal(elementTitle(items.get("t1")), "Tree (Oak)");
    assert.equal(elementTitle(items.get("b1")), "Bench 1");
    assert.equal(elementTitle(items.get("a1")), "Unplanned bench");
  });

  it("indexes every element by its id", () => {
    const index = elementIndex(sampleProject());
    assert.deepEqual([...index.keys()], ["b1", "b2", "t1", "g1", "a1"]);
    assert.equal(index.get("b2").note, "By the pond");
  });
});

describe("props of a plan element", () => {
  it("are what the latest visit that said any found, over the plan's field by field; the plan's stay apart", () => {
    const project = sampleProject();
    project.plan.find((e) => e.element_id === "t1").props = { species: "Oak", count: 12 };
    project.visits[0].observations[0].props = { species: "Quercus robur" }; // the newest visit says only the species
    const tree = elementsOf(project).find((item) => item.id === "t1");
    assert.deepEqual(tree.props, { species: "Quercus robur", count: 12 });
    assert.deepEqual(tree.planProps, { species: "Oak", count: 12 });
    assert.equal(tree.count, 0);
  });
});
