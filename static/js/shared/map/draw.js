// Drawing a new shape of a chosen kind with Geoman, without Geoman's toolbar: our palette starts a
// draw mode, our Finish / Remove last point / Cancel buttons end it. The finished Geoman layer is
// only a sketch: we take its geometry and remove it, and the element is drawn again from state.
import { layerGeometry } from "./geojson.js";
import { kindIcon } from "./icons.js";
import { KINDS, kindColour } from "./kinds.js";

/**
 * Finish the line, polygon or cut being drawn in Geoman draw mode `shape`. Geoman's own toolbar
 * "Finish" action calls this same method; we show our own big buttons instead of its toolbar.
 */
export function finishShape(map, shape) {
  const drawing = shape && map.pm.Draw[shape];
  if (drawing?.enabled()) drawing._finishShape();
}

/** Take back the last point placed (Geoman's toolbar action "Remove last vertex"). */
export function removeLastPoint(map, shape) {
  const drawing = shape && map.pm.Draw[shape];
  if (drawing?.enabled()) drawing._removeLastVertex();
}

/**
 * Map behaviour while points are being placed: quick taps a few centimetres apart count as a
 * double tap on touch screens, and Leaflet would zoom in under the person's finger. Taps on
 * existing elements must reach the map too (CSS keyed on .is-drawing).
 */
export function setDrawingMode(map, drawing) {
  if (drawing) map.doubleClickZoom.disable();
  else map.doubleClickZoom.enable();
  map.getContainer().classList.toggle("is-drawing", drawing);
}

export class DrawController {
  /**
   * @param {L.Map} map
   * @param {{onShape: (kind, geometry) => void, onModeChange: (kind|null) => void}} hooks
   */
  constructor(map, { onShape, onModeChange }) {
    this.map = map;
    this.onShape = onShape;
    this.onModeChange = onModeChange;
    this.kind = null;

    map.on("pm:create", (event) => {
      const kind = this.kind;
      const geometry = layerGeometry(event.layer);
      event.layer.remove();
      if (kind) this.onShape(kind, geometry);
    });
    // Geoman ends a draw mode itself after a line or polygon is finished (or on Escape).
    map.on("pm:drawend", () => {
      if (!this.map.pm.globalDrawModeEnabled()) this.setKind(null);
    });
  }

  /** The kind being drawn, or null. */
  get activeKind() {
    return this.kind;
  }

  get activeShape() {
    return this.kind ? KINDS[this.kind].drawShape : null;
  }

  start(kind) {
    const spec = KINDS[kind];
    if (!spec) return;
    this.stop();
    const colour = kindColour(kind);
    const style = { color: colour, fillColor: colour, fillOpacity: 0.3, weight: 4 };
    this.setKind(kind);
    this.map.pm.enableDraw(spec.drawShape, {
      // Points: keep placing until Done (a row of trees); a note asks for its text, so one at a time.
      continueDrawing: spec.drawShape === "Marker" && kind !== "note",
      markerStyle: { icon: kindIcon(kind, { pending: true }) },
      templineStyle: style,
      hintlineStyle: { ...style, dashArray: "5 5" },
      pathOptions: style,
    });
  }

  /** Close the line or polygon now (a finger cannot easily hit the last point again). */
  finish() {
    if (this.activeShape === "Marker") this.stop();
    else finishShape(this.map, this.activeShape);
  }

  /** Take back the last point placed. */
  removeLastPoint() {
    if (this.activeShape !== "Marker") removeLastPoint(this.map, this.activeShape);
  }

  stop() {
    if (this.map.pm.globalDrawModeEnabled()) this.map.pm.disableDraw();
    this.setKind(null);
  }

  setKind(kind) {
    if (this.kind === kind) return;
    this.kind = kind;
    setDrawingMode(this.map, kind !== null);
    this.onModeChange(kind);
  }
}
