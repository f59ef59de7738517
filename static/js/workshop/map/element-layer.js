// Draws the view's elements on the map and keeps them in step with it: a layer is only rebuilt
// when its element changed, so a burst of remote edits does not make the whole map flicker.
import { layerGeometry } from "../../shared/map/geojson.js";
import { kindIcon } from "../../shared/map/icons.js";
import { kindColour } from "../../shared/map/kinds.js";
import { lookKey } from "../../shared/map/marker-look.js";

const LINE_HIT_WEIGHT = 24; // px; an invisible wide stroke under each line so a finger can hit it

export class ElementLayer {
  /**
   * @param {L.Map} map
   * @param {{onTap: (id: string) => void, onEditLost: (id: string) => void}} hooks
   */
  constructor(map, { onTap, onEditLost }) {
    this.map = map;
    this.onTap = onTap;
    this.onEditLost = onEditLost;
    this.entries = new Map(); // id → {layer, shape, element, look}
    this.editing = null; // {id, shape}
    this.tapsEnabled = true;
  }

  /** Taps open elements, except while drawing (a tap then places a point, even on top of an element). */
  setTapsEnabled(enabled) {
    this.tapsEnabled = enabled;
  }

  /**
   * @param {Map<string, object>} elements the view's elements
   * @param {{currentDesignId: string|null, selectedId: string|null, highlightAll?: boolean,
   *          outlines?: Object<string, string>}} context
   *   highlightAll: no design is faded (the console, the projector, the replay show every design alike);
   *   outlines: design id → colour, to ring each element in its design's colour (the console: whose is whose)
   */
  render(elements, { currentDesignId, selectedId, highlightAll = false, outlines = null }) {
    for (const element of elements.values()) {
      if (this.editing?.id === element.id) continue; // the person's fingers are on it
      const look = [
        element.kind,
        element.version,
        lookKey(element.kind, element.props), // a pending change of props has no new version yet
        element.pending ? "pending" : "",
        element.hidden || element.design_hidden ? "hidden" : "",
        highlightAll || element.design_id === currentDesignId ? "current" : "other",
        element.id === selectedId ? "selected" : "",
        outlines?.[element.design_id] ?? "",
      ].join("|");
      const entry = this.entries.get(element.id);
      if (entry && entry.element.geometry === element.geometry && entry.look === look) {
        entry.element = element;
        continue;
      }
      entry?.layer.remove();
      this.entries.set(element.id, { ...this.createLayer(element, look), element, look });
    }
    for (const [id, entry] of this.entries) {
      if (elements.has(id)) continue;
      entry.layer.remove();
      this.entries.delete(id);
      if (this.editing?.id === id) {
        this.editing = null;
        this.onEditLost(id);
      }
    }
  }

  /** Turn a sign's arrow on the map now, while its handle is being dragged (the saved bearing redraws it after). */
  turnArrow(id, bearing) {
    const arrow = this.entries.get(id)?.shape.getElement?.()?.querySelector(".element-badge__arrow");
    if (arrow) arrow.style.transform = `rotate(${bearing}deg)`;
  }

  // ------------------------------------------------------------------ editing one shape

  /** Let the person move a point, or the corners of a line or area. Returns false if not on the map. */
  startEdit(id) {
    const entry = this.entries.get(id);
    if (!entry?.shape.pm) return false;
    this.editing = { id, shape: entry.shape };
    entry.hit?.remove();
    // Quick taps on the handles must not zoom the map (see setDrawingMode in draw.js).
    this.map.doubleClickZoom.disable();
    // A finger that starts on the shape moves the shape, not the map underneath it.
    window.L.DomEvent.on(entry.shape.getElement(), "touchstart mousedown", window.L.DomEvent.stopPropagation);
    if (entry.element.geometry.type === "Point") {
      entry.shape.pm.enable({ draggable: true, snappable: false });
    } else {
      // Geoman edits the corners of a line or area; moving it whole is a separate mode that would
      // switch corner editing off, so reshaping is by corners only.
      entry.shape.pm.enable({ allowSelfIntersection: false, snappable: false });
    }
    return true;
  }

