// The adopted plan on the map, coloured by each element's latest status. Where an as-built shape was
// measured, the design is drawn dashed and the as-built shape solid on top of it; a point's design spot is
// a small dashed ring tied to the built point. Every element carries its kind's symbol and its status glyph,
// so neither kind nor status depends on colour alone. Unplanned additions are marked "+". Photos with a
// position appear as camera markers.
import { kindIcon, lookNodes, MARKER_SIZE } from "../shared/map/icons.js";
import { markerLook } from "../shared/map/marker-look.js";
import { kindColour, kindName, kindSymbol, lineDrawing } from "../shared/map/kinds.js";
import { formatNumber, t } from "../shared/strings.js";
import { markerClusters } from "./clusters.js";
import { formatDate } from "../shared/dates.js";
import { icon, TOUCH } from "./marker-icon.js";
import { elementsOf, groupCount } from "./model.js";
import { statusColour, statusGlyph, statusName, STATUS_STYLE } from "../shared/status.js";

const DESIGN_DASH = "9 7";
const LINE_HIT_WEIGHT = 26; // px: an invisible wide stroke so that a finger can hit a thin line
const HIGHLIGHT = "#ffb300";
// Marker boxes are at least a finger (TOUCH); what is drawn inside may be smaller (CSS).
const POINT_SIZE = [Math.max(TOUCH, MARKER_SIZE), Math.max(TOUCH, MARKER_SIZE)];
const TAG_SIZE = [56, TOUCH];
const PHOTO_SIZE = [TOUCH, TOUCH];

/** The round badge of a point element: status colour, kind symbol, status glyph in a corner. */
function pointBadge(kind, status, { measured, unplanned, selected, props }) {
  const style = STATUS_STYLE[status] || STATUS_STYLE.planned;
  const badge = document.createElement("div");
  badge.className = [
    "sv-badge",
    measured ? "is-measured" : "is-design",
    unplanned && "is-unplanned",
    selected && "is-selected",
  ]
    .filter(Boolean)
    .join(" ");
  badge.style.backgroundColor = style.colour;
  badge.style.color = style.ink;
  badge.append(kindSymbol(kind, "sv-badge__symbol"));
  const corner = document.createElement("span");
  corner.className = "sv-badge__status";
  corner.dataset.status = status;
  corner.append(statusGlyph(status, "sv-badge__glyph"));
  badge.append(corner);
  // A sign's arrow and a tree group's count, as on the tablets (the count: the trees found at the latest visit).
  badge.append(...lookNodes(kind, props));
  if (unplanned) {
    const plus = document.createElement("span");
    plus.className = "sv-badge__plus";
    plus.textContent = "+";
    badge.append(plus);
  }
  return badge;
}

/** The tag pinned on a line or an area: kind symbol and status glyph side by side. */
function shapeTag(kind, status, { unplanned, selected }) {
  const style = STATUS_STYLE[status] || STATUS_STYLE.planned;
  const tag = document.createElement("div");
  tag.className = ["sv-tag", unplanned && "is-unplanned", selected && "is-selected"].filter(Boolean).join(" ");
  tag.style.borderColor = style.colour;
  const symbol = document.createElement("span");
  symbol.className = "sv-tag__kind";
  symbol.style.backgroundColor = style.colour;
  symbol.style.color = style.ink;
  symbol.append(kindSymbol(kind, "sv-tag__symbol"));
  const glyph = document.createElement("span");
  glyph.className = "sv-tag__status";
  glyph.dataset.status = status;
  glyph.append(statusGlyph(status, "sv-tag__glyph"));
  tag.append(symbol, glyph);
  if (unplanned) {
    const plus = document.createElement("span");
    plus.className = "sv-tag__plus";
    plus.textContent = "+";
    tag.append(plus);
  }
  return tag;
}

/** A camera drawing for photo markers. */
export function cameraSymbol(className = "sv-camera") {
  return lineDrawing(
    [
      ["path", { d: "M3 8h4l2-3h6l2 3h4v11H3z" }],
      ["circle", { cx: 12, cy: 13, r: 3.5 }],
    ],
    { className },
  );
}

