// The draft of a site visit: a plain object kept in localStorage under cowork.supervision.draft.<project_id>
// until the server has the visit. It carries the visit's client-made id from the start, so sending it again
// (after a network failure, or after the phone reloaded the page) returns the visit first recorded.
//
// {id, date, notes, conditions,
//  observations: {element_id: {status, count, note, asBuilt, asBuiltSource, gps}},
//  additions: [{key, kind, status, count, note, asBuilt, asBuiltSource, gps}]}
// asBuiltSource: "drawn" | "gps" | "previous" (the shape measured at an earlier visit, kept).
import { newId } from "./access.js";
import { todayIso } from "./format.js";

/**
 * Statuses for which a measured shape means something (and is sent): the server's CARRIES_SHAPE
 * (cowork/services/supervision.py), which FACTS does not carry yet.
 */
export const SHAPED = new Set(["in_progress", "built", "built_with_deviation"]);

function storageKey(projectId) {
  return `cowork.supervision.draft.${projectId}`;
}

export function emptyDraft() {
  return { id: newId(), date: todayIso(), notes: "", conditions: "", observations: {}, additions: [] };
}

/** Whether the person has put anything in the draft yet. */
export function hasContent(draft) {
  return Boolean(draft.notes || draft.conditions || Object.keys(draft.observations).length || draft.additions.length);
}

/** The stored draft of a project, or null. */
export function loadDraft(projectId) {
  try {
    const draft = JSON.parse(localStorage.getItem(storageKey(projectId)) || "null");
    if (draft && typeof draft.id === "string" && draft.observations && typeof draft.observations === "object" && Array.isArray(draft.additions)) {
      return draft;
    }
  } catch {
    // an unreadable draft is no draft
  }
  return null;
}

/** Keep the draft (an empty one is removed instead). */
export function storeDraft(projectId, draft) {
  try {
    if (hasContent(draft)) localStorage.setItem(storageKey(projectId), JSON.stringify(draft));
    else localStorage.removeItem(storageKey(projectId));
  } catch {
    // storage full or unavailable: the draft lives on in the page
  }
}

export function removeDraft(projectId) {
  try {
    localStorage.removeItem(storageKey(projectId));
  } catch {
    // nothing to remove
  }
}

function withOptional(observation, { count, note }) {
  if (count !== null && count !== undefined) observation.count = count;
  if (note) observation.note = note;
  return observation;
}

/** The body of POST /api/projects/<id>/visits: plan elements first, then the unplanned additions. */
export function visitPayload(draft) {
  const observations = [];
  for (const [elementId, entry] of Object.entries(draft.observations)) {
    const observation = withOptional({ element_id: elementId, status: entry.status }, entry);
    if (entry.asBuilt && SHAPED.has(entry.status)) observation.as_built = entry.asBuilt;
    observations.push(observation);
  }
  for (const addition of draft.additions) {
    observations.push(withOptional({ kind: addition.kind, status: addition.status, as_built: addition.asBuilt }, addition));
  }
  return { id: draft.id, date: draft.date, notes: draft.notes, conditions: draft.conditions, observations };
}
