// The fields of an element's props (shared/props.js says which, with what values and limits), drawn as form
// controls: a text input with its maxlength, a number input with its min and max, a select for a choice (its
// default shown), a checkbox for yes or no. Used by the element panel (PropsForm, below) and the visit form.
import { formatNumber, has, t } from "./strings.js";
import { el } from "./dom.js";
import { editProps, propsForm } from "./props.js";

/**
 * One labelled control per field of `form` (propsForm's answer), each calling onChange(name, raw) when its value
 * is settled (a text when it loses focus or on Enter, a select or checkbox at once; with `eager`, a text at every
 * keystroke too: a draft keeps what is typed). idPrefix makes the ids unique; firstHintKey(field): the catalogue key
 * of a hint shown first under a field's label, where the catalogue has it.
 * → {root, inputs: Map(name → control), errors: Map(name → the error line), rows: Map(name → the field's row)}
 */
export function propsControls(form, { idPrefix, onChange, eager = false, firstHintKey = () => null }) {
  const inputs = new Map();
  const errors = new Map();
  const byName = new Map();
  const rows = form.map((field) => {
    const id = `${idPrefix}-${field.name}`;
    const control = controlOf(field, id);
    const error = el("p", { className: "props-field__error form-error", id: `${id}-error`, hidden: true });
    const firstKey = firstHintKey(field);
    const hints = [
      firstKey && has(firstKey)
        ? el("p", { className: "help props-field__help", id: `${id}-first-hint` }, t(firstKey))
        : null,
      has(field.hintKey) ? el("p", { className: "help props-field__help", id: `${id}-hint` }, t(field.hintKey)) : null,
    ].filter(Boolean);
    control.setAttribute("aria-describedby", [...hints.map((hint) => hint.id), error.id].join(" "));
    listen(field, control, onChange, eager);
    inputs.set(field.name, control);
    errors.set(field.name, error);
    const range =
      field.type === "integer" || field.type === "number"
        ? `${plainNumber(field.min)}–${plainNumber(field.max)}`
        : null;
    const label = el(
      "label",
      { for: id, className: "props-field__label" },
      t(field.labelKey),
      range ? el("span", { className: "props-field__hint" }, ` (${range})`) : null,
    );
    const row =
      field.type === "boolean"
        ? el("div", { className: "props-field props-field--check" }, control, label, error)
        : el("div", { className: "props-field" }, label, hints, control, error);
    byName.set(field.name, row);
    return row;
  });
  return { root: el("div", { className: "props-fields" }, rows), inputs, errors, rows: byName };
}

/** The control of one field, with its limits as attributes. */
function controlOf(field, id) {
  if (field.type === "boolean")
    return el("input", { type: "checkbox", id, className: "props-field__check", checked: field.value });
  if (field.type === "choice") {
    return el(
      "select",
      { id, className: "select" },
      field.choices.map((choice) =>
        el("option", { value: choice.value, selected: choice.value === field.value }, t(choice.labelKey)),
      ),
    );
  }
  if (field.type === "text")
    return el("input", {
      type: "text",
      id,
      className: "text-input",
      maxLength: field.maxLength,
      value: field.value,
      autocomplete: "off",
    });
  const whole = field.type === "integer";
  return el("input", {
    type: "number",
    id,
    className: "text-input props-field__number",
    min: field.min,
    max: field.max,
    step: whole ? 1 : "any",
    inputMode: whole ? "numeric" : "decimal",
    value: field.value,
  });
}

// control → the value last settled in it (typed by the person or put there by setControlValue).
const SETTLED = new WeakMap();

function settledValue(control) {
  return control.type === "checkbox" ? control.checked : control.value;
}

/** Call onChange once per settled value: Enter and then leaving the field are one change, not two edits. */
function listen(field, control, onChange, eager) {
  SETTLED.set(control, settledValue(control));
  const settle = () => {
    const value = settledValue(control);
    if (value === SETTLED.get(control)) return;
    SETTLED.set(control, value);
    onChange(field.name, value);
  };
  control.addEventListener("change", settle);
  if (field.type === "boolean" || field.type === "choice") return;
  if (eager) control.addEventListener("input", settle);
  control.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    settle();
  });
}

