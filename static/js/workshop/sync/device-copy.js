// The last state of a workshop kept on the tablet (its confirmed state and the journal beside it), so a
// reload with no network shows the site, every design and element the tablet had, and its own pending edits.
// Written a moment after each change and when the page is hidden; read once, at start, and shown until the
// server's snapshot replaces it. The journal itself stays in localStorage (queue.js), written at once on every
// edit; an acked edit leaves it only once a written copy holds its seq (SyncEngine.prunableSeq), so an edit
// confirmed just before the page closed still shows in an offline reload.

export const SAVE_DELAY_MS = 300;

/** The state as a snapshot (the shape the server sends and WorkshopState.replaceWith takes). */
export function snapshotOf(state) {
  return {
    seq: state.lastSeq,
    workshop: state.workshop,
    you: state.you,
    designs: [...state.designs.values()],
    elements: [...state.elements.values()],
    comments: [...state.comments.values()],
    phase: state.phase,
    settings: state.settings,
    timer: state.timer,
    votes: state.votes,
    presence: { online: state.presence },
    participants: [...state.participants.values()],
    projects: [...state.projects.values()],
  };
}

export class DeviceCopy {
  /**
   * @param {import("./engine.js").SyncEngine} engine
   * @param {{get, put, delete}} store device-store.js
   * @param {string} key distinct per workshop and identity
   */
  constructor(engine, store, key, { delayMs = SAVE_DELAY_MS } = {}) {
    this.engine = engine;
    this.store = store;
    this.key = key;
    this.delayMs = delayMs;
    this.timer = null;
    this.forgotten = false;
    this.keptSeq = 0; // the seq of the state in the last copy written

    this.writing = Promise.resolve();
    this.saveNowOnHide = () => this.saveNow();
    globalThis.addEventListener?.("pagehide", this.saveNowOnHide);
  }

  /** Read the kept copy and hand it to the engine (which ignores it once the server's snapshot is in). */
  async restore() {
    const saved = await this.store.get(this.key);
    if (!this.forgotten && saved?.snapshot) {
      this.keptSeq = Math.max(this.keptSeq, Number(saved.snapshot.seq) || 0);
      this.engine.restore(saved);
    }
    return saved;
  }

  /** Write the copy a moment from now (many changes in a burst make one write). */
  schedule() {
    if (this.forgotten || !this.engine.state.loaded || this.timer) return;
    this.timer = setTimeout(() => this.saveNow(), this.delayMs);
  }

  /** Write the copy now; writes go one after the other, so the last one is the one kept. */
  saveNow() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.forgotten || !this.engine.state.loaded) return this.writing;
    // Copied now: the state and the journal go on changing while earlier writes finish.
    const record = structuredClone({
      snapshot: snapshotOf(this.engine.state),
      ops: this.engine.queue.ops,
      saved_at: Date.now(),
    });
    this.writing = this.writing.then(async () => {
      const kept = await this.store.put(this.key, record);
      // A device that cannot keep the copy (storage full) prunes its journal as if there were none.
      this.keptSeq = kept ? Math.max(this.keptSeq, record.snapshot.seq) : Infinity;
      if (!this.forgotten) this.engine.copyKept();
    });
    return this.writing;
  }

  /** Drop the copy (the person hands the tablet on). */
  forget() {
    this.forgotten = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.("pagehide", this.saveNowOnHide);
    this.writing = this.writing.then(() => this.store.delete(this.key));
    return this.writing;
  }
}
