"""Serving: the app on a production server that carries WebSocket, and the demo workshop printed for a newcomer.

The server is chosen here and only here: gunicorn, one worker process, the worker that matches Flask-SocketIO's
async mode (`realtime.ASYNC_MODE`, gevent: one greenlet per connection; run.py patches the standard library for
it before anything is imported). One worker because Socket.IO sessions live in the process that accepted
them; more capacity means more `run.py` processes behind sticky sessions, sharing rooms through Redis
(docs/deploy.md). `--dev` keeps Werkzeug's development server, in threading mode.
"""

from __future__ import annotations

import logging
import os
import ssl
import sys
import threading
from typing import Any, NamedTuple

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import ThreadWorker

from ..config import Config
from ..realtime import ASYNC_MODE, async_mode


class _Cowork(Worker):
    """What both of our workers add to gunicorn's: the app's realtime side started before the first request, and
    this process's sockets closed when it stops, so that the tablets reconnect to another process at once."""

    wsgi: Any

    def load_wsgi(self) -> None:
        """Load the app, then start its realtime side (the message queue's listener first) before any request."""
        super().load_wsgi()
        realtime = self._realtime()
        if realtime is not None:
            # In the worker, not before the fork: its background tasks would not survive it.
            realtime.start()

    def _realtime(self):
        """The app's broadcaster, once the worker has loaded the app."""
        return getattr(self.wsgi, "extensions", {}).get("realtime")

    def _close_sockets(self) -> None:
        realtime = self._realtime()
        if realtime is not None:
            realtime.close_local_sockets()


class CoworkWorker(_Cowork, ThreadWorker):
    """gunicorn's threaded worker (threading mode: each websocket holds a thread), with our start and stop."""

    def handle_exit(self, sig, frame) -> None:
        """SIGTERM: stop accepting, close the sockets, let requests in flight finish."""
        super().handle_exit(sig, frame)
        # Not from the signal handler itself: closing sockets takes locks a handler thread may hold.
        threading.Thread(target=self._close_sockets, daemon=True).start()

    def handle_quit(self, sig, frame) -> None:
        """SIGINT or SIGQUIT: close the sockets, then leave at once."""
        self._close_sockets()
        super().handle_quit(sig, frame)

    def is_parent_alive(self) -> bool:
        """Whether gunicorn's master still runs; without it, this worker closes its sockets and ends too."""
        alive = super().is_parent_alive()
        if not alive:
            self._close_sockets()
        return alive


def _gevent_worker() -> type:
    # Imported only for serving: gunicorn's gevent worker module expects the patched standard library.
    import gevent
    from gunicorn.workers.ggevent import GeventWorker

    class CoworkGeventWorker(_Cowork, GeventWorker):
        """gunicorn's gevent worker (a greenlet per connection), with our start and stop. Signal handlers only
        spawn greenlets: closing sockets writes to them, which may wait."""

        def handle_exit(self, sig, frame) -> None:
            """SIGTERM: stop accepting, close the sockets (their handlers end), let requests in flight finish."""
            super().handle_exit(sig, frame)
            gevent.spawn(self._close_sockets)

        def handle_quit(self, sig, frame) -> None:
            """SIGINT or SIGQUIT: close the sockets, then leave at once."""
            gevent.spawn(self._quit, sig, frame)

        def _quit(self, sig, frame) -> None:
            self._close_sockets()
            # gunicorn's handle_quit, but ending the worker's loop rather than raising SystemExit in this greenlet:
            # with many sockets to close, that came after the main greenlet had begun exiting, with a traceback.
            self.alive = False
            self.cfg.worker_int(self)

        def notify(self) -> None:
            """gunicorn's heartbeat; when the master is gone, this worker closes its sockets and ends too."""
            if self.ppid != os.getppid():
                self._close_sockets()
            super().notify()

    return CoworkGeventWorker


def worker_class(mode: str) -> type:
    """The gunicorn worker for a Flask-SocketIO async mode."""
    return {"threading": lambda: CoworkWorker, "gevent": _gevent_worker}[mode]()


class ProductionServer(BaseApplication):
    """gunicorn through its custom-application API, serving an app created (and its schema made current)
    before the worker forks."""

    def __init__(self, app: Flask, options: dict[str, Any]):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Our options only: no gunicorn.conf.py, no GUNICORN_CMD_ARGS."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    # A Flask app is a WSGI app; the stub types the environ as a MutableMapping, Flask as a dict.
    def load(self) -> Flask:  # type: ignore[override]
        """The WSGI app the worker serves."""
        return self.application


