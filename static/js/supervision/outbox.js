// Visits recorded with no signal, kept on the device with their photos until the server has them: what the
// supervision page sends when the signal returns, in the order they were recorded. DOM-free (the node tests give
// it an in-memory store and fake senders). Resending is safe: a visit carries its id (a repeated id returns the
// visit as first recorded) and a photo is matched by its bytes (the same bytes again return the same photo).
//
// entry: {id, payload, draft, visit, photos: [{key, file, size}]}: `visit` is the server's answer once it came,
// so a photo left over after a failure is sent to it without recording the visit again.
import { photoTargets } from "./visit-draft.js";

/** What the outbox may hold on the device, photos included: a building site's day of photos, not a month. */
export const OUTBOX_BUDGET_BYTES = 50 * 1024 * 1024;

export class OutboxFull extends Error {
  constructor(needed, left) {
    super("outbox_full");
    this.code = "outbox_full";
    this.needed = needed;
    this.left = left;
  }
}

function entryBytes(entry) {
  return JSON.stringify(entry.payload).length + entry.photos.reduce((sum, photo) => sum + photo.size, 0);
}

export class VisitOutbox {
  /**
   * @param {{store, projectId: string, recordVisit: (payload) => Promise<object>,
   *          uploadPhoto: (visitId, file, elementId) => Promise<object>, onChange?: () => void, budget?: number}} options
   *   recordVisit and uploadPhoto reject with a SupervisionError (`retryable` when the signal or the server failed)
   */
  constructor({ store, projectId, recordVisit, uploadPhoto, onChange = () => {}, budget = OUTBOX_BUDGET_BYTES }) {
    this.store = store;
    this.key = `outbox.${projectId}`;
    this.recordVisit = recordVisit;
    this.uploadPhoto = uploadPhoto;
    this.onChange = onChange;
    this.budget = budget;
    this.entries = [];
    this.sending = null;
  }

  /** Read what the device kept (a reload, or the tablet opened again). */
  async load() {
    const kept = await this.store.get(this.key);
    this.entries = Array.isArray(kept?.entries) ? kept.entries : [];
    this.onChange();
    return this;
  }

  save() {
    return this.store.put(this.key, { entries: this.entries });
  }

  /** Bytes held now (the visits' JSON and the photos). */
  bytes() {
    return this.entries.reduce((sum, entry) => sum + entryBytes(entry), 0);
  }

  /** What waits: {visits, photos}. */
  counts() {
    return { visits: this.entries.length, photos: this.entries.reduce((sum, entry) => sum + entry.photos.length, 0) };
  }

  /**
   * Keep a visit and its photos ([draft key, File[]] pairs) to send later. Rejects with OutboxFull, keeping
   * nothing, when they do not fit in the budget (or the device refuses to store them).
   */
  async add(draft, payload, photoGroups) {
    const photos = photoGroups.flatMap(([key, files]) => files.map((file) => ({ key, file, size: file.size || 0 })));
    const entry = { id: payload.id, payload, draft: structuredClone(draft), visit: null, photos };
    const needed = entryBytes(entry);
    const left = this.budget - this.bytes();
    if (needed > left) throw new OutboxFull(needed, left);
    this.entries.push(entry);
    if (!(await this.save())) {
      this.entries.pop();
      throw new OutboxFull(needed, 0);
    }
    this.onChange();
    return entry;
  }

  /** Send everything, oldest first; resolves with how many visits went. One send at a time. */
  flush() {
    if (!this.sending) this.sending = this.sendAll().finally(() => (this.sending = null));
    return this.sending;
  }

  async sendAll() {
    let sent = 0;
    while (this.entries.length) {
      const entry = this.entries[0];
      try {
        await this.sendEntry(entry);
      } catch (error) {
        if (error?.retryable) return sent; // no signal yet: everything stays, in order, for the next try
        // Refused for good (a photo that is not one, a key withdrawn): said once, not sent for ever.
        this.entries.shift();
        await this.save();
        this.onChange();
        throw error;
      }
      this.entries.shift();
      await this.save();
      this.onChange();
      sent += 1;
    }
    return sent;
  }

  async sendEntry(entry) {
    if (!entry.visit) {
      entry.visit = await this.recordVisit(entry.payload);
      await this.save();
    }
    const targets = photoTargets(entry.draft, entry.visit);
    while (entry.photos.length) {
      const photo = entry.photos[0];
      await this.uploadPhoto(entry.visit.id, photo.file, targets.get(photo.key) ?? null);
      entry.photos.shift();
      await this.save();
      this.onChange();
    }
  }
}
