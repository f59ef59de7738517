// The client sync engine: joins the transport (socket.js), the confirmed state (state.js), the ordering
// of numbered changes (sequencer.js) and the journal of this device's edits (queue.js).
//
// Rules (docs/api.md):
// - Every snapshot (sent on each connect) replaces the state: it is authoritative. Unconfirmed edits are
//   then laid over it again (view.js) and sent, one at a time, in the order they were made.
// - An accepted edit's ack is treated as the broadcast with the same seq, so the broadcast that
//   follows (or came first) is recognised as a duplicate by its seq.
// - A refused edit is dropped and the screen re-rendered from confirmed state; a timed-out or
//   interrupted one is sent again (the server is idempotent for resends).
//
// Events (CustomEvent.detail):
//   "change"       the view changed: re-render
//   "status"       {status, waiting}: connection state and unconfirmed edit count
//   "snapshot"     {snapshot, first}: a snapshot was taken (on each connect, and whenever the server
//                  changes this client's view as a whole: phase, private sketching, reveal)
//   "applied"      {type, data}: a numbered change was applied, in seq order
//   "signal"       {type, data}: an event without a seq (presence, view, timer:expired, ...)
//   "rejected"     {op, error, silent, lost}: an edit was refused and rolled back (`lost`: how many later edits
//                  of the same element fell with it, each also sent as a silent "rejected")
//   "conflict"     {op, element, lost}: someone else changed the element first; we now show theirs (an update
//                  is not made, a delete not done)
//   "unauthorized" the token is no longer valid
//
// Edits (designs, elements, comments) go through the journal and survive going offline. Requests that
// are not safe to resend (a dot vote counts each time) or that only make sense now (the facilitator's
// controls) go straight out with request(); they fail at once when not connected.

import { ApiError } from "../../shared/http.js";
import { updateAlreadyApplied } from "./compare.js";
import { DeviceCopy } from "./device-copy.js";
import { OpQueue } from "./queue.js";
import { Sequencer } from "./sequencer.js";
import { ConnectionStatus, Transport } from "./socket.js";
import { WorkshopState } from "./state.js";
import { buildView } from "./view.js";

const socketTransport = (token, hooks) => new Transport(token, hooks);

const ACK_TIMEOUT_MS = 10000;
const RETRY_DELAY_MS = 2000;
// Refusals that say "not now" rather than "no": the edit stays in the journal and goes again after a pause. An
// edit sent too fast (a long offline journal replayed) or while the server's database is away (a restart) waits
// its turn as long as it takes; a server failure is tried a few times, then refused like any other error, so one
// bad edit cannot hold up the rest for ever.
const TRANSIENT = { rate_limited: Infinity, unavailable: Infinity, internal: 3 };

// For each client event: which broadcast its successful ack stands for, and what the ack returned.
const carrying = (type, field) => ({ type, result: (ack) => ack[field], data: (ack) => ({ [field]: ack[field] }) });
const ACK_MEANING = {
  "design:create": carrying("design:created", "design"),
  "design:join": carrying("design:updated", "design"),
  "element:add": carrying("element:added", "element"),
  "element:update": carrying("element:updated", "element"),
  "element:delete": { type: "element:deleted", result: (ack) => ({ id: ack.id }), data: (ack) => ({ id: ack.id }) },
  "comment:add": carrying("comment:added", "comment"),
};

