// The city map's view-model (static/js/city/model.js), fed by a GET /api/city answer in the contract's shape
// (tests/js/city/fixture.json): layers and their switches, shape styles, figures, lists and the chart.
import "../shared/page-language.mjs";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  bearingText,
  cycleFigures,
  defaultLayers,
  gapHitStyle,
  generatedText,
  greenChart,
  greenRows,
  laneStyle,
  layerSwitches,
  LAYER_KEYS,
  projectRows,
  shapeInfo,
  signFigures,
  signMarker,
  siteStyle,
  summaryText,
  toggled,
} from "../../../static/js/city/model.js";

const city = () => JSON.parse(readFileSync(new URL("./fixture.json", import.meta.url), "utf-8"));

describe("the layer switches", () => {
  it("start with every layer on, in map order, each with its count and key", () => {
    const switches = layerSwitches(city(), defaultLayers());
    assert.deepEqual(
      switches.map((s) => s.key),
      ["sites", "plans", "cycle", "gaps", "green", "signs"],
    );
    assert.ok(switches.every((s) => s.on));
    assert.deepEqual(
      switches.map((s) => s.count),
      [2, 2, 2, 2, 2, 3],
    );
    assert.equal(switches[2].label, "Cycle network");
    const cycleKey = switches[2].legend.map((item) => [item.label, item.dashed || false]);
    assert.deepEqual(cycleKey.slice(0, 5), [
      ["Proposed", true],
      ["Planned", false],
      ["In progress", false],
      ["Built", false],
      ["Built with deviation", false],
    ]);
    assert.deepEqual(
      switches[2].legend.slice(5).map((item) => item.label),
      ["Separated track", "Painted lane", "Shared with traffic"],
    );
    assert.deepEqual(
      switches[0].legend.map((item) => item.label),
      ["Setup", "Sketching", "Voting", "Closed"],
    );
  });

  it("turn one layer off and on again, leaving the others as they were", () => {
    const off = toggled(defaultLayers(), "gaps");
    assert.equal(off.gaps, false);
    assert.deepEqual(
      LAYER_KEYS.filter((key) => !off[key]),
      ["gaps"],
    );
    assert.equal(layerSwitches(city(), off)[3].on, false);
    assert.deepEqual(toggled(off, "gaps"), defaultLayers());
    assert.deepEqual(toggled(off, "nonsense"), off, "an unknown layer changes nothing");
  });
});

describe("the shapes' styles", () => {
  it("give a gap a fingertip-wide invisible line to tap", () => {
    const hit = gapHitStyle();
    assert.ok(hit.weight >= 24, "as wide as a fingertip");
    assert.equal(hit.opacity, 0);
  });

  it("draw a lane in its status colour, as wide as its facility, proposed lanes dashed", () => {
    const [built, proposed] = city().map.cycle_lanes.features.map((f) => laneStyle(f.properties));
    assert.equal(built.color, "#2e7d32");
    assert.equal(built.dashArray, null);
    assert.ok(built.weight > proposed.weight, "a separated track is drawn wider than a painted lane");
    assert.ok(proposed.dashArray);
    assert.notEqual(proposed.color, built.color);
  });

  it("dash the outline of a site still being designed, not of a closed one", () => {
    assert.equal(siteStyle("closed").dashArray, null);
    assert.ok(siteStyle("sketching").dashArray);
    assert.notEqual(siteStyle("closed").color, siteStyle("sketching").color);
  });

  it("turn a sign's arrow to its bearing and mark those to review", () => {
    const [river, , park] = city().map.signs.features.map((f) => signMarker(f.properties));
    assert.equal(river.rotation, 270);
    assert.equal(river.review, true);
    assert.equal(park.review, false);
    assert.equal(river.label, "“To the river”, arrow to 270° (west)");
    assert.equal(signMarker({ text: "Map" }).rotation, null, "a sign without a bearing has no arrow");
    assert.equal(bearingText(359), "arrow to 359° (north)");
    assert.equal(bearingText(44), "arrow to 44° (north-east)");
  });
});

describe("the tooltips", () => {
  it("link a project's shapes to its public progress page", () => {
    const info = shapeInfo(city(), "cycle", city().map.cycle_lanes.features[0].properties);
    assert.deepEqual(info.link, { href: "/p/p1", text: "Progress of “Alley of oaks”" });
    assert.deepEqual(info.details, ["Built", "Separated track", "87.3 m", "Two-way"]);
    assert.equal(
      shapeInfo(city(), "cycle", city().map.cycle_lanes.features[1].properties).link,
      null,
      "a proposed lane has no project",
    );
  });

  it("say a tree group's count and a closed site's results", () => {
    const tree = shapeInfo(city(), "green", city().map.green.features[0].properties);
    assert.deepEqual(tree.details, ["Built", "Oak", "5 trees"]);
    const site = shapeInfo(city(), "sites", city().sites[0]);
    assert.deepEqual(site.link, { href: "/w/w1/results", text: "Results of the workshop" });
    assert.equal(shapeInfo(city(), "sites", city().sites[1]).link, null);
  });
});

