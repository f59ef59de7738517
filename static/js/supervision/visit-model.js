// The visit form's view-model: the draft (visit-draft.js) with the project it is about, the filter of the
// element list, and where sending stands. Pure: state in, what to show out; the renderers
// (visit-cards.js) and the wiring (visit-form.js) do the DOM. Tested in Node (tests/js/).
import { KINDS } from "../shared/map/kinds.js";
import { elementsOf } from "./model.js";
import { BUILT_STATUSES, STATUSES } from "../shared/status.js";
import * as drafts from "./visit-draft.js";
import { clearObservedProps, observedErrors, observedForm, setObservedProp } from "./visit-props.js";

/** The filters of the element list, in the order the select offers them. */
export const FILTERS = ["all", "open", "checked"];

/** Whether a kind is drawn as a point (it may then be counted and placed by GPS). */
export function isPointKind(kind) {
  return KINDS[kind]?.geometry === "Point";
}

/** The state of the visit form: the draft, the project, the filter, sending. */
export class VisitModel {
  /** @param {object} draft a draft of visit-draft.js (restored or fresh) */
  constructor(draft) {
    this.draft = draft;
    this.project = null;
    this.elements = [];
    this.filter = "all";
    this.sending = false;
    this.sendError = null; // the last failure ({code, detail}); a "network" one is kept offline and retried
    this.result = null; // the saved visit, shown until a new visit is started
    this.signature = null;
  }

  /**
   * Take a new project summary. Returns whether what the form shows changed: a new photo elsewhere must not
   * redraw the form and take the focus away from someone typing a note.
   */
  setProject(project) {
    const first = this.project === null;
    this.project = project;
    this.elements = elementsOf(project);
    // A draft made for elements that are gone keeps what still exists.
    drafts.pruneDraft(
      this.draft,
      this.elements.map((item) => item.id),
    );
    const signature = this.elements.map((item) => `${item.id}:${item.status}:${item.asBuilt ? 1 : 0}`).join("|");
    if (signature === this.signature && !first) return false;
    this.signature = signature;
    return true;
  }

  /** The plan element or addition of the project with that id. */
  element(id) {
    return this.elements.find((item) => item.id === id);
  }

  /** The plan items listed under the current filter: all, those still open (or checked now), those checked. */
  visibleElements() {
    const plan = this.elements;
    const observations = this.draft.observations;
    if (this.filter === "open") return plan.filter((item) => !BUILT_STATUSES.has(item.status) || observations[item.id]);
    if (this.filter === "checked") return plan.filter((item) => observations[item.id]);
    return plan;
  }

  /** Show every element again; true when the filter changed (a card hidden by it must be shown). */
  showAll() {
    if (this.filter === "all") return false;
    this.filter = "all";
    return true;
  }

  /** The draft's entry for a plan element or an addition key, or null. */
  entryOf(key) {
    return drafts.entryOf(this.draft, key);
  }

  /** The addition with that key, or undefined. */
  addition(key) {
    return this.draft.additions.find((candidate) => candidate.key === key);
  }

  /** How many elements and additions wait to be sent. */
  checkedCount() {
    return drafts.checkedCount(this.draft);
  }

  /**
   * The status options of a card: [{value, selected}]. A plan element may be left unchecked (value ""); an
   * addition is always checked.
   */
  statusOptions(entry, { addition = false } = {}) {
    const options = STATUSES.map((status) => ({ value: status, selected: entry?.status === status }));
    return addition ? options : [{ value: "", selected: !entry }, ...options];
  }

  /** The kinds an addition may be, with the current one selected: [{value, selected}]. */
  kindOptions(addition) {
    return Object.keys(KINDS).map((kind) => ({ value: kind, selected: addition.kind === kind }));
  }

  /**
   * Which parts of a checked card to show. collecting: GPS fixes being collected for it (the shape buttons
   * wait meanwhile). → {count, shape, locate, clear, busy, source}
   */
  detailsView(kind, entry, { addition = false, collecting = false } = {}) {
    const point = isPointKind(kind);
    return {
      count: point,
      shape: addition || drafts.SHAPED.has(entry.status),
      locate: point,
      clear: Boolean(entry.asBuilt),
      busy: Boolean(collecting),
      source: drafts.shapeSource(entry),
    };
  }

