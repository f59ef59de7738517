"""What Flask-SocketIO 5.7 offers that its stubs (types-Flask-SocketIO) do not say, each in one checked place: the
socket whose event is being handled, sleeps of a fraction of a second, the python-socketio server underneath, and
sends to several rooms at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from flask_socketio import SocketIO


def current_sid() -> str:
    """The socket whose event is being handled."""
    return request.sid  # type: ignore[attr-defined]  # Flask-SocketIO sets it on the request; Flask's types lack it


def sleeper(socketio: SocketIO) -> Callable[[float], None]:
    """`socketio.sleep`, in this process's async mode."""
    return socketio.sleep  # type: ignore[return-value]  # it sleeps fractions of a second; the stub says whole ones


def server(socketio: SocketIO) -> Any:
    """The python-socketio server under Flask-SocketIO: its client manager, its disconnects."""
    return socketio.server  # type: ignore[attr-defined]  # set by init_app; the stub leaves it out


def emit(socketio: SocketIO, name: str, payload: Any, to: str | list[str]) -> None:
    """Send an event on the default namespace to one room or several."""
    socketio.emit(name, payload, to=to, namespace="/")  # type: ignore[arg-type]  # the stub takes one room only
