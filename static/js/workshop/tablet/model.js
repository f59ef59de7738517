// The live map's view-model: the workshop's state and this screen's choices in, what to show out. Pure and
// DOM-free (no strings, no Leaflet), so every rule of the screen is tested in Node
// (tests/js/workshop/tablet-model.test.mjs); the screen (screen.js) turns the answer into words and elements, the
// page (workshop/pages/workshop.js) applies it.
//
// Texts are given as catalogue keys, never translated here.
import { FACTS } from "../../shared/facts.js";
import { measureGeometry } from "../map/measure.js";
import {
  allowed,
  DEFAULT_SETTINGS,
  maySketch,
  mayComment,
  mayVote,
  offeredKinds,
  privateSketchingActive,
} from "../sync/phase.js";
import { countPerDesign, designComments, isAuthor } from "../sync/view.js";

export const ALL_KINDS = Object.keys(FACTS.kinds);

/** Who I am: the server's word (the snapshot's `you`) over what this device remembered. */
export function whoAmI(you, identity = {}) {
  return {
    participant_id: you?.participant_id ?? identity.participant_id,
    name: you?.name ?? identity.name,
    role: you?.role ?? identity.role,
  };
}

/** Whether I may change a design: the facilitator any, a participant those they author. */
export function canEditDesign(design, me) {
  return Boolean(design) && (me.role === "facilitator" || isAuthor(design, me.participant_id));
}

/**
 * The design to show: the chosen one if it exists, else the last of mine, else (for the facilitator, who may draw
 * in any) the newest, else none: a participant who has none of their own is not put inside someone else's, they
 * choose (startChoice). Before the first snapshot a remembered choice is kept (the design is not known yet).
 */
export function settleDesign(designs, currentId, { loaded, me }) {
  if (currentId && designs.has(currentId)) return currentId;
  if (!loaded && currentId) return currentId;
  const all = [...designs.values()];
  const mine = all.filter((design) => isAuthor(design, me.participant_id));
  if (mine.length) return mine[mine.length - 1].id;
  return me.role === "facilitator" ? (all[all.length - 1]?.id ?? null) : null;
}

const OFFERED_TO_JOIN = 2; // designs offered by name on the first screen; the list has them all

/**
 * What the screen offers while the palette is off for want of a design of mine to draw in, or null. mode "start":
 * I author none, so I start my own or join one (`offers`: the design shown, else the newest, at most two; `more`:
 * how many others the list of designs has; `canJoin`: the facilitator draws in any, so joins none); mode "other":
 * the design shown is someone else's, so I join it (`shown`) or go back to mine (`mine`, the last).
 */
export function startChoice({ block, designs, current, me, counts }) {
  if (block !== "no-design" && block !== "not-author") return null;
  const all = [...designs.values()];
  const mine = all.filter((design) => isAuthor(design, me.participant_id));
  const offer = (design) => ({
    design,
    names: (design.authors || []).map((author) => author.name).join(", "),
    count: counts.get(design.id) || 0,
  });
  if (mine.length && current) return { mode: "other", shown: offer(current), mine: mine[mine.length - 1] };
  const offers = (current ? [current] : all.slice(-OFFERED_TO_JOIN).reverse()).map(offer);
  const canJoin = me.role !== "facilitator";
  return {
    mode: "start",
    offers: canJoin ? offers : [],
    more: canJoin ? all.length - offers.length : 0,
    canJoin,
  };
}

/**
 * A change of phase is said once: {shownPhase, announce}, announce null or {phase, openList, fitSite}. Nothing is
 * said for the phase the page opened in; voting opens the list of designs for those who vote, and shows everyone
 * the whole site (where the facilitator's "look here" may have left the map), since every design is voted on.
 */
export function phaseAnnouncement({ shownPhase, phase, loaded, role }) {
  if (shownPhase === phase || !loaded) return { shownPhase, announce: null };
  if (shownPhase === null) return { shownPhase: phase, announce: null };
  const voting = phase === "voting";
  return { shownPhase: phase, announce: { phase, openList: voting && mayVote(phase, role), fitSite: voting } };
}

