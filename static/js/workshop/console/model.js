// The facilitator's console's view-model: the workshop's state and the console's own choices in (the element
// selected, the design whose panel is open, the design shown on the map), what each part of the console shows out.
// Pure and DOM-free (no strings, no Leaflet), so every rule of the console is tested in Node
// (tests/js/workshop/console-model.test.mjs); the page (workshop/pages/console.js) hands each part its view.
//
// Texts are given as catalogue keys, never translated here.
import { positionsOf } from "../../shared/map/geojson.js";
import { measureGeometry } from "../map/measure.js";
import { mayComment, mayFacilitate, privatePhase } from "../sync/phase.js";
import { countPerDesign } from "../sync/view.js";

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
 * The participants online now, once each (a person with two tabs is one), the facilitators' own screens left out:
 * [{name, where}], `name` null when they gave none, `where` the title of the design they are on or null.
 */
export function presenceRows(online, designs) {
  const seen = new Map();
  for (const person of online || []) {
    if (person?.participant_id && !seen.has(person.participant_id)) seen.set(person.participant_id, person);
  }
  return [...seen.values()]
    .filter((person) => person.role !== "facilitator")
    .map((person) => {
      const design = person.design_id ? designs.get(person.design_id) : null;
      return { name: person.name || null, where: design ? design.title : null };
    });
}

/**
 * Everyone who joined (participants, not facilitators), gathered from the snapshot's participants, who is online
 * and the designs' authors: [{participant_id, name, removed, online}], those still in first, then by name.
 */
export function participantRows(participants, online, designs) {
  const people = new Map();
  const add = (person) => {
    if (!person?.participant_id || person.role === "facilitator") return;
    people.set(person.participant_id, { ...people.get(person.participant_id), ...person });
  };
  for (const design of designs.values()) for (const author of design.authors || []) add({ ...author });
  for (const person of participants.values()) add(person);
  const onlineIds = new Set(online.map((person) => person.participant_id));
  for (const person of online) add({ participant_id: person.participant_id, name: person.name, role: person.role });
  return [...people.values()]
    .sort(
      (a, b) => Number(Boolean(a.removed)) - Number(Boolean(b.removed)) || (a.name || "").localeCompare(b.name || ""),
    )
    .map((person) => ({
      participant_id: person.participant_id,
      name: person.name || "",
      removed: Boolean(person.removed),
      online: onlineIds.has(person.participant_id),
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
      comments: [...view.comments.values()].filter((comment) => comment.design_id === design.id && !comment.element_id),
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
 *   ui: the console's choices {selectedId, openDesignId, shownDesignId}
 * @returns {object} the choices settled against what exists ({selectedId, openDesignId, shownDesignId}) and the
 *   view of each part of the console
 */
export function consoleModel({ state, view, ui }) {
  const { phase, settings } = state;
  const controlsOpen = mayFacilitate(phase);
  const tallies = state.votes.tallies;
  const meId = state.you?.participant_id ?? null;
  const { counts, commentCounts } = countPerDesign(view);
  // A design shown on the map that is gone (hidden from the view, say) leaves every design alike again.
  const shownDesignId = ui.shownDesignId && view.designs.has(ui.shownDesignId) ? ui.shownDesignId : null;
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
    timerEndsAt: state.timer.ends_at,
    reveal: revealCard(state),
    openData: openDataSwitch(state),
    tallies: { designs: view.designs, tallies },
    tallyAudienceKey: tallyAudienceKey(state),
    presence: presenceRows(state.presence, view.designs),
    people: { rows: participantRows(state.participants, state.presence, view.designs), canRemove: controlsOpen },
    designs: {
      designs: view.designs,
      counts,
      commentCounts,
      tallies,
      shownId: shownDesignId,
      canModerate: controlsOpen,
    },
    settings,
    elements: view.elements,
    map: { currentDesignId: shownDesignId, selectedId: selected.selectedId, highlightAll: !shownDesignId },
    elementPanel: selected.panel,
    designPanel: opened.panel,
    // What the adoption panel draws from (it fetches the projects when it draws): the phase and the designs, with
    // their authors (asked at adoption how each appears in public).
    adoption: {
      phase,
      designs: [...view.designs.values()].map(({ id, title, hidden, authors }) => ({
        id,
        title,
        hidden: Boolean(hidden),
        authors: (authors || []).map(({ participant_id, name }) => ({ participant_id, name })),
      })),
    },
  };
}

/** "Time is up" is said once per countdown: for the countdown running now, and not again for one already said. */
export function timeUpDue(endsAt, { runningEndsAt, saidFor }) {
  return Boolean(endsAt) && endsAt !== saidFor && endsAt === runningEndsAt;
}

/** The view:share request for the map as the facilitator sees it: its centre as [lon, lat] to 7 decimals. */
export function sharedView(center, zoom) {
  return { center: [Number(center.lng.toFixed(7)), Number(center.lat.toFixed(7))], zoom };
}

/** The [lat, lon] of every vertex of a design's elements, to fit the map to it. */
export function designPoints(elements, designId) {
  const points = [];
  for (const element of elements.values()) {
    if (element.design_id === designId) points.push(...positionsOf(element.geometry).map(([lon, lat]) => [lat, lon]));
  }
  return points;
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
