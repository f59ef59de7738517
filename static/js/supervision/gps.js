// Several location fixes in a row, for a point element as built: the server averages a MultiPoint of
// them on a metric plane, which evens out the jitter of a phone's GPS.

export class LocationError extends Error {
  /** code: "unsupported" | "insecure" | "denied" | "unavailable" | "timeout" | "cancelled" */
  constructor(code) {
    super(code);
    this.code = code;
  }
}

const GEOLOCATION_CODES = { 1: "denied", 2: "unavailable", 3: "timeout" };

/** The browser's geolocation, or null where there is none (older browsers, Node). */
function deviceGeolocation() {
  const navigator = globalThis.navigator;
  return navigator && "geolocation" in navigator ? navigator.geolocation : null;
}

function oneFix(geolocation, timeoutMs) {
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      resolve,
      (error) => reject(new LocationError(GEOLOCATION_CODES[error.code] || "unavailable")),
      {
        enableHighAccuracy: true,
        maximumAge: 0,
        timeout: timeoutMs,
      },
    );
  });
}

const pause = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Collect `count` fixes, `gapMs` apart. onFix(done, total) reports progress. Resolves
 * {geometry, fixes, accuracy, partial}: a MultiPoint (a Point for a single fix) and the mean accuracy in metres.
 * With some fixes but not all (a timeout later on), resolves with those (partial: true); with none, rejects
 * with a LocationError. An AbortSignal stops it (rejecting with "cancelled"). `geolocation` and `secure` are
 * the browser's (navigator.geolocation, isSecureContext) unless given, as tests do.
 */
export async function collectFixes({
  count = 5,
  gapMs = 1000,
  timeoutMs = 20000,
  onFix = () => {},
  signal = null,
  geolocation = deviceGeolocation(),
  secure = globalThis.isSecureContext,
} = {}) {
  if (!geolocation) throw new LocationError("unsupported");
  if (!secure) throw new LocationError("insecure");
  const fixes = [];
  let lastError = null;
  onFix(0, count);
  for (let index = 0; index < count; index += 1) {
    if (signal?.aborted) throw new LocationError("cancelled");
    if (index > 0) await pause(gapMs, signal);
    if (signal?.aborted) throw new LocationError("cancelled");
    try {
      const position = await oneFix(geolocation, timeoutMs);
      if (signal?.aborted) throw new LocationError("cancelled");
      fixes.push(position.coords);
      onFix(fixes.length, count);
    } catch (error) {
      if (error.code === "cancelled" || error.code === "denied") throw error;
      lastError = error;
      if (fixes.length === 0) throw error; // the first fix failed: do not make the person wait for more
      break;
    }
  }
  if (fixes.length === 0) throw lastError || new LocationError("unavailable");
  const round = (value) => Math.round(value * 1e7) / 1e7;
  const positions = fixes.map((coords) => [round(coords.longitude), round(coords.latitude)]);
  const accuracy = fixes.reduce((sum, coords) => sum + (coords.accuracy || 0), 0) / fixes.length;
  return {
    geometry:
      positions.length === 1
        ? { type: "Point", coordinates: positions[0] }
        : { type: "MultiPoint", coordinates: positions },
    fixes: fixes.length,
    accuracy,
    partial: fixes.length < count,
  };
}