/**
 * What one person may still do on one design.
 * @param {{mine: number, left: number|null, settings: object, isOwn: boolean}} facts
 * @returns {{canAdd: boolean, canRemove: boolean, reason: string|null}} reason: a catalogue key, why + is off
 */
export function voteOptions({ mine, left, settings, isOwn }) {
  const perDesign = Number(settings?.max_votes_per_design) || DEFAULT_SETTINGS.max_votes_per_design;
  let reason = null;
  if (isOwn && settings?.authors_may_vote_own === false) reason = "vote.own_not_allowed";
  else if (left !== null && left <= 0) reason = "vote.none_left";
  else if (mine >= perDesign) reason = "vote.max_reached";
  return { canAdd: reason === null, canRemove: mine > 0, reason };
}

/** My dot-vote control's state for one design: {mine, canAdd, canRemove, reason, busy}. */
export function voteState(design, { votes, settings, me, busy = false }) {
  const mine = Number(votes.mine?.[design.id]) || 0;
  const options = voteOptions({ mine, left: votes.left, settings, isOwn: isAuthor(design, me.participant_id) });
  return { mine, ...options, busy };
}

/** Whether I may comment now, and else the catalogue key that says why not. */
export function commentState(phase, role) {
  const canComment = mayComment(phase, role);
  return { canComment, closedKey: canComment ? null : `comments.closed_${phase}` };
}

/** Who made an element: {you: true, name} for me, {known: true, name} for another author of a design I see, else {}. */
export function authorOf(participantId, designs, me) {
  if (participantId && participantId === me.participant_id) return { you: true, name: me.name };
  for (const design of designs.values()) {
    const author = design.authors?.find((candidate) => candidate.participant_id === participantId);
    if (author) return { known: true, name: author.name };
  }
  return {};
}

/**
 * Why the palette is off, or null when I may draw: "phase" (not now), "no-design" (none to draw in),
 * "not-author" (the shown design is someone else's).
 */
export function drawBlock(canSketch, current, me) {
  if (canSketch && canEditDesign(current, me)) return null;
  if (!canSketch) return "phase";
  return current ? "not-author" : "no-design";
}

/** Whether the undo (or redo) button works: something of mine to undo (redo), in a phase that lets me sketch. */
export function undoAvailable({ canUndo, phase, role }) {
  return canUndo && maySketch(phase, role);
}

/** Comments oldest first, as the view keeps them (in the order the server numbered them). */
function commentsWhere(comments, test) {
  return [...comments.values()].filter(test);
}

/**
 * The comments on my designs I have not seen: others' (confirmed, shown) comments on the designs I author, but those
 * this device saw before (`seen`) and those an open panel shows now (`shownIds`).
 * @returns {{unread: Map<string, number>, total: number, seen: Set<string>}} unread per design id; `seen` is `seen`
 *   with what the panels show now added (the page keeps it on the device)
 */
export function unreadComments({ view, me, seen, shownIds }) {
  const nowSeen = new Set(seen);
  for (const id of shownIds) nowSeen.add(id);
  const unread = new Map();
  let total = 0;
  for (const comment of view.comments.values()) {
    if (comment.pending || comment.hidden || nowSeen.has(comment.id)) continue;
    if (!me.participant_id || comment.author_id === me.participant_id) continue;
    if (comment.element_id && !view.elements.has(comment.element_id)) continue;
    if (!isAuthor(view.designs.get(comment.design_id), me.participant_id)) continue;
    unread.set(comment.design_id, (unread.get(comment.design_id) || 0) + 1);
    total += 1;
  }
  return { unread, total, seen: nowSeen };
}

/**
 * The cue under the field of an element's props last changed on this screen (`edited`: {id, field}), or null:
 * {field, state}, state "saving" (on its way), "saved" (the server has it) or "kept" (on the tablet, offline).
 */
export function savedCue(element, edited, online) {
  if (!edited || edited.id !== element.id) return null;
  const state = !element.pending ? "saved" : online ? "saving" : "kept";
  return { field: edited.field, state };
}

