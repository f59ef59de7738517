// The HTTP half of the workshop's protocol (docs/api.md). Every failure becomes an ApiError carrying the API's code
// (shared/http.js).
import { request, send } from "../../shared/http.js";

/**
 * POST /api/workshops → {id, join_code, facilitator_token, facilitator_url, title, site_name, boundary, phase};
 * `organizerKey` when the server asks for one (COWORK_ORGANIZER_KEY).
 */
export function createWorkshop({ title, siteName, boundary, organizerKey = "" }) {
  return request("POST", "/api/workshops", { title, site_name: siteName, boundary }, organizerKey);
}

/**
 * POST /api/sites/parse (multipart `file`) → {boundary, name, area_m2, format, candidates: [{boundary, name, area_m2}],
 * skipped}: the polygons of a GIS file in WGS 84, largest first; `organizerKey` as for createWorkshop.
 */
export function parseSiteFile(file, organizerKey = "") {
  const form = new FormData();
  form.append("file", file, file.name);
  return request("POST", "/api/sites/parse", form, organizerKey);
}

/** POST /api/join → {workshop_id, participant_id, token, name, role} */
export function joinWorkshop({ code, name }) {
  return request("POST", "/api/join", { code, name });
}

/**
 * GET /api/workshops/<id> → the public summary (title, site_name, boundary, phase, ...); with the `token` of
 * one of the workshop's own people it carries `join_code` too (any other token reads what anyone reads).
 */
export function fetchWorkshopSummary(workshopId, token) {
  return request("GET", `/api/workshops/${encodeURIComponent(workshopId)}`, undefined, token);
}

/** GET /api/workshops/<id>/events?since=N → {seq, events: [{seq, type, data, at}]} (facilitator; public once closed). */
export function fetchEvents(workshopId, { since = 0, token } = {}) {
  return request("GET", `/api/workshops/${encodeURIComponent(workshopId)}/events?since=${since}`, undefined, token);
}

/** POST /api/session: sets the cookie that opens the facilitator's results, replay and projector pages. */
export function startSession(token) {
  return request("POST", "/api/session", undefined, token);
}

/**
 * GET /api/workshops/<id>/<name> (`archive`, `export.geojson`, `export.csv`) with the token, as a Blob with the file
 * name the server suggests: until the close, only the workshop's own people read its exports.
 */
export async function fetchDownload(workshopId, name, token) {
  const response = await send("GET", `/api/workshops/${encodeURIComponent(workshopId)}/${name}`, { token });
  const disposition = response.headers.get("Content-Disposition") || "";
  const suggested = /filename="?([^";]+)"?/i.exec(disposition)?.[1] || null;
  return { blob: await response.blob(), filename: suggested };
}

/** POST /api/workshops/<id>/projects (facilitator, closed workshop) → {id, title, access: [{author_id, name, key, recovery_code, link}]} */
export function adoptDesign(workshopId, token, project) {
  return request("POST", `/api/workshops/${encodeURIComponent(workshopId)}/projects`, project, token);
}

/** GET /api/workshops/<id>/projects → {projects: [{id, title, design_id}]} */
export function listProjects(workshopId) {
  return request("GET", `/api/workshops/${encodeURIComponent(workshopId)}/projects`);
}

/** GET /api/projects/<id> → the summary (authors, progress, ...), read whole with the facilitator's token. */
export function fetchProject(projectId, token) {
  return request("GET", `/api/projects/${encodeURIComponent(projectId)}`, undefined, token);
}

/** POST /api/projects/<id>/access/<author>/reissue (facilitator) → {author_id, recovery_code} */
export function reissueAccess(projectId, authorId, token) {
  return request(
    "POST",
    `/api/projects/${encodeURIComponent(projectId)}/access/${encodeURIComponent(authorId)}/reissue`,
    undefined,
    token,
  );
}

/** POST /api/projects/<id>/access/<author>/revoke (facilitator) → {author_id, revoked: true} */
export function revokeAccess(projectId, authorId, token) {
  return request(
    "POST",
    `/api/projects/${encodeURIComponent(projectId)}/access/${encodeURIComponent(authorId)}/revoke`,
    undefined,
    token,
  );
}
