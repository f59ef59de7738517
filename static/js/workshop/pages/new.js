// A facilitator creates a workshop (/new): title, site name and the site boundary, drawn on the map
// (several areas → MultiPolygon; Geoman's cut makes no-build holes), pasted as GeoJSON, or read from a GIS file
// by the server (POST /api/sites/parse), whose polygons are shown to pick from.
import { FACTS } from "../../shared/facts.js";
import { ALMATY, createMap } from "../../shared/map/base-map.js";
import { finishShape, removeLastPoint, setDrawingMode } from "../../shared/map/draw.js";
import {
  BoundaryError,
  boundaryFromGeoJSON,
  checkSiteVertices,
  combinePolygons,
  layerGeometry,
  polygonsOf,
} from "../../shared/map/geojson.js";
import { blankMapHint } from "../map/blank-map.js";
import { SiteChoice } from "../map/site-choice.js";
import { addScale } from "../../shared/map/scale-control.js";
import { Redraw } from "../../shared/redraw.js";
import { ApiError } from "../../shared/http.js";
import { createWorkshop, parseSiteFile } from "../sync/api.js";
import { saveIdentity } from "../sync/identity.js";
import { applyTextLimits, byId, el, pageSettings, replaceChildren } from "../../shared/dom.js";
import { DrawBar } from "../ui/draw-bar.js";
import { wireCopyButtons } from "../ui/copy.js";
import { errorText } from "../../shared/errors.js";
import { formatArea, formatCount } from "../../shared/format.js";
import { participantJoinUrl, showJoinCode } from "../ui/join-code.js";
import { formatNumber, t, tn } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";

const SITE_STYLE = { color: "#263238", weight: 3, fillColor: "#4caf50", fillOpacity: 0.2 };
// The other polygons of an uploaded file: dashed, faint, ignored by Geoman (not part of the site until picked).
const CANDIDATE_STYLE = { color: "#455a64", weight: 2, dashArray: "6 5", fillColor: "#90a4ae", fillOpacity: 0.15 };

const map = createMap(byId("new-map"), ALMATY);
// Distances on the map: what an outline is drawn by when the map has no background.
addScale(map);
const hasTiles = Boolean(pageSettings().tiles);
const hint = new Redraw(({ shown }) => {
  byId("map-hint").hidden = !shown;
});
const drawBar = new DrawBar(byId("draw-bar"), {});
const errorBox = byId("new-error");
let activeShape = null; // "Polygon" | "Cut" | null
let siteChoice = null; // the polygons of the last file read, and which is picked
let candidateLayers = null;
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
    ? t("new.boundary_summary", {
        areas: tn("new.boundary_areas", polygons.length),
        holes: tn("new.boundary_holes", holes),
      })
    : t("new.boundary_none");
  byId("cut-hole").disabled = polygons.length === 0;
  hint.update(blankMapHint({ hasTiles, areas: polygons.length, drawing: activeShape !== null }));
}

function clearBoundary() {
  stopDrawing();
  for (const layer of sitePolygonLayers()) layer.remove();
  refreshSummary();
}

/** Replace whatever is drawn by a boundary from GeoJSON and show it (fitting the map to it unless told not to);
 * `message` is toasted unless null. */
function showBoundary(boundary, { fit = true, message = t("new.loaded_geojson") } = {}) {
  clearBoundary();
  const layer = window.L.geoJSON(boundary, { style: () => SITE_STYLE }).addTo(map);
  if (fit) map.fitBounds(layer.getBounds(), { padding: [24, 24] });
  refreshSummary();
  if (message) toast(message);
}

