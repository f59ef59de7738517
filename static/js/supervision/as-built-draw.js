// Marking on the map where something was really built. Lines and areas start from a copy of the design
// (Geoman vertex editing: the author drags corners to where the contractor put them); a point is a marker
// that follows taps and can be dragged; something not in the design is drawn fresh with Geoman's draw
// modes. Our own bar carries the hint and the Done / Cancel buttons (Geoman's toolbar stays hidden).
import { finishShape, removeLastPoint, setDrawingMode } from "../shared/map/draw.js";
import { layerGeometry } from "../shared/map/geojson.js";
import { kindIcon } from "../shared/map/icons.js";
import { KINDS, kindColour } from "../shared/map/kinds.js";
import { el, replaceChildren } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { toast } from "../shared/toast.js";
import { actionButton } from "./widgets.js";

const CLOSE_ZOOM = 18;

const toLatLng = ([lon, lat]) => [lat, lon];

function latLngsOf(geometry) {
  if (geometry.type === "LineString") return geometry.coordinates.map(toLatLng);
  if (geometry.type === "Polygon") return geometry.coordinates.map((ring) => ring.map(toLatLng));
  return geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(toLatLng)));
}

function startPoint(geometry) {
  if (!geometry) return null;
  if (geometry.type === "Point") return toLatLng(geometry.coordinates);
  if (geometry.type === "MultiPoint" && geometry.coordinates.length) {
    // Where the fixes average to, near enough for a starting point.
    const n = geometry.coordinates.length;
    const [lon, lat] = geometry.coordinates.reduce(([x, y], [px, py]) => [x + px / n, y + py / n], [0, 0]);
    return [lat, lon];
  }
  return null;
}

export class AsBuiltEditor {
  /**
   * @param {L.Map} map
   * @param {HTMLElement} bar the draw bar over the map (hidden when idle)
   * @param {{onActiveChange?: (active: boolean) => void}} hooks
   */
  constructor(map, bar, { onActiveChange = () => {} } = {}) {
    this.map = map;
    this.bar = bar;
    this.onActiveChange = onActiveChange;
    this.session = null; // {resolve, cleanup}
  }

  get active() {
    return this.session !== null;
  }

  /**
   * Let the person place the as-built shape of a `kind`, starting from `start` (the design or an earlier
   * as-built shape; null to draw from nothing). Resolves with the GeoJSON geometry, or null if cancelled.
   */
  edit(kind, start) {
    const spec = KINDS[kind];
    if (!spec) return Promise.resolve(null);
    this.cancel();
    return new Promise((resolve) => {
      this.begin(resolve);
      if (spec.geometry === "Point") this.editPoint(kind, startPoint(start));
      else if (start) this.editShape(kind, start);
      else this.drawShape(kind);
    });
  }

  /** Stop whatever is being drawn, keeping nothing. */
  cancel() {
    this.finish(null);
  }

  // ---------------------------------------------------------------- sessions

  begin(resolve) {
    const cleanups = [];
    this.session = { resolve, cleanups, done: null };
    setDrawingMode(this.map, true);
    this.onActiveChange(true);
  }

  finish(geometry) {
    const session = this.session;
    if (!session) return;
    this.session = null;
    for (const cleanup of session.cleanups.reverse()) cleanup();
    setDrawingMode(this.map, false);
    this.bar.hidden = true;
    replaceChildren(this.bar);
    this.onActiveChange(false);
    session.resolve(geometry);
  }

  showBar(hint, buttons) {
    replaceChildren(
      this.bar,
      el("p", { className: "draw-bar__hint", role: "status" }, hint),
      el("div", { className: "draw-bar__buttons" }, buttons),
    );
    this.bar.hidden = false;
  }

  doneButton(onDone) {
    return actionButton(t("sv.draw.done"), { className: "btn btn--primary", onClick: onDone });
  }

  cancelButton() {
    return actionButton(t("sv.draw.cancel"), { className: "btn", onClick: () => this.cancel() });
  }

