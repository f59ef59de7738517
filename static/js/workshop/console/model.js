// The facilitator's console's view-model: the workshop's state and the console's own choices in (the element
// selected, the design whose panel is open, the design shown on the map, the designs taken off it), what each part
// of the console shows out (the people and the room's figures come from room.js).
// Pure and DOM-free (no strings, no Leaflet), so every rule of the console is tested in Node
// (tests/js/workshop/console-model.test.mjs); the page (workshop/pages/console.js) hands each part its view.
//
// Texts are given as catalogue keys, never translated here.
import { measureGeometry } from "../map/measure.js";
import { mayComment, mayFacilitate, privatePhase } from "../sync/phase.js";
import { countPerDesign, designComments } from "../sync/view.js";
import { designColour } from "../ui/design-colour.js";
import { facilitatorIds, peopleRows, roomSummary } from "./room.js";

/** The private-sketching card: hidden unless designs are kept private; what it says and whether it can reveal. */
export function revealCard({ phase, settings }) {
  const { private_sketching: privateSketching, revealed } = settings;
  if (!privateSketching) return { shown: false, statusKey: null, buttonShown: false, buttonEnabled: false };
  const statusKey = revealed ? "reveal.done" : privatePhase(phase) ? "reveal.hiding" : "reveal.after_sketching";
  return { shown: true, statusKey, buttonShown: !revealed, buttonEnabled: mayFacilitate(phase) };
}

/** Whether the closed workshop is open city data, and what that means in this phase. */
export function openDataSwitch({ phase, settings }) {
  const open = settings.open_data !== false;
  const statusKey = !open
    ? "console.open_data_off"
    : phase === "closed"
      ? "console.open_data_published"
      : "console.open_data_when_closed";
  return { checked: open, statusKey };
}

/** Who sees the tallies the console shows: everyone once closed or with running tallies on, else the facilitator. */
export function tallyAudienceKey({ phase, settings }) {
  return phase === "closed" || settings.show_running_tallies ? "tally.everyone_sees" : "tally.only_you";
}

/**
 * The map's key and filter: each design with its colour (the outline of its elements on the map) and whether the
 * facilitator keeps it on the map. `offMap` (ids the facilitator took off) comes back without designs that are gone.
 */
export function mapKey(designs, offMap) {
  const off = (offMap || []).filter((id) => designs.has(id));
  return {
    offMap: off,
    view: {
      designs: [...designs.values()].map((design) => ({
        id: design.id,
        title: design.title,
        colour: designColour(design),
        onMap: !off.includes(design.id),
        hidden: Boolean(design.hidden),
      })),
      allOnMap: off.length === 0,
    },
  };
}

/** The elements on the map (those of designs the facilitator keeps there), and each design's outline colour. */
export function mapElements(view, offMap) {
  const off = new Set(offMap);
  const elements = off.size
    ? new Map([...view.elements].filter(([, element]) => !off.has(element.design_id)))
    : view.elements;
  const outlines = {};
  for (const design of view.designs.values()) outlines[design.id] = designColour(design);
  return { elements, outlines };
}

/**
 * The designs the adoption form offers (hidden ones never), best first as the results rank them: most dots, then
 * the earlier design; ties share a rank. Each with its dots, size, authors' names and whether it is adopted already.
 */
