// The queue of photo uploads, without the DOM or the network: one upload at a time; a network failure
// (weak signal on a building site) is retried by itself with growing pauses, or at once when the browser
// comes back online; refusals (not a picture, wrong type, too large) are kept as failed, not retried.
// The server answers a repeated upload of the same bytes with the photo it already has, so a retry never
// makes a duplicate. photo-upload.js shows the queue; tests/js/ drive it with a fake clock.
//
// item: {id, file, visitId, elementId, state, progress, attempt, error, retryAt, timer, created, photo}
// state: "waiting" → "uploading" → "done" | "retrying" (→ "waiting") | "failed"
import { newId } from "./access.js";
import { SupervisionError } from "./api.js";

/** Pauses before the 1st, 2nd, … retry of a failed upload, in seconds; then the upload is given up. */
export const RETRY_DELAYS_S = [2, 4, 8, 15, 30, 30, 30, 60];
/** How long a finished upload stays in the list. */
export const DONE_SHOWN_MS = 8000;

const SYSTEM_CLOCK = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

/** The uploads of this page, in the order they were chosen. */
export class UploadQueue {
  /**
   * @param {{send: (item, key, onProgress) => Promise<{photo, created}>, getKey: () => string|null,
   *          onChange?: () => void, onProgress?: (item) => void, onUploaded?: (photo) => void,
   *          onAuthLost?: () => void, clock?: {now, setTimeout, clearTimeout}, makeId?: () => string}} options
   * send rejects with a SupervisionError (retryable when the connection or the server failed).
   */
  constructor({
    send,
    getKey,
    onChange = () => {},
    onProgress = () => {},
    onUploaded = () => {},
    onAuthLost = () => {},
    clock = SYSTEM_CLOCK,
    makeId = newId,
  }) {
    this.send = send;
    this.getKey = getKey;
    this.onChange = onChange;
    this.onProgress = onProgress;
    this.onUploaded = onUploaded;
    this.onAuthLost = onAuthLost;
    this.clock = clock;
    this.makeId = makeId;
    this.items = [];
    this.running = false;
  }

  /** Queue `files` for the visit (optionally of one element) and start uploading. */
  add(visitId, files, { elementId = null } = {}) {
    for (const file of files) {
      this.items.push({
        id: this.makeId(),
        file,
        visitId,
        elementId,
        state: "waiting",
        progress: 0,
        attempt: 0,
        error: null,
        timer: null,
      });
    }
    this.onChange();
    return this.pump();
  }

  /** Whether photos are still on their way (leaving the page would lose them). */
  get busy() {
    return this.items.some(
      (item) => item.state === "waiting" || item.state === "uploading" || item.state === "retrying",
    );
  }

  /** How many uploads have finished and are still listed. */
  get doneCount() {
    return this.items.filter((item) => item.state === "done").length;
  }

  /** Whole seconds until a retrying item tries again (never below 0). */
  secondsLeft(item) {
    return Math.max(0, Math.ceil((item.retryAt - this.clock.now()) / 1000));
  }

  /** Upload the waiting items one after the other; resolves when none is waiting. */
  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const item = this.items.find((candidate) => candidate.state === "waiting");
        if (!item) break;
        await this.upload(item);
      }
    } finally {
      this.running = false;
    }
  }

  async upload(item) {
    const key = this.getKey();
    if (!key) {
      this.fail(item, new SupervisionError("unauthorized"));
      return;
    }
    item.state = "uploading";
    item.attempt += 1;
    item.progress = 0;
    this.onChange();
    try {
      const { photo, created } = await this.send(item, key, (share) => {
        item.progress = share;
        this.onProgress(item);
      });
      item.state = "done";
      item.created = created;
      item.photo = photo;
      this.onChange();
      this.onUploaded(photo);
      this.clock.setTimeout(() => this.remove(item), DONE_SHOWN_MS);
    } catch (error) {
      if (error.code === "unauthorized") {
        this.fail(item, error);
        this.onAuthLost();
      } else if (error.retryable && item.attempt <= RETRY_DELAYS_S.length) {
        this.scheduleRetry(item, RETRY_DELAYS_S[item.attempt - 1]);
      } else {
        this.fail(item, error);
      }
    }
  }

  /** Wait `seconds`, ticking every second (the list counts down), then queue the item again. */
  scheduleRetry(item, seconds) {
    item.state = "retrying";
    item.retryAt = this.clock.now() + seconds * 1000;
    const tick = () => {
      if (item.state !== "retrying") return;
      if (this.secondsLeft(item) <= 0) {
        item.state = "waiting";
        this.onChange();
        this.pump();
        return;
      }
      this.onChange();
      item.timer = this.clock.setTimeout(tick, 1000);
    };
    tick();
  }

  /** The connection is back: every item waiting for its retry goes now. */
  retryWaitingNow() {
    for (const item of this.items) {
      if (item.state !== "retrying") continue;
      this.clock.clearTimeout(item.timer);
      item.state = "waiting";
    }
    this.onChange();
    return this.pump();
  }

  fail(item, error) {
    item.state = "failed";
    item.error = error;
    this.onChange();
  }

  /** Try a failed item again, from its first attempt. */
  retry(item) {
    item.state = "waiting";
    item.attempt = 0;
    item.error = null;
    this.onChange();
    return this.pump();
  }

  /** Take an item off the list. */
  remove(item) {
    this.clock.clearTimeout(item.timer);
    this.items = this.items.filter((candidate) => candidate !== item);
    this.onChange();
  }
}
