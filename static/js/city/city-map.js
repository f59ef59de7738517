// The city map's Leaflet side: one group of shapes per layer, each in its own pane so that a layer turned off
// and on again comes back at its height (sites under plans under lanes under gaps), styled by the view-model.
import { createMap } from "../shared/map/base-map.js";
import { SiteFit } from "../shared/map/site-fit.js";
import {
  clusterMarker,
  gapHitStyle,
  gapLabel,
  gapStyle,
  greenStyle,
  LAYER_KEYS,
  laneStyle,
  planStyle,
  shapeInfo,
  signMarker,
  siteStyle,
} from "./model.js";
import { signIcon } from "./sign-icon.js";

const PANES = { sites: 355, plans: 385, green: 388, cycle: 392, gaps: 396 };
// The server's layer names (GET /api/city/layers) → the page's groups.
const GROUP_OF = { sites: "sites", plans: "plans", green: "green", cycle_lanes: "cycle", gaps: "gaps", signs: "signs" };
const CLOSE_ZOOM = 17;

function swap([lon, lat]) {
  return [lat, lon];
}

export class CityMap {
  /**
   * @param {HTMLElement} container
   * @param {{onShape?: (info: object, how: {keyboard: boolean}) => void, onEmpty?: () => void}} hooks onShape: a
   *   shape was tapped (or a sign chosen with Enter), with its tooltip's words; onEmpty: the empty map was tapped
   */
  constructor(container, { onShape = () => {}, onEmpty = () => {} } = {}) {
    const L = window.L;
    this.map = createMap(container);
    for (const [name, zIndex] of Object.entries(PANES))
      this.map.createPane(`city-${name}`).style.zIndex = String(zIndex);
    this.fit = new SiteFit(this.map, container);
    this.onShape = onShape;
    // A shape's tap stops at the shape (tapped below): what reaches the map was a tap on the empty map.
    this.map.on("click", () => onEmpty());
    this.groups = Object.fromEntries(LAYER_KEYS.map((key) => [key, L.featureGroup()]));
    // Arrow keys move the map as a finger or a wheel does: from then on the person chooses what it shows.
    container.addEventListener("keydown", () => this.fit.release(), { passive: true });
    // Printing lays the page out at the paper's size: the map takes its printed box first, and the city is fitted
    // into it (Leaflet does not follow a box that changes under it by itself).
    window.addEventListener("beforeprint", () => this.paper(true));
    window.addEventListener("afterprint", () => this.paper(false));
    this.container = container;
  }

  /** Draw the layers of a view (cityInView's answer, view.js), replacing what was drawn; the view stays. */
  draw(city) {
    this.city = city;
    for (const group of Object.values(this.groups)) {
      // A permanent label (a gap's distance, a cluster's count) is closed with its shape: cleared alone, a label of
      // the view before stayed on the map.
      group.eachLayer((layer) => layer.unbindTooltip());
      group.clearLayers();
    }
    this.drawSites(city);
    this.drawCollection("plans", city.map.plans, (feature) => planStyle(feature.properties.status));
    this.drawCollection("green", city.map.green, (feature) => greenStyle(feature.properties));
    this.drawCollection("cycle", city.map.cycle_lanes, (feature) => laneStyle(feature.properties));
    this.drawGaps(city);
    this.drawSigns(city);
    for (const [name, clusters] of Object.entries(city.clusters || {})) this.drawClusters(GROUP_OF[name], clusters);
  }

  /** Fit the map to the city's extent (GET /api/city's `bbox`: west, south, east, north), kept for printing. */
  fitCity(bbox) {
    if (!bbox) return;
    const [west, south, east, north] = bbox;
    this.bounds = window.L.latLngBounds([south, west], [north, east]).pad(0.05);
    this.fit.fit(this.bounds);
  }

  /** The map's view as viewQuery (view.js) reads it. */
  view() {
    const bounds = this.map.getBounds();
    return {
      box: { west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth() },
      zoom: this.map.getZoom(),
    };
  }

  /** Call `onMove` whenever the map comes to rest in a new view (a pan, a zoom, a resize). */
  onMove(onMove) {
    this.map.on("moveend", onMove);
  }

  /** A layer's features counted by cell (low zoom, or too many in view): a disc with the count; a tap zooms in. */
  drawClusters(key, clusters) {
    const L = window.L;
    for (const { position, count } of clusters) {
      const marker = clusterMarker(count);
      const disc = L.circleMarker(swap(position), {
        ...this.shapeOptions(key, marker.style),
        className: `city-cluster city-cluster--${key}`,
      });
      disc.bindTooltip(marker.text, { permanent: true, direction: "center", className: "city-cluster-label" });
      disc.on("click", (event) => {
        L.DomEvent.stopPropagation(event);
        this.fit.release();
        this.map.setView(swap(position), this.map.getZoom() + 2);
      });
      this.groups[key].addLayer(disc);
    }
  }

