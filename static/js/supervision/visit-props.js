// The as-built props a visit observes (species planted, a lane's facility as built...): the fields of the element's
// kind (shared/props.js), kept in the draft as typed, read and checked when the visit is sent. DOM-free, tested in Node
// (tests/js/supervision/visit-props.test.mjs).
//
// An entry's `props` stays null until the person changes one of its fields: the visit then says nothing of them
// (the server keeps null). Once changed, every field is sent, starting from what was known before (the latest
// visit's as-built props, else the plan's), so a lane observed as two-way does not lose its facility.
import { propFields, propsForm, readField, readProps } from "../shared/props.js";

/** Fields a card asks for itself: a point's count is the visit's `count` (how many are there now, 0 included). */
const COUNTED_BY_THE_CARD = ["count"];

/** The props fields a visit offers for a kind. */
export function observedFields(kind) {
  return propFields(kind, { except: COUNTED_BY_THE_CARD });
}

/** What the card's fields show: the entry's typed values, else what was known before (`known`). */
export function observedForm(kind, entry, known = {}) {
  return propsForm(kind, entry.props ?? known, { except: COUNTED_BY_THE_CARD });
}

/** The typed values of the known props, as a form holds them (texts, true/false). */
function typedValues(kind, known) {
  return Object.fromEntries(observedForm(kind, { props: null }, known).map((field) => [field.name, field.value]));
}

/**
 * One field typed or picked: kept in the entry as typed (`propsKind` says whose fields they are). Returns the field's
 * error ({key, vars}) or null.
 */
export function setObservedProp(entry, kind, name, raw, known = {}) {
  const field = observedFields(kind).find((candidate) => candidate.name === name);
  if (!field) return null;
  if (!entry.props || entry.propsKind !== kind) entry.props = typedValues(kind, known);
  entry.propsKind = kind;
  entry.props[name] = raw;
  return readField(field, raw).error || null;
}

/** Forget what was typed (an addition that became another kind). */
export function clearObservedProps(entry) {
  entry.props = null;
  entry.propsKind = null;
}

/** The errors of an entry's typed props by field ({} when none, or nothing typed). */
export function observedErrors(kind, entry) {
  if (!entry.props) return {};
  return readProps(kind, entry.props, { except: COUNTED_BY_THE_CARD }).errors;
}

/** The props an observation sends, or undefined when the visit says nothing of them. */
export function observedProps(kind, entry) {
  if (!entry.props) return undefined;
  return readProps(kind, entry.props, { except: COUNTED_BY_THE_CARD }).props ?? undefined;
}
