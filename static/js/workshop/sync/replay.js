// A workshop's state at any point of its event log (GET /api/workshops/<id>/events), rebuilt with the same
// per-event updaters as the live client (state.js). Moving forward applies the next events; moving back
// starts again from the empty site, which is quick for the few thousand events of a workshop.
import { WorkshopState } from "./state.js";

export class Replayer {
  /** @param {{seq: number, type: string, data: object, at: string}[]} events in seq order */
  constructor(events) {
    this.events = events;
    this.reset();
  }

  reset() {
    this.state = new WorkshopState();
    this.state.you = { role: "participant" }; // the replay shows what the room saw: nothing hidden
    this.state.loaded = true;
    this.position = 0; // how many events are applied
  }

  /** Apply the events up to `position` (0: none, events.length: all). */
  seek(position) {
    const target = Math.max(0, Math.min(this.events.length, Math.round(position)));
    if (target < this.position) this.reset();
    while (this.position < target) {
      const event = this.events[this.position];
      this.state.apply(event.type, event.data);
      this.state.lastSeq = event.seq;
      this.position += 1;
    }
    return this.state;
  }

  /** The last applied event, or null at the start. */
  current() {
    return this.position > 0 ? this.events[this.position - 1] : null;
  }
}