const toLatLng = ([lon, lat]) => [lat, lon];

/** Where to pin the tag of a line: half way along it (in degrees, close enough on a site). */
function lineMiddle(coordinates) {
  const lengths = [];
  let total = 0;
  for (let index = 1; index < coordinates.length; index += 1) {
    const [x1, y1] = coordinates[index - 1];
    const [x2, y2] = coordinates[index];
    const length = Math.hypot(x2 - x1, y2 - y1);
    lengths.push(length);
    total += length;
  }
  let walked = 0;
  for (let index = 0; index < lengths.length; index += 1) {
    if (walked + lengths[index] >= total / 2 && lengths[index] > 0) {
      const share = (total / 2 - walked) / lengths[index];
      const [x1, y1] = coordinates[index];
      const [x2, y2] = coordinates[index + 1];
      return [x1 + (x2 - x1) * share, y1 + (y2 - y1) * share];
    }
    walked += lengths[index];
  }
  return coordinates[0];
}

/** Where to pin the tag of an area: the centroid of its (first) outer ring. Computed from the ring's first
 * corner: cross products of whole degrees (76 × 43) cancel to nothing for a small area, and its tag landed
 * hundreds of metres away. */
function areaMiddle(geometry) {
  const ring = geometry.type === "MultiPolygon" ? geometry.coordinates[0][0] : geometry.coordinates[0];
  const [x0, y0] = ring[0];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let index = 0; index < ring.length - 1; index += 1) {
    const [x1, y1] = [ring[index][0] - x0, ring[index][1] - y0];
    const [x2, y2] = [ring[index + 1][0] - x0, ring[index + 1][1] - y0];
    const cross = x1 * y2 - x2 * y1;
    area += cross;
    x += (x1 + x2) * cross;
    y += (y1 + y2) * cross;
  }
  if (Math.abs(area) < 1e-20) return ring[0];
  return [x0 + x / (3 * area), y0 + y / (3 * area)];
}

/** The [lon, lat] where an element's marker or tag goes. */
export function anchorOf(geometry) {
  if (!geometry) return null;
  switch (geometry.type) {
    case "Point":
      return geometry.coordinates;
    case "MultiPoint":
      return geometry.coordinates[0];
    case "LineString":
      return lineMiddle(geometry.coordinates);
    default:
      return areaMiddle(geometry);
  }
}

function polygonLatLngs(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const latLngs = polygons.map((rings) => rings.map((ring) => ring.map(toLatLng)));
  return latLngs.length === 1 ? latLngs[0] : latLngs;
}

/** The props a marker shows: the element's, with the trees found alive at the latest visit as a group's count. */
function lookProps(item) {
  return { ...item.props, count: groupCount(item) };
}

/** What a screen reader says of an element's marker: its kind (with the count it shows) and status, and whether it
 * was planned. */
export function elementLabel(item) {
  const { count } = markerLook(item.kind, lookProps(item));
  // "Tree, group of 12": the count a group's badge shows, not a number telling trees apart ("Tree 2").
  const kind = count
    ? t("sv.map.group_label", { kind: kindName(item.kind), count: formatNumber(Number(count)) })
    : kindName(item.kind);
  const params = { kind, status: statusName(item.status) };
  return item.unplanned ? t("sv.map.element_label_unplanned", params) : t("sv.map.element_label", params);
}

export class PlanLayer {
  /**
   * @param {L.Map} map
   * @param {{onTapElement?: (id: string) => void, onTapPhoto?: (photo: object, visit: object) => void}} hooks
   */
  constructor(map, { onTapElement = () => {}, onTapPhoto = () => {} } = {}) {
    this.map = map;
    this.onTapElement = onTapElement;
    this.onTapPhoto = onTapPhoto;
    this.group = window.L.layerGroup().addTo(map); // the shapes
    this.markers = markerClusters(map.getContainer()).addTo(map); // the markers (points, tags, photos), clustered where close
    this.draftGroup = window.L.layerGroup().addTo(map); // shapes of the visit being recorded, not sent yet
    this.bounds = new Map(); // element id → L.LatLngBounds of design and as built
    this.tapsEnabled = true;
  }

