// The tile layer a page's map draws, from the settings the server put on <body> (COWORK_TILE_URL's tiles, or
// COWORK_BASEMAP's with the zoom levels and extent its file covers). Pure, so node tests it without a browser.
import { FACTS } from "../facts.js";

// The maps zoom this far whatever the tiles: beyond their deepest level Leaflet enlarges them.
export const MAP_MAX_ZOOM = FACTS.map_max_zoom;

function wholeNumber(text) {
  const value = Number.parseInt(text ?? "", 10);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

function bounds(text) {
  try {
    const value = JSON.parse(text || "null");
    const real =
      Array.isArray(value) && value.length === 2 && value.flat().length === 4 && value.flat().every(Number.isFinite);
    return real ? value : null;
  } catch {
    return null;
  }
}

/**
 * `{url, options}` for L.tileLayer, or null when the map has no tiles. Below the file's lowest level the layer is
 * not drawn, beyond its deepest it is enlarged, outside its extent nothing is asked for: no tile is requested that
 * the file cannot have.
 */
export function tileLayerSpec(data) {
  const url = (data.tileUrl || "").trim();
  if (!url) return null;
  const options = { maxZoom: MAP_MAX_ZOOM, attribution: data.tileAttribution || "" };
  const minZoom = wholeNumber(data.tileMinZoom);
  const maxNativeZoom = wholeNumber(data.tileMaxNativeZoom);
  const extent = bounds(data.tileBounds);
  if (minZoom !== null) options.minZoom = minZoom;
  if (maxNativeZoom !== null) options.maxNativeZoom = maxNativeZoom;
  if (extent) options.bounds = extent;
  return { url, options };
}
