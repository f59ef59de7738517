"""The bare relay: cowork's Socket.IO protocol on Flask-SocketIO with no validation and no storage, the baseline.

It speaks just enough of cowork's API for the same load generator to drive it: `POST /api/workshops`,
`POST /api/join`, `GET /api/workshops/<id>` (its `seq`), a socket that joins its room on connect and gets a
`snapshot`, `design:create` and `element:add` acknowledged and broadcast to the room under a gap-free `seq`.
`POST /api/workshops/import` keeps an archive's elements in memory so a joining tablet's snapshot has the same
elements as cowork's: the relay's snapshot is only the cost of sending them, not of building them.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from typing import Any

from flask import Flask, jsonify, request
from flask_socketio import SocketIO, emit, join_room

from cowork.realtime.frames import whole_frames


class Numbers:
    """Per-room sequence numbers: in memory for one process, in Redis when several share the rooms."""

    def __init__(self, redis_url: str | None):
        self._local: defaultdict[str, int] = defaultdict(int)
        self._redis = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url)

    def next(self, room: str) -> int:
        """The room's next number (the caller holds the room's lock)."""
        if self._redis is not None:
            return int(self._redis.incr(f"relay:seq:{room}"))
        self._local[room] += 1
        return self._local[room]

    def current(self, room: str) -> int:
        """The room's last number."""
        if self._redis is not None:
            return int(self._redis.get(f"relay:seq:{room}") or 0)
        return self._local[room]


def create_relay(async_mode: str, message_queue: str = "") -> Flask:
    """The relay app, its Socket.IO server in the given async mode (and Redis queue when given)."""
    app = Flask(__name__)
    socketio = SocketIO(
        app,
        async_mode=async_mode,
        message_queue=message_queue or None,
        max_http_buffer_size=1024 * 1024,
        ping_interval=20,
        ping_timeout=25,
    )
    # The same whole-frame writes as cowork (cowork/realtime/frames.py): without them a big message to a slow
    # client breaks on gevent, the relay's too.
    app.wsgi_app = whole_frames(app.wsgi_app)  # type: ignore[method-assign]
    numbers = Numbers(message_queue)
    locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
    seeded: dict[str, list[dict[str, Any]]] = {}

    @app.get("/")
    def index():
        return "relay"

    @app.post("/api/workshops")
    def create_workshop():
        room = str(uuid.uuid4())
        return jsonify({"id": room, "join_code": room, "facilitator_token": f"{room}.facilitator"}), 201

    @app.post("/api/workshops/import")
    def import_archive():
        room = str(uuid.uuid4())
        seeded[room] = list(request.get_json()["elements"])
        return jsonify({"id": room, "join_code": room, "facilitator_token": f"{room}.facilitator"}), 201

    @app.post("/api/join")
    def join():
        room = request.get_json()["code"]
        participant = str(uuid.uuid4())
        return jsonify({"workshop_id": room, "participant_id": participant, "token": f"{room}.{participant}"}), 201

    @app.get("/api/workshops/<room>")
    def summary(room: str):
        return jsonify({"id": room, "seq": numbers.current(room)})

    rooms: dict[str, str] = {}

    @socketio.on("connect")
    def on_connect(auth=None):
        # Tokens carry their room, so any process of a pair can admit any tablet without shared state.
        room = str((auth or {}).get("token", "")).split(".", 1)[0]
        rooms[request.sid] = room
        join_room(room)
        emit("snapshot", {"seq": numbers.current(room), "elements": seeded.get(room, [])})

    @socketio.on("disconnect")
    def on_disconnect(*_reason):
        rooms.pop(request.sid, None)

    def numbered(name: str, field: str, value: dict[str, Any]) -> dict[str, Any]:
        room = rooms[request.sid]
        with locks[room]:
            seq = numbers.next(room)
            socketio.emit(name, {field: value, "seq": seq}, to=room)
        return {"ok": True, field: value, "seq": seq}

    @socketio.on("design:create")
    def design_create(data):
        design = {"id": data.get("id") or str(uuid.uuid4()), "title": data.get("title", ""), "authors": []}
        return numbered("design:created", "design", design)

    @socketio.on("element:add")
    def element_add(data):
        # The element goes out as the client sent it, with the fields cowork adds, so messages weigh the same.
        element = {**data, "author_id": "", "version": 1, "measure": {}, "created_at": "", "updated_at": ""}
        return numbered("element:added", "element", element)

    app.extensions["socketio"] = socketio
    return app
