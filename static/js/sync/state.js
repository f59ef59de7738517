// The confirmed state of one workshop: only what the server has acknowledged or broadcast.
// Nothing optimistic lives here (pending edits are overlaid by view.js), so rolling back a refused
// edit is just "render this again".

/**
 * One updater per broadcast type (docs/api.md). Each takes the broadcast's payload and must be
 * idempotent: the same change can reach us twice (as our ack and as the room broadcast).
 */
const UPDATERS = {
  "design:created": (state, { design }) => state.putDesign(design),
  "design:updated": (state, { design }) => state.putDesign(design),
  "element:added": (state, { element }) => state.putElement(element),
  "element:updated": (state, { element }) => state.putElement(element),
  "element:deleted": (state, { id }) => state.elements.delete(id),
};

export class WorkshopState {
  constructor() {
    this.workshop = null; // the public summary (title, boundary, ...)
    this.you = null; // {participant_id, name, role}
    this.designs = new Map(); // id → design
    this.elements = new Map(); // id → element (with version)
    this.lastSeq = 0; // highest seq applied with no gap before it
    this.loaded = false; // a snapshot has been taken at least once
  }

  /** Take a snapshot (or a sync answer's snapshot) whole: it is authoritative. */
  replaceWith(snapshot) {
    if (snapshot.workshop) this.workshop = snapshot.workshop;
    if (snapshot.you) this.you = snapshot.you;
    this.designs = new Map((snapshot.designs || []).map((design) => [design.id, design]));
    this.elements = new Map((snapshot.elements || []).map((element) => [element.id, element]));
    this.lastSeq = Number(snapshot.seq) || 0;
    this.loaded = true;
  }

  /** Apply one change (already put in order by the sequencer). */
  apply(type, data) {
    const updater = UPDATERS[type];
    if (updater && data) updater(this, data);
  }

  putDesign(design) {
    if (design?.id) this.designs.set(design.id, design);
  }

  /**
   * Store an element unless we already hold a newer version of it. Versions only grow, so this keeps
   * the store right when a conflict answer (which has no seq) got here before an older broadcast.
   */
  putElement(element) {
    if (!element?.id) return;
    const current = this.elements.get(element.id);
    if (current && Number(current.version) > Number(element.version)) return;
    this.elements.set(element.id, element);
  }
}
