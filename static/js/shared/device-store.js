// Where a tablet keeps what it last knew of a workshop, for the next load with no network: a small key → value
// store with one interface and two homes. IndexedDB in the browser (a 5,000-element snapshot is several MB,
// more than localStorage's quota once written as UTF-16; docs/architecture.md), a Map in the node tests.
// Every method resolves, never rejects: a device that cannot keep things (private mode, storage full) only
// loses the offline reload, never the live page.

const DATABASE = "cowork";
const RECORDS = "device";

/** The store in memory (the node tests; values are copied in and out, as IndexedDB does). */
export class MemoryStore {
  constructor() {
    this.data = new Map();
  }

  async get(key) {
    return this.data.has(key) ? structuredClone(this.data.get(key)) : null;
  }

  async put(key, value) {
    this.data.set(key, structuredClone(value));
    return true;
  }

  async delete(key) {
    this.data.delete(key);
  }

  /** Every key and value, for a page that lists what waits (the supervision outbox). */
  async entries() {
    return [...this.data].map(([key, value]) => [key, structuredClone(value)]);
  }
}

/** The store in the browser's IndexedDB: one object store of records by key. */
export class IndexedDbStore {
  constructor(indexedDB = globalThis.indexedDB, name = DATABASE) {
    this.indexedDB = indexedDB;
    this.name = name;
    this.opening = null;
  }

  open() {
    if (!this.opening) {
      this.opening = new Promise((resolve, reject) => {
        const request = this.indexedDB.open(this.name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(RECORDS);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error("blocked"));
      });
    }
    return this.opening;
  }

  /** Run one request in a transaction; resolves with its result once the transaction is durable. */
  async run(mode, act) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(RECORDS, mode);
      const request = act(transaction.objectStore(RECORDS));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  async get(key) {
    try {
      return (await this.run("readonly", (records) => records.get(key))) ?? null;
    } catch {
      return null;
    }
  }

  /** Whether the value was kept (false when the quota or the browser refused it). */
  async put(key, value) {
    try {
      await this.run("readwrite", (records) => records.put(value, key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key) {
    try {
      await this.run("readwrite", (records) => records.delete(key));
    } catch {
      // nothing was kept, or it goes with the browser's data
    }
  }

  async entries() {
    try {
      const [keys, values] = await Promise.all([
        this.run("readonly", (records) => records.getAllKeys()),
        this.run("readonly", (records) => records.getAll()),
      ]);
      return keys.map((key, index) => [key, values[index]]);
    } catch {
      return [];
    }
  }
}

/** The browser's store, or null where there is no IndexedDB. */
export function openDeviceStore() {
  return globalThis.indexedDB ? new IndexedDbStore() : null;
}
