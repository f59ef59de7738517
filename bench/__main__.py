"""The bench's command line: a suite, one scenario with its sizes, a profile, or the tables of the results.

    python -m bench run --suite quick|full
    python -m bench tablets --sizes 10,50,200,500 [--rate 10] [--drawers 10]
    python -m bench workshops --sizes 1,10,50 [--tablets 20] [--rate 1]
    python -m bench saturation [--tablets 40] [--rates 20,40,...] [--step 8] [--limit 250]
    python -m bench snapshot --sizes 1000,5000 [--joins 5]
    python -m bench modes [--servers werkzeug,gthread,gevent,gunicorn-gevent,eventlet]
    python -m bench databases | processes
    python -m bench files [--workshops 10] [--tablets 20] [--rate 1] [--uploaders 2]
    python -m bench profile workshops|saturation|snapshot [--size N]
    python -m bench render [RESULT.json ...] [--into docs/performance.md]
Common options: --server, --database sqlite|postgres, --duration S, --repeat N, --generators N, --no-pin, --deflate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import scenarios
from bench.servers import SERVERS


def _numbers(text: str, kind=int) -> tuple:
    return tuple(kind(x) for x in text.split(",") if x)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description="cowork against a bare relay, same run")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--server", choices=SERVERS, default="werkzeug", help="how both apps are served")
    common.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    common.add_argument("--duration", type=float, default=20.0, help="seconds of each fan-out measurement")
    common.add_argument("--repeat", type=int, default=1, help="rounds of relay-then-cowork, for the spread")
    common.add_argument("--generators", type=int, default=1, help="load generator processes")
    common.add_argument("--no-pin", dest="pin", action="store_false", help="do not taskset server and generators apart")
    common.add_argument("--deflate", action="store_true", help="tablets offer permessage-deflate, as browsers do")
    common.add_argument("--processes", type=int, default=1, help="server processes behind Redis (unpinned)")
    common.add_argument("--tag", default="", help="a name for this result beside its scenario's (e.g. repeat)")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", parents=[common], help="a whole suite")
    run.add_argument("--suite", choices=tuple(scenarios.SUITES), default="quick")
    tablets = commands.add_parser("tablets", parents=[common], help="tablets in one workshop")
    tablets.add_argument("--sizes", type=_numbers, default=(10, 50, 200, 300, 500))
    tablets.add_argument("--rate", type=float, default=10.0, help="edits a second in the workshop")
    tablets.add_argument("--drawers", type=int, default=10)
    workshops = commands.add_parser("workshops", parents=[common], help="workshops at once")
    workshops.add_argument("--sizes", type=_numbers, default=(1, 10, 50))
    workshops.add_argument("--tablets", type=int, default=20)
    workshops.add_argument("--rate", type=float, default=1.0, help="edits a second in each workshop")
    saturation = commands.add_parser(
        "saturation", parents=[common], help="accepted edits a second before p99 passes the limit"
    )
    saturation.add_argument("--tablets", type=int, default=40)
    saturation.add_argument("--rates", type=lambda t: _numbers(t, float), default=scenarios.RAMP)
    saturation.add_argument("--step", type=float, default=8.0)
    saturation.add_argument("--limit", type=float, default=250.0)
    saturation.add_argument("--closed", type=float, default=10.0, help="seconds of the closed loop after the ramp")
    snapshot = commands.add_parser("snapshot", parents=[common], help="a tablet joining a big workshop")
    snapshot.add_argument("--sizes", type=_numbers, default=(1000, 5000))
    snapshot.add_argument("--joins", type=int, default=5)
    modes = commands.add_parser("modes", parents=[common], help="servers and async modes")
    modes.add_argument(
        "--servers",
        type=lambda t: tuple(t.split(",")),
        default=("werkzeug", "gthread", "gevent", "gunicorn-gevent", "eventlet"),
    )
    modes.add_argument("--workshops", type=int, default=10)
    modes.add_argument("--no-saturation", dest="saturate", action="store_false")
    for name, default in (("databases", 50), ("processes", 10)):
        variant = commands.add_parser(name, parents=[common])
        variant.add_argument("--workshops", type=int, default=default)
        variant.add_argument("--no-saturation", dest="saturate", action="store_false")
    files = commands.add_parser("files", parents=[common], help="workshops drawing while costly site files arrive")
    files.add_argument("--workshops", type=int, default=10)
    files.add_argument("--tablets", type=int, default=20)
    files.add_argument("--rate", type=float, default=1.0, help="edits a second in each workshop")
    files.add_argument("--uploaders", type=int, default=2, help="clients posting site files back to back")
    profile = commands.add_parser("profile", parents=[common], help="py-spy on the cowork server under a load")
    profile.add_argument("load", choices=("workshops", "saturation", "snapshot"))
    profile.add_argument("--size", type=int, default=0, help="workshops, tablets or elements (default 50, 40, 5000)")
    render = commands.add_parser("render", help="the tables of docs/performance.md from results")
    render.add_argument("results", nargs="*", type=Path)
    render.add_argument("--into", type=Path, help="replace the generated part of this file")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "render":
        from bench.render import render_command

        return render_command(args.results, args.into)
    options = scenarios.Options(
        server=args.server,
        database=args.database,
        duration=args.duration,
        repeat=args.repeat,
        generators=args.generators,
        pin=args.pin and args.processes == 1,
        deflate=args.deflate,
        tag=args.tag,
        processes=args.processes,
    )
    if args.command == "run":
        scenarios.run_suite(args.suite, options)
    elif args.command == "files":
        from bench.files import files

        scenarios.save(files(options, args.workshops, args.tablets, args.rate, args.uploaders))
    elif args.command == "profile":
        from bench.profiling import profile

        scenarios.save(profile(options, args.load, args.size))
    else:
        shared = (
            "command",
            "server",
            "database",
            "duration",
            "repeat",
            "generators",
            "pin",
            "deflate",
            "tag",
            "processes",
        )
        params = {k: v for k, v in vars(args).items() if k not in shared}
        renamed = {
            "tablets": "tablets_n" if args.command == "saturation" else "tablets_each",
            "workshops": "workshops_n",
            "limit": "limit_ms",
            "closed": "closed_s",
        }
        params = {renamed.get(k, k): v for k, v in params.items()}
        scenarios.save(scenarios.SCENARIOS[args.command](options, **params))
    return 0


if __name__ == "__main__":
    sys.exit(main())
