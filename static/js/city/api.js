// The city map's calls to the server (docs/api.md, "The city map"); a failure is an ApiError (shared/http.js).
import { request } from "../shared/http.js";

/** GET /api/city → the city's figures: the cycle network, green totals, projects, signs, each layer's count. */
export function fetchCity() {
  return request("GET", "/api/city");
}

/** GET /api/city/layers → the map's layers in a view; query: viewQuery()'s answer (view.js). */
export function fetchLayers(query) {
  return request("GET", `/api/city/layers?${query}`);
}
