// What each phase of a workshop allows, and the settings' defaults (docs/api.md, "Facilitation and voting").
// The server enforces all of it; the client only uses it to offer the controls that can work. The rules
// are the server's own (FACTS.actions, written from cowork/core/rules.py), so the two cannot drift apart.
import { FACTS } from "../../shared/facts.js";

export const PHASES = Object.freeze([...FACTS.phases]);

export const DEFAULT_SETTINGS = Object.freeze({
  ...FACTS.default_settings,
  palette: Object.freeze([...FACTS.default_settings.palette]),
});

/** Whether `role` may do `action` (a key of FACTS.actions) in `phase`; anyone but the facilitator counts as a participant. */
export function allowed(action, phase, role) {
  const rule = FACTS.actions[action];
  const phases = role === "facilitator" ? rule?.facilitator : rule?.participant;
  return Array.isArray(phases) && phases.includes(phase);
}

/** Drawing, editing and starting or joining designs. */
export function maySketch(phase, role) {
  return allowed("sketch", phase, role);
}

/** Posting a comment on a design or an element. */
export function mayComment(phase, role) {
  return allowed("comment", phase, role);
}

/** Dot votes are the participants' (the facilitator runs the vote). */
export function mayVote(phase, role) {
  return allowed("vote", phase, role);
}

// The facilitator controls that mayFacilitate() stands for; the phase itself has its own rule.
const FACILITATION = ["timer", "settings", "moderate", "remove"];

/** Facilitator controls other than the phase itself (timer, settings, moderation, removing someone). */
export function mayFacilitate(phase) {
  return FACILITATION.every((action) => allowed(action, phase, "facilitator"));
}

// The phases in which private sketching hides others' designs (docs/api.md, "Settings"): the server's.
const PRIVATE_PHASES = FACTS.private_phases;

/** Whether private sketching, when on and not revealed, hides others' designs in this phase. */
export function privatePhase(phase) {
  return PRIVATE_PHASES.includes(phase);
}

/** Whether participants currently see only the designs they author. */
export function privateSketchingActive(phase, settings) {
  return Boolean(settings?.private_sketching) && !settings?.revealed && privatePhase(phase);
}

/** The kinds offered by the palette setting (null or missing: all of `allKinds`). */
export function offeredKinds(settings, allKinds) {
  const palette = settings?.palette;
  return Array.isArray(palette) ? allKinds.filter((kind) => palette.includes(kind)) : [...allKinds];
}
