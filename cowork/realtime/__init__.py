"""Socket.IO: authentication on connect, one room per workshop, one handler per event, sending after commit."""

from __future__ import annotations

import sys
from typing import Literal

from flask import Flask
from flask_socketio import SocketIO

from ..core import strict_json
from ..services import Cowork
from . import socket_api
from .broadcast import Broadcaster
from .frames import whole_frames
from .handlers import WorkshopEvents
from .origins import same_origin_or
from .packets import CoworkPacket
from .presence import LocalRegistry, Registry
from .timers import LocalTimers, Timers

# The production server's async mode: run.py patches the standard library for it before importing anything, and
# cowork/ops/serve.py picks the gunicorn worker that carries it.
ASYNC_MODE = "gevent"


def async_mode() -> Literal["gevent", "threading"]:
    """This process's async mode: gevent once run.py has patched the standard library for it; threading
    everywhere else (Werkzeug with `--dev`, the tests' in-process servers, any other program importing cowork)."""
    monkey = sys.modules.get("gevent.monkey")
    patched = monkey is not None and monkey.is_module_patched("socket")
    return "gevent" if ASYNC_MODE == "gevent" and patched else "threading"


def init_realtime(app: Flask, cowork: Cowork) -> SocketIO:
    """Create the app's Socket.IO server in this process's async mode, its broadcaster and the event handlers."""
    settings = cowork.settings
    origins = [o.strip() for o in settings.CORS_ORIGINS.split(",") if o.strip()] or None
    socketio = SocketIO(
        app,
        async_mode=async_mode(),
        max_http_buffer_size=int(settings.MAX_MESSAGE_BYTES),
        # Client JSON decoded strictly, unreadable events refused in their ack (realtime/packets.py).
        serializer=CoworkPacket,  # type: ignore[call-arg]  # passed on to python-socketio; the stub lists no extras
        json=strict_json,
        message_queue=settings.MESSAGE_QUEUE or None,
        cors_allowed_origins=same_origin_or(origins),  # type: ignore[arg-type]  # python-engineio takes a callable too
        # Weak venue Wi-Fi: notice a vanished tablet within ~45 s, but tolerate slow pings.
        ping_interval=20,
        ping_timeout=25,
        # Each connection's events are handled in turn, in the task that reads its socket, not each in a task of
        # its own: a tablet flooding the server then queues behind itself (its budget refusing the excess) instead
        # of starting thousands of tasks that every other tablet waits behind.
        async_handlers=False,
    )
    broadcaster = Broadcaster(socketio, cowork, *_shared_state(settings, socketio))
    WorkshopEvents(cowork, broadcaster).register(socketio)
    # Outside Flask-SocketIO's own middleware, so that simple-websocket gets the wrapped socket (frames.py says why).
    app.wsgi_app = whole_frames(app.wsgi_app)  # type: ignore[method-assign]  # Flask's way to add WSGI middleware
    app.extensions["socketio"] = socketio
    app.extensions["realtime"] = broadcaster
    return socketio


def _shared_state(settings, socketio: SocketIO) -> tuple[Registry, Timers]:
    """Presence and countdowns: in this process alone, or in Redis beside the message queue."""
    spawn, sleep = socketio.start_background_task, socket_api.sleeper(socketio)
    if not settings.MESSAGE_QUEUE:
        return LocalRegistry(), LocalTimers(spawn, sleep)
    from . import redis_state

    client = redis_state.connect(settings.MESSAGE_QUEUE)
    return (
        redis_state.RedisRegistry(client, settings.PRESENCE_TIMEOUT_S, spawn, sleep),
        redis_state.RedisTimers(client, spawn, sleep),
    )