function startDrawing(shape) {
  stopDrawing();
  showError("");
  activeShape = shape;
  setDrawingMode(map, true);
  map.pm.enableDraw(shape, {
    pathOptions: SITE_STYLE,
    templineStyle: { color: SITE_STYLE.color },
    continueDrawing: false,
  });
  refreshSummary();
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
  refreshSummary();
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
byId("clear-boundary").addEventListener("click", () => {
  clearCandidates();
  clearBoundary();
});

// ------------------------------------------------------------------ GeoJSON in

/** What a boundary the page refuses says, its counts written as the language groups digits. */
function boundaryErrorText(error) {
  const params = Object.fromEntries(Object.entries(error.params).map(([name, value]) => [name, formatCount(value)]));
  return t(`error.${error.code}`, params);
}

/** A simplification's tolerance (0.01 m to 100 m, in 1-2-5 steps) with the decimals it has. */
function tolerance(metres) {
  return t("unit.m", { value: formatNumber(metres, metres >= 1 ? 0 : metres >= 0.1 ? 1 : 2) });
}

function loadGeoJSONText(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    showError(t("error.geojson_parse"));
    return;
  }
  try {
    const boundary = checkSiteVertices(boundaryFromGeoJSON(parsed));
    clearCandidates();
    showBoundary(boundary);
    showError("");
  } catch (error) {
    showError(error instanceof BoundaryError ? boundaryErrorText(error) : String(error));
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

// ------------------------------------------------------------------ a GIS file in, read by the server

const fileInput = byId("site-file");
const fileZone = byId("site-file-zone");
fileInput.accept = FACTS.site_file_extensions.join(",");

async function readSiteFile(file) {
  const keyInput = document.getElementById("organizer-key");
  if (keyInput && !keyInput.value.trim()) return fail(t("new.organizer_key_first"), keyInput);
  showError("");
  const status = byId("site-file-status");
  status.textContent = t("new.file_reading", { file: file.name });
  try {
    const parsed = await parseSiteFile(file, keyInput?.value.trim() || "");
    siteChoice = new SiteChoice(parsed, file.name);
    const lines = [tn("new.file_polygons", siteChoice.candidates.length, { file: file.name })];
    if (siteChoice.skipped) lines.push(tn("new.file_skipped", siteChoice.skipped));
    const simplified = siteChoice.simplifiedM;
    if (simplified !== null)
      lines.push(
        t("new.file_simplified", { max: formatCount(FACTS.limits.site_vertices), metres: tolerance(simplified) }),
      );
    status.textContent = lines.join("\n");
    showChoice({ fit: true }); // the status line says what was read; no toast over the form as well
  } catch (error) {
    status.textContent = "";
    if (error instanceof ApiError && error.code === "unauthorized") showError(t("new.organizer_key_wrong"));
    else if (error instanceof ApiError && error.code === "invalid_geometry") showError(t("new.file_invalid"));
    else showError(error instanceof ApiError ? errorText(error) : t("error.network"));
  }
}

function candidateLabel(item) {
  const name = item.name || t("new.candidate_unnamed", { number: item.index + 1 });
  const label = t("new.candidate_label", { name, area: formatArea(item.areaM2) });
  if (item.simplifiedM === null) return label;
  return `${label} · ${t("new.candidate_simplified", { metres: tolerance(item.simplifiedM) })}`;
}

/** Draw every candidate (the picked one as the site), list them, and fill the site name as a pick does. */
function showChoice({ fit = false, message = null } = {}) {
  candidateLayers?.remove();
  candidateLayers = window.L.featureGroup().addTo(map);
  for (const item of siteChoice.items()) {
    const className = item.chosen ? "site-candidate site-candidate--chosen" : "site-candidate";
    const layer = window.L.geoJSON(item.boundary, { pmIgnore: true, className, style: () => CANDIDATE_STYLE });
    layer.on("click", () => pickCandidate(item.index));
    layer.addTo(candidateLayers);
  }
  const bounds = candidateLayers.getBounds();
  showBoundary(siteChoice.chosen.boundary, { fit: false, message });
  if (fit && bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24] });
  const siteName = byId("site-name");
  siteName.value = siteChoice.siteNameFor(siteName.value);
  replaceChildren(
    byId("site-candidate-list"),
    siteChoice.items().map((item) =>
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            className: "btn",
            "aria-pressed": String(item.chosen),
            dataset: { index: String(item.index) },
          },
          candidateLabel(item),
        ),
      ),
    ),
  );
  byId("site-candidates").hidden = !siteChoice.hasChoice;
}

function pickCandidate(index) {
  if (siteChoice?.choose(index))
    showChoice({ message: t("new.candidate_picked", { name: candidateLabel(siteChoice.chosen) }) });
}

function clearCandidates() {
  siteChoice = null;
  candidateLayers?.remove();
  candidateLayers = null;
  byId("site-candidates").hidden = true;
  byId("site-file-status").textContent = "";
}

byId("site-candidate-list").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-index]");
  if (!button) return;
  const index = button.dataset.index;
  pickCandidate(index);
  // The list was drawn anew: keep the keyboard where it was.
  byId("site-candidate-list").querySelector(`button[data-index="${index}"]`)?.focus();
});
fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  if (file) readSiteFile(file);
  fileInput.value = ""; // the same file can be chosen again after a fix
});
for (const target of [fileZone, byId("new-map")]) {
  target.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types?.includes("Files")) return;
    event.preventDefault(); // this is what lets the drop happen here
    event.dataTransfer.dropEffect = "copy";
    fileZone.classList.add("is-dragging");
  });
  target.addEventListener("dragleave", () => fileZone.classList.remove("is-dragging"));
  target.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    fileZone.classList.remove("is-dragging");
    readSiteFile(file);
  });
}

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
  try {
    checkSiteVertices(boundary); // the server refuses more (the city map carries every site), so say it here
  } catch (error) {
    return fail(boundaryErrorText(error), byId("draw-area"));
  }
  const keyInput = document.getElementById("organizer-key"); // only there when the server needs the key
  if (keyInput && !keyInput.value.trim())
    return fail(t("error.required", { field: t("new.organizer_key_label") }), keyInput);
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
    showError(
      wrongKey ? t("new.organizer_key_wrong") : error instanceof ApiError ? errorText(error) : t("error.network"),
    );
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
  const facilitatorUrl = new URL(
    created.facilitator_url || `/w/${created.id}#token=${created.facilitator_token}`,
    location.origin,
  ).href;
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