export function adoptionChoices({ designs, tallies, counts, projects }) {
  const adopted = new Set([...projects.values()].map((project) => project.design_id));
  const ranked = [...designs.values()]
    .filter((design) => !design.hidden)
    .map((design, order) => ({ design, order, votes: tallies?.[design.id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.order - b.order);
  return ranked.map(({ design, votes }) => ({
    id: design.id,
    title: design.title,
    votes,
    rank: 1 + ranked.filter((other) => other.votes > votes).length,
    elements: counts.get(design.id) || 0,
    authors: (design.authors || []).map(({ participant_id, name }) => ({ participant_id, name })),
    adopted: adopted.has(design.id),
  }));
}

/** The name of whoever made an element, as the designs' authors list them; null when none of them did. */
export function authorName(participantId, designs) {
  for (const design of designs.values()) {
    const author = design.authors?.find((candidate) => candidate.participant_id === participantId);
    if (author) return author.name;
  }
  return null;
}

/** Whether the facilitator may comment now, and else the catalogue key that says why not. */
export function commentState(phase) {
  const canComment = mayComment(phase, "facilitator");
  return { canComment, closedKey: canComment ? null : `comments.closed_${phase}` };
}

/**
 * The selected element's panel (read only: the facilitator hides and restores, comments, never edits), or null;
 * `selectedId` comes back null when the element is gone.
 */
export function elementPanel({ view, selectedId, phase, controlsOpen, meId }) {
  const element = selectedId ? view.elements.get(selectedId) : null;
  if (!element) return { selectedId: null, panel: null };
  return {
    selectedId,
    panel: {
      element,
      design: view.designs.get(element.design_id) || null,
      authorName: authorName(element.author_id, view.designs),
      // The server measures confirmed shapes; one it has not measured yet is measured here, roughly.
      measure: element.measure || measureGeometry(element.geometry),
      canEdit: false,
      canModerate: controlsOpen,
      comments: [...view.comments.values()].filter((comment) => comment.element_id === element.id),
      ...commentState(phase),
      meId,
    },
  };
}

/** The open design's panel, or null; `openDesignId` comes back null when the design is gone. */
export function designPanel({ view, openDesignId, phase, controlsOpen, tallies, counts, shownDesignId, meId }) {
  const design = openDesignId ? view.designs.get(openDesignId) : null;
  if (!design) return { openDesignId: null, panel: null };
  return {
    openDesignId,
    panel: {
      design,
      elementCount: counts.get(design.id) || 0,
      tally: tallies ? (tallies[design.id] ?? 0) : null,
      vote: null,
      isCurrent: design.id === shownDesignId,
      canModerate: controlsOpen,
      comments: designComments(view, design.id),
      ...commentState(phase),
      meId,
    },
  };
}

/**
 * Everything the console shows.
 * @param {{state: object, view: object, ui: object}} input
 *   state: the engine's WorkshopState (phase, settings, votes, timer, presence, participants, you);
 *   view: the engine's view (designs, elements, comments, with moderated things marked);
 *   ui: the console's choices {selectedId, openDesignId, shownDesignId, offMap} (offMap: the ids of the designs
 *   the facilitator took off the map)
 * @returns {object} the choices settled against what exists ({selectedId, openDesignId, shownDesignId, offMap})
 *   and the view of each part of the console
 */
export function consoleModel({ state, view, ui }) {
  const { phase, settings } = state;
  const controlsOpen = mayFacilitate(phase);
  const tallies = state.votes.tallies;
  const meId = state.you?.participant_id ?? null;
  const { counts, commentCounts } = countPerDesign(view);
  // A design shown on the map that is gone (hidden from the view, say) leaves every design alike again.
  const shownDesignId = ui.shownDesignId && view.designs.has(ui.shownDesignId) ? ui.shownDesignId : null;
  const key = mapKey(view.designs, ui.offMap);
  const onMap = mapElements(view, key.offMap);
  const facilitators = facilitatorIds({ you: state.you, participants: state.participants, online: state.presence });
  const people = peopleRows({
    participants: state.participants,
    online: state.presence,
    designs: view.designs,
    facilitators,
  });
  const selected = elementPanel({ view, selectedId: ui.selectedId, phase, controlsOpen, meId });
  const opened = designPanel({
    view,
    openDesignId: ui.openDesignId,
    phase,
    controlsOpen,
    tallies,
    counts,
    shownDesignId,
    meId,
  });
  return {
    phase,
    controlsOpen,
    selectedId: selected.selectedId,
    openDesignId: opened.openDesignId,
    shownDesignId,
    offMap: key.offMap,
    timerEndsAt: state.timer.ends_at,
    // A closed workshop has nothing left to time: its card leaves instead of staying greyed.
    timerShown: controlsOpen,
    reveal: revealCard(state),
    openData: openDataSwitch(state),
    // The tallies card is for the vote: before it every design has none.
    tallies: { designs: view.designs, tallies },
    talliesShown: phase === "voting" || phase === "closed",
    tallyAudienceKey: tallyAudienceKey(state),
    room: roomSummary({ people, elements: view.elements, votes: state.votes, settings, phase }),
    people: { rows: people, canRemove: controlsOpen },
    designs: {
      designs: view.designs,
      counts,
      commentCounts,
      tallies,
      shownId: shownDesignId,
      canModerate: controlsOpen,
    },
    settings,
    elements: onMap.elements,
    map: {
      currentDesignId: shownDesignId,
      selectedId: selected.selectedId,
      highlightAll: !shownDesignId,
      outlines: onMap.outlines,
    },
    mapKey: key.view,
    elementPanel: selected.panel,
    designPanel: opened.panel,
    // What the adoption panel draws from (it fetches the projects when it draws): the phase and the designs to
    // offer, best first.
    adoption: {
      phase,
      designs: adoptionChoices({ designs: view.designs, tallies, counts, projects: state.projects }),
    },
  };
}

/**
 * What the facilitator is asked before a change of phase, or null when it goes ahead at once. Voting stops every
 * tablet's drawing; leaving it for an earlier phase pauses it (the dots given stay); closing ends the workshop.
 * Reopening a closed workshop is a control of its own, asked nothing more.
 * @returns {{key: string, danger: boolean}|null} key: the dialog's texts are console.<key>_title, _message, _confirm
 */
export function phaseConfirmation(from, to) {
  if (from === to || from === "closed") return null;
  if (to === "closed") return { key: "close", danger: true };
  if (to === "voting") return { key: "voting", danger: false };
  if (from === "voting") return { key: "leave_voting", danger: false };
  return null;
}

/** "Time is up" is said once per countdown: for the countdown running now, and not again for one already said. */
export function timeUpDue(endsAt, { runningEndsAt, saidFor }) {
  return Boolean(endsAt) && endsAt !== saidFor && endsAt === runningEndsAt;
}

/** The view:share request for the map as the facilitator sees it: its centre as [lon, lat] to 7 decimals. */
export function sharedView(center, zoom) {
  return { center: [Number(center.lng.toFixed(7)), Number(center.lat.toFixed(7))], zoom };
}

/** A file name from a title: letters, digits and dashes only, at most 60, "workshop" when nothing is left. */
export function fileSlug(title) {
  return (
    (title || "workshop")
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .toLowerCase() || "workshop"
  );
}
