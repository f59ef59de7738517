// Several GPS fixes for a point as built (static/js/supervision/gps.js), from a fake geolocation.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectFixes } from "../../../static/js/supervision/gps.js";

/** A geolocation answering each request with the next fix ({longitude, latitude, accuracy}) or error code. */
function fakeGeolocation(...answers) {
  const requests = [];
  return {
    requests,
    getCurrentPosition(resolve, reject, options) {
      requests.push(options);
      const answer = answers.shift() ?? 2;
      if (typeof answer === "number") setImmediate(() => reject({ code: answer }));
      else setImmediate(() => resolve({ coords: answer }));
    },
  };
}

const fix = (longitude, latitude, accuracy = 4) => ({ longitude, latitude, accuracy });
const collect = (geolocation, options = {}) => collectFixes({ gapMs: 0, geolocation, secure: true, ...options });

async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error.code;
  }
  assert.fail("expected a LocationError");
}

describe("collectFixes", () => {
  it("gathers the fixes as a MultiPoint with their mean accuracy, reporting each", async () => {
    const geolocation = fakeGeolocation(
      fix(76.95207, 43.2604, 4),
      fix(76.952071234567, 43.26040001, 6),
      fix(76.95206, 43.26041, 5),
    );
    const progress = [];
    const result = await collect(geolocation, { count: 3, onFix: (done, total) => progress.push([done, total]) });
    assert.deepEqual(result.geometry, {
      type: "MultiPoint",
      coordinates: [
        [76.95207, 43.2604],
        [76.9520712, 43.2604],
        [76.95206, 43.26041],
      ],
    });
    assert.equal(result.fixes, 3);
    assert.equal(result.accuracy, 5);
    assert.equal(result.partial, false);
    assert.deepEqual(progress, [
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    assert.deepEqual(geolocation.requests[0], { enableHighAccuracy: true, maximumAge: 0, timeout: 20000 });
  });

  it("gives a single fix as a Point", async () => {
    const result = await collect(fakeGeolocation(fix(1, 2)), { count: 1 });
    assert.deepEqual(result.geometry, { type: "Point", coordinates: [1, 2] });
  });

  it("keeps the fixes it has when a later one times out", async () => {
    const result = await collect(fakeGeolocation(fix(1, 2), fix(1, 2), 3), { count: 5 });
    assert.equal(result.fixes, 2);
    assert.equal(result.partial, true);
  });

  it("does not make people wait for more when the first fix fails", async () => {
    const geolocation = fakeGeolocation(3, fix(1, 2));
    assert.equal(await failure(collect(geolocation, { count: 5 })), "timeout");
    assert.equal(geolocation.requests.length, 1);
  });

  it("stops at once when location is denied, even after some fixes", async () => {
    assert.equal(await failure(collect(fakeGeolocation(fix(1, 2), 1), { count: 5 })), "denied");
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const geolocation = fakeGeolocation(fix(1, 2), fix(1, 2), fix(1, 2));
    const collecting = collect(geolocation, {
      count: 3,
      gapMs: 60_000,
      signal: controller.signal,
      onFix: (done) => done === 1 && controller.abort(),
    });
    assert.equal(await failure(collecting), "cancelled");
    assert.equal(geolocation.requests.length, 1, "no fix is asked for after the cancel");
  });

  it("says why there can be no location: no geolocation, or a page not served securely", async () => {
    assert.equal(await failure(collectFixes({ geolocation: null, secure: true })), "unsupported");
    assert.equal(await failure(collectFixes({ geolocation: fakeGeolocation(), secure: false })), "insecure");
    // In Node there is neither: the browser's defaults are looked up lazily and found missing.
    assert.equal(await failure(collectFixes()), "unsupported");
  });
});