// A short, stable tag for a token: each identity on a shared tablet has its own journal, and no key shows a token.
function tokenTag(token) {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let index = 0; index < token.length; index += 1) {
    hash ^= token.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export class SyncEngine extends EventTarget {
  /**
   * @param {{token: string, workshop_id: string}} identity
   * @param {{journal?: boolean, storage?: Storage, connect?: (token, hooks) => Transport}} options
   *   journal: false for a screen that never edits (the projector), so it neither reads nor sends the edits
   *   another tab of the same identity keeps on this device; storage: where the journal is kept (default
   *   localStorage); connect: makes the transport (default a Socket.IO Transport; the tests give a fake one);
   *   deviceStore: where the last state is kept for an offline reload (device-store.js; none: not kept)
   */
  constructor(identity, { journal = true, storage, deviceStore = null, connect = socketTransport } = {}) {
    super();
    this.identity = identity;
    this.connect = connect;
    this.state = new WorkshopState();
    const key = `${identity.workshop_id}.${tokenTag(identity.token)}`;
    this.journalKey = journal ? key : null; // also the key of what Undo and Redo remember (editing.js)
    this.storage = storage;
    this.queue = new OpQueue(this.journalKey, { storage });
    this.deviceCopy = journal && deviceStore ? new DeviceCopy(this, deviceStore, key) : null;
    this.sequencer = new Sequencer(
      this.state,
      (since) => this.requestSync(since),
      (type, data) => this.emit("applied", { type, data }),
    );
    this.transport = null;
    this.status = ConnectionStatus.CONNECTING;
    this.snapshotTaken = false; // since the last (re)connect
    this.sendingOp = null;
    this.attempt = 0; // bumped on disconnect so a late answer to an abandoned send is ignored
    this.syncing = false;
    this.retryTimer = null;
    this.transientTries = new Map(); // op id → how many times the server said "not now"
    this.cachedView = null;
    this.presenceDesignId = undefined; // the design this device is on, told to the server (presence:design)
  }

  /** Connect, and show the edits kept on this device at once (and, when kept, the state of the last visit). */
  start() {
    const restoring = this.deviceCopy?.restore();
    this.transport = this.connect(this.identity.token, {
      onStatus: (status) => this.handleStatus(status),
      onUnauthorized: () => this.emit("unauthorized"),
    });
    this.transport.onAny((event, payload) => {
      if (event === "snapshot") this.handleSnapshot(payload);
      else if (Number.isInteger(payload?.seq)) this.handleBroadcast(event, payload);
      else this.handleSignal(event, payload);
    });
    // Edits restored from storage show at once, before the server answers.
    this.changed();
    return restoring;
  }

  /**
   * Show the state kept on this device at its last visit (device-copy.js) until the server's snapshot, which
   * replaces it. Nothing is sent on its account: edits go out only after a snapshot (isReady).
   */
  restore(saved) {
    if (this.state.loaded) return false;
    this.state.replaceWith(saved.snapshot);
    this.sequencer.rebase();
    this.changed();
    this.emit("snapshot", { snapshot: saved.snapshot, first: true, restored: true });
    return true;
  }

  // ------------------------------------------------------------------ reading

  /** The view: confirmed state with unconfirmed edits overlaid. */
  view() {
    if (!this.cachedView) this.cachedView = buildView(this.state, this.queue.ops);
    return this.cachedView;
  }

  /** Edits the server has not accepted yet. */
  waitingCount() {
    return this.queue.unconfirmed().length;
  }

  /**
   * The base_version for a new update of an element. When an earlier edit of it is still unconfirmed,
   * the number is a placeholder (`chained`): it is rewritten from that edit's ack before sending.
   */
  updateBase(elementId) {
    const element = this.view().elements.get(elementId);
    const chained = this.queue.forElement(elementId).some((op) => op.status !== "acked");
    return { base_version: Number(element?.version) || 0, chained };
  }

  // ------------------------------------------------------------------ writing

  /** Record an edit: shown at once, saved on the device, sent when possible. */
  submit(event, payload, extra = {}) {
    const op = this.queue.enqueue(event, payload, extra);
    this.changed();
    this.flush();
    return op;
  }

  /**
   * Send one request now and resolve with its successful ack; rejects with an ApiError (`offline` when
   * not connected, `timeout`, or the server's error code). State changes arrive as broadcasts.
   */
  async request(event, payload) {
    if (!this.isReady()) throw new ApiError("offline", "");
    let ack;
    try {
      ack = await this.transport.request(event, payload, ACK_TIMEOUT_MS);
    } catch {
      throw new ApiError("timeout", "");
    }
    if (!ack?.ok) throw new ApiError(ack?.error?.code || "unknown", ack?.error?.message || "");
    return ack;
  }

  /** Put one of my dots on a design (delta +1) or take one back (-1). Resolves with the ack. */
  async vote(designId, delta) {
    const ack = await this.request(delta > 0 ? "vote:cast" : "vote:retract", { design_id: designId });
    // My own dots are mine alone: taken from the ack at once. The tallies come by broadcast.
    this.state.applyOwnVotes(designId, ack);
    this.changed();
    return ack;
  }

  /** Tell the server which design this device shows (the facilitator sees it); again after each reconnect. */
  setPresenceDesign(designId) {
    const id = designId ?? null;
    if (id === this.presenceDesignId) return;
    this.presenceDesignId = id;
    this.sendPresence();
  }

  sendPresence() {
    if (this.presenceDesignId === undefined || !this.isReady()) return;
    this.request("presence:design", { design_id: this.presenceDesignId }).catch(() => {
      // Only the facilitator's overview misses it; the next change or reconnect tells again.
    });
  }

  /** Whether every edit made on this device has reached the server. */
  isFlushed() {
    return this.waitingCount() === 0;
  }

  /** Stop talking to the server (the journal stays on the device). */
  stop() {
    clearTimeout(this.retryTimer);
    this.sequencer.pause();
    this.transport?.close();
  }

  /** Stop, and drop this identity's journal from the device (a shared tablet's next person). */
  forgetDevice() {
    this.stop();
    this.queue.discard();
    this.deviceCopy?.forget();
  }

  // ------------------------------------------------------------------ connection

  isReady() {
    return Boolean(this.transport?.connected && this.snapshotTaken);
  }

  handleStatus(status) {
    this.status = status;
    if (status !== ConnectionStatus.CONNECTED) {
      this.snapshotTaken = false;
      this.abandonSending();
      this.sequencer.pause();
    }
    this.emitStatus();
  }

  abandonSending() {
    this.attempt += 1;
    this.sendingOp = null;
    clearTimeout(this.retryTimer);
    this.queue.requeueInFlight();
  }

  handleSnapshot(snapshot) {
    if (!snapshot) return;
    const first = !this.state.loaded;
    const connecting = !this.snapshotTaken;
    const before = this.state.lastSeq;
    this.takeSnapshot(snapshot);
    this.snapshotTaken = true;
    this.emit("snapshot", { snapshot, first });
    if (connecting) this.sendPresence();
    // A snapshot sent while the view changed (not on connect) can be older than a broadcast that
    // overtook it: ask for what lies between, or it would be lost (nothing after it leaves a gap).
    if (!connecting && this.state.lastSeq < before) this.requestSync(this.state.lastSeq);
    this.flush();
  }

  takeSnapshot(snapshot) {
    this.state.replaceWith(snapshot);
    this.sequencer.rebase();
    this.queue.pruneApplied(this.prunableSeq());
    this.changed();
  }

  /**
   * Up to which seq acked ops may leave the journal: what the state holds, and, when a copy of the state is kept
   * on the device, what that copy holds too, so that an offline reload shows every confirmed edit.
   */
  prunableSeq() {
    return Math.min(this.state.lastSeq, this.deviceCopy ? this.deviceCopy.keptSeq : Infinity);
  }

  /** The device's copy of the state is written: the acked ops it now holds may go. */
  copyKept() {
    if (!this.queue.pruneApplied(this.prunableSeq())) return;
    this.cachedView = null;
    this.emit("change");
    this.emitStatus();
  }

  handleBroadcast(type, data) {
    if (!data || !Number.isInteger(data.seq)) return; // not a numbered change
    if (this.sequencer.receive(data.seq, type, data)) this.afterApply();
  }

  /** An event without a seq: presence updates the state; the page reacts to the rest (view, timer:expired). */
  handleSignal(type, data) {
    if (this.state.applySignal(type, data)) this.changed();
    this.emit("signal", { type, data: data ?? {} });
  }

  afterApply() {
    this.queue.pruneApplied(this.prunableSeq());
    this.changed();
  }

  /** Ask for the changes after `since` (a gap stayed open). */
  async requestSync(since) {
    if (!this.isReady() || this.syncing) return;
    this.syncing = true;
    try {
      const ack = await this.transport.request("sync", { since }, ACK_TIMEOUT_MS);
      if (ack?.ok && ack.snapshot) {
        this.takeSnapshot(ack.snapshot);
      } else if (ack?.ok && Array.isArray(ack.events)) {
        for (const event of ack.events) this.sequencer.receive(event.seq, event.type, event.data);
        this.afterApply();
      }
    } catch {
      // No answer: the gap watch below asks again.
    } finally {
      this.syncing = false;
      this.sequencer.watchGap();
    }
  }

  // ------------------------------------------------------------------ sending the journal

  async flush() {
    if (!this.isReady() || this.sendingOp) return;
    const op = this.queue.nextToSend();
    if (!op) return;
    const attempt = this.attempt;
    this.sendingOp = op;
    this.queue.markSending(op);
    let ack;
    try {
      ack = await this.transport.request(op.event, op.payload, ACK_TIMEOUT_MS);
    } catch {
      if (attempt !== this.attempt) return; // disconnected meanwhile: already back in line
      this.sendingOp = null;
      this.queue.markQueued(op);
      // Still connected but no answer: try again shortly (resends are safe, see compare.js).
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.flush(), RETRY_DELAY_MS);
      return;
    }
    if (attempt !== this.attempt) return; // answer to an abandoned send; the resend will be answered too
    this.sendingOp = null;
    if (this.retryLater(op, ack)) return;
    this.handleAck(op, ack);
    this.flush();
  }

  /** Put an edit refused for now back in line and try again after a pause; false when the refusal is final. */
  retryLater(op, ack) {
    const code = ack?.error?.code;
    const tries = (this.transientTries.get(op.op_id) || 0) + 1;
    if (!(code in TRANSIENT) || tries > TRANSIENT[code]) {
      this.transientTries.delete(op.op_id);
      return false;
    }
    this.transientTries.set(op.op_id, tries);
    this.queue.markQueued(op);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.flush(), RETRY_DELAY_MS * Math.min(tries, 5));
    return true;
  }

  handleAck(op, ack) {
    if (ack?.ok) {
      this.accept(op, ack);
      return;
    }
    const error = ack?.error || { code: "unknown" };
    if (op.event === "element:update" && error.code === "conflict" && ack.element) {
      if (updateAlreadyApplied(op.payload, ack.element)) this.acceptAsIs(op, ack.element);
      else this.yieldToConflict(op, ack.element);
      return;
    }
    if (op.event === "element:delete" && error.code === "conflict" && ack.element) {
      // Someone else changed it since we saw it: it stays, in their version, for the person to decide again.
      this.yieldToConflict(op, ack.element);
      return;
    }
    if (op.event === "comment:add" && error.code === "conflict") {
      // A resend of a comment whose first send got through (its id is taken): the reconnect's snapshot holds it.
      this.queue.remove(op);
      this.changed();
      return;
    }
    if (op.event === "element:delete" && error.code === "not_found") {
      // Someone else deleted it first: what we wanted has happened.
      this.queue.remove(op);
      this.changed();
      return;
    }
    this.reject(op, ack?.deleted ? { ...error, deleted: true } : error);
  }

  accept(op, ack) {
    const meaning = ACK_MEANING[op.event];
    if (!meaning) {
      this.queue.remove(op);
      this.changed();
      return;
    }
    if (op.event === "element:add" && ack.deleted) {
      // A resend of an add that was deleted meanwhile: it stays deleted, and so do our later edits of it. Said,
      // unless we deleted it ourselves (our delete is among those later edits).
      const ours = this.queue.laterQueuedFor(op, op.payload.id).some((later) => later.event === "element:delete");
      this.dropWithDependents(op, op.payload.id, { code: "not_found", deleted: true }, ours);
      return;
    }
    const result = meaning.result(ack);
    this.rebaseChained(op, result);
    this.queue.markAcked(op, result, ack.seq);
    if (Number.isInteger(ack.seq)) {
      this.sequencer.receive(ack.seq, meaning.type, meaning.data(ack));
    } else {
      this.state.apply(meaning.type, meaning.data(ack)); // an ack with no new event (e.g. joining twice)
    }
    this.afterApply();
  }

  /** A resent update's answer shows our change already made: success. */
  acceptAsIs(op, element) {
    this.rebaseChained(op, element);
    this.state.putElement(element);
    this.queue.remove(op);
    this.changed();
  }

  /** Someone else changed the element first: take theirs, drop our edits built on ours. */
  yieldToConflict(op, element) {
    this.state.putElement(element);
    let lost = 0;
    for (const later of this.queue.laterQueuedFor(op, element.id)) {
      if (later.event === "element:update" || later.event === "element:delete") {
        // Built on the version that lost: the person decides again, on theirs.
        this.queue.remove(later);
        this.emit("rejected", { op: later, error: { code: "conflict" }, silent: true });
        lost += 1;
      }
    }
    this.queue.remove(op);
    this.emit("conflict", { op, element, lost });
    this.changed();
  }

  reject(op, error) {
    if (op.event === "element:add" || (op.event === "element:update" && error.deleted)) {
      this.dropWithDependents(op, op.payload.id, error, false);
      return;
    }
    this.queue.remove(op);
    this.emit("rejected", { op, error, silent: false, lost: 0 });
    this.changed();
  }

  /** Drop an op and the queued edits of the same element after it (they cannot succeed without it). */
  dropWithDependents(op, elementId, error, silent) {
    const later = this.queue.laterQueuedFor(op, elementId);
    for (const dependent of later) {
      this.queue.remove(dependent);
      this.emit("rejected", { op: dependent, error, silent: true });
    }
    this.queue.remove(op);
    this.emit("rejected", { op, error, silent, lost: later.length });
    this.changed();
  }

  /** Give the next queued updates of the same element the version this ack produced. */
  rebaseChained(op, element) {
    if (!element || !Number.isInteger(element.version)) return;
    let rewritten = false;
    for (const later of this.queue.laterQueuedFor(op, element.id)) {
      if ((later.event === "element:update" || later.event === "element:delete") && later.chained) {
        later.payload.base_version = element.version;
        rewritten = true;
      }
    }
    if (rewritten) this.queue.save();
  }

  // ------------------------------------------------------------------ notifications

  changed() {
    this.cachedView = null;
    this.deviceCopy?.schedule();
    this.emit("change");
    this.emitStatus();
  }

  emitStatus() {
    this.emit("status", { status: this.status, waiting: this.waitingCount() });
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