  /** While a shape is being drawn, taps go to the map (CSS on .is-drawing does the same for pointers). */
  setTapsEnabled(enabled) {
    this.tapsEnabled = enabled;
  }

  render(project, { selectedId = null } = {}) {
    this.group.clearLayers();
    this.markers.clearLayers();
    this.bounds.clear();
    const markers = [];
    // Everything on the map is an element of the summary: {id, kind, status, design, asBuilt, unplanned}.
    for (const item of elementsOf(project)) markers.push(...this.drawItem(item, item.id === selectedId));
    for (const visit of project.visits || []) {
      for (const photo of visit.photos || []) {
        if (photo.position) markers.push(this.drawPhoto(photo, visit));
      }
    }
    this.markers.addLayers(markers); // at once: the clusters are computed once, not once per marker
  }

  /**
   * The as-built shapes of the visit being recorded, drawn dotted in the kind's colour until the visit
   * is saved. shapes: [{kind, geometry}]
   */
  renderDraft(shapes) {
    const L = window.L;
    this.draftGroup.clearLayers();
    for (const { kind, geometry } of shapes) {
      const colour = kindColour(kind);
      const style = {
        color: colour,
        weight: 4,
        dashArray: "2 7",
        lineCap: "round",
        fillColor: colour,
        fillOpacity: 0.15,
        interactive: false,
      };
      let layer;
      if (geometry.type === "Point" || geometry.type === "MultiPoint") {
        const n = geometry.type === "Point" ? 1 : geometry.coordinates.length;
        const positions = geometry.type === "Point" ? [geometry.coordinates] : geometry.coordinates;
        const [lon, lat] = positions.reduce(([x, y], [px, py]) => [x + px / n, y + py / n], [0, 0]);
        layer = L.marker([lat, lon], { icon: kindIcon(kind, { pending: true }), interactive: false, keyboard: false });
      } else if (geometry.type === "LineString") {
        layer = L.polyline(geometry.coordinates.map(toLatLng), { ...style, pane: "elementLines" });
      } else {
        layer = L.polygon(polygonLatLngs(geometry), { ...style, pane: "elementAreas" });
      }
      layer.addTo(this.draftGroup);
    }
  }

  /** The bounds of an element's shapes (design and as built), or null when it is not on the map. */
  boundsOf(id) {
    return this.bounds.get(id) || null;
  }

  /** The bounds of every element's shapes, or null when none is on the map. */
  allBounds() {
    if (!this.bounds.size) return null;
    const all = window.L.latLngBounds([]);
    for (const bounds of this.bounds.values()) all.extend(bounds);
    return all;
  }

  // ---------------------------------------------------------------- drawing

  tappable(layer, id) {
    layer.on("click", (event) => {
      if (!this.tapsEnabled) return;
      window.L.DomEvent.stopPropagation(event);
      this.onTapElement(id);
    });
    return layer;
  }

