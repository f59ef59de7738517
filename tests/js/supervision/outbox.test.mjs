// Visits recorded with no signal (static/js/supervision/outbox.js): kept with their photos within a budget,
// sent in order when the signal returns, each visit once and each photo once, even after a failure half-way.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MemoryStore } from "../../../static/js/shared/device-store.js";
import { OutboxFull, VisitOutbox } from "../../../static/js/supervision/outbox.js";
import { SupervisionError } from "../../../static/js/supervision/api.js";
import * as drafts from "../../../static/js/supervision/visit-draft.js";

function photo(name, size) {
  return { name, size, bytes: name };
}

/** A server that records visits by id and photos by content, and can be made unreachable. */
function server() {
  const world = { online: false, visits: new Map(), photos: [] };
  const reach = () => {
    if (!world.online) throw new SupervisionError("network");
  };
  world.recordVisit = async (payload) => {
    reach();
    if (!world.visits.has(payload.id)) world.visits.set(payload.id, { id: payload.id, observations: [] });
    return world.visits.get(payload.id);
  };
  world.uploadPhoto = async (visitId, file, elementId) => {
    reach();
    if (!world.photos.some((kept) => kept.bytes === file.bytes))
      world.photos.push({ visitId, bytes: file.bytes, elementId });
    return {};
  };
  return world;
}

function outbox(store, world, extra = {}) {
  return new VisitOutbox({
    store,
    projectId: "p1",
    recordVisit: world.recordVisit,
    uploadPhoto: world.uploadPhoto,
    ...extra,
  });
}

describe("VisitOutbox", () => {
  it("keeps a visit and its photos across a reload, then sends each once when the signal returns", async () => {
    const store = new MemoryStore();
    const world = server();
    const first = await outbox(store, world).load();
    const draft = drafts.emptyDraft({ id: "visit-1", date: "2027-05-10" });
    await first.add(draft, drafts.visitPayload(draft), [["visit", [photo("a.jpg", 1000), photo("b.jpg", 2000)]]]);
    assert.deepEqual(first.counts(), { visits: 1, photos: 2 });
    assert.equal(await first.flush(), 0, "no signal: nothing goes, nothing is lost");
    assert.deepEqual(first.counts(), { visits: 1, photos: 2 });

    const reloaded = await outbox(store, world).load();
    assert.deepEqual(reloaded.counts(), { visits: 1, photos: 2 });
    world.online = true;
    assert.equal(await reloaded.flush(), 1);
    assert.deepEqual(reloaded.counts(), { visits: 0, photos: 0 });
    assert.deepEqual([...world.visits.keys()], ["visit-1"]);
    assert.deepEqual(
      world.photos.map((kept) => [kept.visitId, kept.bytes, kept.elementId]),
      [
        ["visit-1", "a.jpg", null],
        ["visit-1", "b.jpg", null],
      ],
    );
    assert.deepEqual((await store.get("outbox.p1")).entries, []);
  });

  it("after a failure half-way sends the photos left to the visit already recorded", async () => {
    const store = new MemoryStore();
    const world = server();
    world.online = true;
    let uploads = 0;
    const flaky = outbox(store, world, {
      uploadPhoto: async (...args) => {
        uploads += 1;
        if (uploads === 2) throw new SupervisionError("network");
        return world.uploadPhoto(...args);
      },
    });
    await flaky.load();
    const draft = drafts.emptyDraft({ id: "visit-2", date: "2027-05-11" });
    await flaky.add(draft, drafts.visitPayload(draft), [["visit", [photo("a.jpg", 10), photo("b.jpg", 10)]]]);
    assert.equal(await flaky.flush(), 0);
    assert.deepEqual(flaky.counts(), { visits: 1, photos: 1 });
    assert.ok((await store.get("outbox.p1")).entries[0].visit, "the visit's answer is kept");
    assert.equal(await flaky.flush(), 1);
    assert.equal(world.visits.size, 1);
    assert.deepEqual(
      world.photos.map((kept) => kept.bytes),
      ["a.jpg", "b.jpg"],
    );
  });

  it("refuses, keeping nothing, what does not fit in the budget", async () => {
    const store = new MemoryStore();
    const small = await outbox(store, server(), { budget: 5000 }).load();
    const draft = drafts.emptyDraft({ id: "visit-3", date: "2027-05-12" });
    await assert.rejects(
      small.add(draft, drafts.visitPayload(draft), [["visit", [photo("big.jpg", 6000)]]]),
      OutboxFull,
    );
    assert.deepEqual(small.counts(), { visits: 0, photos: 0 });
    assert.equal(await store.get("outbox.p1"), null);
  });

  it("drops, and says, a visit the server refuses for good, and goes on with the next", async () => {
    const world = server();
    world.online = true;
    const refusing = await outbox(new MemoryStore(), world, {
      recordVisit: async (payload) => {
        if (payload.id === "bad") throw new SupervisionError("invalid", "no", 400);
        return world.recordVisit(payload);
      },
    }).load();
    const bad = drafts.emptyDraft({ id: "bad", date: "2027-05-12" });
    const good = drafts.emptyDraft({ id: "good", date: "2027-05-12" });
    await refusing.add(bad, drafts.visitPayload(bad), []);
    await refusing.add(good, drafts.visitPayload(good), []);
    await assert.rejects(refusing.flush(), (error) => error.code === "invalid");
    assert.equal(await refusing.flush(), 1);
    assert.deepEqual([...world.visits.keys()], ["good"]);
  });
});