/** The handle that turns a sign's arrow on the map: {id, coordinates, bearing (null: none yet)}, or null. */
export function bearingHandle(panel) {
  const element = panel?.element;
  if (!panel?.canEdit || element.kind !== "sign" || element.geometry?.type !== "Point") return null;
  const bearing = element.props?.bearing;
  return {
    id: element.id,
    coordinates: element.geometry.coordinates,
    bearing: Number.isFinite(bearing) ? bearing : null,
  };
}

/**
 * The selected element's panel, or null (nothing selected, or the panel makes way for a reshape). `selectedId`
 * comes back null when the element is gone (deleted, or hidden from me meanwhile). `placedId`: the element I just
 * placed (its panel invites me to fill in its props); `propsEdited` and `online`: for the cue that a field was saved.
 */
export function elementPanel({
  view,
  selectedId,
  editing,
  me,
  phase,
  settings,
  canSketch,
  placedId = null,
  propsEdited = null,
  online = true,
}) {
  if (!selectedId || editing) return { selectedId, panel: null };
  const element = view.elements.get(selectedId);
  if (!element) return { selectedId: null, panel: null };
  const design = view.designs.get(element.design_id) || null;
  // The server measures confirmed shapes; a shape it has not seen yet is measured here, roughly.
  const measure = element.pending || !element.measure ? measureGeometry(element.geometry) : element.measure;
  const canEdit = canSketch && canEditDesign(design, me);
  return {
    selectedId,
    panel: {
      element,
      design,
      author: authorOf(element.author_id, view.designs, me),
      measure,
      canEdit,
      invite: canEdit && placedId === element.id,
      saved: canEdit ? savedCue(element, propsEdited, online) : null,
      canModerate: allowed("moderate", phase, me.role),
      comments: commentsWhere(view.comments, (comment) => comment.element_id === element.id),
      ...commentState(phase, me.role),
      meId: me.participant_id,
      offered: offeredKinds(settings, ALL_KINDS),
    },
  };
}

/**
 * The open design's panel, or null. `openDesignId` comes back null when the design is gone for good (the
 * state is loaded and does not have it); while reshaping, the panel only makes way.
 */
export function designPanel({
  view,
  openDesignId,
  editing,
  loaded,
  me,
  phase,
  votes,
  tallies,
  counts,
  currentDesignId,
}) {
  const design = openDesignId ? view.designs.get(openDesignId) : null;
  if (!design || editing) return { openDesignId: openDesignId && !design && loaded ? null : openDesignId, panel: null };
  return {
    openDesignId,
    panel: {
      design,
      elementCount: counts.get(design.id) || 0,
      tally: tallies ? (tallies[design.id] ?? 0) : null,
      vote: votes ? votes.get(design.id) : null,
      isCurrent: design.id === currentDesignId,
      canModerate: allowed("moderate", phase, me.role),
      // Those on its elements too (marked with the element's kind): every word about the design in one place.
      comments: designComments(view, design.id),
      ...commentState(phase, me.role),
      meId: me.participant_id,
    },
  };
}

/**
 * Everything the live map shows.
 * @param {{state: object, view: object, identity: object, ui: object}} input
 *   state: the engine's WorkshopState (phase, settings, votes, timer, projects, loaded, you);
 *   view: the engine's view (designs, elements, comments, unconfirmed edits laid over);
 *   identity: what this device remembers of me (before the first snapshot);
 *   ui: this screen's choices {currentDesignId, selectedId, openDesignId, shownPhase, votingBusy: Set,
 *       editing: a shape is being reshaped, drawingKind: the kind being drawn or null, canUndo, canRedo,
 *       seenComments: the ids of comments this device has shown, placedId: the element just placed,
 *       propsEdited: {id, field} of the props last changed, online}
 * @returns {object} the ids settled ({currentDesignId, selectedId, openDesignId, shownPhase}), `seenComments`
 *   (with those shown now), `announce`,
 *   and what each part of the screen shows (designBar, phaseBar, palette, panels, ...)
 */
