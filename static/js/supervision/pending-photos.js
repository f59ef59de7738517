// Photos chosen while a visit is being recorded, kept on the page (with a preview URL each) until the
// server has the visit and they can be uploaded to it: "visit" or a draft key → [{file, url}].
// Files cannot go into localStorage, so a reloaded page loses these, never the draft itself.

export class PendingPhotos {
  /** @param {{createUrl?: (file) => string, revokeUrl?: (url) => void}} urls injected in tests */
  constructor({ createUrl = (file) => URL.createObjectURL(file), revokeUrl = (url) => URL.revokeObjectURL(url) } = {}) {
    this.createUrl = createUrl;
    this.revokeUrl = revokeUrl;
    this.byKey = new Map();
  }

  /** The photos waiting for `key`, oldest first. */
  list(key) {
    return this.byKey.get(key) || [];
  }

  /** Keep `files` for `key`, each with a preview URL. */
  add(key, files) {
    const list = this.list(key);
    for (const file of files) list.push({ file, url: this.createUrl(file) });
    this.byKey.set(key, list);
  }

  /** Let one photo go (its preview URL with it). */
  remove(key, entry) {
    this.revokeUrl(entry.url);
    this.byKey.set(
      key,
      this.list(key).filter((candidate) => candidate !== entry),
    );
  }

  /** Let every photo of `key` go (an addition was removed). */
  drop(key) {
    for (const entry of this.list(key)) this.revokeUrl(entry.url);
    this.byKey.delete(key);
  }

  /** Hand over every waiting photo as [key, File[]] (keys without photos left out) and forget them all. */
  takeAll() {
    const taken = [];
    for (const [key, entries] of this.byKey) {
      for (const entry of entries) this.revokeUrl(entry.url);
      if (entries.length) taken.push([key, entries.map((entry) => entry.file)]);
    }
    this.byKey.clear();
    return taken;
  }
}
