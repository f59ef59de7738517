// The API's errors (static/js/supervision/api.js, errors.js): which are worth retrying, and what people read.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { projectUrls, SupervisionError } from "../../../static/js/supervision/api.js";
import { errorText } from "../../../static/js/supervision/errors.js";

describe("SupervisionError", () => {
  it("is worth retrying when the server was not reached or stumbled, not when it refused", () => {
    assert.equal(new SupervisionError("network").retryable, true);
    assert.equal(new SupervisionError("unknown", "Bad gateway", 502).retryable, true);
    assert.equal(new SupervisionError("too_large", "", 413).retryable, false);
    assert.equal(new SupervisionError("unauthorized", "", 401).retryable, false);
  });

  it("keeps the code, the server's message and the HTTP status", () => {
    const error = new SupervisionError("invalid", "Observation 3: bad status", 400);
    assert.equal(error.code, "invalid");
    assert.equal(error.detail, "Observation 3: bad status");
    assert.equal(error.message, "Observation 3: bad status");
    assert.equal(error.status, 400);
    assert.equal(new SupervisionError("network").message, "network");
  });
});

describe("errorText", () => {
  it("adds the server's detail for codes that name what was wrong", () => {
    assert.equal(
      errorText(new SupervisionError("outside_site", "Observation 1", 400)),
      "That shape is outside the site or inside a no-build zone. (Observation 1)",
    );
    assert.equal(errorText(new SupervisionError("forbidden", "Nope", 403)), "You are not allowed to do that.");
  });

  it("says what a refusal means where it happened", () => {
    assert.match(errorText({ code: "forbidden" }, "signoff"), /^Only the authors of the design/);
    assert.equal(errorText({ code: "too_large" }, "photo"), "That picture is too large to upload.");
    assert.equal(errorText({ code: "too_large" }), "That is too large to send.");
  });

  it("falls back to the server's words, then to the code", () => {
    assert.equal(errorText({ code: "teapot", detail: "I am a teapot" }), "I am a teapot");
    assert.equal(errorText({ code: "teapot" }), "Something went wrong (teapot).");
  });
});

describe("projectUrls", () => {
  it("names a project's pages and downloads, its id encoded", () => {
    assert.deepEqual(projectUrls("p 1"), {
      progress: "/p/p%201",
      supervise: "/p/p%201/supervise",
      report: "/api/projects/p%201/report",
      geojson: "/api/projects/p%201/export.geojson",
      photosZip: "/api/projects/p%201/photos.zip",
    });
  });
});
