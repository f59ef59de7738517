// The city map by view: which layers to ask for as the map moves (GET /api/city/layers), which answer still
// counts, and an answer merged with the figures into what the renderers draw. DOM-free: tests/js/city/view.test.mjs
// runs it under node.

/** How long the map must rest before its view is asked for: a drag or a pinch moves it many times a second. */
export const VIEW_DELAY_MS = 250;

const round = (value) => Math.round(value * 1e5) / 1e5; // ~1 m: a view moved by less asks the same

/** The query of a view: its box (west, south, east, north, kept within the world) and its whole zoom. */
export function viewQuery({ west, south, east, north }, zoom) {
  const box = [
    Math.max(-180, round(west)),
    Math.max(-90, round(south)),
    Math.min(180, round(east)),
    Math.min(90, round(north)),
  ];
  return `bbox=${box.join(",")}&zoom=${Math.max(0, Math.min(22, Math.round(zoom)))}`;
}

/** Numbers the requests of views; only the latest one's answer is drawn (an older one, late, is ignored). */
export class Latest {
  constructor() {
    this.asked = 0;
  }

  /** The number of a new request. */
  next() {
    this.asked += 1;
    return this.asked;
  }

  /** Whether a request's answer still counts: no request was made after it. */
  isLatest(number) {
    return number === this.asked;
  }
}

/** `call` once the calls have rested `ms` (the last call's arguments); `timers` stands in for setTimeout's owner. */
export function debounce(call, ms, timers = globalThis) {
  let waiting = null;
  return (...args) => {
    if (waiting !== null) timers.clearTimeout(waiting);
    waiting = timers.setTimeout(() => {
      waiting = null;
      call(...args);
    }, ms);
  };
}

const LAYERS = ["plans", "green", "cycle_lanes", "gaps", "signs"];
const isCluster = (feature) => Boolean(feature.properties?.cluster);

/**
 * The figures of GET /api/city with the layers of one view (null: none yet): `sites` and `map` as the renderers
 * read them (the features in view), and `clusters` by layer: [{position, count}] where a layer came counted.
 */
export function cityInView(figures, answer) {
  const layers = answer?.layers || {};
  const shapes = (name) => (layers[name]?.features || []).filter((feature) => !isCluster(feature));
  const clusters = {};
  for (const [name, layer] of Object.entries(layers)) {
    const counted = (layer.features || []).filter(isCluster);
    if (counted.length)
      clusters[name] = counted.map((f) => ({ position: f.geometry.coordinates, count: f.properties.count }));
  }
  return {
    ...figures,
    sites: shapes("sites").map((feature) => ({ ...feature.properties, boundary: feature.geometry })),
    map: Object.fromEntries(LAYERS.map((name) => [name, { type: "FeatureCollection", features: shapes(name) }])),
    clusters,
  };
}
