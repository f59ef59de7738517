// Choosing the site among the polygons of an uploaded file (static/js/workshop/map/site-choice.js), as the new-workshop
// page does with the answer of POST /api/sites/parse.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { SiteChoice } from "../../../static/js/workshop/map/site-choice.js";

const PARK = {
  type: "Polygon",
  coordinates: [
    [
      [76.95, 43.26],
      [76.95, 43.25],
      [76.96, 43.25],
      [76.95, 43.26],
    ],
  ],
};
const YARDS = { type: "MultiPolygon", coordinates: [PARK.coordinates] };
const TWO = {
  boundary: PARK,
  name: "Panfilov Park",
  area_m2: 439183.2,
  candidates: [
    { boundary: PARK, name: "Panfilov Park", area_m2: 439183.2 },
    { boundary: YARDS, name: null, area_m2: 27071.6 },
  ],
  skipped: [{ name: "Bow tie", reason: "self-intersection" }],
};

describe("SiteChoice", () => {
  test("the largest polygon is chosen at first, and every candidate is listed largest first", () => {
    const choice = new SiteChoice(TWO, "sites.kml");
    assert.equal(choice.chosen.boundary, PARK);
    assert.equal(choice.hasChoice, true);
    assert.deepEqual(
      choice.items().map((item) => [item.index, item.name, item.areaM2, item.chosen]),
      [
        [0, "Panfilov Park", 439183.2, true],
        [1, null, 27071.6, false],
      ],
    );
    assert.equal(choice.skipped, 1);
  });

  test("choosing another moves the highlight and the boundary; an index that is none changes nothing", () => {
    const choice = new SiteChoice(TWO);
    assert.equal(choice.choose(1), true);
    assert.equal(choice.chosen.boundary, YARDS);
    assert.deepEqual(
      choice.items().map((item) => item.chosen),
      [false, true],
    );
    for (const wrong of [2, -1, 0.5, "x", undefined]) assert.equal(choice.choose(wrong), false);
    assert.equal(choice.chosen.boundary, YARDS);
    assert.equal(choice.choose("0"), true); // a data-index read back from the page is a string
    assert.equal(choice.chosen.boundary, PARK);
  });

  test("a pick fills the site name only when it is empty or still the name an earlier pick wrote", () => {
    const choice = new SiteChoice(TWO);
    assert.equal(choice.siteNameFor(""), "Panfilov Park");
    choice.choose(1);
    assert.equal(choice.siteNameFor("Panfilov Park"), "Panfilov Park"); // an unnamed polygon leaves it be
    const named = new SiteChoice({
      ...TWO,
      candidates: [TWO.candidates[0], { ...TWO.candidates[1], name: "Two yards" }],
    });
    assert.equal(named.siteNameFor("  "), "Panfilov Park");
    named.choose(1);
    assert.equal(named.siteNameFor("Panfilov Park"), "Two yards");
    assert.equal(named.siteNameFor("Courtyard, Abay 150"), "Courtyard, Abay 150"); // typed by the person: kept
  });

  test("an answer without candidates stands as its one boundary", () => {
    const choice = new SiteChoice({ boundary: PARK, name: "  ", area_m2: 10 });
    assert.equal(choice.hasChoice, false);
    assert.deepEqual(choice.items(), [
      { index: 0, boundary: PARK, name: null, areaM2: 10, simplifiedM: null, chosen: true },
    ]);
    assert.equal(choice.simplifiedM, null);
  });

  test("a polygon the server simplified to fit a site says by how much, and the file by the most", () => {
    const choice = new SiteChoice({
      ...TWO,
      candidates: [
        { ...TWO.candidates[0], simplified_m: 0.05 },
        { ...TWO.candidates[1], simplified_m: null },
        { boundary: PARK, name: "Detailed", area_m2: 100, simplified_m: 0.2 },
      ],
    });
    assert.deepEqual(
      choice.items().map((item) => item.simplifiedM),
      [0.05, null, 0.2],
    );
    assert.equal(choice.simplifiedM, 0.2);
    assert.equal(new SiteChoice(TWO).simplifiedM, null); // an older server's answer, without the key
  });
});
