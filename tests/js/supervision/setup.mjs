// Loaded first by the supervision tests (not a test itself): the page's language (shared/page-language.mjs), and
// the stand-ins they share: storages and a project summary.
import "../shared/page-language.mjs";

/** A Storage-like object kept in a Map (what localStorage offers the drafts and keys). */
export function memoryStorage() {
  const values = new Map();
  return {
    getItem: (key) => (values.has(key) ? values.get(key) : null),
    setItem: (key, value) => values.set(key, String(value)),
    removeItem: (key) => values.delete(key),
    get size() {
      return values.size;
    },
  };
}

/** A storage that refuses everything, like localStorage in a locked-down private mode. */
export const brokenStorage = {
  getItem() {
    throw new Error("SecurityError");
  },
  setItem() {
    throw new Error("QuotaExceededError");
  },
  removeItem() {
    throw new Error("SecurityError");
  },
};

/** A small project summary as GET /api/projects/<id> returns it: two benches, a tree, a lawn, one addition. */
export function sampleProject() {
  const point = (lon, lat) => ({ type: "Point", coordinates: [lon, lat] });
  return {
    title: "Green heart",
    plan: [
      {
        element_id: "b1",
        kind: "bench",
        geometry: point(76.952, 43.2604),
        note: "",
        status: "built",
        as_built: point(76.95207, 43.2604),
        deviation: { offset_m: 5.7, flagged: true },
        measure: {},
      },
      {
        element_id: "b2",
        kind: "bench",
        geometry: point(76.953, 43.2604),
        note: "By the pond",
        status: "planned",
        as_built: null,
        deviation: null,
        measure: {},
      },
      {
        element_id: "t1",
        kind: "tree",
        geometry: point(76.9525, 43.2608),
        note: "Oak",
        status: "missing",
        as_built: null,
        deviation: null,
      },
      {
        element_id: "g1",
        kind: "green_area",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [76.954, 43.2604],
              [76.955, 43.2604],
              [76.955, 43.2612],
              [76.954, 43.2612],
              [76.954, 43.2604],
            ],
          ],
        },
        note: "",
        status: "built_with_deviation",
        as_built: null,
        deviation: { iou: 0.8, area_change_pct: -12, hausdorff_m: 3 },
        measure: { area_m2: 7217 },
      },
    ],
    additions: [
      { element_id: "a1", kind: "bench", note: "Extra", effective_status: "built", as_built: point(76.951, 43.2601) },
    ],
    visits: [
      { id: "v2", date: "2027-06-01", observations: [{ element_id: "t1", status: "missing", count: 0 }], photos: [] },
      {
        id: "v1",
        date: "2027-05-10",
        observations: [
          { element_id: "t1", status: "built", count: 3 },
          { element_id: "b1", status: "built" },
        ],
        photos: [],
      },
    ],
    signoffs: [
      { id: "s1", element_id: "b1", verdict: "object", author: "Aru", comment: "Too far east" },
      { id: "s2", visit_id: "v1", verdict: "accept", author: "Aru", comment: "" },
      { id: "s3", element_id: "b1", verdict: "accept", author: "Dana", comment: "Fine" },
    ],
  };
}