class TlsError(Exception):
    """The certificate or key given for HTTPS cannot serve: said at start, not at the first tablet's handshake."""


class TlsFiles(NamedTuple):
    """The PEM certificate (chain) and private key this process serves HTTPS with."""

    certfile: str
    keyfile: str


def tls_files(certfile: str, keyfile: str) -> TlsFiles | None:
    """The certificate and key to serve HTTPS with (None for plain HTTP), checked to load as a pair."""
    if not certfile and not keyfile:
        return None
    if not certfile or not keyfile:
        raise TlsError(
            "HTTPS needs both a certificate and its key (--certfile and --keyfile, "
            "or COWORK_TLS_CERT and COWORK_TLS_KEY)"
        )
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as error:
        raise TlsError(f"cannot serve HTTPS with {certfile} and {keyfile}: {error}") from None
    return TlsFiles(certfile, keyfile)


def gunicorn_options(settings: Config, host: str, port: int, tls: TlsFiles | None = None) -> dict[str, Any]:
    """gunicorn's settings for one cowork process (over HTTPS when given a certificate and key)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    # gunicorn serves TLS itself; its requests then carry wsgi.url_scheme "https", which the cookie, HSTS and
    # Socket.IO's origin check (realtime/origins.py) read.
    certificate = {"certfile": tls.certfile, "keyfile": tls.keyfile} if tls else {}
    return {
        **certificate,
        "bind": [bind],
        "workers": 1,
        "worker_class": worker_class(async_mode()),
        # Open websockets and HTTP requests at once: greenlets on gevent, threads in threading mode.
        "worker_connections": int(settings.THREADS),
        "threads": int(settings.THREADS),
        # Forwarded headers are believed by the app alone, from as many proxies as COWORK_PROXY_HOPS says
        # (web/security.py): gunicorn would otherwise take X-Forwarded-Proto from any loopback peer by default.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        # No access log of gunicorn's: its lines carry query strings and headers. Ours (web/logs.py) does not.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        # A stopping worker closes its sockets first (_Cowork), so only plain requests are waited for.
        "graceful_timeout": 10,
        "proc_name": "cowork",
        # gunicorn's runtime control socket is one path per user: several cowork processes would share it.
        "control_socket_disable": True,
    }


def serve(
    settings: Config,
    *,
    host: str,
    port: int,
    demo: bool,
    dev: bool,
    tls: TlsFiles | None = None,
    language: str | None = None,
) -> int:
    """Create the app (its schema made current), optionally prepare the demo (made in `language` the first time, by
    default the system's), and serve until stopped (over HTTPS with a certificate and key)."""
    if not dev and async_mode() != ASYNC_MODE:
        # run.py patches the standard library before importing anything; patching later is not safe.
        print(
            f"cowork: the production server runs on {ASYNC_MODE}, which `python run.py` prepares first; "
            "start it through run.py (or use --dev)",
            file=sys.stderr,
            flush=True,
        )
        return 1
    from .. import create_app
    from .demo.workshop import demo_language, ensure_demo

    app = create_app(settings)
    socketio = app.extensions["socketio"]
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"{'https' if tls else 'http'}://{shown_host}:{port}"
    if demo:
        workshop, facilitator_token = ensure_demo(app.extensions["cowork"], language or demo_language())
        print(f"Demo workshop: {workshop['title']}", flush=True)
        print(f"  Join code:         {workshop['join_code']}   (participants open {base}/)", flush=True)
        print(f"  Facilitator link:  {base}/w/{workshop['id']}#token={facilitator_token}", flush=True)
    print(f"cowork is serving on {base}/", flush=True)
    if dev:
        # Our own request log (web/logs.py) replaces Werkzeug's, whose lines carry query strings.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        app.extensions["realtime"].start()
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, ssl_context=tuple(tls) if tls else None)
        return 0
    # The worker is forked from this process: it must not inherit open database connections.
    app.extensions["cowork"].db.dispose()
    if async_mode() == "gevent":
        # Nor greenlets still pending: the `limits` memory storages (event budget, Flask-Limiter) start a 10 ms
        # expiry timer when made; carried through the fork unrun, each ended in the worker with a KeyError traceback.
        import gevent

        gevent.sleep(0.1)
    ProductionServer(app, gunicorn_options(settings, host, port, tls)).run()
    return 0
