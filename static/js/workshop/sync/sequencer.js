// Puts numbered changes in order before they reach the state.
//
// Every broadcast carries the workshop's gap-free `seq`. The state keeps lastSeq = the highest seq
// applied with nothing missing before it. A change at or below lastSeq was already applied (our own
// ack and its broadcast, a resend, a sync overlapping a broadcast) and is ignored; the next one is
// applied; a later one waits in a buffer. If a gap stays open for a while (a message lost during a
// reconnect, or two server processes racing), we ask the server for what we missed.
//
// Every seq counts, whatever its type: a change this client may not see arrives as `seq {"seq"}` (also
// inside sync answers, as {"seq", "type": "seq"}), and a type this client does not know is applied as
// nothing. Both still advance lastSeq, so neither leaves a gap.

const GAP_WAIT_MS = 500;

export class Sequencer {
  /**
   * @param {import("./state.js").WorkshopState} state
   * @param {(since: number) => void} onGap called when a gap stays open for GAP_WAIT_MS
   * @param {(type: string, data: object) => void} onApply called after each change is applied, in order
   */
  constructor(state, onGap, onApply = () => {}) {
    this.state = state;
    this.onGap = onGap;
    this.onApply = onApply;
    this.buffer = new Map(); // seq → {type, data}
    this.gapTimer = null;
  }

  /** Offer one change. Returns true when it (and possibly buffered ones after it) got applied. */
  receive(seq, type, data) {
    seq = Number(seq);
    if (!Number.isInteger(seq) || seq <= this.state.lastSeq) return false;
    // One seq is one change: whichever copy (ack, broadcast or sync) came first stands for it.
    if (!this.buffer.has(seq)) this.buffer.set(seq, { type, data });
    const applied = this.drain();
    this.watchGap();
    return applied;
  }

  /** After a snapshot replaced the state: drop what it already contains, apply what follows it. */
  rebase() {
    for (const seq of [...this.buffer.keys()]) {
      if (seq <= this.state.lastSeq) this.buffer.delete(seq);
    }
    this.drain();
    this.watchGap();
  }

  /** Whether changes are waiting behind a gap. */
  hasGap() {
    return this.buffer.size > 0;
  }

  /** Stop the gap timer (when disconnected: the next snapshot settles everything anyway). */
  pause() {
    clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  drain() {
    let applied = false;
    for (let next = this.state.lastSeq + 1; this.buffer.has(next); next += 1) {
      const { type, data } = this.buffer.get(next);
      this.buffer.delete(next);
      this.state.apply(type, data);
      this.state.lastSeq = next;
      applied = true;
      this.onApply(type, data);
    }
    return applied;
  }

  watchGap() {
    if (!this.hasGap()) {
      this.pause();
      return;
    }
    if (this.gapTimer) return; // already waiting for this gap
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.hasGap()) this.onGap(this.state.lastSeq);
    }, GAP_WAIT_MS);
  }
}
