"""Socket.IO: authentication on connect, one room per workshop, one handler per event, sending after commit."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIO

from ..services import Cowork
from .broadcast import Broadcaster
from .handlers import WorkshopEvents


def init_realtime(app: Flask, cowork: Cowork) -> SocketIO:
    """Create the app's Socket.IO server in threading mode, its broadcaster and the event handlers."""
    settings = cowork.settings
    origins = [o.strip() for o in settings.CORS_ORIGINS.split(",") if o.strip()] or None
    socketio = SocketIO(
        app,
        async_mode="threading",
        max_http_buffer_size=int(settings.MAX_MESSAGE_BYTES),
        message_queue=settings.MESSAGE_QUEUE or None,
        cors_allowed_origins=origins,
        # Weak venue Wi-Fi: notice a vanished tablet within ~45 s, but tolerate slow pings.
        ping_interval=20,
        ping_timeout=25,
    )
    broadcaster = Broadcaster(socketio, cowork)
    WorkshopEvents(cowork, broadcaster).register(socketio)
    app.extensions["socketio"] = socketio
    app.extensions["realtime"] = broadcaster
    return socketio
