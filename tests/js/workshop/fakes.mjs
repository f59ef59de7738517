// Small stand-ins for what the sync modules meet in a browser: storage, a socket, and the server's things.
// Not a test file itself (node --test runs only *.test.mjs here).
import { SyncEngine } from "../../../static/js/workshop/sync/engine.js";

/** A localStorage-like store in memory; `data` is the Map underneath, to look at in assertions. */
export function memoryStorage(entries = []) {
  const data = new Map(entries);
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}

/** A square polygon around [lon, lat], `size` degrees wide. */
export function square(lon = 76.9, lat = 43.2, size = 0.001) {
  return {
    type: "Polygon",
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

/** A point at [lon, lat]. */
export function point(lon = 76.9, lat = 43.2) {
  return { type: "Point", coordinates: [lon, lat] };
}

/** A design as the server sends it. */
export function design(id, { authors = [["p1", "Aigerim"]], title = `Design ${id}`, ...rest } = {}) {
  return {
    id,
    title,
    created_by: authors[0]?.[0] ?? null,
    authors: authors.map(([participant_id, name]) => ({ participant_id, name })),
    ...rest,
  };
}

/** An element as the server sends it. */
export function element(
  id,
  { design_id = "d1", kind = "tree", geometry = point(), version = 1, author_id = "p1", ...rest } = {},
) {
  return { id, design_id, kind, geometry, note: "", author_id, version, measure: {}, ...rest };
}

/** A snapshot as the server sends it on connect. */
export function snapshot({
  seq = 0,
  you = { participant_id: "p1", name: "Aigerim", role: "participant" },
  ...rest
} = {}) {
  return {
    seq,
    workshop: { id: "w1", title: "Courtyard", phase: rest.phase ?? "sketching" },
    you,
    designs: [],
    elements: [],
    comments: [],
    ...rest,
  };
}

/**
 * The Socket.IO transport's stand-in. Requests wait until the test answers them (`answer`), so a test decides
 * what the server says and when; `serve` answers them all with a function instead.
 */
export class FakeTransport {
  constructor(token, hooks) {
    this.token = token;
    this.hooks = hooks;
    this.connected = false;
    this.pending = []; // {event, payload, resolve, reject}
    this.sent = []; // every {event, payload}, in order
    this.server = null;
  }

  onAny(handler) {
    this.handler = handler;
  }

  request(event, payload) {
    this.sent.push({ event, payload: structuredClone(payload) });
    return new Promise((resolve, reject) => {
      const request = { event, payload, resolve, reject };
      if (this.server) resolve(this.server(event, payload));
      else this.pending.push(request);
    });
  }

  close() {
    this.connected = false;
  }

  // ------------------------------------------------------------------ what the test does

  /** The connection comes up and the server sends its snapshot. */
  connect(snap) {
    this.connected = true;
    this.hooks.onStatus("connected");
    this.handler("snapshot", snap);
  }

  /** The connection drops (requests on the wire are lost). */
  drop() {
    this.connected = false;
    for (const request of this.pending.splice(0)) request.reject(new Error("disconnected"));
    this.hooks.onStatus("reconnecting");
  }

  /** A server event (a broadcast, a signal) reaches this client. */
  receive(event, payload) {
    this.handler(event, payload);
  }

  /** Answer the oldest request still waiting. */
  answer(ack) {
    const request = this.pending.shift();
    if (!request) throw new Error("no request waiting");
    request.resolve(typeof ack === "function" ? ack(request) : ack);
    return request;
  }

  /** Answer every request, now and later, with `server(event, payload)`. */
  serve(server) {
    this.server = server;
    for (const request of this.pending.splice(0)) request.resolve(server(request.event, request.payload));
  }
}

/** A sync engine with a fake transport and in-memory storage: {engine, transport, storage}. */
export function fakeEngine({ storage = memoryStorage(), identity = { token: "token-1", workshop_id: "w1" } } = {}) {
  let transport = null;
  const engine = new SyncEngine(identity, {
    storage,
    connect: (token, hooks) => (transport = new FakeTransport(token, hooks)),
  });
  engine.start();
  return { engine, transport, storage };
}

/** Let pending promise callbacks (acks being handled) run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Events of one type the engine dispatched, recorded from now on. */
export function record(target, type) {
  const seen = [];
  target.addEventListener(type, (event) => seen.push(event.detail));
  return seen;
}
