// The server's clock, as far as this device can tell. The countdown's end is a server time (docs/api.md):
// read against a tablet whose clock runs a minute off, every tablet would show a different countdown.
// HTTP answers carry the server's time in their Date header (whole seconds), so an offset under a
// second and a half cannot be told from rounding and is taken as none.

const SMALLEST_TRUSTED_OFFSET_MS = 1500;

let offsetMs = 0;

/** Note the server time of one HTTP answer. `sentAt` / `receivedAt` are this device's Date.now(). */
export function learnServerTime(dateHeader, sentAt, receivedAt) {
  const serverSecond = Date.parse(dateHeader || "");
  if (!Number.isFinite(serverSecond)) return;
  // The header rounds down to the second; the answer left somewhere inside it, halfway on average.
  const estimate = serverSecond + 500 - (sentAt + receivedAt) / 2;
  offsetMs = Math.abs(estimate) < SMALLEST_TRUSTED_OFFSET_MS ? 0 : estimate;
}

/** Now, in server time (milliseconds since the epoch). */
export function serverNow() {
  return Date.now() + offsetMs;
}

/** A time from the API (ISO 8601, "Z" assumed when no zone is given; or epoch seconds / milliseconds) in ms, or null. */
export function parseServerTime(value) {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return value < 1e12 ? value * 1000 : value;
  let text = String(value);
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += "Z";
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : null;
}
