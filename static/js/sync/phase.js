// What each phase of a workshop allows, and the settings' defaults (docs/api.md, "Facilitation and voting").
// The server enforces all of it; the client only uses it to offer the controls that can work.

export const PHASES = ["setup", "sketching", "voting", "closed"];

export const DEFAULT_SETTINGS = Object.freeze({
  palette: null, // null: every kind
  votes_per_participant: 3,
  max_votes_per_design: 1,
  authors_may_vote_own: true,
  show_running_tallies: false,
  private_sketching: false,
  revealed: false,
});

const isFacilitator = (role) => role === "facilitator";

/** Drawing, editing and starting or joining designs. */
export function maySketch(phase, role) {
  return phase === "sketching" || (isFacilitator(role) && phase === "setup");
}

export function mayComment(phase, role) {
  return phase === "sketching" || phase === "voting" || (isFacilitator(role) && phase === "setup");
}

/** Dot votes are the participants' (the facilitator runs the vote). */
export function mayVote(phase, role) {
  return phase === "voting" && !isFacilitator(role);
}

/** Facilitator controls other than the phase itself (timer, settings, moderation, removing someone). */
export function mayFacilitate(phase) {
  return phase !== "closed";
}

/** Whether participants currently see only the designs they author. */
export function privateSketchingActive(phase, settings) {
  return Boolean(settings?.private_sketching) && !settings?.revealed && (phase === "setup" || phase === "sketching");
}

/** The kinds offered by the palette setting (null or missing: all of `allKinds`). */
export function offeredKinds(settings, allKinds) {
  const palette = settings?.palette;
  return Array.isArray(palette) ? allKinds.filter((kind) => palette.includes(kind)) : [...allKinds];
}