  /** Show the layers that are on, take the others off the map. */
  setLayers(layers) {
    for (const key of LAYER_KEYS) {
      const group = this.groups[key];
      if (layers[key] && !this.map.hasLayer(group)) group.addTo(this.map);
      if (!layers[key] && this.map.hasLayer(group)) group.remove();
    }
  }

  shapeOptions(layer, style) {
    return { ...style, pane: `city-${layer}`, className: `city-shape city-shape--${layer}`, pmIgnore: true };
  }

  tapped(layer, properties, how = { keyboard: false }) {
    return (event) => {
      // The tap stops at its shape: the map's own click means a tap on the empty map.
      if (event) window.L.DomEvent.stopPropagation(event);
      this.onShape(shapeInfo(this.city, layer, properties), how);
    };
  }

  drawSites(city) {
    const L = window.L;
    for (const site of city.sites) {
      const shape = L.geoJSON(site.boundary, { style: () => this.shapeOptions("sites", siteStyle(site.phase)) });
      shape.on("click", this.tapped("sites", site));
      this.groups.sites.addLayer(shape);
    }
  }

  drawCollection(layer, collection, style) {
    const L = window.L;
    const shapes = L.geoJSON(collection, {
      style: (feature) => this.shapeOptions(layer, style(feature)),
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, this.shapeOptions(layer, style(feature))),
      onEachFeature: (feature, shape) => shape.on("click", this.tapped(layer, feature.properties)),
    });
    this.groups[layer].addLayer(shapes);
  }

  drawGaps(city) {
    const L = window.L;
    for (const feature of city.map.gaps.features) {
      const line = L.polyline(feature.geometry.coordinates.map(swap), this.shapeOptions("gaps", gapStyle()));
      // The distance stays written beside the gap; the label goes with its layer.
      line.bindTooltip(gapLabel(feature.properties.distance_m), {
        permanent: true,
        direction: "center",
        className: "city-gap-label",
      });
      line.on("click", this.tapped("gaps", feature.properties));
      this.groups.gaps.addLayer(line);
      // A gap is a short thin line at the city's zoom: a wide invisible line over it takes a finger's tap.
      const hit = L.polyline(line.getLatLngs(), {
        ...gapHitStyle(),
        pane: "city-gaps",
        className: "city-hit city-hit--gaps",
        pmIgnore: true,
      });
      hit.on("click", this.tapped("gaps", feature.properties));
      this.groups.gaps.addLayer(hit);
    }
  }

  drawSigns(city) {
    const L = window.L;
    for (const feature of city.map.signs.features) {
      const marker = signMarker(feature.properties);
      const shape = L.marker(swap(feature.geometry.coordinates), {
        icon: signIcon(marker),
        title: marker.label,
        keyboard: true,
        pmIgnore: true,
      });
      shape.on("click", this.tapped("signs", feature.properties));
      // A focused sign (Tab reaches it) opens its card with Enter or Space, as a button would.
      const chosen = this.tapped("signs", feature.properties, { keyboard: true });
      shape.on("keypress", (event) => {
        if (event.originalEvent.key === "Enter" || event.originalEvent.key === " ") {
          event.originalEvent.preventDefault();
          chosen(event);
        }
      });
      this.groups.signs.addLayer(shape);
    }
  }

  /** Bring two ends (a gap) into view, both of them with room around. */
  showGap(a, b) {
    this.fit.release();
    const bounds = window.L.latLngBounds([swap(a), swap(b)]);
    this.map.fitBounds(bounds.pad(1.5), { maxZoom: 18, animate: false });
  }

  /** Bring a point (a sign) into view, close. */
  showPoint(position) {
    this.fit.release();
    this.map.setView(swap(position), Math.max(this.map.getZoom(), CLOSE_ZOOM), { animate: false });
  }

  /** Give the map its printed box with the whole city in it, or its screen box back with the view it had. */
  paper(printing) {
    if (printing) this.screenView = { center: this.map.getCenter(), zoom: this.map.getZoom() };
    this.container.classList.toggle("is-printing", printing);
    this.map.invalidateSize({ animate: false });
    if (printing && this.bounds) this.map.fitBounds(this.bounds, { animate: false });
    if (!printing && this.screenView)
      this.map.setView(this.screenView.center, this.screenView.zoom, { animate: false });
  }
}
