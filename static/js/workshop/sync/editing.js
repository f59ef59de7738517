// The edits a person can make, as ops for the engine, and a one-tap undo of their own last edit.
//
// Undo turns the last edit around with a new op: an add is deleted, an update is updated back to what
// it was (on top of the current version), a delete is added again under a new id (the server never
// brings a deleted id back). Undo is not itself recorded, so repeated taps walk further back.
import { defaultProps, hasProps } from "../../shared/props.js";

const HISTORY_LIMIT = 50;

export class Editor extends EventTarget {
  /** @param {import("./engine.js").SyncEngine} engine */
  constructor(engine) {
    super();
    this.engine = engine;
    this.history = []; // {action: "add"|"update"|"delete", id, opId, before?, element?}
    // An edit the server refused never happened: there is nothing to undo for it.
    engine.addEventListener("rejected", (event) => this.forget(event.detail.op.op_id));
    engine.addEventListener("conflict", (event) => this.forget(event.detail.op.op_id));
  }

  // ------------------------------------------------------------------ designs

  createDesign(title) {
    const id = crypto.randomUUID();
    this.engine.submit("design:create", { id, title });
    return id;
  }

  joinDesign(designId) {
    this.engine.submit("design:join", { design_id: designId });
  }

  // ------------------------------------------------------------------ elements

  /** Add an element; it starts with its kind's default props (the server fills them in anyway). */
  addElement({ designId, kind, geometry, note, props = defaultProps(kind) }) {
    const id = crypto.randomUUID();
    this.submitAdd({ id, design_id: designId, kind, geometry, note, props }, true);
    return id;
  }

  /**
   * changes: any of {geometry, note, kind, props} (props: the whole object, which replaces the old). baseVersion: the version the person started editing from
   * (for a long edit such as reshaping); by default the version shown now.
   */
  updateElement(id, changes, { baseVersion } = {}) {
    const element = this.engine.view().elements.get(id);
    if (!element) return;
    const before = {};
    for (const field of Object.keys(changes)) before[field] = element[field] ?? (field === "note" ? "" : null);
    // A new kind resets the props on the server: undoing it brings the old ones back with the old kind.
    if (changes.kind !== undefined && changes.props === undefined && hasProps(element.kind))
      before.props = structuredClone(element.props || {});
    const op = this.submitUpdate(id, changes, baseVersion);
    this.remember({ action: "update", id, before, opId: op.op_id });
  }

  deleteElement(id) {
    const element = this.engine.view().elements.get(id);
    if (!element) return;
    const op = this.submitDelete(id);
    this.remember({ action: "delete", id, element: structuredClone(stripLocal(element)), opId: op.op_id });
  }

  // ------------------------------------------------------------------ undo

  canUndo() {
    return this.history.length > 0;
  }

  /** Undo the last own edit. Returns "undone", "gone" (its element no longer exists) or "nothing". */
  undo() {
    const entry = this.history.pop();
    this.changed();
    if (!entry) return "nothing";
    const elements = this.engine.view().elements;
    switch (entry.action) {
      case "add":
        if (!elements.has(entry.id)) return "gone";
        this.submitDelete(entry.id);
        return "undone";
      case "update":
        if (!elements.has(entry.id)) return "gone";
        this.submitUpdate(entry.id, entry.before);
        return "undone";
      case "delete": {
        const old = entry.element;
        const id = crypto.randomUUID();
        this.submitAdd(
          { id, design_id: old.design_id, kind: old.kind, geometry: old.geometry, note: old.note, props: old.props },
          false,
        );
        // Older entries about the deleted element now mean its re-added twin.
        for (const earlier of this.history) if (earlier.id === old.id) earlier.id = id;
        return "undone";
      }
      default:
        return "nothing";
    }
  }

  // ------------------------------------------------------------------ internals

  submitAdd({ id, design_id, kind, geometry, note, props }, remember) {
    const payload = { id, design_id, kind, geometry };
    if (note) payload.note = note;
    if (props && Object.keys(props).length) payload.props = props;
    const op = this.engine.submit("element:add", payload);
    if (remember) this.remember({ action: "add", id, opId: op.op_id });
  }

  submitUpdate(id, changes, startedFrom) {
    const base = this.engine.updateBase(id);
    // A chained base is rewritten from the previous edit's ack anyway; otherwise prefer where the edit began.
    const baseVersion =
      !base.chained && Number.isInteger(startedFrom) && startedFrom > 0 ? startedFrom : base.base_version;
    return this.engine.submit("element:update", { id, base_version: baseVersion, ...changes }, this.opExtra(id, base));
  }

  /** A delete of the version shown now: if someone else changes the element first, theirs stays (a conflict). */
  submitDelete(id) {
    const base = this.engine.updateBase(id);
    const payload = base.chained || base.base_version > 0 ? { id, base_version: base.base_version } : { id };
    return this.engine.submit("element:delete", payload, this.opExtra(id, base));
  }

  /** What an op of an element keeps beside its payload: a chained base, and the kind, to name it in a notice. */
  opExtra(id, base) {
    return { chained: base.chained, kind: this.engine.view().elements.get(id)?.kind };
  }

  remember(entry) {
    this.history.push(entry);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    this.changed();
  }

  forget(opId) {
    const before = this.history.length;
    this.history = this.history.filter((entry) => entry.opId !== opId);
    if (this.history.length !== before) this.changed();
  }

  changed() {
    this.dispatchEvent(new CustomEvent("history"));
  }
}

function stripLocal(element) {
  const { pending, ...rest } = element;
  return rest;
}
