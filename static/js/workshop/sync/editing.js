// The edits a person can make, as ops for the engine, and Undo and Redo of their own edits.
//
// Undo turns the last edit around with a new op, an edit like any other (it goes through the journal, so it works
// offline and survives a reload): an add is deleted, an update is updated back to what it was (on top of the current
// version), a delete is added again under a new id (the server never brings a deleted id back). Redo makes the edit
// again, the same way. The lists of what can be undone and redone are kept on the device with the journal
// (history.js); a new edit clears what could be redone.
import { defaultProps, hasProps } from "../../shared/props.js";
import { EditHistory } from "./history.js";

const NOTHING = { outcome: "nothing" };
const GONE = { outcome: "gone" };

export class Editor extends EventTarget {
  /** @param {import("./engine.js").SyncEngine} engine */
  constructor(engine) {
    super();
    this.engine = engine;
    this.history = new EditHistory(engine.journalKey, { storage: engine.storage });
    // An edit the server refused never happened: there is nothing to undo (or redo) for it.
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
    const op = this.submitAdd({ id, design_id: designId, kind, geometry, note, props });
    this.remember({ action: "add", id, kind, opId: op.op_id });
    return id;
  }

  /**
   * changes: any of {geometry, note, kind, props} (props: the whole object, which replaces the old). baseVersion: the
   * version the person started editing from (for a long edit such as reshaping); by default the version shown now.
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
    this.remember({
      action: "update",
      id,
      kind: element.kind,
      before: structuredClone(before),
      after: structuredClone(changes),
      opId: op.op_id,
    });
  }

  deleteElement(id) {
    const element = this.engine.view().elements.get(id);
    if (!element) return;
    const op = this.submitDelete(id);
    this.remember({ action: "delete", id, kind: element.kind, element: copyOf(element), opId: op.op_id });
  }

  // ------------------------------------------------------------------ undo and redo

  canUndo() {
    return this.history.canUndo();
  }

  canRedo() {
    return this.history.canRedo();
  }

  /**
   * Undo the last own edit. → {outcome: "undone", action, kind, fields} (what was turned around: the kind of thing,
   * and for an update the fields changed back), {outcome: "gone"} (its element no longer exists) or
   * {outcome: "nothing"}.
   */
  undo() {
    const entry = this.history.takeUndo();
    this.changed();
    if (!entry) return NOTHING;
    const redo = this.turnAround(entry);
    if (!redo) return GONE;
    this.history.pushRedo(redo);
    this.changed();
    return done(entry, redo);
  }

  /** Make the last undone edit again; answers as undo() does ("redone" for "undone"). */
  redo() {
    const entry = this.history.takeRedo();
    this.changed();
    if (!entry) return NOTHING;
    const undo = this.makeAgain(entry);
    if (!undo) return GONE;
    this.history.pushUndo(undo);
    this.changed();
    return { ...done(entry, undo), outcome: "redone" };
  }

  /** Forget what can be undone and redone on this device (the person hands the tablet on). */
  discard() {
    this.history.discard();
    this.changed();
  }

  /** The op that undoes `entry`; returns the entry that redoes it, or null when its element is gone. */
  turnAround(entry) {
    const current = this.engine.view().elements.get(entry.id);
    switch (entry.action) {
      case "add": {
        if (!current) return null;
        const op = this.submitDelete(entry.id);
        return { action: "add", id: entry.id, kind: current.kind, element: copyOf(current), opId: op.op_id };
      }
      case "update": {
        if (!current) return null;
        const op = this.submitUpdate(entry.id, entry.before);
        return { ...entry, kind: entry.before.kind ?? current.kind, opId: op.op_id };
      }
      case "delete":
        return { ...this.addAgain(entry), action: "delete" };
      default:
        return null;
    }
  }

  /** The op that makes `entry` (an undone edit) again; returns the entry that undoes it, or null when gone. */
  makeAgain(entry) {
    const current = this.engine.view().elements.get(entry.id);
    switch (entry.action) {
      case "add":
        return { ...this.addAgain(entry), action: "add" };
      case "update": {
        if (!current) return null;
        const op = this.submitUpdate(entry.id, entry.after);
        return { ...entry, kind: entry.after.kind ?? current.kind, opId: op.op_id };
      }
      case "delete": {
        if (!current) return null;
        const op = this.submitDelete(entry.id);
        return { action: "delete", id: entry.id, kind: current.kind, element: copyOf(current), opId: op.op_id };
      }
      default:
        return null;
    }
  }

  /** Add a removed element again under a new id; entries about the old id now mean the new one. */
  addAgain(entry) {
    const old = entry.element;
    const id = crypto.randomUUID();
    const op = this.submitAdd({ ...old, id });
    this.history.rename(entry.id, id);
    return { id, kind: old.kind, element: old, opId: op.op_id };
  }

  // ------------------------------------------------------------------ internals

  submitAdd({ id, design_id, kind, geometry, note, props }) {
    const payload = { id, design_id, kind, geometry };
    if (note) payload.note = note;
    if (props && Object.keys(props).length) payload.props = props;
    return this.engine.submit("element:add", payload);
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
    this.history.record(entry);
    this.changed();
  }

  forget(opId) {
    if (this.history.forget(opId)) this.changed();
  }

  changed() {
    this.dispatchEvent(new CustomEvent("history"));
  }
}

/** What an undo or redo did: the thing's kind, and the fields an update changed. */
function done(entry, made) {
  return {
    outcome: "undone",
    action: entry.action,
    kind: made.kind,
    fields: entry.action === "update" ? Object.keys(entry.after ?? entry.before ?? {}) : [],
  };
}

/** The element as it is, to add again later: its own fields, not the view's marks. */
function copyOf(element) {
  const { id, design_id, kind, geometry, note, props } = element;
  return structuredClone({ id, design_id, kind, geometry, note: note ?? "", props: props ?? {} });
}
