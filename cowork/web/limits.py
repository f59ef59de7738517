"""Limits kept by Flask-Limiter: on guessing (wrong join codes and wrong recovery codes from one address), on
the costly public downloads (GeoPackages, which GDAL writes on the server) and on reading the open data (/ogcapi,
every request counted, `COWORK_LIMIT_OGCAPI`); and on creating workshops (`COWORK_LIMIT_WORKSHOPS`), per address and
per account.

An account is whoever creates, as `Organizer.account` names it (access.py): today the organizer key's keyed hash,
so all the key's holders share one count wherever they are; once sign-on names accounts, the access service puts
the account's id there and this limit holds per account unchanged. A creator without an account (a server without
an organizer key) has the address's limit only. The key of a limit is never a credential: counts live in Redis.

Only wrong guesses count (`deduct_when` a 404): a whole hall behind one venue router joining with the right code
is never limited. The counts live in Redis when the message queue is set, so every process sees the same ones;
in memory otherwise. Behind a proxy, the address is the client's only when `COWORK_PROXY_HOPS` says how many
proxies to trust (werkzeug's ProxyFix), else every tablet looks like the proxy.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify
from flask_limiter import Limiter, RequestLimit, RouteLimit
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

from ..errors import CoworkError
from .context import organizer

limiter = Limiter(key_func=get_remote_address, strategy="moving-window", key_prefix="cowork-limits")


def wrong_guess(response: Response) -> bool:
    """Whether an answer says the guessed code matched nothing (only those count against the address)."""
    return response.status_code == 404


def refused(limit: RequestLimit, who: str = "address") -> Response:
    """The answer once an address (or account) is over its limit: `429 rate_limited` with `Retry-After` in seconds."""
    retry_after = max(1, int(limit.reset_at - time.time()))
    error = CoworkError(
        "rate_limited", f"Too many requests of this kind from this {who}; try again in {retry_after} s."
    )
    response = jsonify(error.as_dict())
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def creator_account() -> str:
    """The per-account limit's key: the creating account (`Organizer.account`, a hash, never the key itself)."""
    return organizer().account or ""


def anonymous_creator() -> bool:
    """Whether the creator has no account (no organizer key on this server): only the address's limit holds."""
    return organizer().account is None


def per_account(limit_value: Callable[[], str], scope: str) -> RouteLimit:
    """A limit per creating account (see above), counted across the routes that share its scope, refused as
    `429 rate_limited` naming the account."""
    return limiter.shared_limit(
        limit_value,
        scope,
        key_func=creator_account,
        exempt_when=anonymous_creator,
        on_breach=lambda limit: refused(limit, "account"),
    )


def creating_workshops() -> Callable:
    """COWORK_LIMIT_WORKSHOPS on a route that makes a workshop (a new one, or one imported from an archive): one
    count per address and one per account, shared by every such route."""
    limit_value = lambda: current_app.config["LIMIT_WORKSHOPS"]  # noqa: E731  read per request (tests change it)
    by_address = limiter.shared_limit(limit_value, "workshops-by-address")
    by_account = per_account(limit_value, "workshops-by-account")
    return lambda route: by_address(by_account(route))


def init_limits(app: Flask, settings) -> None:
    """Bind the limiter to the app, with Redis storage when several processes share a message queue."""
    app.config["RATELIMIT_STORAGE_URI"] = settings.MESSAGE_QUEUE or "memory://"
    app.config["RATELIMIT_ON_BREACH"] = refused
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def over_limit(error: RateLimitExceeded):
        return error.response if error.response is not None else refused_now(error)


def refused_now(error: RateLimitExceeded) -> Response:
    """A `429 rate_limited` for a limit breached without a prepared answer."""
    response = jsonify(CoworkError("rate_limited", "Too many tries from this address; wait a minute.").as_dict())
    response.status_code = 429
    response.headers["Retry-After"] = "60"
    return response
