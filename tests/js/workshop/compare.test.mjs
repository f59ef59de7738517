// Whether the server's element already carries a change we sent (static/js/workshop/sync/compare.js): a resent update
// answered `conflict` with exactly our change is a success.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { sameGeometry, updateAlreadyApplied } from "../../../static/js/workshop/sync/compare.js";
import { element, point, square } from "./fakes.mjs";

describe("sameGeometry", () => {
  test("equal when the positions agree at the server's 7 decimals", () => {
    assert.ok(sameGeometry(point(76.91234561, 43.2), point(76.91234564, 43.2)));
    assert.ok(!sameGeometry(point(76.9123456, 43.2), point(76.9123466, 43.2)));
  });

  test("a ring re-oriented or restarted elsewhere by the server is still the same shape", () => {
    const ring = square().coordinates[0];
    const reversed = { type: "Polygon", coordinates: [[...ring].reverse()] };
    const restarted = { type: "Polygon", coordinates: [[...ring.slice(2, -1), ...ring.slice(0, 3)]] };
    assert.ok(sameGeometry(square(), reversed));
    assert.ok(sameGeometry(square(), restarted));
  });

  test("different types, sizes or missing geometries are not the same", () => {
    assert.ok(!sameGeometry(point(), { type: "MultiPoint", coordinates: [point().coordinates] }));
    assert.ok(!sameGeometry(square(), square(76.9, 43.2, 0.002)));
    assert.ok(!sameGeometry(null, point()));
    assert.ok(!sameGeometry(point(), undefined));
  });
});

describe("updateAlreadyApplied", () => {
  const server = element("e1", { kind: "bench", note: "by the pond ", geometry: point(1, 2) });

  test("every field sent is what the server holds (notes compared trimmed)", () => {
    assert.ok(
      updateAlreadyApplied(
        { id: "e1", base_version: 1, kind: "bench", note: "by the pond", geometry: point(1, 2) },
        server,
      ),
    );
    assert.ok(updateAlreadyApplied({ id: "e1", base_version: 1 }, server), "an update of nothing is trivially there");
  });

  test("any field that differs means someone else's change", () => {
    assert.ok(!updateAlreadyApplied({ id: "e1", kind: "tree" }, server));
    assert.ok(!updateAlreadyApplied({ id: "e1", note: "elsewhere" }, server));
    assert.ok(!updateAlreadyApplied({ id: "e1", geometry: point(1, 3) }, server));
  });

  test("an emptied note matches a server note that is missing or blank", () => {
    assert.ok(updateAlreadyApplied({ id: "e1", note: "" }, { ...server, note: null }));
    assert.ok(updateAlreadyApplied({ id: "e1", note: "" }, { ...server, note: "  " }));
  });
});
