// How detailed a site boundary may be, on the new-workshop page as on the server: every row of
// tests/data/site-vertices.json, which tests/core/test_site_vertices.py checks against cowork/core/geo.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import { BoundaryError, checkSiteVertices } from "../../../static/js/shared/map/geojson.js";

const TABLE = JSON.parse(readFileSync(new URL("../../data/site-vertices.json", import.meta.url), "utf-8"));

/** A closed regular ring of `positions` positions (the closing one counted), as the pytest builds it. */
function regularRing(lon, lat, radius, positions) {
  const corners = positions - 1;
  const ring = Array.from({ length: corners }, (_, i) => [
    lon + (radius / Math.cos((lat * Math.PI) / 180)) * Math.cos((2 * Math.PI * i) / corners),
    lat + radius * Math.sin((2 * Math.PI * i) / corners),
  ]);
  return [...ring, ring[0]];
}

function boundary(row) {
  const polygons = row.polygons.map((sizes, k) =>
    sizes.map((n, j) => regularRing(76.95 + 0.01 * k, 43.25, j === 0 ? 0.0015 : 0.0005, n)),
  );
  return row.type === "Polygon"
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

describe("the shared table of site vertices", () => {
  it("allows or refuses each row's boundary as the server does", () => {
    for (const row of TABLE.rows) {
      const geometry = boundary(row);
      if (row.allowed) {
        assert.equal(checkSiteVertices(geometry), geometry, row.about);
        continue;
      }
      const count = row.polygons.flat().reduce((total, n) => total + n, 0);
      assert.throws(
        () => checkSiteVertices(geometry),
        (error) =>
          error instanceof BoundaryError &&
          error.code === "site_vertices" &&
          error.params.count === count &&
          error.params.max === TABLE.cap,
        row.about,
      );
    }
  });

  it("holds the cap facts.js shares, right at it and one over, for both kinds of site", () => {
    assert.equal(FACTS.limits.site_vertices, TABLE.cap);
    for (const type of ["Polygon", "MultiPolygon"]) {
      const at = (n) =>
        TABLE.rows.filter((row) => row.type === type && row.polygons.flat().reduce((a, b) => a + b, 0) === n);
      assert.ok(at(TABLE.cap).every((row) => row.allowed) && at(TABLE.cap).length, type);
      assert.ok(at(TABLE.cap + 1).every((row) => !row.allowed) && at(TABLE.cap + 1).length, type);
    }
  });
});
