// The HTTP half of the protocol (docs/api.md). Every failure becomes an ApiError carrying the API's code.
import { learnServerTime } from "../../shared/clock.js";

export class ApiError extends Error {
  constructor(code, message, status = 0) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

function bearer(token) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** fetch, with network failures as ApiError("network") and HTTP errors as ApiError(code). */
async function send(method, path, { body, token } = {}) {
  const headers = { ...bearer(token) };
  const form = body instanceof FormData; // multipart: the browser writes its Content-Type with the boundary
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  const sentAt = Date.now();
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError("network", "");
  }
  learnServerTime(response.headers.get("Date"), sentAt, Date.now());
  if (!response.ok) {
    let error = null;
    try {
      error = (await response.json())?.error;
    } catch {
      // an HTML error page from a proxy, say
    }
    throw new ApiError(error?.code || "unknown", error?.message || response.statusText, response.status);
  }
  return response;
}

async function request(method, path, body, token) {
  const response = await send(method, path, { body, token });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null; // an empty answer
  }
  return data;
}

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

/** GET /api/workshops/<id>/archive (facilitator) as a Blob, with the file name the server suggests. */
export async function fetchArchive(workshopId, token) {
  const response = await send("GET", `/api/workshops/${encodeURIComponent(workshopId)}/archive`, { token });
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

/** GET /api/projects/<id> → the public summary (authors, progress, ...). */
export function fetchProject(projectId) {
  return request("GET", `/api/projects/${encodeURIComponent(projectId)}`);
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

/** GET /api/city → the city map: sites, projects, the cycle network, green totals, signs and the map's layers. */
export function fetchCity() {
  return request("GET", "/api/city");
}
