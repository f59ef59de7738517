// The city map's view-model (/city): GET /api/city in, what the page shows out — the layers with their on/off
// state, counts and keys, the style of every shape, the figures written in the page's language, the lists in
// their order and the green chart's series. DOM-free: tests/js/city/model.test.mjs runs it under node.
import { FACTS } from "../shared/facts.js";
import { kindName } from "../shared/map/kinds.js";
import { formatDate } from "../shared/dates.js";
import { STATUS_STYLE, statusColour, statusName } from "../shared/status.js";
import { formatArea, formatCount, formatLength, formatPercent } from "../shared/format.js";
import { language, t, tn } from "../shared/strings.js";

/** The layers, bottom to top on the map, in the order of the switches. */
export const LAYER_KEYS = ["sites", "plans", "cycle", "gaps", "green", "signs"];
/** Statuses of an adopted plan's elements, in the order of a construction. */
export const PLAN_STATUSES = FACTS.project_statuses;
/** A lane's status in the network: "proposed" is the top-ranked design of a closed workshop not adopted. */
export const LANE_STATUSES = FACTS.lane_statuses;
export const FACILITIES = FACTS.props.bike_lane.facility.options;

const PHASE_COLOURS = { setup: "#757575", sketching: "#0277bd", voting: "#ad1457", closed: "#00695c" };
const PROPOSED_COLOUR = "#6a1b9a";
const GREEN_FILL = "#43a047";
const GAP_COLOUR = "#c62828";
// A lane's width tells its facility (a separated track is the widest); its colour tells its status.
const FACILITY_WEIGHT = { separated: 7, painted: 4.5, shared: 2.5 };
const PROPOSED_DASH = "10 8";
const COMPASS = ["n", "ne", "e", "se", "s", "sw", "w", "nw"];

/** Every layer on: what a person sees first. */
export function defaultLayers() {
  return Object.fromEntries(LAYER_KEYS.map((key) => [key, true]));
}

/** The same switches with one layer turned the other way. */
export function toggled(layers, key) {
  if (!LAYER_KEYS.includes(key)) return layers;
  return { ...layers, [key]: !layers[key] };
}

const features = (collection) => collection?.features || [];

/** The switches: {key, label, on, count, countText, legend: [{label, colour, shape, dashed?, weight?}]}. */
export function layerSwitches(city, layers) {
  // The whole city's, as the server keeps them (`counts`), not only those in view.
  const kept = city.counts;
  const counts = kept
    ? { ...kept, cycle: kept.cycle_lanes }
    : {
        sites: city.sites.length,
        plans: features(city.map?.plans).length,
        cycle: features(city.map?.cycle_lanes).length,
        gaps: city.cycle_network.gaps.length,
        green: features(city.map?.green).length,
        signs: features(city.map?.signs).length,
      };
  return LAYER_KEYS.map((key) => ({
    key,
    label: t(`city.layer.${key}`),
    on: Boolean(layers[key]),
    count: counts[key],
    countText: formatCount(counts[key]),
    legend: LEGENDS[key](),
  }));
}

const LEGENDS = {
  sites: () =>
    FACTS.phases.map((phase) => ({ label: t(`phase.label.${phase}`), colour: PHASE_COLOURS[phase], shape: "area" })),
  plans: () =>
    PLAN_STATUSES.map((status) => ({ label: statusName(status), colour: statusColour(status), shape: "point" })),
  cycle: () => [
    ...LANE_STATUSES.map((status) => ({
      label: laneStatusName(status),
      colour: laneColour(status),
      shape: "line",
      dashed: status === "proposed",
    })),
    ...FACILITIES.map((facility) => ({
      label: t(`city.facility.${facility}`),
      colour: "#37474f",
      shape: "line",
      weight: FACILITY_WEIGHT[facility],
    })),
  ],
  gaps: () => [{ label: t("city.legend.gap"), colour: GAP_COLOUR, shape: "line", dashed: true }],
  green: () => [
    { label: kindName("tree"), colour: GREEN_FILL, shape: "point" },
    { label: kindName("green_area"), colour: GREEN_FILL, shape: "area" },
  ],
  signs: () => [
    { label: t("city.legend.sign"), colour: "#0b5cad", shape: "arrow" },
    { label: t("city.legend.sign_review"), colour: GAP_COLOUR, shape: "arrow", review: true },
  ],
};