  /** Zoom to the starting shape once the layout has settled (the map may just have grown). */
  focusOn(bounds) {
    requestAnimationFrame(() => {
      this.map.invalidateSize();
      if (!bounds) return;
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        this.map.setView(bounds.getCenter(), Math.max(this.map.getZoom(), CLOSE_ZOOM));
      } else {
        this.map.fitBounds(bounds.pad(0.25), { maxZoom: CLOSE_ZOOM + 1 });
      }
    });
  }

  // ---------------------------------------------------------------- a point

  editPoint(kind, start) {
    const L = window.L;
    let marker = null;
    const place = (latLng) => {
      if (marker) {
        marker.setLatLng(latLng);
        return;
      }
      marker = L.marker(latLng, {
        icon: kindIcon(kind, { pending: true }),
        draggable: true,
        keyboard: true,
        pmIgnore: true,
      }).addTo(this.map);
    };
    if (start) place(start);
    const onTap = (event) => place(event.latlng);
    this.map.on("click", onTap);
    this.session.cleanups.push(() => {
      this.map.off("click", onTap);
      marker?.remove();
    });
    this.showBar(t("sv.draw.hint_point"), [
      this.cancelButton(),
      this.doneButton(() => {
        if (!marker) {
          toast(t("sv.draw.too_few"), "error");
          return;
        }
        const { lat, lng } = marker.getLatLng();
        const round = (value) => Math.round(value * 1e7) / 1e7;
        this.finish({ type: "Point", coordinates: [round(lng), round(lat)] });
      }),
    ]);
    this.focusOn(start ? L.latLngBounds([start, start]) : null);
  }

  // ---------------------------------------------------------------- a copy of a line or area

  editShape(kind, start) {
    const L = window.L;
    const colour = kindColour(kind);
    const style = { color: colour, fillColor: colour, fillOpacity: 0.25, weight: 5 };
    const layer =
      start.type === "LineString" ? L.polyline(latLngsOf(start), style) : L.polygon(latLngsOf(start), style);
    layer.addTo(this.map);
    layer.pm.enable({ allowSelfIntersection: false, snappable: false, draggable: false });
    this.session.cleanups.push(() => {
      layer.pm.disable();
      layer.remove();
    });
    this.showBar(t("sv.draw.hint_edit"), [
      this.cancelButton(),
      this.doneButton(() => this.finish(layerGeometry(layer))),
    ]);
    this.focusOn(layer.getBounds());
  }

  // ---------------------------------------------------------------- a new line or area

  drawShape(kind) {
    const shape = KINDS[kind].drawShape;
    const colour = kindColour(kind);
    const style = { color: colour, fillColor: colour, fillOpacity: 0.3, weight: 4 };
    const onCreate = (event) => {
      const geometry = layerGeometry(event.layer);
      event.layer.remove();
      this.finish(geometry);
    };
    // Geoman ends the draw mode itself on Escape: that is a cancel.
    const onDrawEnd = () => {
      if (this.session && !this.map.pm.globalDrawModeEnabled()) setTimeout(() => this.cancel(), 0);
    };
    this.map.on("pm:create", onCreate);
    this.map.on("pm:drawend", onDrawEnd);
    this.map.pm.enableDraw(shape, {
      templineStyle: style,
      hintlineStyle: { ...style, dashArray: "5 5" },
      pathOptions: style,
    });
    this.session.cleanups.push(() => {
      this.map.off("pm:create", onCreate);
      this.map.off("pm:drawend", onDrawEnd);
      if (this.map.pm.globalDrawModeEnabled()) this.map.pm.disableDraw();
    });
    this.showBar(t(shape === "Line" ? "sv.draw.hint_line" : "sv.draw.hint_polygon"), [
      this.cancelButton(),
      actionButton(t("sv.draw.undo_point"), { className: "btn", onClick: () => removeLastPoint(this.map, shape) }),
      this.doneButton(() => {
        const before = this.session;
        finishShape(this.map, shape);
        // Too few points: Geoman keeps drawing and creates nothing.
        if (this.session === before) toast(t("sv.draw.too_few"), "error");
      }),
    ]);
    this.focusOn(null);
  }
}
