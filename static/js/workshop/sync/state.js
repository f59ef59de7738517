// The confirmed state of one workshop: only what the server has acknowledged or broadcast.
// Nothing optimistic lives here (pending edits are overlaid by view.js), so rolling back a refused
// edit is just "render this again". Hidden (moderated) things are kept here with their mark; view.js
// decides who sees them.

import { DEFAULT_SETTINGS } from "./phase.js";

/**
 * One updater per broadcast type (docs/api.md). Each takes the broadcast's payload and must be
 * idempotent: the same change can reach us twice (as our ack and as the room broadcast).
 * Types not listed here (and `seq`, the tick for a change this client may not see) change nothing,
 * but the sequencer still counts them.
 */
const UPDATERS = {
  "design:created": (state, { design }) => state.putDesign(design),
  "design:updated": (state, { design }) => state.putDesign(design),
  "element:added": (state, { element }) => state.putElement(element),
  "element:updated": (state, { element }) => state.putElement(element),
  "element:deleted": (state, { id }) => state.elements.delete(id),
  "phase:changed": (state, { phase }) => state.setPhase(phase),
  timer: (state, { ends_at: endsAt }) => (state.timer = { ends_at: endsAt ?? null }),
  "settings:changed": (state, { settings }) => (state.settings = { ...state.settings, ...settings }),
  moderated: (state, data) => state.applyModeration(data),
  "participant:removed": (state, { participant_id: participantId }) => state.markRemoved(participantId),
  "votes:updated": (state, { tallies }) => (state.votes = { ...state.votes, tallies: tallies ?? null }),
  "voters:updated": (state, { voters }) =>
    (state.votes = { ...state.votes, voters: Array.isArray(voters) ? voters : [] }),
  "comment:added": (state, { comment }) => state.putComment(comment),
  "project:adopted": (state, { project }) => project && state.projects.set(project.id, project),
  "join_code:changed": (state, { join_code: joinCode }) => {
    if (state.workshop) state.workshop = { ...state.workshop, join_code: joinCode };
  },
  seq: () => {},
};

// Events without a seq that still change what is shown (docs/api.md "Server-sent without a request").
const SIGNAL_UPDATERS = {
  presence: (state, { online }) => (state.presence = Array.isArray(online) ? online : []),
};

/** Keep the moderation mark of the stored copy when a newer copy of the same thing does not mention it. */
function keepModeration(current, incoming) {
  if (!current?.hidden || "hidden" in incoming) return incoming;
  return { ...incoming, hidden: true, hidden_reason: current.hidden_reason ?? "" };
}

export class WorkshopState {
  constructor() {
    this.workshop = null; // the public summary (title, boundary, ...)
    this.you = null; // {participant_id, name, role}
    this.designs = new Map(); // id → design
    this.elements = new Map(); // id → element (with version)
    this.comments = new Map(); // id → comment
    this.phase = "sketching";
    this.settings = { ...DEFAULT_SETTINGS };
    this.timer = { ends_at: null };
    // voters: facilitator only, who has a dot on some design (participant ids); null for everyone else
    this.votes = { mine: {}, left: null, tallies: null, voters: null };
    this.presence = []; // facilitator only: [{participant_id, name, role, design_id}]
    this.participants = new Map(); // facilitator only: id → {participant_id, name, role, removed}
    this.projects = new Map(); // id → {id, title, design_id}: designs adopted for construction
    this.lastSeq = 0; // highest seq applied with no gap before it
    this.loaded = false; // a snapshot has been taken at least once
  }

