// The draft of a site visit: a plain object kept in localStorage under cowork.supervision.draft.<project_id>
// until the server has the visit. It carries the visit's client-made id from the start, so sending it again
// (after a network failure, or after the phone reloaded the page) returns the visit first recorded.
//
// {id, date, notes, notes_public (the notes may be read in public), conditions,
//  observations: {element_id: {status, count, note, asBuilt, asBuiltSource, gps, props, propsKind}},
//  additions: [{key, kind, status, count, note, asBuilt, asBuiltSource, gps, props, propsKind}]}
// asBuiltSource: "drawn" | "gps" | "previous" (the shape measured at an earlier visit, kept).
// props: the as-built props as typed, null when the visit says nothing of them (visit-props.js).
//
// Everything here is plain data in, plain data out (no DOM), so it is tested in Node (tests/js/).
import { FACTS } from "../shared/facts.js";
import { newId } from "./access.js";
import { todayIso } from "../shared/dates.js";
import { stripText } from "../shared/props.js";
import { observedErrors, observedProps } from "./visit-props.js";

/** Statuses for which a measured shape means something (and is sent), as the server has them. */
export const SHAPED = new Set(FACTS.shaped_statuses);

/** The kind and status an unplanned addition starts with (the commonest compensation: a tree planted). */
const NEW_ADDITION = { kind: "tree", status: "built" };

function storageKey(projectId) {
  return `cowork.supervision.draft.${projectId}`;
}

// localStorage is looked up only inside the try blocks: reading the property itself throws where storage
// is switched off, and it does not exist in Node. Tests pass their own storage.
function storageOf(storage) {
  return storage || globalThis.localStorage;
}

/** A draft with nothing in it yet, dated today unless told otherwise. */
export function emptyDraft({ id = newId(), date = todayIso() } = {}) {
  return { id, date, notes: "", notes_public: false, conditions: "", observations: {}, additions: [] };
}

/** Whether the person has put anything in the draft yet. */
export function hasContent(draft) {
  return Boolean(draft.notes || draft.conditions || Object.keys(draft.observations).length || draft.additions.length);
}

/** The stored draft of a project, or null. */
export function loadDraft(projectId, storage = null) {
  try {
    const draft = JSON.parse(storageOf(storage).getItem(storageKey(projectId)) || "null");
    if (
      draft &&
      typeof draft.id === "string" &&
      draft.observations &&
      typeof draft.observations === "object" &&
      Array.isArray(draft.additions)
    ) {
      return draft;
    }
  } catch {
    // an unreadable draft is no draft
  }
  return null;
}

/** Keep the draft (an empty one is removed instead). */
export function storeDraft(projectId, draft, storage = null) {
  try {
    if (hasContent(draft)) storageOf(storage).setItem(storageKey(projectId), JSON.stringify(draft));
    else storageOf(storage).removeItem(storageKey(projectId));
  } catch {
    // storage full or unavailable: the draft lives on in the page
  }
}

/** Forget the stored draft of a project (the server has the visit). */
export function removeDraft(projectId, storage = null) {
  try {
    storageOf(storage).removeItem(storageKey(projectId));
  } catch {
    // nothing to remove
  }
}

// ---------------------------------------------------------------- changes

/** The observation of a plan element or the addition with that key, or null. */
export function entryOf(draft, key) {
  return draft.observations[key] || draft.additions.find((addition) => addition.key === key) || null;
}

/** How many elements and additions the draft says something about (what waits to be sent). */
export function checkedCount(draft) {
  return Object.keys(draft.observations).length + draft.additions.length;
}

/** Drop the observations of elements the plan no longer has (a draft outlives a page load). */
export function pruneDraft(draft, knownIds) {
  const known = new Set(knownIds);
  for (const id of Object.keys(draft.observations)) if (!known.has(id)) delete draft.observations[id];
}

/**
 * Set the status of plan element `item` ({id, asBuilt}); an empty status un-checks it. Returns the entry or null.
 * The shape measured at an earlier visit stays true until redrawn: it is kept, so the deviation holds.
 */
export function setStatus(draft, item, status) {
  if (!status) {
    delete draft.observations[item.id];
    return null;
  }
  const entry = draft.observations[item.id] || { status, count: null, note: "", asBuilt: null, asBuiltSource: null };
  entry.status = status;
  if (SHAPED.has(status) && !entry.asBuilt && item.asBuilt) {
    entry.asBuilt = item.asBuilt;
    entry.asBuiltSource = "previous";
  }
  draft.observations[item.id] = entry;
  return entry;
}

/** Add an unplanned addition (a built tree until told otherwise) and return it. */
export function addAddition(draft, key = newId()) {
  const addition = { key, ...NEW_ADDITION, count: null, note: "", asBuilt: null, asBuiltSource: null };
  draft.additions.push(addition);
  return addition;
}