/** A lane status in the page's language ("proposed" is the network's own word). */
export function laneStatusName(status) {
  return status === "proposed" ? t("city.status.proposed") : statusName(status);
}

function laneColour(status) {
  return status === "proposed" ? PROPOSED_COLOUR : statusColour(status);
}

// ------------------------------------------------------------------ styles of shapes (Leaflet path options)

/** A site's outline: coloured by its phase, lightly filled. */
export function siteStyle(phase) {
  const colour = PHASE_COLOURS[phase] || PHASE_COLOURS.setup;
  return {
    color: colour,
    weight: 2,
    fillColor: colour,
    fillOpacity: 0.08,
    dashArray: phase === "closed" ? null : "6 5",
  };
}

/** A plan element: its status colour. */
export function planStyle(status) {
  const colour = statusColour(status);
  return { color: colour, weight: 3, fillColor: colour, fillOpacity: 0.35, radius: 6 };
}

/** A lane: colour by status, width by facility, proposed lanes dashed. */
export function laneStyle(properties) {
  return {
    color: laneColour(properties.status),
    weight: FACILITY_WEIGHT[properties.facility] ?? FACILITY_WEIGHT.painted,
    opacity: 0.9,
    dashArray: properties.status === "proposed" ? PROPOSED_DASH : null,
    lineCap: properties.status === "proposed" ? "butt" : "round",
  };
}

/** A gap between two parts of the network: a red dotted line. */
export function gapStyle() {
  return { color: GAP_COLOUR, weight: 3, dashArray: "2 7", lineCap: "round" };
}

/** The invisible line over a gap that a finger can hit: as wide as a fingertip, fully transparent. */
export function gapHitStyle() {
  return { color: GAP_COLOUR, weight: 28, opacity: 0, lineCap: "round" };
}

/** A tree (point) or a green area (polygon) of a plan: green, outlined in its status colour. */
export function greenStyle(properties) {
  const status = STATUS_STYLE[properties.status] ? properties.status : "planned";
  return {
    color: statusColour(status),
    weight: 2,
    fillColor: GREEN_FILL,
    fillOpacity: 0.45,
    radius: properties.kind === "tree" ? 7 : 6,
  };
}

/** A sign's marker: its arrow turned to its bearing (degrees from north, clockwise), to review or not. */
export function signMarker(properties) {
  const bearing = Number.isFinite(properties.bearing) ? properties.bearing : null;
  return { rotation: bearing, review: Boolean(properties.review), label: signLabel(properties) };
}

// ------------------------------------------------------------------ words of shapes and lists

/** "45° (north-east)"; "" without a bearing. */
export function bearingText(bearing) {
  if (!Number.isFinite(bearing)) return "";
  const point = COMPASS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8];
  return t("city.sign.bearing", { degrees: formatCount(bearing), direction: t(`city.compass.${point}`) });
}

/** What a sign says and where it points, for its label and the review list. */
export function signLabel(properties) {
  const text = properties.text ? t("city.sign.text", { text: properties.text }) : t("city.sign.no_text");
  const bearing = bearingText(properties.bearing);
  return bearing ? `${text}, ${bearing}` : text;
}

/** A cluster's disc (a layer's features counted in one cell): wider for more, its count written on it. */
export function clusterMarker(count) {
  return {
    style: {
      radius: Math.round(10 + 4 * Math.log10(Math.max(1, count))),
      color: "#ffffff",
      weight: 2,
      fillColor: "#37474f",
      fillOpacity: 0.85,
    },
    text: formatCount(count),
  };
}

/** The gap's label on the map: its distance. */
export function gapLabel(distance) {
  return formatLength(distance);
}

function projectIndex(city) {
  return new Map(city.projects.map((project) => [project.id, project]));
}

/**
 * A shape's tooltip: {title, details: [text], link: {href, text} | null}. The link goes to the project's
 * public progress page, or to a closed workshop's results.
 */