  /** End editing and return {id, geometry} of the edited shape (null if nothing was being edited). */
  finishEdit() {
    if (!this.editing) return null;
    const { id, shape } = this.editing;
    const geometry = layerGeometry(shape);
    this.stopEditing();
    return { id, geometry };
  }

  /** End editing without keeping the change. */
  cancelEdit() {
    this.stopEditing();
  }

  isEditing() {
    return this.editing !== null;
  }

  stopEditing() {
    if (!this.editing) return;
    const { id, shape } = this.editing;
    shape.pm.disable();
    const element = shape.getElement();
    if (element) window.L.DomEvent.off(element, "touchstart mousedown", window.L.DomEvent.stopPropagation);
    this.map.doubleClickZoom.enable();
    // The layer was moved by hand; rebuild it from the view on the next render.
    this.entries.get(id)?.layer.remove();
    this.entries.delete(id);
    this.editing = null;
  }

  // ------------------------------------------------------------------ building layers

  createLayer(element, look) {
    const L = window.L;
    const pending = Boolean(element.pending);
    const hidden = look.includes("|hidden|"); // moderated: only the facilitator sees it, faded and marked
    const faded = look.includes("|other") || hidden;
    const selected = look.includes("|selected|");
    const outline = look.slice(look.lastIndexOf("|") + 1) || null; // its design's colour, where designs are told apart
    const colour = kindColour(element.kind);
    const geometry = element.geometry;
    let layer;
    let shape;
    let hit = null;

    if (geometry.type === "Point") {
      shape = L.marker([geometry.coordinates[1], geometry.coordinates[0]], {
        icon: kindIcon(element.kind, { pending, faded, selected, hidden, ring: outline }, element.props),
        keyboard: true,
      });
      layer = shape;
    } else if (geometry.type === "LineString") {
      const latLngs = geometry.coordinates.map(([lon, lat]) => [lat, lon]);
      hit = L.polyline(latLngs, { pane: "elementLines", opacity: 0, weight: LINE_HIT_WEIGHT, pmIgnore: true });
      // Its design's colour as a casing on both sides of the line in the kind's colour, a white edge between them
      // (a design may have the kind's colour).
      const width = selected ? 9 : 6;
      const casing = (color, weight) =>
        L.polyline(latLngs, {
          pane: "elementLines",
          color,
          weight,
          opacity: hidden ? 0.3 : faded ? 0.4 : 0.95,
          lineCap: "round",
          interactive: false,
          pmIgnore: true,
          className: "element-line__casing",
        });
      const casings = outline ? [casing(outline, width + 10), casing("#ffffff", width + 4)] : [];
      shape = L.polyline(latLngs, {
        pane: "elementLines",
        color: colour,
        weight: selected ? 9 : 6,
        opacity: hidden ? 0.3 : faded ? 0.4 : 0.95,
        lineCap: "round",
        dashArray: hidden ? "2 10" : pending ? "8 8" : null,
        className: `element-line${pending ? " is-pending" : ""}${hidden ? " is-hidden" : ""}`,
      });
      layer = L.featureGroup([hit, ...casings, shape]);
    } else {
      const rings = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      const latLngs = rings.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => [lat, lon])));
      shape = L.polygon(latLngs.length === 1 ? latLngs[0] : latLngs, {
        pane: "elementAreas",
        color: selected ? "#111111" : hidden ? "#b3261e" : (outline ?? colour),
        weight: selected ? 4 : outline ? 4 : 2,
        opacity: faded ? 0.5 : 1,
        fillColor: colour,
        fillOpacity: hidden ? 0.08 : faded ? 0.15 : pending ? 0.25 : 0.45,
        dashArray: hidden ? "4 6" : pending ? "8 8" : null,
        className: `element-area${pending ? " is-pending" : ""}${hidden ? " is-hidden" : ""}`,
      });
      layer = shape;
    }

    layer.on("click", (event) => {
      if (!this.tapsEnabled || this.editing) return;
      window.L.DomEvent.stopPropagation(event); // a tap on an element is not a tap on the empty map
      this.onTap(element.id);
    });
    layer.addTo(this.map);
    return { layer, shape, hit };
  }
}