function plainNumber(value) {
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** What an element's props say, for those who may not change them: [[label, text]] of the fields that say something. */
export function propsFacts(kind, props) {
  const facts = [];
  for (const field of propsForm(kind, props)) {
    if (field.value === "" || (field.type === "boolean" && props?.[field.name] === undefined)) continue;
    let text;
    if (field.type === "choice") {
      // A value this version does not offer (a newer server's, say) is shown as it is.
      const choice = field.choices.find((option) => option.value === field.value);
      text = choice ? t(choice.labelKey) : String(field.value);
    } else if (field.type === "boolean") text = t(field.value ? "props.yes" : "props.no");
    else if (field.type === "text") text = field.value;
    else {
      const number = plainNumber(Number(field.value));
      text = has(field.unitKey) ? t(field.unitKey, { value: number }) : number;
    }
    facts.push([t(field.labelKey), text]);
  }
  return facts;
}

/** Show (or with null clear) the error of one field: the sentence under it, and the control marked invalid. */
export function showFieldError({ inputs, errors }, name, error) {
  const control = inputs.get(name);
  const line = errors.get(name);
  if (!control || !line) return;
  line.hidden = !error;
  line.textContent = error ? t(error.key, error.vars) : "";
  if (error) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

/** Put a field's value into its control (not while the person is in it, nor while it shows an error of theirs). */
export function setControlValue({ inputs }, field) {
  const control = inputs.get(field.name);
  if (!control || control === document.activeElement || control.getAttribute("aria-invalid") === "true") return;
  if (field.type === "boolean") control.checked = field.value;
  else if (control.value !== field.value) control.value = field.value;
  SETTLED.set(control, settledValue(control));
}

// What the cue under a changed field says: the edit on its way, taken by the server, or kept on the tablet offline.
const SAVED_KEYS = { saving: "props.saving", saved: "props.saved", kept: "props.kept" };

/**
 * The props part of the element panel, kept across renders so that a field being typed in keeps its focus while
 * other tablets' changes come in; rebuilt only for another element, kind or right to edit. Just after the element
 * was placed it invites the person to fill its fields in; under the field last changed, a cue says it was saved.
 */
export class PropsForm {
  /**
   * @param {{onProps: (props: object, name: string) => void}} hooks onProps: the whole new props object to send,
   *   and the field changed
   */
  constructor({ onProps }) {
    this.onProps = onProps;
    this.root = el("fieldset", { className: "plain-fieldset element-panel__props", hidden: true });
    this.key = null;
    this.element = null;
    this.controls = null;
    this.legend = el("legend", { className: "element-panel__label" });
    this.invitation = el("p", { className: "element-panel__invite" });
    this.cue = el("p", { className: "props-field__saved", role: "status" });
  }

  /**
   * Show the fields of this element's kind with its props (null, or a kind without props: nothing).
   * invite: the element was just placed: ask for its details; saved: the cue under the field last changed, null
   * (nothing changed here) or {field, state}: state "saving", "saved" or "kept" (on the tablet, offline).
   */
  update(element, { canEdit, invite = false, saved = null }) {
    this.element = element;
    const form = element && canEdit ? propsForm(element.kind, element.props) : [];
    if (!form.length) {
      this.root.hidden = true;
      this.root.classList.remove("is-inviting");
      this.root.replaceChildren();
      this.key = null;
      return;
    }
    const key = `${element.id}|${element.kind}`;
    if (key === this.key) {
      for (const field of form) setControlValue(this.controls, field);
    } else {
      this.key = key;
      this.controls = propsControls(form, {
        idPrefix: `props-${element.id}`,
        onChange: (name, raw) => this.changed(name, raw),
        // A hint of the live map's only, first under its label: a sign's arrow is turned by its handle there.
        firstHintKey: (field) => `props.map_hint.${element.kind}.${field.name}`,
      });
      this.root.replaceChildren(this.legend, this.invitation, this.controls.root);
      this.root.hidden = false;
    }
    this.showInvitation(element.kind, invite);
    this.showCue(saved);
  }

  showInvitation(kind, invite) {
    const text = invite && has(`props.invite.${kind}`) ? t(`props.invite.${kind}`) : "";
    this.root.classList.toggle("is-inviting", Boolean(text));
    this.legend.textContent = text ? t("props.invite_title") : t("props.title");
    this.invitation.textContent = text;
    this.invitation.hidden = !text;
  }

  showCue(saved) {
    const row = saved && this.controls.rows.get(saved.field);
    const key = saved && SAVED_KEYS[saved.state];
    if (!row || !key) {
      this.cue.remove();
      return;
    }
    if (this.cue.parentNode !== row) row.append(this.cue);
    const text = t(key);
    if (this.cue.textContent !== text) this.cue.textContent = text;
    this.cue.dataset.state = saved.state;
  }

  changed(name, raw) {
    const element = this.element;
    if (!element) return;
    const answer = editProps(element.kind, element.props, name, raw);
    showFieldError(this.controls, name, answer.error || null);
    if (answer.props) this.onProps(answer.props, name);
  }
}