export function workshopModel({ state, view, identity, ui }) {
  const me = whoAmI(state.you, identity);
  const { phase, settings } = state;
  const facilitator = me.role === "facilitator";
  const currentDesignId = settleDesign(view.designs, ui.currentDesignId, { loaded: state.loaded, me });
  const current = currentDesignId ? (view.designs.get(currentDesignId) ?? null) : null;
  const canSketch = maySketch(phase, me.role);
  const voting = mayVote(phase, me.role);
  const { shownPhase, announce } = phaseAnnouncement({
    shownPhase: ui.shownPhase,
    phase,
    loaded: state.loaded,
    role: me.role,
  });
  // Voting opens the list of designs, which takes the place of an open design's panel and of the element panel
  // (which, in portrait, would otherwise keep the palette away when sketching comes back).
  const openDesignId = announce?.openList ? null : ui.openDesignId;
  const selectedId = announce?.openList ? null : ui.selectedId;

  const { counts, commentCounts } = countPerDesign(view);
  const votes = voting
    ? new Map(
        [...view.designs.values()].map((design) => [
          design.id,
          voteState(design, { votes: state.votes, settings, me, busy: Boolean(ui.votingBusy?.has(design.id)) }),
        ]),
      )
    : null;

  const offered = offeredKinds(settings, ALL_KINDS);
  const block = drawBlock(canSketch, current, me);
  const start = startChoice({ block, designs: view.designs, current, me, counts });
  const drawingKind = ui.drawingKind ?? null;
  const selected = elementPanel({
    view,
    selectedId,
    editing: ui.editing,
    me,
    phase,
    settings,
    canSketch,
    placedId: ui.placedId,
    propsEdited: ui.propsEdited,
    online: ui.online,
  });
  const opened = designPanel({
    view,
    openDesignId,
    editing: ui.editing,
    loaded: state.loaded,
    me,
    phase,
    votes,
    tallies: state.votes.tallies,
    counts,
    currentDesignId,
  });

  // What the open panels show counts as seen: the marks on my designs are for comments nobody showed me yet.
  const shownIds = [...(selected.panel?.comments || []), ...(opened.panel?.comments || [])].map(({ id }) => id);
  const comments = unreadComments({ view, me, seen: ui.seenComments || new Set(), shownIds });

  return {
    me,
    phase,
    currentDesignId,
    seenComments: comments.seen,
    selectedId: selected.selectedId,
    openDesignId: opened.openDesignId,
    shownPhase,
    announce,
    current,
    readonly: !canSketch,
    consoleLink: facilitator,
    designBar: {
      designs: view.designs,
      currentId: currentDesignId,
      me,
      counts,
      canCreate: canSketch,
      // The first screen offers a new design itself, first: one button to start, not two.
      offersCreate: canSketch && start?.mode !== "start",
      votes,
      votesLeft: state.votes.left,
      tallies: state.votes.tallies,
      commentCounts,
      unread: comments.unread,
      unreadTotal: comments.total,
    },
    phaseBar: {
      phase,
      role: me.role,
      privateActive: privateSketchingActive(phase, settings),
      showDone: !facilitator,
      voting: voting ? { left: state.votes.left, design: current, vote: current ? votes.get(current.id) : null } : null,
    },
    timerEndsAt: state.timer.ends_at,
    // Adopted designs' claim prompts are the authors'; the facilitator hands out access in the console.
    claims: facilitator ? null : { projects: state.projects, designs: view.designs, me },
    palette: { offered, enabled: block === null, reason: block, hintKey: `phase.${phase}.hint` },
    start,
    // The pen goes down when drawing is no longer allowed here, or the kind is no longer on offer.
    stopDrawing: drawingKind !== null && (block !== null || !offered.includes(drawingKind)),
    // A reshape in progress ends when the phase stops sketching.
    stopEditing: Boolean(ui.editing) && !canSketch,
    undoEnabled: undoAvailable({ canUndo: ui.canUndo, phase, role: me.role }),
    redoEnabled: undoAvailable({ canUndo: ui.canRedo, phase, role: me.role }),
    elements: view.elements,
    elementPanel: selected.panel,
    bearingHandle: bearingHandle(selected.panel),
    designPanel: opened.panel,
  };
}
