// Photos chosen during a visit, kept until the visit is saved (static/js/supervision/pending-photos.js).
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PendingPhotos } from "../../../static/js/supervision/pending-photos.js";

function tracked() {
  const live = new Set();
  let next = 0;
  const photos = new PendingPhotos({
    createUrl: (file) => {
      const url = `blob:${file.name}:${++next}`;
      live.add(url);
      return url;
    },
    revokeUrl: (url) => live.delete(url),
  });
  return { photos, live };
}

const file = (name) => ({ name });

describe("PendingPhotos", () => {
  it("keeps photos per key with a preview each", () => {
    const { photos, live } = tracked();
    photos.add("visit", [file("a.jpg")]);
    photos.add("b1", [file("b.jpg"), file("c.jpg")]);
    photos.add("visit", [file("d.jpg")]);
    assert.deepEqual(
      photos.list("visit").map((entry) => entry.file.name),
      ["a.jpg", "d.jpg"],
    );
    assert.deepEqual(
      photos.list("b1").map((entry) => entry.url),
      ["blob:b.jpg:2", "blob:c.jpg:3"],
    );
    assert.deepEqual(photos.list("t1"), []);
    assert.equal(live.size, 4);
  });

  it("lets one photo go, or all of a key, freeing their previews", () => {
    const { photos, live } = tracked();
    photos.add("b1", [file("b.jpg"), file("c.jpg")]);
    photos.add("k1", [file("e.jpg")]);
    photos.remove("b1", photos.list("b1")[0]);
    assert.deepEqual(
      photos.list("b1").map((entry) => entry.file.name),
      ["c.jpg"],
    );
    photos.drop("k1");
    assert.deepEqual(photos.list("k1"), []);
    assert.deepEqual([...live], ["blob:c.jpg:2"]);
  });

  it("hands every photo over once, by key, leaving nothing behind", () => {
    const { photos, live } = tracked();
    photos.add("visit", [file("a.jpg")]);
    photos.add("b1", [file("b.jpg")]);
    photos.remove("b1", photos.list("b1")[0]); // a key left without photos is not handed over
    photos.add("k1", [file("e.jpg"), file("f.jpg")]);
    const taken = photos.takeAll();
    assert.deepEqual(
      taken.map(([key, files]) => [key, files.map((f) => f.name)]),
      [
        ["visit", ["a.jpg"]],
        ["k1", ["e.jpg", "f.jpg"]],
      ],
    );
    assert.equal(live.size, 0);
    assert.deepEqual(photos.takeAll(), []);
  });
});