describe("the cycle network's figures", () => {
  it("give the lengths by status and facility with the shared rounding", () => {
    const figures = cycleFigures(city());
    assert.deepEqual(
      figures.byStatus.map((row) => [row.key, row.text]),
      [
        ["proposed", "412.3 m"],
        ["planned", "1,235 m"],
        ["in_progress", "0 m"],
        ["built", "87.3 m"],
        ["built_with_deviation", "0 m"],
      ],
    );
    assert.deepEqual(
      figures.byFacility.map((row) => row.text),
      ["1,322 m", "412.3 m", "0 m"],
    );
    assert.equal(figures.totalText, "1,734 m");
    assert.equal(figures.partsText, "2 connected parts");
  });

  it("list the gaps nearest first, numbered, with the parts they join", () => {
    const { gaps, gapsText } = cycleFigures(city());
    assert.deepEqual(
      gaps.map((gap) => [gap.number, gap.distance_m, gap.text]),
      [
        [1, 40.5, "Parts 1 and 3: 40.5 m"],
        [2, 121.6, "Parts 1 and 2: 121.6 m"],
      ],
    );
    assert.deepEqual(gaps[0].a, [76.951, 43.261]);
    assert.equal(gapsText, "2 gaps of up to 150 m between parts, nearest first");
    const none = city();
    none.cycle_network.gaps = [];
    assert.equal(cycleFigures(none).gapsText, "No gaps of up to 150 m between parts.");
  });
});

describe("the green figures", () => {
  it("write the city's totals with the shortfall marked: required less what is alive, as the server counts it", () => {
    const rows = greenRows(city().green);
    assert.deepEqual(
      rows.map((row) => [row.key, row.trees, row.area]),
      [
        ["required", "14", "1,800 m²"],
        ["planted", "12", "1,300 m²"],
        ["alive", "10", "1,250 m²"],
        ["shortfall", "4", "550 m²"],
      ],
    );
    assert.equal(rows[3].treesShort, true);
    assert.equal(rows[3].areaShort, true);
  });

  it("list projects with a shortfall first, then by title, each linking to its progress page", () => {
    const rows = projectRows(city());
    assert.deepEqual(
      rows.map((row) => [row.title, row.shortfall]),
      [
        ["Alley of oaks", true],
        ["Birch corner", true],
        ["Zelenyi kvartal", false],
      ],
    );
    assert.equal(rows[0].url, "/p/p1");
    assert.equal(rows[0].shortfallText, "4 trees, 300 m²");
    assert.equal(rows[1].shortfallText, "200 m²");
    assert.equal(rows[0].trees, "Trees: 6 alive of 10");
    assert.equal(rows[2].percentText, "50 %");
    assert.equal(rows[2].area, null, "no green area asked for, none planted: nothing to say");
    assert.equal(rows[1].trees, null);
    assert.equal(rows[1].area, "Green area: 100 m² of 300 m²");
  });

  it("give the chart the city's history oldest first, against what is required", () => {
    const chart = greenChart(city());
    assert.deepEqual(
      chart.history.map((entry) => entry.date),
      ["2027-05-10", "2027-06-01"],
    );
    assert.equal(chart.trees.required, 14);
    assert.equal(chart.trees.valueKey, "trees_alive");
    assert.equal(chart.area.valueKey, "green_area_m2_planted");
    const empty = city();
    empty.green.history = [];
    assert.equal(greenChart(empty), null);
  });
});

describe("the signs and the summary", () => {
  it("count the signs and list those to review with their words and project", () => {
    const signs = signFigures(city());
    assert.equal(signs.countText, "3 signs on the map");
    assert.deepEqual(
      signs.review.map((sign) => [sign.id, sign.text, sign.link?.href ?? null]),
      [
        ["s2", "“To the river”, arrow to 270° (west)", null],
        ["s1", "“Bike park”, arrow to 45° (north-east)", "/p/p1"],
      ],
    );
  });

  it("list every sign, those to review first, then by text, a sign without text or arrow last", () => {
    const answer = city();
    answer.map.signs.features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [76.95, 43.26] },
      properties: {
        id: "s4",
        text: "",
        bearing: null,
        sign_type: "map",
        review: false,
        project_id: null,
        workshop_id: "w1",
      },
    });
    const rows = signFigures(answer).all;
    assert.deepEqual(
      rows.map((sign) => [
        sign.id,
        sign.text,
        sign.typeText,
        sign.rotation,
        sign.bearingText,
        sign.review,
        sign.link?.href ?? null,
      ]),
      [
        ["s1", "“Bike park”", "Direction", 45, "arrow to 45° (north-east)", true, "/p/p1"],
        ["s2", "“To the river”", "Direction", 270, "arrow to 270° (west)", true, "/w/w1/results"],
        ["s3", "“Park”", "Direction", 90, "arrow to 90° (east)", false, "/p/p1"],
        ["s4", "No text", "Map", null, "no arrow", false, "/w/w1/results"],
      ],
    );
    assert.equal(rows[1].link.text, "Proposed at “Panfilov Park”");
    assert.deepEqual(rows[0].position, [76.952, 43.2605]);
  });

  it("sum up the city in one line", () => {
    assert.equal(summaryText(city()), "2 sites, 3 projects, 1,734 m of cycle network.");
    assert.equal(generatedText(city()), "Figures of Dec 1, 2026");
  });
});
