// The photo upload queue (static/js/supervision/upload-queue.js) on a fake clock and a fake network:
// one at a time, retries of network failures with growing pauses, at once when back online, no retry of refusals.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SupervisionError } from "../../../static/js/supervision/api.js";
import { DONE_SHOWN_MS, RETRY_DELAYS_S, UploadQueue } from "../../../static/js/supervision/upload-queue.js";

/** A clock whose time moves only when told; timers fire in order as it passes them. */
class FakeClock {
  constructor() {
    this.time = 1_000_000;
    this.timers = new Map();
    this.nextId = 1;
  }

  now() {
    return this.time;
  }

  setTimeout(callback, ms) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  /** Move time on by `ms`, firing every timer due on the way (and letting the promises they start settle). */
  async advance(ms) {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.timers].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A network that answers each upload with the next outcome given: "ok", "duplicate", or an error. */
function fakeNetwork(...outcomes) {
  const calls = [];
  return {
    calls,
    send(item, key, onProgress) {
      calls.push({ name: item.file.name, key, visitId: item.visitId, elementId: item.elementId });
      const outcome = outcomes.shift() ?? "ok";
      onProgress(0.5);
      if (outcome instanceof Error) return Promise.reject(outcome);
      return Promise.resolve({ photo: { id: `photo-${calls.length}` }, created: outcome !== "duplicate" });
    },
  };
}

const offline = () => new SupervisionError("network");
const file = (name) => ({ name });

function queueWith(network, options = {}) {
  const clock = new FakeClock();
  const events = { changes: 0, progress: [], uploaded: [], authLost: 0 };
  let id = 0;
  const queue = new UploadQueue({
    send: network.send,
    getKey: () => "key-1",
    onChange: () => events.changes++,
    onProgress: (item) => events.progress.push([item.file.name, item.progress]),
    onUploaded: (photo) => events.uploaded.push(photo.id),
    onAuthLost: () => events.authLost++,
    clock,
    makeId: () => `item-${++id}`,
    ...options,
  });
  return { queue, clock, events };
}

const states = (queue) => queue.items.map((item) => item.state);

describe("uploading", () => {
  it("sends photos one after the other, each with its element, and reports progress", async () => {
    const network = fakeNetwork("ok", "duplicate");
    const { queue, events } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg"), file("b.jpg")], { elementId: "b1" });
    assert.deepEqual(network.calls, [
      { name: "a.jpg", key: "key-1", visitId: "visit-1", elementId: "b1" },
      { name: "b.jpg", key: "key-1", visitId: "visit-1", elementId: "b1" },
    ]);
    assert.deepEqual(states(queue), ["done", "done"]);
    assert.deepEqual(
      queue.items.map((item) => item.created),
      [true, false],
      "the same bytes again: the server's photo",
    );
    assert.deepEqual(events.progress, [
      ["a.jpg", 0.5],
      ["b.jpg", 0.5],
    ]);
    assert.deepEqual(events.uploaded, ["photo-1", "photo-2"]);
    assert.equal(queue.busy, false);
    assert.equal(queue.doneCount, 2);
    assert.ok(events.changes > 0);
  });

  it("is busy while anything waits, uploads or retries", async () => {
    let finish;
    const network = { calls: [], send: () => new Promise((resolve) => (finish = resolve)) };
    const { queue } = queueWith(network);
    const pumping = queue.add("visit-1", [file("a.jpg"), file("b.jpg")]);
    await settle();
    assert.deepEqual(states(queue), ["uploading", "waiting"]);
    assert.equal(queue.busy, true);
    finish({ photo: { id: "p" }, created: true });
    await settle();
    finish({ photo: { id: "q" }, created: true });
    await pumping;
    assert.equal(queue.busy, false);
  });

  it("takes finished photos off the list after a while", async () => {
    const { queue, clock } = queueWith(fakeNetwork("ok"));
    await queue.add("visit-1", [file("a.jpg")]);
    await clock.advance(DONE_SHOWN_MS - 1);
    assert.equal(queue.items.length, 1);
    await clock.advance(1);
    assert.equal(queue.items.length, 0);
  });
});

describe("a weak signal", () => {
  it("retries a network failure by itself after growing pauses, counting down", async () => {
    const network = fakeNetwork(offline(), offline(), "ok");
    const { queue, clock, events } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg")]);
    const [item] = queue.items;
    assert.equal(item.state, "retrying");
    assert.equal(queue.secondsLeft(item), RETRY_DELAYS_S[0]);
    const changes = events.changes;
    await clock.advance(1000);
    assert.equal(queue.secondsLeft(item), RETRY_DELAYS_S[0] - 1);
    assert.ok(events.changes > changes, "the countdown is shown each second");
    await clock.advance(1000);
    assert.equal(network.calls.length, 2);
    assert.equal(item.state, "retrying");
    assert.equal(queue.secondsLeft(item), RETRY_DELAYS_S[1]);
    await clock.advance(RETRY_DELAYS_S[1] * 1000);
    assert.equal(network.calls.length, 3);
    assert.equal(item.state, "done");
    assert.equal(item.attempt, 3);
  });

  it("retries at once when the connection comes back", async () => {
    const network = fakeNetwork(offline(), "ok");
    const { queue, clock } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg")]);
    assert.equal(queue.items[0].state, "retrying");
    await queue.retryWaitingNow();
    assert.equal(network.calls.length, 2);
    assert.equal(queue.items[0].state, "done");
    await clock.advance(RETRY_DELAYS_S[0] * 1000);
    assert.equal(network.calls.length, 2, "the cancelled countdown does not upload it again");
  });

  it("retries a server that stumbled, like the network", async () => {
    const network = fakeNetwork(new SupervisionError("unknown", "Bad gateway", 502), "ok");
    const { queue, clock } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg")]);
    await clock.advance(RETRY_DELAYS_S[0] * 1000);
    assert.equal(queue.items[0].state, "done");
  });

  it("gives up after the last pause, and may then be tried again by hand", async () => {
    const failures = Array.from({ length: RETRY_DELAYS_S.length + 1 }, offline);
    const network = fakeNetwork(...failures, "ok");
    const { queue, clock } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg")]);
    await clock.advance(RETRY_DELAYS_S.reduce((sum, seconds) => sum + seconds, 0) * 1000);
    const [item] = queue.items;
    assert.equal(network.calls.length, RETRY_DELAYS_S.length + 1);
    assert.equal(item.state, "failed");
    assert.equal(item.error.retryable, true);
    assert.equal(queue.busy, false);
    await queue.retry(item);
    assert.equal(item.state, "done");
    assert.equal(item.attempt, 1, "a retry by hand starts counting again");
  });

  it("keeps the next photos waiting while one waits for its retry, then sends them in turn", async () => {
    const network = fakeNetwork(offline(), "ok", "ok");
    const { queue, clock } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg"), file("b.jpg")]);
    // a.jpg waits for its retry; b.jpg goes meanwhile.
    assert.deepEqual(states(queue), ["retrying", "done"]);
    await clock.advance(RETRY_DELAYS_S[0] * 1000);
    assert.deepEqual(states(queue), ["done", "done"]);
    assert.deepEqual(
      network.calls.map((call) => call.name),
      ["a.jpg", "b.jpg", "a.jpg"],
    );
  });
});

describe("refusals", () => {
  it("are kept as failed, not retried", async () => {
    const refused = new SupervisionError("unsupported_type", "Only JPEG, PNG, WebP", 415);
    const network = fakeNetwork(refused, "ok");
    const { queue, clock } = queueWith(network);
    await queue.add("visit-1", [file("a.gif"), file("b.jpg")]);
    assert.deepEqual(states(queue), ["failed", "done"]);
    assert.equal(queue.items[0].error, refused);
    await clock.advance(60_000);
    assert.equal(network.calls.length, 2);
  });

  it("of the key stop the upload and say that access was lost", async () => {
    const network = fakeNetwork(new SupervisionError("unauthorized", "", 401));
    const { queue, events } = queueWith(network);
    await queue.add("visit-1", [file("a.jpg")]);
    assert.equal(queue.items[0].state, "failed");
    assert.equal(events.authLost, 1);
  });

  it("without a key fail the upload without sending it", async () => {
    const network = fakeNetwork();
    const { queue, events } = queueWith(network, { getKey: () => null });
    await queue.add("visit-1", [file("a.jpg")]);
    assert.equal(network.calls.length, 0);
    assert.equal(queue.items[0].state, "failed");
    assert.equal(queue.items[0].error.code, "unauthorized");
    assert.equal(events.authLost, 0, "the page already knows it has no key");
  });

  it("can be taken off the list", async () => {
    const network = fakeNetwork(new SupervisionError("not_an_image", "", 400));
    const { queue } = queueWith(network);
    await queue.add("visit-1", [file("a.txt")]);
    queue.remove(queue.items[0]);
    assert.deepEqual(queue.items, []);
  });
});