  /** Take a snapshot (or a sync answer's snapshot) whole: it is authoritative. */
  replaceWith(snapshot) {
    if (snapshot.workshop) this.workshop = snapshot.workshop;
    if (snapshot.you) this.you = snapshot.you;
    this.designs = new Map((snapshot.designs || []).map((design) => [design.id, design]));
    this.elements = new Map((snapshot.elements || []).map((element) => [element.id, element]));
    this.comments = new Map((snapshot.comments || []).map((comment) => [comment.id, comment]));
    this.phase = snapshot.phase || snapshot.workshop?.phase || "sketching";
    this.settings = { ...DEFAULT_SETTINGS, ...(snapshot.settings || {}) };
    this.timer = { ends_at: snapshot.timer?.ends_at ?? null };
    const votes = snapshot.votes || {};
    this.votes = {
      mine: { ...(votes.mine || {}) },
      left: votes.left ?? null,
      tallies: votes.tallies ?? null,
      voters: Array.isArray(votes.voters) ? votes.voters : null,
    };
    if (snapshot.presence) this.presence = snapshot.presence.online || [];
    if (snapshot.participants) {
      this.participants = new Map(snapshot.participants.map((person) => [person.participant_id, person]));
    }
    this.projects = new Map((snapshot.projects || []).map((project) => [project.id, project]));
    this.lastSeq = Number(snapshot.seq) || 0;
    this.loaded = true;
  }

  /** Apply one change (already put in order by the sequencer). */
  apply(type, data) {
    const updater = UPDATERS[type];
    if (updater && data) updater(this, data);
  }

  /** Apply an event that carries no seq. Returns whether it changed anything shown. */
  applySignal(type, data) {
    const updater = SIGNAL_UPDATERS[type];
    if (!updater || !data) return false;
    updater(this, data);
    return true;
  }

  putDesign(design) {
    if (design?.id) this.designs.set(design.id, keepModeration(this.designs.get(design.id), design));
  }

  /**
   * Store an element unless we already hold a newer version of it. Versions only grow, so this keeps
   * the store right when a conflict answer (which has no seq) got here before an older broadcast.
   */
  putElement(element) {
    if (!element?.id) return;
    const current = this.elements.get(element.id);
    if (current && Number(current.version) > Number(element.version)) return;
    this.elements.set(element.id, keepModeration(current, element));
  }

  putComment(comment) {
    if (comment?.id) this.comments.set(comment.id, keepModeration(this.comments.get(comment.id), comment));
  }

  /** A new phase; its countdown stops with the old one (docs/api.md, `phase:set`). */
  setPhase(phase) {
    if (!phase || phase === this.phase) return;
    this.phase = phase;
    this.timer = { ends_at: null };
    if (this.workshop) this.workshop = { ...this.workshop, phase, timer_ends_at: null };
  }

  /** `moderated {target, id, hidden, reason, element|design|comment?}`: mark, unmark, or bring back. */
  applyModeration({ target, id, hidden, reason, ...restored }) {
    const stores = { element: this.elements, design: this.designs, comment: this.comments };
    const store = stores[target];
    if (!store || !id) return;
    const current = restored[target]?.id === id ? restored[target] : store.get(id);
    if (!current) return; // hidden before we ever saw it: nothing to mark
    store.set(
      id,
      hidden
        ? { ...current, hidden: true, hidden_reason: reason ?? "" }
        : { ...current, hidden: false, hidden_reason: null },
    );
  }

  markRemoved(participantId) {
    const person = this.participants.get(participantId);
    this.participants.set(participantId, { participant_id: participantId, ...person, removed: true });
    this.presence = this.presence.filter((entry) => entry.participant_id !== participantId);
  }

  /** The ack of vote:cast / vote:retract: `mine` is my dots on that design (or all of mine, as in a snapshot). */
  applyOwnVotes(designId, { votes_left: left, mine }) {
    const ownVotes = { ...this.votes.mine };
    if (mine && typeof mine === "object") {
      for (const key of Object.keys(ownVotes)) delete ownVotes[key];
      Object.assign(ownVotes, mine);
    } else if (Number.isInteger(mine)) {
      ownVotes[designId] = mine;
    }
    this.votes = { ...this.votes, mine: ownVotes, left: Number.isInteger(left) ? left : this.votes.left };
  }
}
