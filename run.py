"""Serve cowork: `python run.py [--host H] [--port P] [--demo]`."""

from __future__ import annotations

import argparse
import logging

from cowork import create_app
from cowork.demo import ensure_demo


def main() -> None:
    """Parse the command line, optionally prepare the demo workshop, and serve."""
    parser = argparse.ArgumentParser(description="cowork: co-design public spaces on a shared live map")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for the venue network)")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on")
    parser.add_argument("--demo", action="store_true", help="make sure a demo workshop exists and print how to join it")
    args = parser.parse_args()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app()
    socketio = app.extensions["socketio"]
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    base = f"http://{shown_host}:{args.port}"
    if args.demo:
        workshop, facilitator_token = ensure_demo(app.extensions["cowork"])
        print(f"Demo workshop: {workshop['title']}", flush=True)
        print(f"  Join code:         {workshop['join_code']}   (participants open {base}/)", flush=True)
        print(f"  Facilitator link:  {base}/w/{workshop['id']}#token={facilitator_token}", flush=True)
    print(f"cowork is serving on {base}/", flush=True)
    socketio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
