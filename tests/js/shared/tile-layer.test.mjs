// The tile layer a map draws follows the settings on <body>: the tile server's, or the base map file's zoom
// levels and extent, so Leaflet never asks for a tile the file cannot have.
import assert from "node:assert/strict";
import { test } from "node:test";

import { MAP_MAX_ZOOM, tileLayerSpec } from "../../../static/js/shared/map/tile-layer.js";

test("no tile URL, no layer", () => {
  assert.equal(tileLayerSpec({}), null);
  assert.equal(tileLayerSpec({ tileUrl: "  " }), null);
});

test("a tile server's layer has the map's zoom range and its attribution only", () => {
  const spec = tileLayerSpec({
    tileUrl: "https://tile.example.org/{z}/{x}/{y}.png",
    tileAttribution: "© OSM",
    tileMinZoom: "",
    tileMaxNativeZoom: "",
    tileBounds: "",
  });
  assert.deepEqual(spec, {
    url: "https://tile.example.org/{z}/{x}/{y}.png",
    options: { maxZoom: MAP_MAX_ZOOM, attribution: "© OSM" },
  });
});

test("a base map file's layer keeps to its levels and extent", () => {
  const spec = tileLayerSpec({
    tileUrl: "/tiles/{z}/{x}/{y}",
    tileAttribution: "City GIS",
    tileMinZoom: "12",
    tileMaxNativeZoom: "16",
    tileBounds: "[[43.2, 76.9], [43.3, 77.0]]",
  });
  assert.deepEqual(spec, {
    url: "/tiles/{z}/{x}/{y}",
    options: {
      maxZoom: MAP_MAX_ZOOM,
      attribution: "City GIS",
      minZoom: 12,
      maxNativeZoom: 16,
      bounds: [
        [43.2, 76.9],
        [43.3, 77.0],
      ],
    },
  });
});

test("levels and extents that are not numbers are left out, not passed on", () => {
  const spec = tileLayerSpec({
    tileUrl: "/tiles/{z}/{x}/{y}",
    tileMinZoom: "low",
    tileMaxNativeZoom: "-1",
    tileBounds: "[[1, 2], [3]]",
  });
  assert.deepEqual(spec.options, { maxZoom: MAP_MAX_ZOOM, attribution: "" });
  assert.deepEqual(tileLayerSpec({ tileUrl: "/t", tileBounds: "{not json" }).options, {
    maxZoom: MAP_MAX_ZOOM,
    attribution: "",
  });
  assert.deepEqual(tileLayerSpec({ tileUrl: "/t", tileBounds: '[["a", 2], [3, 4]]' }).options, {
    maxZoom: MAP_MAX_ZOOM,
    attribution: "",
  });
});
