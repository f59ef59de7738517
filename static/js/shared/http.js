// JSON over HTTP to our API (docs/api.md), for every page: each failure becomes an ApiError carrying the API's
// code ("network" when the server was not reached), and each answer's Date header sets the server's clock.
import { learnServerTime } from "./clock.js";

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
export async function send(method, path, { body, token } = {}) {
  const headers = { ...bearer(token) };
  const form = body instanceof FormData; // multipart: the browser writes its Content-Type with the boundary
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  const sentAt = Date.now();
  let response;
  try {
    // Never an answer kept by the browser: going Back to a page, Chromium gives its fetches the answers of the
    // first visit, whose Date would set the clock minutes behind (and every countdown minutes ahead).
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined || form ? body : JSON.stringify(body),
      cache: "no-store",
    });
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

/** send, and the answer's JSON (null for an empty answer). */
export async function request(method, path, body, token) {
  const response = await send(method, path, { body, token });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null; // an empty answer
  }
  return data;
}
