// The HTTP half of the protocol (docs/api.md). Every failure becomes an ApiError carrying the API's code.

export class ApiError extends Error {
  constructor(code, message, status = 0) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

async function request(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("network", "");
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null; // an HTML error page from a proxy, say
  }
  if (!response.ok) {
    const error = data?.error;
    throw new ApiError(error?.code || "unknown", error?.message || response.statusText, response.status);
  }
  return data;
}

/** POST /api/workshops → {id, join_code, facilitator_token, facilitator_url, title, site_name, boundary, phase} */
export function createWorkshop({ title, siteName, boundary }) {
  return request("POST", "/api/workshops", { title, site_name: siteName, boundary });
}

/** POST /api/join → {workshop_id, participant_id, token, name, role} */
export function joinWorkshop({ code, name }) {
  return request("POST", "/api/join", { code, name });
}

/** GET /api/workshops/<id> → the public summary (title, site_name, boundary, join_code, ...). */
export function fetchWorkshopSummary(workshopId) {
  return request("GET", `/api/workshops/${encodeURIComponent(workshopId)}`);
}