export function shapeInfo(city, layer, properties) {
  const project = properties.project_id ? projectIndex(city).get(properties.project_id) : null;
  const link = project ? { href: project.url, text: t("city.project.open", { title: project.title }) } : null;
  switch (layer) {
    case "sites": {
      const phase = t(`phase.label.${properties.phase}`);
      const results = properties.results_url ? { href: properties.results_url, text: t("city.site.results") } : null;
      return { title: properties.title, details: [t("city.site.phase", { phase })], link: results };
    }
    case "cycle":
      return {
        title: kindName("bike_lane"),
        details: [
          laneStatusName(properties.status),
          t(`city.facility.${properties.facility}`),
          formatLength(properties.length_m ?? 0),
          properties.two_way ? t("city.lane.two_way") : null,
        ].filter(Boolean),
        link,
      };
    case "gaps":
      return { title: t("city.gap.title"), details: [gapLabel(properties.distance_m)], link: null };
    case "signs":
      return {
        title: kindName("sign"),
        details: [signLabel(properties), properties.review ? t("city.sign.review") : null].filter(Boolean),
        link,
      };
    default: {
      const count = properties.kind === "tree" && properties.count > 1 ? tn("city.trees", properties.count) : null;
      return {
        title: kindName(properties.kind),
        details: [statusName(properties.status), properties.species || null, count].filter(Boolean),
        link,
      };
    }
  }
}

// ------------------------------------------------------------------ figures

const sum = (values) => values.reduce((total, value) => total + (Number(value) || 0), 0);

/** The cycle network's figures: length by status and by facility, its parts and its gaps nearest first. */
export function cycleFigures(city) {
  const network = city.cycle_network;
  const byStatus = LANE_STATUSES.map((status) => ({
    key: status,
    label: laneStatusName(status),
    metres: network.length_m_by_status[status] ?? 0,
  }));
  const byFacility = FACILITIES.map((facility) => ({
    key: facility,
    label: t(`city.facility.${facility}`),
    metres: network.length_m_by_facility[facility] ?? 0,
  }));
  const total = sum(byStatus.map((row) => row.metres));
  const gaps = [...network.gaps]
    .sort((a, b) => a.distance_m - b.distance_m)
    .map((gap, index) => ({
      ...gap,
      number: index + 1,
      distanceText: formatLength(gap.distance_m),
      text: t("city.gap.between", {
        a: formatCount(gap.parts[0] + 1),
        b: formatCount(gap.parts[1] + 1),
        distance: formatLength(gap.distance_m),
      }),
    }));
  const withText = (rows) => rows.map((row) => ({ ...row, text: formatLength(row.metres) }));
  return {
    byStatus: withText(byStatus),
    byFacility: withText(byFacility),
    total,
    totalText: formatLength(total),
    parts: network.parts,
    partsText: tn("city.cycle.parts", network.parts),
    gaps,
    gapsText: gaps.length ? tn("city.cycle.gaps", gaps.length) : t("city.cycle.no_gaps"),
  };
}

// What is owed: the server's, required less what is alive at the latest visit, for trees and area alike.
function greenShortfall(green) {
  return { trees: Number(green.trees_shortfall) || 0, area: Math.max(0, Number(green.green_area_m2_shortfall) || 0) };
}

/** One green ledger as rows of text: required, planted, alive, shortfall, for trees and green area. */
export function greenRows(green) {
  const short = greenShortfall(green);
  return [
    {
      key: "required",
      label: t("sv.ledger.required"),
      trees: formatCount(green.trees_required),
      area: formatArea(green.green_area_m2_required),
    },
    {
      key: "planted",
      label: t("sv.ledger.planted"),
      trees: formatCount(green.trees_planted),
      area: formatArea(green.green_area_m2_planted),
    },
    {
      key: "alive",
      label: t("sv.ledger.alive"),
      trees: formatCount(green.trees_alive),
      area: formatArea(green.green_area_m2_alive),
    },
    {
      key: "shortfall",
      label: t("sv.ledger.shortfall"),
      trees: formatCount(short.trees),
      area: formatArea(short.area),
      treesShort: short.trees > 0,
      areaShort: short.area > 0,
    },
  ];
}

