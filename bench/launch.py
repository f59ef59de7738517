"""The bench's server launcher: cowork or the relay on one server and async mode, the same way for both.

    python -m bench.launch --app cowork|relay --server werkzeug|gthread|gevent|gunicorn-gevent|eventlet --port P

`COWORK_ASYNC_MODE` is read only here: cowork picks its own mode (gevent when run.py patched, threading
otherwise); this launcher swaps the class that `cowork.realtime` builds its server with for one that asks for
the bench's mode. Every other setting reaches cowork from the environment as usual (`COWORK_DATABASE_URL`,
`COWORK_MESSAGE_QUEUE`, ...).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Which async mode each server needs, and whether gunicorn runs it.
MODE_OF_SERVER = {
    "werkzeug": "threading",
    "gthread": "threading",
    "gevent": "gevent",
    "gunicorn-gevent": "gevent",
    "eventlet": "eventlet",
}
GUNICORN_WORKER = {"gthread": "gthread", "gunicorn-gevent": "gevent"}
# eventlet is being retired; it lives outside the shared venv and the repo (see bench/README.md).
EVENTLET_PATH = os.environ.get("BENCH_EVENTLET_PATH", str(Path.home() / ".cache" / "cowork-bench" / "eventlet"))


def _cowork_app(mode: str):
    import cowork.realtime as realtime

    base = realtime.SocketIO

    class BenchSocketIO(base):  # type: ignore[misc, valid-type]
        """Flask-SocketIO with the bench's async mode instead of the one cowork asks for."""

        def __init__(self, app=None, **kwargs):
            kwargs["async_mode"] = mode
            super().__init__(app, **kwargs)

    realtime.SocketIO = BenchSocketIO
    from cowork import create_app
    from cowork.config import Config

    return create_app(Config())


def build_app():
    """The app named by BENCH_APP in the mode named by COWORK_ASYNC_MODE (also gunicorn's entry point)."""
    mode = os.environ.get("COWORK_ASYNC_MODE", "threading")
    if os.environ.get("BENCH_SWITCH_INTERVAL"):
        # How long a thread keeps the GIL while others wait (5 ms by default): an experiment for threading mode.
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]))
    if os.environ.get("BENCH_APP", "cowork") == "relay":
        from bench.relay import create_relay

        return create_relay(mode, os.environ.get("COWORK_MESSAGE_QUEUE", ""))
    return _cowork_app(mode)


def _gunicorn(server: str, host: str, port: int) -> None:
    from bench.servers import THREADS as threads

    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        "1",
        "-k",
        GUNICORN_WORKER[server],
        "-b",
        f"{host}:{port}",
        "--threads",
        threads,
        "--worker-connections",
        threads,
        "--timeout",
        "120",
        "--graceful-timeout",
        "2",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
        "bench.launch:build_app()",
    ]
    os.execv(sys.executable, argv)


def main(argv=None) -> int:
    """Start the server in this process (or become gunicorn) and serve until stopped."""
    parser = argparse.ArgumentParser(prog="python -m bench.launch")
    parser.add_argument("--app", choices=("cowork", "relay"), default="cowork")
    parser.add_argument("--server", choices=tuple(MODE_OF_SERVER), default="werkzeug")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    mode = MODE_OF_SERVER[args.server]
    os.environ["BENCH_APP"] = args.app
    os.environ["COWORK_ASYNC_MODE"] = mode
    if args.server in GUNICORN_WORKER:
        _gunicorn(args.server, args.host, args.port)
    if mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    elif mode == "eventlet":
        sys.path.insert(0, EVENTLET_PATH)
        import eventlet

        eventlet.monkey_patch()
    app = build_app()
    print(f"{args.app} serving on http://{args.host}:{args.port}/ ({args.server}, {mode})", flush=True)
    app.extensions["socketio"].run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True, log_output=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
