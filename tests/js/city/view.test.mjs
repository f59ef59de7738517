// The city map by view (static/js/city/view.js): the query of a view, only the latest answer drawn, the map's
// moves debounced, and a GET /api/city/layers answer merged with the figures into what the renderers read.
import "../shared/page-language.mjs";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { layerSwitches, signFigures, summaryText } from "../../../static/js/city/model.js";
import { cityInView, debounce, Latest, viewQuery } from "../../../static/js/city/view.js";

const whole = () => JSON.parse(readFileSync(new URL("./fixture.json", import.meta.url), "utf-8"));

/** The fixture split as the server now serves it: the figures, and the layers of a view holding all of it. */
function served() {
  const city = whole();
  const { sites, map, ...figures } = city;
  const counts = {
    sites: sites.length,
    ...Object.fromEntries(Object.entries(map).map(([name, layer]) => [name, layer.features.length])),
  };
  const site = (s) => ({
    type: "Feature",
    geometry: s.boundary,
    properties: {
      workshop_id: s.workshop_id,
      title: s.title,
      site_name: s.site_name,
      phase: s.phase,
      results_url: s.results_url,
    },
  });
  const layers = {
    sites: { type: "FeatureCollection", clustered: false, features: sites.map(site) },
    ...Object.fromEntries(Object.entries(map).map(([name, layer]) => [name, { ...layer, clustered: false }])),
  };
  return { city, figures: { ...figures, counts }, answer: { bbox: [-180, -90, 180, 90], zoom: 16, layers } };
}

describe("a view's query", () => {
  it("is its box rounded to about a metre and its whole zoom, kept within the world and zoom 0 to 22", () => {
    assert.equal(
      viewQuery({ west: 76.912345678, south: 43.2, east: 76.95, north: 43.25 }, 15.4),
      "bbox=76.91235,43.2,76.95,43.25&zoom=15",
    );
    assert.equal(viewQuery({ west: -200, south: -95, east: 200, north: 95 }, 30), "bbox=-180,-90,180,90&zoom=22");
  });
});

describe("answers of older views", () => {
  it("are ignored once a later view was asked for", () => {
    const latest = new Latest();
    const first = latest.next();
    assert.ok(latest.isLatest(first));
    const second = latest.next();
    assert.ok(!latest.isLatest(first) && latest.isLatest(second));
  });
});

describe("the map's moves", () => {
  it("ask once they rest: a burst of moves is one call, with the last one's arguments", () => {
    let now = 0;
    const pending = new Map();
    let id = 0;
    const timers = {
      setTimeout: (call, ms) => {
        pending.set(++id, { call, at: now + ms });
        return id;
      },
      clearTimeout: (which) => pending.delete(which),
    };
    const advance = (ms) => {
      now += ms;
      for (const [which, { call, at }] of [...pending]) {
        if (at <= now) {
          pending.delete(which);
          call();
        }
      }
    };
    const calls = [];
    const moved = debounce((where) => calls.push(where), 250, timers);
    moved("a");
    advance(100);
    moved("b");
    advance(100);
    moved("c");
    assert.deepEqual(calls, []);
    advance(250);
    assert.deepEqual(calls, ["c"]);
  });
});

describe("a view's layers with the figures", () => {
  it("give the renderers what the whole city gave when the view holds all of it", () => {
    const { city, figures, answer } = served();
    const merged = cityInView(figures, answer);
    assert.deepEqual(merged.sites, city.sites);
    assert.deepEqual(merged.map, city.map);
    assert.deepEqual(merged.clusters, {});
    assert.deepEqual(signFigures(merged), signFigures(city));
    assert.equal(summaryText(merged), summaryText(city));
  });

  it("count each layer's features in the whole city, not only in view, and keep clusters apart", () => {
    const { figures } = served();
    const answer = {
      layers: {
        sites: {
          clustered: true,
          features: [
            {
              type: "Feature",
              geometry: { type: "Point", coordinates: [76.9, 43.2] },
              properties: { cluster: true, count: 12 },
            },
          ],
        },
        signs: { clustered: false, features: [] },
      },
    };
    const merged = cityInView(figures, answer);
    assert.deepEqual(merged.sites, []);
    assert.deepEqual(merged.clusters, { sites: [{ position: [76.9, 43.2], count: 12 }] });
    const counts = Object.fromEntries(layerSwitches(merged, {}).map((s) => [s.key, s.count]));
    assert.equal(counts.sites, figures.counts.sites);
    assert.equal(counts.cycle, figures.counts.cycle_lanes);
    assert.deepEqual(cityInView(figures, null).map.signs.features, []);
  });
});