/** The projects: those with a tree or green-area shortfall first, then by title; each with its figures. */
export function projectRows(city) {
  const collator = new Intl.Collator(language);
  return city.projects
    .map((project) => {
      const short = greenShortfall(project.green);
      return {
        id: project.id,
        title: project.title,
        url: project.url,
        status: project.status,
        statusText: statusName(project.status),
        percentText: formatPercent(project.progress?.percent ?? 0),
        shortfall: short.trees > 0 || short.area > 0,
        // A project whose design asks for no trees (or no green area) and has none says nothing about them.
        trees:
          project.green.trees_required || project.green.trees_alive
            ? t("city.project.trees", {
                alive: formatCount(project.green.trees_alive),
                required: formatCount(project.green.trees_required),
              })
            : null,
        area:
          project.green.green_area_m2_required || project.green.green_area_m2_planted
            ? t("city.project.area", {
                planted: formatArea(project.green.green_area_m2_planted),
                required: formatArea(project.green.green_area_m2_required),
              })
            : null,
        shortfallText: [
          short.trees > 0 ? tn("city.trees", short.trees) : null,
          short.area > 0 ? formatArea(short.area) : null,
        ]
          .filter(Boolean)
          .join(", "),
      };
    })
    .sort((a, b) => Number(b.shortfall) - Number(a.shortfall) || collator.compare(a.title, b.title));
}

/**
 * The green chart's series (the city total over time, oldest first): trees alive against the trees required,
 * green area planted against the area required; null when no visit was recorded yet.
 */
export function greenChart(city) {
  const history = [...(city.green.history || [])].sort((a, b) => a.date.localeCompare(b.date));
  if (!history.length) return null;
  return {
    history,
    trees: {
      valueKey: "trees_alive",
      required: city.green.trees_required,
      title: t("city.chart.trees"),
      label: "sv.ledger.chart_alive",
      heading: "sv.ledger.chart_table_value",
    },
    area: {
      valueKey: "green_area_m2_planted",
      required: city.green.green_area_m2_required,
      title: t("city.chart.area"),
      label: "city.chart.planted",
      heading: "sv.ledger.planted",
    },
  };
}

/** The signs: how many, those whose arrow points at nothing (with their words and where they are), and every one. */
export function signFigures(city) {
  const projects = projectIndex(city);
  return {
    count: city.signs,
    countText: tn("city.signs.count", city.signs),
    review: city.signs_to_review.map((sign) => {
      const project = sign.project_id ? projects.get(sign.project_id) : null;
      return {
        id: sign.id,
        position: sign.position,
        text: signLabel(sign),
        link: project ? { href: project.url, text: project.title } : null,
      };
    }),
    all: signRows(city),
  };
}

/**
 * Every sign of the map, those to review first, then by text (a sign without text last): its words, type, arrow
 * and bearing, and what it belongs to — a project's progress page or the closed workshop that proposed it.
 */
export function signRows(city) {
  const projects = projectIndex(city);
  const sites = new Map(city.sites.map((site) => [site.workshop_id, site]));
  const collator = new Intl.Collator(language);
  return features(city.map?.signs)
    .map(({ properties, geometry }) => {
      const project = properties.project_id ? projects.get(properties.project_id) : null;
      const site = !project && properties.workshop_id ? sites.get(properties.workshop_id) : null;
      const link = project
        ? { href: project.url, text: project.title }
        : site
          ? { href: site.results_url, text: t("city.signs.proposed_at", { title: site.title }) }
          : null;
      return {
        id: properties.id,
        position: geometry.coordinates,
        sortText: properties.text || "",
        text: properties.text ? t("city.sign.text", { text: properties.text }) : t("city.sign.no_text"),
        typeText: properties.sign_type ? t(`props.sign.sign_type.${properties.sign_type}`) : "",
        rotation: Number.isFinite(properties.bearing) ? properties.bearing : null,
        bearingText: bearingText(properties.bearing) || t("city.sign.no_bearing"),
        review: Boolean(properties.review),
        link,
      };
    })
    .sort(
      (a, b) =>
        Number(b.review) - Number(a.review) ||
        Number(!a.sortText) - Number(!b.sortText) ||
        collator.compare(a.sortText, b.sortText) ||
        String(a.id).localeCompare(String(b.id)),
    );
}

/** The line under the title: sites, projects, kilometres of network. */
export function summaryText(city) {
  const length = sum(Object.values(city.cycle_network.length_m_by_status));
  const sites = tn("city.sites", city.counts?.sites ?? city.sites.length);
  return t("city.summary", {
    sites,
    projects: tn("city.projects", city.projects.length),
    length: formatLength(length),
  });
}

/** "Figures of 1 Dec 2026": when the server gathered them (a printed report says it). */
export function generatedText(city) {
  return t("city.generated", { date: formatDate(String(city.generated_at || "").slice(0, 10)) });
}