  /**
   * The as-built props fields of a checked card ({kind, form, errors}; form [] for a kind without any): what was
   * typed, else what was known (the latest visit's props, else the plan's).
   */
  propsView(key) {
    const entry = this.entryOf(key);
    const addition = this.addition(key);
    const kind = addition ? addition.kind : this.element(key)?.kind;
    if (!entry || !kind) return { kind, form: [], errors: {} };
    const known = addition ? {} : this.element(key).props;
    return { kind, form: observedForm(kind, entry, known), errors: observedErrors(kind, entry) };
  }

  /** A props field of a card typed or picked; returns its error ({key, vars}) or null. */
  setProp(key, name, raw) {
    const entry = this.entryOf(key);
    const addition = this.addition(key);
    const kind = addition ? addition.kind : this.element(key)?.kind;
    if (!entry || !kind) return null;
    return setObservedProp(entry, kind, name, raw, addition ? {} : this.element(key).props);
  }

  /** The as-built shapes this draft will send, for the map: [{kind, geometry}]. */
  draftShapes() {
    const shapes = [];
    for (const [id, entry] of Object.entries(this.draft.observations)) {
      const item = this.element(id);
      if (item && entry.asBuilt && entry.asBuiltSource !== "previous" && drafts.SHAPED.has(entry.status))
        shapes.push({ kind: item.kind, geometry: entry.asBuilt });
    }
    for (const addition of this.draft.additions)
      if (addition.asBuilt) shapes.push({ kind: addition.kind, geometry: addition.asBuilt });
    return shapes;
  }

  // ---------------------------------------------------------------- changes

  /** Set the status of the plan element with that id ("" un-checks it). */
  setStatus(id, status) {
    return drafts.setStatus(this.draft, this.element(id), status);
  }

  /** Add an unplanned addition and return it. */
  addAddition(key) {
    return drafts.addAddition(this.draft, key);
  }

  /** Take an addition out of the draft. */
  removeAddition(addition) {
    drafts.removeAddition(this.draft, addition);
  }

  /** Change what an addition is; its shape goes when the new kind is drawn otherwise (a point is no path). */
  changeAdditionKind(addition, kind) {
    const sameShape = KINDS[kind].geometry === KINDS[addition.kind].geometry;
    addition.kind = kind;
    clearObservedProps(addition); // what a tree said means nothing to the bench it became
    if (!sameShape) {
      addition.asBuilt = null;
      addition.asBuiltSource = null;
    }
  }

  // ---------------------------------------------------------------- sending

  /** What stops the draft from being sent (see validateDraft), or null. */
  validate() {
    return drafts.validateDraft(this.draft);
  }

  /** The submit button and the error beside it: {disabled, label: "submit"|"submitting"|"retry", error}. */
  submitView() {
    const offline = this.sendError?.code === "network";
    return {
      disabled: this.sending,
      label: this.sending ? "submitting" : offline ? "retry" : "submit",
      // A network failure is not an error of the person: the draft is kept and may be sent again.
      error: this.sendError ? { offline, error: this.sendError } : null,
    };
  }

  /** Mark the draft as on its way; returns the body to send (the same visit id each time, so a retry is safe). */
  beginSend() {
    this.sending = true;
    this.sendError = null;
    return drafts.visitPayload(this.draft);
  }

  /** The send failed: the draft stays as it is, for another try. */
  sendFailed(error) {
    this.sending = false;
    this.sendError = error;
  }

  /** Refuse to send, saying why (`detail`: the sentence shown). */
  refuse(detail) {
    this.sendError = { code: "invalid", detail };
  }

  /**
   * The server has the visit: show it, start a fresh draft. Returns the photo targets of the old draft
   * (draft key → element id, see photoTargets).
   */
  saved(visit) {
    this.sending = false;
    const targets = drafts.photoTargets(this.draft, visit);
    this.draft = drafts.emptyDraft();
    this.result = visit;
    return targets;
  }

  /** Leave the saved visit's summary for a new, empty form. */
  startNew() {
    this.result = null;
    this.sendError = null;
  }
}
