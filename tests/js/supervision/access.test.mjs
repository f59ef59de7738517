// The author's key on this device (static/js/supervision/access.js): from the link's #key=… into storage,
// out of the address bar; client-made ids.
import { brokenStorage, memoryStorage } from "./setup.mjs";
import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import * as access from "../../../static/js/supervision/access.js";

/** The page's address and history as the browser offers them, recording replaceState. */
function fakeAddress(path, hash) {
  const replaced = [];
  globalThis.location = { pathname: path, search: "?lang=kk", hash };
  globalThis.history = { state: { page: 1 }, replaceState: (state, _title, url) => replaced.push({ state, url }) };
  return replaced;
}

describe("the key on this device", () => {
  beforeEach(() => {
    globalThis.localStorage = memoryStorage();
  });

  it("is kept per project and forgotten on request", () => {
    assert.equal(access.loadKey("p1"), null);
    assert.equal(access.saveKey("p1", "key-1"), true);
    assert.equal(access.loadKey("p1"), "key-1");
    assert.equal(localStorage.getItem("cowork.supervision.p1"), "key-1");
    assert.equal(access.loadKey("p2"), null);
    access.forgetKey("p1");
    assert.equal(access.loadKey("p1"), null);
  });

  it("comes from the link's fragment, which then leaves the address bar and its history", () => {
    const replaced = fakeAddress("/p/p1/supervise", "#key=%20fresh-key%20");
    localStorage.setItem("cowork.supervision.p1", "old-key");
    assert.equal(access.resolveKey("p1"), "fresh-key", "a fresh link wins over the stored key");
    assert.equal(access.loadKey("p1"), "fresh-key");
    assert.deepEqual(replaced, [{ state: { page: 1 }, url: "/p/p1/supervise?lang=kk" }]);
  });

  it("comes from storage when the address has none, and the address is left alone", () => {
    const replaced = fakeAddress("/p/p1/supervise", "");
    localStorage.setItem("cowork.supervision.p1", "stored-key");
    assert.equal(access.takeKeyFromFragment("p1"), null);
    assert.equal(access.resolveKey("p1"), "stored-key");
    assert.deepEqual(replaced, []);
  });

  it("is simply missing where storage is unavailable", () => {
    globalThis.localStorage = brokenStorage;
    assert.equal(access.saveKey("p1", "key-1"), false);
    assert.equal(access.loadKey("p1"), null);
    assert.doesNotThrow(() => access.forgetKey("p1"));
  });
});

describe("newId", () => {
  it("makes random version-4 UUIDs", () => {
    const ids = new Set(Array.from({ length: 50 }, access.newId));
    assert.equal(ids.size, 50);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("makes them without crypto.randomUUID too (plain-http venue networks)", () => {
    const randomUUID = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      assert.match(access.newId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true });
    }
  });
});