/** Take an addition out of the draft. */
export function removeAddition(draft, addition) {
  draft.additions = draft.additions.filter((candidate) => candidate !== addition);
}

/** Record where an element or addition really is: source "drawn" or "gps" (with {fixes, accuracy}). */
export function setShape(entry, geometry, source, gps = null) {
  entry.asBuilt = geometry;
  entry.asBuiltSource = source;
  entry.gps = gps;
}

/** Forget the as-built shape of an entry. */
export function clearShape(entry) {
  setShape(entry, null, null, null);
}

/** A count as typed: a whole number from 0, or null when the field says nothing usable. */
export function parseCount(text) {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** The most one observation may count (a tree group's most), as the server's payload allows. */
export const MAX_COUNT = FACTS.limits.visit_count;

/**
 * Why the server would refuse an observation's count ({detail, vars}), or null: a whole number from 0 to MAX_COUNT,
 * or none. tests/data/visit-fields.json holds the cases the server's payload and this check must agree on.
 */
export function countProblem(count) {
  if (count === null || count === undefined) return null;
  const whole = typeof count === "number" && Number.isInteger(count);
  return whole && count >= 0 && count <= MAX_COUNT
    ? null
    : { detail: "sv.form.count_invalid", vars: { max: MAX_COUNT } };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a visit's date is one the server takes: YYYY-MM-DD (its ends stripped, as the server strips them) naming
 * a day that exists, from year 1 to 9999, as Python's date.fromisoformat reads it.
 */
export function isVisitDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? stripText(text) : "");
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** Where the as-built shape came from: "none" | "gps" | "previous" | "drawn" (what the card says of it). */
export function shapeSource(entry) {
  if (!entry.asBuilt) return "none";
  if (entry.asBuiltSource === "gps" && entry.gps) return "gps";
  if (entry.asBuiltSource === "previous") return "previous";
  return "drawn";
}

// ---------------------------------------------------------------- sending

/**
 * What stops the draft from being sent, or null: {detail, field: "date"} for a missing date,
 * {detail, key} for an addition without its shape or an entry whose props do not hold, {detail, vars, key} for a
 * count the server would refuse. `detail` is a catalogue key, `vars` its placeholders.
 */
export function validateDraft(draft) {
  if (!isVisitDate(draft.date)) return { detail: "sv.form.date_required", field: "date" };
  const missingShape = draft.additions.find((addition) => !addition.asBuilt);
  if (missingShape) return { detail: "sv.form.addition_needs_shape", key: missingShape.key };
  for (const [key, entry] of Object.entries(draft.observations)) {
    const wrongCount = countProblem(entry.count);
    if (wrongCount) return { ...wrongCount, key };
    if (Object.keys(observedErrors(entry.propsKind, entry)).length) return { detail: "sv.form.props_invalid", key };
  }
  const countedWrong = draft.additions.find((addition) => countProblem(addition.count));
  if (countedWrong) return { ...countProblem(countedWrong.count), key: countedWrong.key };
  const wrongProps = draft.additions.find((addition) => Object.keys(observedErrors(addition.kind, addition)).length);
  if (wrongProps) return { detail: "sv.form.props_invalid", key: wrongProps.key };
  return null;
}

function withOptional(observation, entry, kind) {
  const { count, note } = entry;
  if (count !== null && count !== undefined) observation.count = count;
  if (note) observation.note = note;
  const props = kind ? observedProps(kind, entry) : undefined;
  if (props) observation.props = props;
  return observation;
}

/** The body of POST /api/projects/<id>/visits: plan elements first, then the unplanned additions. */
export function visitPayload(draft) {
  const observations = [];
  for (const [elementId, entry] of Object.entries(draft.observations)) {
    const observation = withOptional({ element_id: elementId, status: entry.status }, entry, entry.propsKind);
    if (entry.asBuilt && SHAPED.has(entry.status)) observation.as_built = entry.asBuilt;
    observations.push(observation);
  }
  for (const addition of draft.additions) {
    observations.push(
      withOptional(
        { kind: addition.kind, status: addition.status, as_built: addition.asBuilt },
        addition,
        addition.kind,
      ),
    );
  }
  return {
    id: draft.id,
    date: draft.date,
    notes: draft.notes,
    notes_public: Boolean(draft.notes_public),
    conditions: draft.conditions,
    observations,
  };
}

/**
 * After the server recorded `visit` from this draft: draft key → element id, for the photos taken meanwhile
 * ("visit" → null, the visit itself). Additions got their element ids from the server, in the order they
 * were sent (after the plan elements).
 */
export function photoTargets(draft, visit) {
  const planIds = Object.keys(draft.observations);
  const targets = new Map([["visit", null], ...planIds.map((id) => [id, id])]);
  draft.additions.forEach((addition, index) => {
    const observation = visit.observations[planIds.length + index];
    if (observation) targets.set(addition.key, observation.element_id);
  });
  return targets;
}
