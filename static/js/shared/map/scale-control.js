// A scale bar on a Leaflet map, in the page's language ("200 м", "1 km"): Leaflet's own writes English units.
// It says what the drawing's distances are when the map has no background to judge them by.
import { el } from "../dom.js";
import { Redraw } from "../redraw.js";
import { formatNumber, t } from "../strings.js";
import { scaleBar } from "./scale.js";

const MAX_PX = 120;

/** Add the scale bar at the map's bottom left; it follows zooming, panning and resizing. */
export function addScale(map) {
  const L = window.L;
  const text = el("span", { className: "map-scale__text" });
  const bar = el("span", { className: "map-scale__bar", "aria-hidden": "true" });
  const box = el("div", { className: "map-scale" }, text, bar);
  const redraw = new Redraw((view) => {
    box.hidden = !view;
    if (!view) return;
    text.textContent = t(view.unit === "km" ? "unit.km" : "unit.m", {
      value: formatNumber(view.value, view.decimals),
    });
    bar.style.width = `${view.px}px`;
  });
  const control = L.control({ position: "bottomleft" });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  control.addTo(map);
  const update = () => {
    const middle = map.getSize().y / 2;
    const from = map.containerPointToLatLng([0, middle]);
    const to = map.containerPointToLatLng([MAX_PX, middle]);
    redraw.update(scaleBar(map.distance(from, to) / MAX_PX, MAX_PX));
  };
  for (const change of ["zoomend", "moveend", "resize"]) map.on(change, update);
  update();
  return control;
}
