// The city map's one call to the server (docs/api.md, "The city map"); a failure is an ApiError (shared/http.js).
import { request } from "../shared/http.js";

/** GET /api/city → the city map: sites, projects, the cycle network, green totals, signs and the map's layers. */
export function fetchCity() {
  return request("GET", "/api/city");
}