  /** Draw an element's shapes; returns its markers (the badge or tag), for the cluster group. */
  drawItem(item, selected) {
    const L = window.L;
    const colour = statusColour(item.status);
    const measured = Boolean(item.asBuilt);
    const shown = item.asBuilt || item.design; // the shape that carries the marker or the tag
    if (!shown) return [];
    const label = elementLabel(item);
    const layers = [];

    if (shown.type === "Point" || shown.type === "MultiPoint") {
      const at = toLatLng(anchorOf(shown));
      if (measured && item.design) {
        // The designed spot: a dashed ring, with a dashed tie to where it was built.
        const designed = toLatLng(item.design.coordinates);
        layers.push(
          L.polyline([designed, at], {
            pane: "elementLines",
            color: colour,
            weight: 2,
            dashArray: "4 5",
            interactive: false,
          }),
        );
        layers.push(
          L.circleMarker(designed, {
            pane: "elementLines",
            radius: 8,
            color: colour,
            weight: 3,
            dashArray: "4 4",
            fillColor: "#ffffff",
            fillOpacity: 0.7,
            className: "sv-design-spot",
            interactive: false,
          }),
        );
      }
      const marker = L.marker(at, {
        icon: icon({
          className: "sv-marker",
          size: POINT_SIZE,
          label,
          elementId: item.id,
          build: () =>
            pointBadge(item.kind, item.status, {
              measured,
              unplanned: item.unplanned,
              selected,
              props: lookProps(item),
            }),
        }),
        keyboard: true,
        riseOnHover: true,
        zIndexOffset: selected ? 1000 : 0,
      });
      layers.push(this.tappable(marker, item.id));
    } else {
      const isLine = shown.type === "LineString";
      const pane = isLine ? "elementLines" : "elementAreas";
      const shapeOf = (geometry, options) =>
        isLine ? L.polyline(geometry.coordinates.map(toLatLng), options) : L.polygon(polygonLatLngs(geometry), options);
      if (selected) {
        layers.push(
          shapeOf(shown, {
            pane,
            color: HIGHLIGHT,
            weight: isLine ? 14 : 9,
            opacity: 0.9,
            fill: false,
            interactive: false,
          }),
        );
      }
      if (item.design) {
        layers.push(
          this.tappable(
            shapeOf(item.design, {
              pane,
              color: colour,
              weight: measured ? 3 : isLine ? 6 : 3,
              opacity: measured ? 0.85 : 1,
              dashArray: DESIGN_DASH,
              lineCap: "butt",
              fillColor: colour,
              fillOpacity: measured ? 0.06 : 0.22,
              className: "sv-design",
            }),
            item.id,
          ),
        );
      }
      if (measured) {
        layers.push(
          this.tappable(
            shapeOf(item.asBuilt, {
              pane,
              color: colour,
              weight: isLine ? 6 : 3,
              opacity: 1,
              lineCap: "round",
              fillColor: colour,
              fillOpacity: 0.35,
              className: "sv-as-built",
            }),
            item.id,
          ),
        );
      }
      if (isLine) {
        layers.push(this.tappable(shapeOf(shown, { pane, opacity: 0, weight: LINE_HIT_WEIGHT }), item.id));
      }
      const tag = L.marker(toLatLng(anchorOf(shown)), {
        icon: icon({
          className: "sv-tag-marker",
          size: TAG_SIZE,
          label,
          elementId: item.id,
          build: () => shapeTag(item.kind, item.status, { unplanned: item.unplanned, selected }),
        }),
        keyboard: true,
        zIndexOffset: selected ? 1000 : 0,
      });
      layers.push(this.tappable(tag, item.id));
    }

    const bounds = L.latLngBounds([]);
    for (const geometry of [item.design, item.asBuilt]) {
      if (!geometry) continue;
      const positions = [];
      const walk = (coordinates) => {
        if (typeof coordinates[0] === "number") positions.push(toLatLng(coordinates));
        else coordinates.forEach(walk);
      };
      walk(geometry.coordinates);
      bounds.extend(positions);
    }
    if (bounds.isValid()) this.bounds.set(item.id, bounds);
    const markers = layers.filter((layer) => layer instanceof L.Marker);
    for (const layer of layers) if (!markers.includes(layer)) layer.addTo(this.group);
    return markers;
  }

  /** A photo's camera marker, for the cluster group. */
  drawPhoto(photo, visit) {
    const L = window.L;
    const label = t("sv.map.photo_label", { date: formatDate(visit.date) });
    const marker = L.marker(toLatLng(photo.position), {
      icon: icon({
        className: "sv-photo-marker",
        size: PHOTO_SIZE,
        label,
        build: () => {
          const badge = document.createElement("div");
          badge.className = "sv-photo-badge";
          badge.append(cameraSymbol("sv-photo-badge__symbol"));
          return badge;
        },
      }),
      keyboard: true,
      zIndexOffset: 500,
    });
    marker.on("click", (event) => {
      if (!this.tapsEnabled) return;
      L.DomEvent.stopPropagation(event);
      this.onTapPhoto(photo, visit);
    });
    return marker;
  }
}
