// What an element says of itself besides its shape and note (`props`: a sign's text and bearing, a tree group's
// count...), read from the one table the server checks against (FACTS.props, written from cowork/core/props.py).
// DOM-free and language-free: which fields a kind has, what a form shows for them, what a typed value means, the
// whole props object an edit sends. The element panel and the visit form draw it (props-fields.js); the words
// are catalogue keys (props.<kind>.<field>, props.<kind>.<field>.<option>, props.error.*).
import { FACTS } from "./facts.js";

const TABLE = FACTS.props;

/** Whether elements of `kind` have props to offer. */
export function hasProps(kind) {
  return Object.keys(TABLE[kind] || {}).length > 0;
}

/**
 * The fields of a kind, in the order the server lists them:
 * [{name, type: "text"|"integer"|"number"|"choice"|"boolean", maxLength?, min?, max?, options?, default?}].
 * `except`: names left out (the visit form counts with its own field).
 */
export function propFields(kind, { except = [] } = {}) {
  return Object.entries(TABLE[kind] || {})
    .filter(([name]) => !except.includes(name))
    .map(([name, spec]) => ({
      name,
      type: spec.type,
      ...(spec.max_length !== undefined ? { maxLength: spec.max_length } : {}),
      ...(spec.minimum !== undefined ? { min: spec.minimum, max: spec.maximum } : {}),
      ...(spec.options ? { options: [...spec.options] } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    }));
}

/** The props of a new element of `kind` (the choices with a default: a bike lane is painted), as the server fills them. */
export function defaultProps(kind) {
  const props = {};
  for (const field of propFields(kind)) if (field.default !== undefined) props[field.name] = field.default;
  return props;
}

/**
 * The catalogue keys of a field: its label ("props.sign.bearing"), a longer hint under it ("props.hint.sign.bearing")
 * and how a value is written ("props.unit.lighting.height_m": "{value} m"); the last two only where the catalogue
 * has them.
 */
export function fieldLabelKey(kind, name) {
  return `props.${kind}.${name}`;
}

export function fieldHintKey(kind, name) {
  return `props.hint.${kind}.${name}`;
}

export function fieldUnitKey(kind, name) {
  return `props.unit.${kind}.${name}`;
}

export function optionLabelKey(kind, name, option) {
  return `props.${kind}.${name}.${option}`;
}

// What the server's str.strip() takes off each end of a text (Python's whitespace): String.trim() keeps U+001C to
// U+001F and U+0085, and takes U+FEFF, which the server keeps.
const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const ENDS = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");

/** A text without the spaces at its ends, as the server strips it. */
export function stripText(text) {
  return String(text).replace(ENDS, "");
}

const fault = (key, vars = {}) => ({ error: { key: `props.error.${key}`, vars } });

/**
 * One field's value as JSON carries it, checked as the server checks it (cowork/core/props.py `_value`): {value}
 * (a text stripped) or {error: {key, vars}}. tests/data/props.json holds the cases both sides must agree on.
 */
export function checkValue(field, value) {
  switch (field.type) {
    case "text": {
      if (typeof value !== "string") return fault("type");
      const text = stripText(value);
      // Counted in characters, as the server counts them (an emoji is one, where String.length says two).
      if ([...text].length > field.maxLength) return fault("too_long", { max: field.maxLength });
      if (text.includes("\0")) return fault("nul");
      return { value: text };
    }
    case "integer":
    case "number": {
      const whole = field.type === "integer";
      if (typeof value !== "number" || !(whole ? Number.isInteger(value) : Number.isFinite(value)))
        return fault(whole ? "whole" : "number");
      if (value < field.min || value > field.max) return fault("range", { min: field.min, max: field.max });
      return { value };
    }
    case "choice":
      return field.options.includes(value) ? { value } : fault("choice");
    case "boolean":
      return typeof value === "boolean" ? { value } : fault("type");
    default:
      return fault("choice");
  }
}

/**
 * A typed value read as the server would take it: {value} (null: the field says nothing) or {error: {key, vars}}.
 * raw: the input's text, or true/false for a checkbox.
 */
export function readField(field, raw) {
  if (field.type === "boolean") return { value: Boolean(raw) };
  const text = typeof raw === "string" ? stripText(raw) : raw === null || raw === undefined ? "" : String(raw);
  if (text === "") return { value: null };
  if (field.type !== "integer" && field.type !== "number") return checkValue(field, text);
  const number = Number(text.replace(",", "."));
  if (!Number.isFinite(number)) return fault("number");
  return checkValue(field, number);
}

/**
 * A client's `props` for an element of `kind` as JSON carries them, checked and normalised as the server's
 * props.parse does: {props} (defaults filled in, an empty text or a null left out) or {props: null, errors: name →
 * {key, vars}}, naming each unknown field, or `props` itself when it is not an object.
 */
export function parseProps(kind, value) {
  const given = value ?? {};
  if (typeof given !== "object" || Array.isArray(given)) return { props: null, errors: { props: fault("type").error } };
  const fields = propFields(kind);
  const errors = {};
  for (const name of Object.keys(given))
    if (!fields.some((field) => field.name === name)) errors[name] = fault("unknown").error;
  const props = defaultProps(kind);
  for (const field of fields) {
    if (given[field.name] === null || given[field.name] === undefined) continue;
    const checked = checkValue(field, given[field.name]);
    if (checked.error) errors[field.name] = checked.error;
    else if (!(field.type === "text" && checked.value === "")) props[field.name] = checked.value;
  }
  return Object.keys(errors).length ? { props: null, errors } : { props, errors };
}

/**
 * A kind's props stored the way the server stores them: its defaults, then each field that says something (an
 * empty text or a null left out); fields the kind does not have are dropped (what a bench said means nothing to
 * the tree it became).
 */
export function normalProps(kind, props) {
  const normal = defaultProps(kind);
  for (const field of propFields(kind)) {
    const value = props?.[field.name];
    if (value === null || value === undefined || (field.type === "text" && stripText(value) === "")) continue;
    normal[field.name] = field.type === "text" ? stripText(value) : value;
  }
  return normal;
}

/** Whether two props objects say the same (key order does not matter). */
export function sameProps(a, b) {
  const left = a || {};
  const right = b || {};
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (left[key] !== right[key]) return false;
  return true;
}

/**
 * What a form shows for a kind's props: [{...field, value, labelKey, hintKey, unitKey, choices?: [{value, labelKey}]}]. value: text
 * for text and number inputs ("" when absent), the chosen option ("" for none, which is offered only for a choice
 * without a default), true/false for a checkbox.
 */
export function propsForm(kind, props, options = {}) {
  return propFields(kind, options).map((field) => {
    const stored = props?.[field.name];
    let value;
    if (field.type === "boolean") value = stored === true;
    else if (field.type === "choice") value = stored ?? field.default ?? "";
    else value = stored === null || stored === undefined ? "" : String(stored);
    const choices =
      field.type === "choice"
        ? [
            ...(field.default === undefined ? [{ value: "", labelKey: "props.none" }] : []),
            ...field.options.map((option) => ({ value: option, labelKey: optionLabelKey(kind, field.name, option) })),
          ]
        : undefined;
    return {
      ...field,
      value,
      labelKey: fieldLabelKey(kind, field.name),
      hintKey: fieldHintKey(kind, field.name),
      unitKey: fieldUnitKey(kind, field.name),
      ...(choices ? { choices } : {}),
    };
  });
}

/**
 * One field changed: the whole props object to send, or why not. → {props} (null when it says what `props`
 * already says: nothing to send) or {error: {key, vars}}.
 */
export function editProps(kind, props, name, raw) {
  const field = propFields(kind).find((candidate) => candidate.name === name);
  if (!field) return { error: { key: "props.error.choice", vars: {} } };
  const read = readField(field, raw);
  if (read.error) return { error: read.error };
  const current = normalProps(kind, props);
  const next = normalProps(kind, { ...current, [name]: read.value });
  return { props: sameProps(current, next) ? null : next };
}

/**
 * Every typed value of a form at once (the visit form keeps them as typed): {props, errors}. props: the normal
 * props, or null when a field is wrong; errors: name → {key, vars}.
 */
export function readProps(kind, values, options = {}) {
  const errors = {};
  const read = {};
  for (const field of propFields(kind, options)) {
    const result = readField(field, values?.[field.name]);
    if (result.error) errors[field.name] = result.error;
    else read[field.name] = result.value;
  }
  return Object.keys(errors).length ? { props: null, errors } : parseProps(kind, read);
}
