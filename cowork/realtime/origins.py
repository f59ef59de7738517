"""Which pages may open a Socket.IO connection: those of the server's own origin, and the origins configured in
COWORK_CORS_ORIGINS. A page elsewhere that a participant happens to visit can then never talk to a workshop in
their name (cross-site websocket hijacking)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

OriginCheck = Callable[[str | None, Mapping[str, str]], bool]


def own_origins(environ: Mapping[str, str]) -> set[str]:
    """The origins this request's server answers as: its scheme and Host (after COWORK_PROXY_HOPS' ProxyFix),
    and those the proxy's X-Forwarded-Proto/-Host name, as Socket.IO's own same-origin rule has them. A browser
    cannot set those headers on a page's request, so they never let a foreign page in."""
    host = environ.get("HTTP_HOST")
    scheme = environ.get("wsgi.url_scheme", "http")
    if not host:
        return set()
    origins = {f"{scheme}://{host}"}
    if "HTTP_X_FORWARDED_PROTO" in environ or "HTTP_X_FORWARDED_HOST" in environ:
        forwarded_scheme = environ.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
        forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", host).split(",")[0].strip()
        origins.add(f"{forwarded_scheme}://{forwarded_host}")
    return origins


def same_origin_or(configured: Iterable[str] | None) -> OriginCheck:
    """The check for Socket.IO's `cors_allowed_origins`: the server's own origin always, plus the configured ones
    (`*` among them lets every origin in). python-engineio, given a list, would accept only the list, shutting out
    the server's own pages as soon as one other origin is configured."""
    extra = {origin.strip().rstrip("/") for origin in configured or () if origin.strip()}

    def allowed(origin: str | None, environ: Mapping[str, str]) -> bool:
        if not origin:
            return True  # not a browser page (engine.io checks only requests that carry an Origin)
        return "*" in extra or origin in extra or origin in own_origins(environ)

    return allowed
