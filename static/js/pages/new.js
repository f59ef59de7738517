// A facilitator creates a workshop (/new): title, site name and the site boundary, drawn on the map
// (several areas → MultiPolygon; Geoman's cut makes no-build holes) or loaded from GeoJSON.
import { ALMATY, createMap } from "../map/base-map.js";
import { finishShape, removeLastPoint, setDrawingMode } from "../map/draw.js";
import { BoundaryError, boundaryFromGeoJSON, combinePolygons, layerGeometry, polygonsOf } from "../map/geojson.js";
import { ApiError, createWorkshop } from "../sync/api.js";
import { saveIdentity } from "../sync/identity.js";
import { applyTextLimits, byId } from "../ui/dom.js";
import { DrawBar } from "../ui/draw-bar.js";
import { wireCopyButtons } from "../ui/copy.js";
import { errorText } from "../ui/errors.js";
import { participantJoinUrl, showJoinCode } from "../ui/join-code.js";
import { t, tn } from "../ui/strings.js";
import { toast } from "../ui/toast.js";

const SITE_STYLE = { color: "#263238", weight: 3, fillColor: "#4caf50", fillOpacity: 0.2 };

const map = createMap(byId("new-map"), ALMATY);
const drawBar = new DrawBar(byId("draw-bar"), {});
const errorBox = byId("new-error");
let activeShape = null; // "Polygon" | "Cut" | null
applyTextLimits();

// ------------------------------------------------------------------ the boundary on the map

/** Site polygons on the map: everything drawn, cut or loaded (Geoman's sketches in progress excluded). */
function sitePolygonLayers() {
  const layers = [];
  map.eachLayer((layer) => {
    if (layer instanceof window.L.Polygon && !layer._pmTempLayer && !layer.options.pmIgnore) layers.push(layer);
  });
  return layers;
}

function currentBoundary() {
  return combinePolygons(sitePolygonLayers().flatMap((layer) => polygonsOf(layerGeometry(layer))));
}

function refreshSummary() {
  const polygons = polygonsOf(currentBoundary());
  const holes = polygons.reduce((total, rings) => total + rings.length - 1, 0);
  byId("boundary-summary").textContent = polygons.length
    ? t("new.boundary_summary", { areas: tn("new.boundary_areas", polygons.length), holes: tn("new.boundary_holes", holes) })
    : t("new.boundary_none");
  byId("cut-hole").disabled = polygons.length === 0;
}

function clearBoundary() {
  stopDrawing();
  for (const layer of sitePolygonLayers()) layer.remove();
  refreshSummary();
}

/** Replace whatever is drawn by a boundary from GeoJSON, and show it. */
function showBoundary(boundary) {
  clearBoundary();
  const layer = window.L.geoJSON(boundary, { style: () => SITE_STYLE }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [24, 24] });
  refreshSummary();
  toast(t("new.loaded_geojson"));
}

function startDrawing(shape) {
  stopDrawing();
  showError("");
  activeShape = shape;
  setDrawingMode(map, true);
  map.pm.enableDraw(shape, { pathOptions: SITE_STYLE, templineStyle: { color: SITE_STYLE.color }, continueDrawing: false });
  drawBar.show(t(shape === "Cut" ? "new.cutting_hole" : "new.drawing_area"), [
    drawBar.button(t("draw.undo_point"), () => removeLastPoint(map, activeShape)),
    drawBar.button(t("draw.cancel"), stopDrawing),
    drawBar.button(t("draw.finish"), () => finishShape(map, activeShape), "btn--primary"),
  ]);
}

function stopDrawing() {
  if (map.pm.globalDrawModeEnabled()) map.pm.disableDraw();
  activeShape = null;
  setDrawingMode(map, false);
  drawBar.hide();
}

map.on("pm:create", refreshSummary);
map.on("pm:cut", refreshSummary);
map.on("pm:drawend", () => {
  activeShape = null;
  setDrawingMode(map, false);
  drawBar.hide();
  refreshSummary();
});

byId("draw-area").addEventListener("click", () => startDrawing("Polygon"));
byId("cut-hole").addEventListener("click", () => startDrawing("Cut"));
byId("clear-boundary").addEventListener("click", clearBoundary);

// ------------------------------------------------------------------ GeoJSON in

function loadGeoJSONText(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    showError(t("error.geojson_parse"));
    return;
  }
  try {
    showBoundary(boundaryFromGeoJSON(parsed));
    showError("");
  } catch (error) {
    showError(error instanceof BoundaryError ? t(`error.${error.code}`) : String(error));
  }
}

byId("geojson-show").addEventListener("click", () => loadGeoJSONText(byId("geojson-text").value));
byId("geojson-file").addEventListener("change", async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  try {
    const text = await file.text();
    byId("geojson-text").value = text;
    loadGeoJSONText(text);
  } catch {
    showError(t("error.file_read"));
  }
  event.target.value = ""; // the same file can be chosen again after a fix
});

// ------------------------------------------------------------------ creating the workshop

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

async function submit(event) {
  event.preventDefault();
  stopDrawing();
  const title = byId("workshop-title").value.trim();
  const siteName = byId("site-name").value.trim();
  const boundary = currentBoundary();
  if (!title) return fail(t("error.required", { field: t("new.field_title") }), byId("workshop-title"));
  if (!siteName) return fail(t("error.required", { field: t("new.field_site") }), byId("site-name"));
  if (!boundary) return fail(t("error.boundary_missing"), byId("draw-area"));
  const keyInput = document.getElementById("organizer-key"); // only there when the server needs the key
  if (keyInput && !keyInput.value.trim()) return fail(t("error.required", { field: t("new.organizer_key_label") }), keyInput);
  showError("");

  const button = byId("new-submit");
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("new.creating");
  try {
    const organizerKey = keyInput?.value.trim() || "";
    const created = await createWorkshop({ title, siteName, boundary, organizerKey });
    saveIdentity({
      token: created.facilitator_token,
      participant_id: null, // learnt from the first snapshot
      name: t("new.facilitator_name"),
      role: "facilitator",
      workshop_id: created.id,
      title: created.title,
    });
    showCreated(created);
  } catch (error) {
    const wrongKey = error instanceof ApiError && error.code === "unauthorized";
    showError(wrongKey ? t("new.organizer_key_wrong") : error instanceof ApiError ? errorText(error) : t("error.network"));
    button.disabled = false;
    button.textContent = label;
  }
}

function fail(message, focusTarget) {
  showError(message);
  focusTarget.focus();
}

function showCreated(created) {
  byId("new-form").hidden = true;
  const code = String(created.join_code || "");
  showJoinCode(byId("created-code"), code);
  const joinUrl = participantJoinUrl(code);
  const facilitatorUrl = new URL(created.facilitator_url || `/w/${created.id}#token=${created.facilitator_token}`, location.origin).href;
  byId("created-join-url").value = joinUrl;
  byId("created-facilitator-url").value = facilitatorUrl;
  byId("created-open").href = `/w/${encodeURIComponent(created.id)}`;
  byId("created-console").href = `/w/${encodeURIComponent(created.id)}/console`;
  byId("created").hidden = false;
  byId("created-heading").focus?.();
  window.scrollTo(0, 0);
}

wireCopyButtons();
byId("new-form").addEventListener("submit", submit);
refreshSummary();
