"""Socket.IO: authentication on connect, one room per workshop, one handler per event, broadcast after commit."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIO

from ..services import Cowork
from .namespace import WorkshopNamespace


def init_realtime(app: Flask, cowork: Cowork) -> SocketIO:
    """Create the app's Socket.IO server in threading mode and register the workshop namespace."""
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
    socketio.on_namespace(WorkshopNamespace(cowork))
    app.extensions["socketio"] = socketio
    return socketio
