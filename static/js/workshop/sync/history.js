// The person's own edits that Undo and Redo can turn around, kept on the device beside the journal (queue.js), so
// that an offline reload keeps them as it keeps the edits themselves. DOM-free: the editor (editing.js) makes the
// ops, this only remembers them.
//
// An entry is {action: "add"|"update"|"delete", id, opId, kind, element?, before?, after?}:
//   add     the element `id` was added (element: what it was, to add again on redo after an undo removed it)
//   update  fields of `id` were changed from `before` to `after`
//   delete  `id` was deleted (element: what it was, to add again)
// opId is the op that made the edit (or the undo): an op the server refused never happened, and its entry goes.

const PREFIX = "cowork.history.";
const LIMIT = 50;

export class EditHistory {
  /**
   * @param {string|null} storageKey the journal's key (per workshop and identity); null keeps it in memory only
   * @param {{storage?: Storage}} options storage: where it is kept (by default the browser's localStorage)
   */
  constructor(storageKey, { storage } = {}) {
    this.storageKey = storageKey === null ? null : PREFIX + storageKey;
    this.storage = storage;
    const { undo, redo } = this.load();
    this.undoStack = undo;
    this.redoStack = redo;
  }

  // Looked up on use, inside the try blocks: reading localStorage throws where storage is disabled.
  get store() {
    return this.storage ?? globalThis.localStorage;
  }

  load() {
    if (!this.storageKey) return { undo: [], redo: [] };
    try {
      const stored = JSON.parse(this.store.getItem(this.storageKey) || "{}");
      const list = (value) => (Array.isArray(value) ? value.filter((entry) => entry?.id) : []);
      return { undo: list(stored?.undo), redo: list(stored?.redo) };
    } catch {
      return { undo: [], redo: [] };
    }
  }

  save() {
    if (!this.storageKey) return;
    try {
      this.store.setItem(this.storageKey, JSON.stringify({ undo: this.undoStack, redo: this.redoStack }));
    } catch {
      // Storage full or disabled: Undo still works while the page stays open.
    }
  }

  canUndo() {
    return this.undoStack.length > 0;
  }

  canRedo() {
    return this.redoStack.length > 0;
  }

  /** A new edit of the person's: it can be undone, and what was undone before can no longer be redone. */
  record(entry) {
    this.redoStack = [];
    this.pushUndo(entry);
  }

  pushUndo(entry) {
    this.undoStack.push(entry);
    if (this.undoStack.length > LIMIT) this.undoStack.shift();
    this.save();
  }

  pushRedo(entry) {
    this.redoStack.push(entry);
    if (this.redoStack.length > LIMIT) this.redoStack.shift();
    this.save();
  }

  /** The last edit to undo (taken off), or null. */
  takeUndo() {
    const entry = this.undoStack.pop() ?? null;
    this.save();
    return entry;
  }

  /** The last undo to redo (taken off), or null. */
  takeRedo() {
    const entry = this.redoStack.pop() ?? null;
    this.save();
    return entry;
  }

  /** The op was refused: its entry, in either list, never happened. Whether one went. */
  forget(opId) {
    const before = this.undoStack.length + this.redoStack.length;
    this.undoStack = this.undoStack.filter((entry) => entry.opId !== opId);
    this.redoStack = this.redoStack.filter((entry) => entry.opId !== opId);
    if (this.undoStack.length + this.redoStack.length === before) return false;
    this.save();
    return true;
  }

  /** An element came back under a new id (the server never brings a deleted id back): entries follow it. */
  rename(oldId, newId) {
    for (const entry of [...this.undoStack, ...this.redoStack]) if (entry.id === oldId) entry.id = newId;
    this.save();
  }

  /** Forget everything, here and in storage (the person hands the tablet on). */
  discard() {
    this.undoStack = [];
    this.redoStack = [];
    if (!this.storageKey) return;
    try {
      this.store.removeItem(this.storageKey);
    } catch {
      // Storage disabled: nothing was kept anyway.
    }
  }
}

// Which change of an update names it, first found first: a new kind brings its props back with it.
const FIELD_ORDER = ["kind", "geometry", "note", "props"];

/**
 * What an undo or a redo did, in catalogue keys: {key, kind, whatKey} (whatKey null but for a change), e.g.
 * undo of an add → "history.undo.add" ("Removed: {kind}"); undo of an update → "history.undo.update"
 * ("Changed back: {kind} ({what})") with whatKey "history.what.props".
 * @param {"undo"|"redo"} direction
 * @param {{action: string, kind: string, fields?: string[]}} done
 */
export function historyNotice(direction, done) {
  const field = done.action === "update" ? FIELD_ORDER.find((name) => done.fields?.includes(name)) : null;
  return {
    key: `history.${direction}.${done.action}`,
    kind: done.kind,
    whatKey: field ? `history.what.${field}` : null,
  };
}
