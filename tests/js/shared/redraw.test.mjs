// Drawing again only when a view changed (static/js/shared/redraw.js): views compared whole and by value, a copy
// kept of the one drawn, and any change anywhere in a view drawn, so no input of a renderer can be forgotten.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Redraw, sameData } from "../../../static/js/shared/redraw.js";
import { changes } from "./changes.mjs";

/** A view as the console's parts get them: Maps of designs, lists, nested objects, null and booleans. */
function sampleView() {
  return {
    phase: "voting",
    canModerate: true,
    shownId: null,
    designs: new Map([
      ["d1", { id: "d1", title: "Shade", colour_index: 0, authors: [{ participant_id: "p1", name: "Aigerim" }] }],
      ["d2", { id: "d2", title: "Lawn", colour_index: 1, authors: [], hidden: true, hidden_reason: "spam" }],
    ]),
    counts: new Map([["d1", 3]]),
    tallies: { d1: 4, d2: 0 },
    comments: [{ id: "c1", text: "Nice", author_id: "p2", created_at: "2027-05-01T10:00:00Z", pending: false }],
  };
}

describe("sameData", () => {
  test("compares plain data by value", () => {
    assert.ok(sameData(sampleView(), sampleView()));
    assert.ok(sameData(Number.NaN, Number.NaN));
    assert.ok(sameData(new Date(5), new Date(5)));
    assert.ok(sameData(new Set(["a"]), new Set(["a"])));
  });

  test("tells apart what a page would show differently", () => {
    assert.ok(!sameData([1, 2], [2, 1]), "order of a list");
    assert.ok(
      !sameData(
        new Map([
          ["a", 1],
          ["b", 2],
        ]),
        new Map([
          ["b", 2],
          ["a", 1],
        ]),
      ),
      "order of a Map",
    );
    assert.ok(!sameData({ a: 1 }, { a: 1, b: undefined }), "a field more, even undefined");
    assert.ok(!sameData({ a: 1 }, new Map([["a", 1]])), "an object is not a Map");
    assert.ok(!sameData([], {}), "a list is not an object");
    assert.ok(!sameData(null, {}), "null is not an empty object");
    assert.ok(!sameData(0, "0"));
    assert.ok(!sameData(new Date(5), new Date(6)));
    assert.ok(!sameData(new Set(["a"]), ["a"]));
  });
});

describe("Redraw", () => {
  test("draws the first view, not an equal one, and again after forget()", () => {
    const drawn = [];
    const redraw = new Redraw((view) => drawn.push(view));
    assert.equal(redraw.update(sampleView()), true);
    assert.equal(redraw.update(sampleView()), false);
    redraw.forget();
    assert.equal(redraw.update(sampleView()), true);
    assert.equal(drawn.length, 2);
  });

  test("keeps a copy: a view changed in place after it was drawn is drawn again", () => {
    const redraw = new Redraw(() => {});
    const view = sampleView();
    redraw.update(view);
    view.designs.get("d1").title = "Shade trees";
    assert.equal(redraw.update(view), true);
  });

  test("refuses a view that is not plain data (a function has no value to compare)", () => {
    const redraw = new Redraw(() => {});
    assert.throws(() => redraw.update({ onClick: () => {} }), { name: "DataCloneError" });
  });

  test("draws again for every change anywhere in a view, and for nothing else", () => {
    const view = sampleView();
    let count = 0;
    for (const [path, changed] of changes(view)) {
      const redraw = new Redraw(() => {});
      redraw.update(view);
      assert.equal(redraw.update(changed), true, `a change of ${path.join(".")} is drawn`);
      assert.equal(redraw.update(structuredClone(changed)), false, `the same view again after ${path.join(".")}`);
      count += 1;
    }
    assert.ok(count > 20, `only ${count} changes tried`);
  });
});
