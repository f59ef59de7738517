// The HTTP calls of construction supervision (docs/api.md, "Construction supervision"). Every failure
// becomes a SupervisionError carrying the API's error code ("network" when the server was not reached).

export class SupervisionError extends Error {
  constructor(code, message = "", status = 0) {
    super(message || code);
    this.code = code;
    this.detail = message;
    this.status = status;
  }

  /** Worth sending again as it is: the request may not have reached the server, or the server stumbled. */
  get retryable() {
    return this.code === "network" || this.status >= 500;
  }
}

const enc = encodeURIComponent;

/** The addresses of a project's pages and downloads. */
export function projectUrls(projectId) {
  const base = `/api/projects/${enc(projectId)}`;
  return {
    progress: `/p/${enc(projectId)}`,
    supervise: `/p/${enc(projectId)}/supervise`,
    report: `${base}/report`,
    geojson: `${base}/export.geojson`,
    photosZip: `${base}/photos.zip`,
  };
}

async function errorOf(response) {
  let error = null;
  try {
    error = (await response.json())?.error;
  } catch {
    // not JSON: an error page from a proxy, say
  }
  return new SupervisionError(error?.code || "unknown", error?.message || response.statusText, response.status);
}

async function send(method, path, { body, key } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new SupervisionError("network");
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function sendJson(method, path, options) {
  const response = await send(method, path, options);
  return response.json();
}

/**
 * GET /api/projects/<id>: the summary (plan with statuses, progress, ledger, visits, sign-offs); with the key of one
 * of its supervisors (an author's, the facilitator's token), names and notes whole, else as the public reads them.
 */
export function fetchProject(projectId, key = null) {
  return sendJson("GET", `/api/projects/${enc(projectId)}`, { key });
}

/** POST /api/projects/<id>/visits → the visit with each observation's deviation and effective status. */
export function recordVisit(projectId, key, visit) {
  return sendJson("POST", `/api/projects/${enc(projectId)}/visits`, { body: visit, key });
}

/** POST /api/projects/<id>/signoffs {visit_id | element_id, verdict, comment}. */
export function signOff(projectId, key, signoff) {
  return sendJson("POST", `/api/projects/${enc(projectId)}/signoffs`, { body: signoff, key });
}

/** POST /api/supervision/recover {code} → {project_id, key, link}. */
export function recoverAccess(code) {
  return sendJson("POST", "/api/supervision/recover", { body: { code } });
}

/**
 * POST /api/projects/<id>/claim {replace: true} with an author's workshop token → {project_id, key, link}: a new key,
 * and the author's previous one stops working. Only ever sent once the author confirmed it (the claim card asks).
 */
export function replaceAccess(projectId, workshopToken) {
  return sendJson("POST", `/api/projects/${enc(projectId)}/claim`, { body: { replace: true }, key: workshopToken });
}

/**
 * GET /api/projects/<id>/me → {supervising: true, project_id, participant_id, name, role} while the key works,
 * {supervising: false} once it no longer does (a SupervisionError "network" when the server was not reached).
 */
export function checkAccess(projectId, key) {
  return sendJson("GET", `/api/projects/${enc(projectId)}/me`, { key });
}

/** POST /api/qr.svg {text} → the QR code as an SVG Blob, for an <img> (never parsed into the page as markup). */
export async function fetchQrCode(text) {
  const response = await send("POST", "/api/qr.svg", { body: { text } });
  let svg = await response.text();
  // An SVG made for inlining into HTML may lack its namespace, without which no browser draws it as an
  // image. Adding it is safe: an SVG shown through <img> runs no script and loads nothing.
  const openingTag = /<svg\b[^>]*>/i.exec(svg);
  if (openingTag && !/\sxmlns=/.test(openingTag[0])) {
    svg = svg.replace(/<svg\b/i, '<svg xmlns="http://www.w3.org/2000/svg"');
  }
  return new Blob([svg], { type: "image/svg+xml" });
}

/**
 * POST /api/projects/<id>/visits/<vid>/photos (multipart `file`, optional `element_id`), with upload progress.
 * Resolves {photo, created}; rejects with SupervisionError ("network" when the connection failed).
 */
export function uploadPhoto(
  projectId,
  visitId,
  key,
  file,
  { elementId = null, onProgress = () => {}, timeoutMs = 120000 } = {},
) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("file", file, file.name || "photo");
    if (elementId) form.append("element_id", elementId);
    const request = new XMLHttpRequest();
    request.open("POST", `/api/projects/${enc(projectId)}/visits/${enc(visitId)}/photos`);
    request.setRequestHeader("Authorization", `Bearer ${key}`);
    request.responseType = "json";
    request.timeout = timeoutMs;
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      const body = request.response;
      if (request.status === 200 || request.status === 201) {
        resolve({ photo: body, created: request.status === 201 });
        return;
      }
      if (request.status === 0) {
        reject(new SupervisionError("network"));
        return;
      }
      const error = body?.error;
      reject(new SupervisionError(error?.code || "unknown", error?.message || request.statusText, request.status));
    });
    request.addEventListener("error", () => reject(new SupervisionError("network")));
    request.addEventListener("timeout", () => reject(new SupervisionError("network")));
    request.addEventListener("abort", () => reject(new SupervisionError("network")));
    request.send(form);
  });
}
