// The Socket.IO connection and nothing else: connect with the token, report the connection's state,
// and send one request with a timeout. What to send and what the answers mean is the engine's business.

export const ConnectionStatus = Object.freeze({
  CONNECTING: "connecting", // first connection not made yet
  CONNECTED: "connected",
  RECONNECTING: "reconnecting", // lost; Socket.IO is trying again by itself
  OFFLINE: "offline", // the device says it has no network; we stopped trying until it comes back
});

export class RequestTimeout extends Error {}

export class Transport {
  /**
   * @param {string} token participant or facilitator token
   * @param {{onStatus: (status) => void, onUnauthorized: () => void}} hooks
   */
  constructor(token, { onStatus, onUnauthorized }) {
    this.onStatus = onStatus;
    this.onUnauthorized = onUnauthorized;
    this.status = ConnectionStatus.CONNECTING;
    this.everConnected = false;
    // Websocket only: the venue's Wi-Fi either carries a websocket or nothing useful at all.
    this.socket = window.io({ auth: { token }, transports: ["websocket"] });

    this.socket.on("connect", () => this.setStatus(ConnectionStatus.CONNECTED));
    this.socket.on("disconnect", (reason) => {
      this.setStatus(navigator.onLine === false ? ConnectionStatus.OFFLINE : ConnectionStatus.RECONNECTING);
      // Socket.IO retries by itself except when the server closed the connection (e.g. a message
      // that was too large); a tablet left alone on the wall should still come back.
      if (reason === "io server disconnect") setTimeout(() => this.socket.connect(), 2000);
    });
    this.socket.on("connect_error", (error) => {
      if (error?.message === "unauthorized") {
        this.onUnauthorized();
        return;
      }
      if (this.status !== ConnectionStatus.OFFLINE) {
        this.setStatus(this.everConnected ? ConnectionStatus.RECONNECTING : ConnectionStatus.CONNECTING);
      }
      // A connection the server refused ("unavailable": its database is away) is not retried by Socket.IO
      // itself, unlike one that could not be made at all; come back after a pause.
      if (!this.socket.active) setTimeout(() => this.socket.connect(), 2000);
    });

    // A tablet that loses its network would otherwise look "connected" until the heartbeat times
    // out (about a minute); the browser knows at once, so we close and say so.
    this.handleOffline = () => {
      this.socket.disconnect();
      this.setStatus(ConnectionStatus.OFFLINE);
    };
    this.handleOnline = () => {
      this.setStatus(ConnectionStatus.RECONNECTING);
      this.socket.connect();
    };
    window.addEventListener("offline", this.handleOffline);
    window.addEventListener("online", this.handleOnline);
    if (navigator.onLine === false) this.handleOffline();
  }

  get connected() {
    return this.socket.connected;
  }

  setStatus(status) {
    if (status === ConnectionStatus.CONNECTED) this.everConnected = true;
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status);
  }

  /** Listen to one server event. */
  on(event, handler) {
    this.socket.on(event, handler);
  }

  /** Listen to every server event: handler(event, payload). */
  onAny(handler) {
    this.socket.onAny((event, payload) => handler(event, payload));
  }

  /**
   * Send one event and wait for its ack. Resolves with the ack object; rejects with RequestTimeout
   * when no ack came in time (or the connection dropped meanwhile).
   */
  request(event, payload, timeoutMs) {
    return new Promise((resolve, reject) => {
      this.socket.timeout(timeoutMs).emit(event, payload, (error, ack) => {
        if (error) reject(new RequestTimeout(String(error?.message || error)));
        else resolve(ack);
      });
    });
  }

  close() {
    window.removeEventListener("offline", this.handleOffline);
    window.removeEventListener("online", this.handleOnline);
    this.socket.disconnect();
  }
}
