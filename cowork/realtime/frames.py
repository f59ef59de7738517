"""Whole websocket frames: the smallest adapter that makes simple-websocket safe on gevent.

simple-websocket (1.1.0, the newest release, and its main branch) writes every frame with one `socket.send()`
and ignores how many bytes it wrote. On a blocking socket (Werkzeug, gthread) `send` writes everything, so this
never shows. On gevent the socket is non-blocking underneath and `send` returns after writing what fits in the
kernel's buffer: the rest of the frame is dropped, the next frame's header lands inside its payload and the
tablet closes the connection (1007, invalid UTF-8). With a real network's segment size the buffer of a fresh
connection holds some 50-70 KB, so a snapshot of a hundred elements was enough; on loopback it took ~4 MB.
Upstream: https://github.com/miguelgrinberg/simple-websocket/issues/45 (closed, still `send` in 1.1.0 and on
main). gevent-websocket, which Flask-SocketIO would use instead, has had no release since 2017, needs its own
gunicorn worker and has no permessage-deflate (browsers get a 5,000-element snapshot in 0.7 MB with it, 4.2 MB
without), so we keep simple-websocket and hand it a socket whose `send` writes whole frames.

Remove this module when simple-websocket writes with `sendall` (tests/ops/test_process.py's slow-tablet test says
whether it still matters).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

# Where each server puts the connection's socket in the WSGI environment (simple-websocket reads it there).
SOCKET_KEYS = ("gunicorn.socket", "werkzeug.socket")


class WholeFrameSocket:
    """A connection's socket whose `send` writes all it is given, one caller at a time.

    The lock keeps frames from interleaving now that a send may wait (engine.io's writer, simple-websocket's
    reader answering a ping or a close, and a close from elsewhere all write to the same socket). Under gevent
    `threading.Lock` is gevent's own (run.py patches before anything is imported), so waiting for it yields."""

    def __init__(self, sock: Any):
        self._sock = sock
        self._lock = threading.Lock()

    def send(self, data: bytes, flags: int = 0) -> int:
        with self._lock:
            self._sock.sendall(data, flags)
        return len(data)

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self.send(data, flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def whole_frames(wsgi_app: Callable) -> Callable:
    """WSGI middleware: websocket requests reach simple-websocket with a `WholeFrameSocket`."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
            for key in SOCKET_KEYS:
                if environ.get(key) is not None:
                    environ[key] = WholeFrameSocket(environ[key])
        return wsgi_app(environ, start_response)

    return app
