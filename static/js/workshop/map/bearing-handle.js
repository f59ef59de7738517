// The round handle that turns a selected sign's arrow on the map: a finger drags it round the sign and the arrow
// follows; letting go saves the bearing as typing it in the panel does (element:update props). The handle is a
// slider for the keyboard too (arrow keys turn it by 15°), and the degrees stay in the panel as a detail. Drawn
// from one view {id, coordinates: [lon, lat], bearing (null: none yet)} or null (bearing.js does the arithmetic).
import { bearingAfterKey, bearingTo } from "./bearing.js";
import { Redraw } from "../../shared/redraw.js";
import { t } from "../../shared/strings.js";

const ARM = 66; // px from the sign's middle to the handle's: clear of the sign's own badge and arrow
const KNOB = 48; // px: a finger's target (--touch)
const SIZE = 2 * (ARM + KNOB / 2); // the square the handle turns in, centred on the sign

export class BearingHandle {
  /**
   * @param {L.Map} map
   * @param {{onTurning: (id, bearing) => void, onTurn: (id, bearing) => void}} hooks onTurning: while the finger
   *   moves (the sign's arrow follows); onTurn: the bearing chosen (on letting go, or on a key)
   */
  constructor(map, { onTurning, onTurn }) {
    this.map = map;
    this.onTurning = onTurning;
    this.onTurn = onTurn;
    this.marker = null;
    this.shown = null; // {id, bearing} as drawn or turned since
    this.dragging = false;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /** Show the handle of this sign (or none). While a finger turns it, the view waits for the finger to let go. */
  render(view) {
    if (this.dragging) return;
    this.redraw.update(view);
  }

  draw(view) {
    if (this.marker && view && this.shown.id === view.id && this.sameSpot(view)) {
      this.turnTo(view.bearing);
      return;
    }
    this.marker?.remove();
    this.marker = null;
    this.shown = null;
    if (!view) return;
    const L = window.L;
    const [lon, lat] = view.coordinates;
    this.marker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: "bearing-handle is-see-through",
        html: "",
        iconSize: [SIZE, SIZE],
        iconAnchor: [SIZE / 2, SIZE / 2],
      }),
      interactive: false,
      keyboard: false,
      zIndexOffset: 1000,
    }).addTo(this.map);
    this.shown = { id: view.id, coordinates: view.coordinates, bearing: view.bearing };
    this.build(this.marker.getElement());
    this.turnTo(view.bearing);
  }

  sameSpot(view) {
    return this.shown.coordinates[0] === view.coordinates[0] && this.shown.coordinates[1] === view.coordinates[1];
  }

  build(container) {
    this.turn = document.createElement("div");
    this.turn.className = "bearing-handle__turn";
    const arm = document.createElement("span");
    arm.className = "bearing-handle__arm";
    this.knob = document.createElement("div");
    this.knob.className = "bearing-handle__knob";
    this.knob.tabIndex = 0;
    this.knob.setAttribute("role", "slider");
    this.knob.setAttribute("aria-label", t("props.sign.bearing"));
    this.knob.setAttribute("aria-valuemin", "0");
    this.knob.setAttribute("aria-valuemax", "359");
    const grip = document.createElement("span");
    grip.className = "bearing-handle__grip";
    grip.setAttribute("aria-hidden", "true");
    grip.textContent = "⟳";
    this.knob.append(grip);
    this.turn.append(arm, this.knob);
    container.append(this.turn);
    this.listen(this.knob);
  }

  /** Turn the drawn handle to a bearing (null: pointing north, faint, as a sign without one). */
  turnTo(bearing) {
    this.shown.bearing = bearing;
    this.turn.style.transform = `rotate(${bearing ?? 0}deg)`;
    this.turn.classList.toggle("is-unset", bearing === null);
    this.knob.setAttribute("aria-valuenow", String(bearing ?? 0));
    this.knob.setAttribute("aria-valuetext", bearing === null ? t("props.none") : `${bearing}°`);
  }

  listen(knob) {
    const L = window.L;
    // The finger on the handle turns it: it neither pans the map nor counts as a tap on it.
    L.DomEvent.disableClickPropagation(knob);
    L.DomEvent.on(knob, "pointerdown", L.DomEvent.stopPropagation);
    knob.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      knob.focus({ preventScroll: true });
      knob.setPointerCapture(event.pointerId);
      this.dragging = true;
      this.startBearing = this.shown.bearing;
    });
    knob.addEventListener("pointermove", (event) => {
      if (!this.dragging) return;
      const bearing = this.bearingAt(event);
      if (bearing === null || bearing === this.shown.bearing) return;
      this.turnTo(bearing);
      this.onTurning(this.shown.id, bearing);
    });
    const release = () => {
      if (!this.dragging) return;
      this.dragging = false;
      if (this.shown.bearing === this.startBearing) return;
      if (this.shown.bearing !== null) this.onTurn(this.shown.id, this.shown.bearing);
    };
    knob.addEventListener("pointerup", release);
    knob.addEventListener("pointercancel", release);
    knob.addEventListener("lostpointercapture", release);
    knob.addEventListener("keydown", (event) => {
      const bearing = bearingAfterKey(this.shown.bearing, event.key);
      if (bearing === null) return;
      event.preventDefault();
      event.stopPropagation(); // the map's own arrow keys pan it
      this.turnTo(bearing);
      this.onTurn(this.shown.id, bearing);
    });
  }

  /** The bearing from the sign to the finger, as the screen shows them. */
  bearingAt(event) {
    const [lon, lat] = this.shown.coordinates;
    const sign = this.map.latLngToContainerPoint([lat, lon]);
    const box = this.map.getContainer().getBoundingClientRect();
    return bearingTo(event.clientX - box.left - sign.x, event.clientY - box.top - sign.y);
  }
}
