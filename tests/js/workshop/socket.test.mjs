// The Socket.IO transport (static/js/workshop/sync/socket.js) with a stand-in for the browser's `io`: a connection the
// server refused because its database is away is tried again; one refused as unauthorized is not.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { Transport } from "../../../static/js/workshop/sync/socket.js";

/** What `io()` returns, as far as the transport uses it: handlers by event, `active`, and calls to connect(). */
class FakeSocket {
  constructor() {
    this.handlers = new Map();
    this.connects = 0;
    this.active = true; // Socket.IO is retrying by itself
    this.connected = false;
  }

  on(event, handler) {
    this.handlers.set(event, handler);
  }

  onAny() {}

  connect() {
    this.connects += 1;
  }

  disconnect() {}

  /** The server refuses the connection: Socket.IO stops retrying by itself and says why. */
  refuse(message) {
    this.active = false;
    this.handlers.get("connect_error")({ message });
  }
}

describe("Transport: refused connections", () => {
  let socket;
  beforeEach(() => {
    mock.timers.enable({ apis: ["setTimeout"] });
    socket = new FakeSocket();
    globalThis.window = { io: () => socket, addEventListener() {}, removeEventListener() {} };
    globalThis.navigator = { onLine: true };
  });
  afterEach(() => {
    mock.timers.reset();
    delete globalThis.window;
    delete globalThis.navigator;
  });

  test("refused as unavailable (the database is away): it comes back after a pause, keeping its token", () => {
    const statuses = [];
    let unauthorized = 0;
    new Transport("token", { onStatus: (status) => statuses.push(status), onUnauthorized: () => (unauthorized += 1) });
    socket.refuse("unavailable");
    assert.equal(socket.connects, 0);
    mock.timers.tick(2000);
    assert.equal(socket.connects, 1, "connects again");
    assert.equal(unauthorized, 0, "the identity is kept");
  });

  test("refused as unauthorized: the page is told, and no new attempt is made", () => {
    let unauthorized = 0;
    new Transport("token", { onStatus() {}, onUnauthorized: () => (unauthorized += 1) });
    socket.refuse("unauthorized");
    mock.timers.tick(10_000);
    assert.equal(unauthorized, 1);
    assert.equal(socket.connects, 0);
  });

  test("a connection that could not be made is left to Socket.IO's own retries", () => {
    new Transport("token", { onStatus() {}, onUnauthorized() {} });
    socket.handlers.get("connect_error")({ message: "websocket error" });
    mock.timers.tick(10_000);
    assert.equal(socket.connects, 0);
  });
});
