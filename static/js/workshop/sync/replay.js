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
    this.removed = null; // the element the last applied event deleted, as it was just before
  }

  /** Apply the events up to `position` (0: none, events.length: all). */
  seek(position) {
    const target = Math.max(0, Math.min(this.events.length, Math.round(position)));
    if (target < this.position) this.reset();
    while (this.position < target) {
      const event = this.events[this.position];
      // A deletion names only an id: what it removed is read before it is applied.
      this.removed = event.type === "element:deleted" ? (this.state.elements.get(event.data?.id) ?? null) : null;
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

/**
 * What an event did, as a catalogue key and its values, in the words of the moment it describes: `state` is the
 * workshop just after it, `removed` the element a deletion took away (Replayer.removed). Kinds come as kind ids
 * (`kind`), phases as phase ids (`phase`), for the page to name; an event this page does not know is "something
 * changed", never its wire name.
 * @returns {{key: string, values: object}}
 */
export function describeEvent(event, state, removed = null) {
  const data = event.data || {};
  const designTitle = (id) => state.designs.get(id)?.title ?? null;
  const about = (key, values) => ({ key, values });
  switch (event.type) {
    case "design:created":
      return about("replay.design_created", { title: data.design?.title || "" });
    case "design:updated":
      return about("replay.design_updated", { title: data.design?.title || "" });
    case "element:added":
      return about("replay.element_added", {
        kind: data.element?.kind,
        title: designTitle(data.element?.design_id),
      });
    case "element:updated":
      return about("replay.element_updated", {
        kind: data.element?.kind,
        title: designTitle(data.element?.design_id),
      });
    case "element:deleted":
      // An undo of a shape just drawn, or a removal: which shape, from which design.
      return removed
        ? about("replay.element_removed", { kind: removed.kind, title: designTitle(removed.design_id) })
        : about("replay.element_deleted", {});
    case "phase:changed":
      return about("replay.phase_changed", { phase: data.phase });
    case "timer":
      return about(data.ends_at ? "replay.timer_set" : "replay.timer_cleared", {});
    case "settings:changed":
      return about("replay.settings_changed", {});
    case "moderated":
      return about(data.hidden ? "replay.hidden" : "replay.restored", {});
    case "participant:removed":
      return about("replay.participant_removed", {});
    case "votes:updated":
      return about("replay.votes", {});
    case "comment:added":
      return about("replay.comment", { name: data.comment?.author_name || null, text: data.comment?.text || "" });
    case "project:adopted":
      return about("replay.project_adopted", {
        project: data.project?.title || "",
        title: designTitle(data.project?.design_id),
      });
    case "join_code:changed":
      return about("replay.join_code_changed", {});
    default:
      return about("replay.something_changed", {});
  }
}
