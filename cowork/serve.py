"""Serving: the app on a server that carries WebSocket, and the demo workshop printed for a newcomer."""

from __future__ import annotations

from .config import Config


def serve(settings: Config, *, host: str, port: int, demo: bool, dev: bool) -> int:
    """Create the app (its schema made current), optionally prepare the demo, and serve until stopped."""
    from . import create_app
    from .demo import ensure_demo

    app = create_app(settings)
    socketio = app.extensions["socketio"]
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown_host}:{port}"
    if demo:
        workshop, facilitator_token = ensure_demo(app.extensions["cowork"])
        print(f"Demo workshop: {workshop['title']}", flush=True)
        print(f"  Join code:         {workshop['join_code']}   (participants open {base}/)", flush=True)
        print(f"  Facilitator link:  {base}/w/{workshop['id']}#token={facilitator_token}", flush=True)
    print(f"cowork is serving on {base}/", flush=True)
    # Until the production server lands, the development server serves both ways.
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
    return 0
