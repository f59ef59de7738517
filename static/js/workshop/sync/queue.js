// The journal of this device's edits that the server has not confirmed yet, in the order they were made.
//
// An op is {op_id, event, payload, status, ...}:
//   status "queued"  waiting to be sent (or to be sent again after a timeout or a reconnect)
//   status "sending" on the wire, waiting for its ack
//   status "acked"   accepted; kept (with the ack's result) only until the state has applied its seq,
//                    so the element does not blink out while a broadcast with a lower seq is late
// The journal is saved in localStorage after every change, so edits made offline survive the tablet
// being closed. It knows nothing of sockets: the engine decides when to send. The storage can be given
// (anything with getItem / setItem / removeItem), which is how the tests run it outside a browser.

const PREFIX = "cowork.queue.";

export class OpQueue {
  /**
   * @param {string|null} storageKey distinct per workshop and participant; null keeps the journal in memory only
   * @param {{storage?: Storage}} options storage: where the journal is kept (by default the browser's localStorage)
   */
  constructor(storageKey, { storage } = {}) {
    this.storageKey = storageKey === null ? null : PREFIX + storageKey;
    this.storage = storage;
    this.ops = this.load();
  }

  // Looked up on use, inside the try blocks: reading localStorage throws where storage is disabled.
  get store() {
    return this.storage ?? globalThis.localStorage;
  }

  /** The journal as saved (ops that were on the wire go back in line), or an empty one. */
  load() {
    if (!this.storageKey) return [];
    try {
      const stored = JSON.parse(this.store.getItem(this.storageKey) || "[]");
      if (!Array.isArray(stored)) return [];
      // Whatever was on the wire when the page closed has to go again: its ack is lost.
      return stored.map((op) => (op.status === "sending" ? { ...op, status: "queued" } : op));
    } catch {
      return [];
    }
  }

  /** Write the journal to storage (after every change). */
  save() {
    if (!this.storageKey) return;
    try {
      this.store.setItem(this.storageKey, JSON.stringify(this.ops));
    } catch {
      // Storage full or disabled: the edits still go out while the page stays open.
    }
  }

  /** Add an edit at the end. `extra` can carry bookkeeping such as {chained: true}. */
  enqueue(event, payload, extra = {}) {
    const op = { op_id: crypto.randomUUID(), event, payload, status: "queued", ...extra };
    this.ops.push(op);
    this.save();
    return op;
  }

  /** The first op waiting to be sent (ops go out one at a time, in order). */
  nextToSend() {
    return this.ops.find((op) => op.status === "queued") || null;
  }

  markSending(op) {
    op.status = "sending";
    this.save();
  }

  /** Back in line (a timeout, or the connection dropped while it was on the wire). */
  markQueued(op) {
    if (op.status === "sending") op.status = "queued";
    this.save();
  }

  /** Every op on the wire goes back in line (used on disconnect). */
  requeueInFlight() {
    for (const op of this.ops) if (op.status === "sending") op.status = "queued";
    this.save();
  }

  /** Accepted by the server. `result` is what the ack returned (element, design or id); `seq` may be absent. */
  markAcked(op, result, seq) {
    op.status = "acked";
    op.result = result;
    op.ackedSeq = Number.isInteger(seq) ? seq : null;
    this.save();
  }

  remove(op) {
    this.ops = this.ops.filter((candidate) => candidate.op_id !== op.op_id);
    this.save();
  }

  /** Drop acked ops that the state now contains (their seq is applied, or they had no seq); whether any went. */
  pruneApplied(lastSeq) {
    const before = this.ops.length;
    this.ops = this.ops.filter((op) => op.status !== "acked" || (op.ackedSeq !== null && op.ackedSeq > lastSeq));
    if (this.ops.length === before) return false;
    this.save();
    return true;
  }

  /** Forget every op, here and in storage (the person using this device hands it on). */
  discard() {
    this.ops = [];
    if (!this.storageKey) return;
    try {
      this.store.removeItem(this.storageKey);
    } catch {
      // Storage disabled: nothing was kept anyway.
    }
  }

  /** Ops not yet accepted by the server: what "N edits waiting" counts. */
  unconfirmed() {
    return this.ops.filter((op) => op.status !== "acked");
  }

  /** Ops touching one element (by the element id in their payload). */
  forElement(elementId) {
    return this.ops.filter((op) => op.event.startsWith("element:") && op.payload.id === elementId);
  }

  /** Queued (unsent) ops for an element that come after `op` in the journal. */
  laterQueuedFor(op, elementId) {
    const start = this.ops.indexOf(op);
    return this.ops
      .slice(start + 1)
      .filter(
        (candidate) =>
          candidate.status === "queued" && candidate.event.startsWith("element:") && candidate.payload.id === elementId,
      );
  }
}
