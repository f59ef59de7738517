"""What every response says to the browser about safety, built in one place: the Content Security Policy and the
other security headers, the facilitator's page cookie (Secure whenever the request came over TLS), and which
proxies in front of cowork are believed about the client's address, scheme and host."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix


def tile_source(tile_url: str) -> str:
    """The origin (with a wildcard for `{s}` subdomains) that map tiles come from, or an empty string (no tiles,
    or tiles of our own origin, such as COWORK_BASEMAP's `/tiles/...`, which `'self'` already allows)."""
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if not parts.netloc:
        return ""
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str = "", nonce: str | None = None) -> str:
    """The policy: scripts only from our own origin (plus, with a nonce, the page's own inline scripts), so user
    text can never run as code even if it slipped into HTML; images also from the tile server; no plugins, no
    <base> elsewhere, forms only to us, no framing by others."""
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    tiles = tile_source(tile_url)
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:{' ' + tiles if tiles else ''}; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )


def worker_policy(tile_url: str = "") -> str:
    """The service worker's own policy: it runs no other script and fetches only from us and the tile server
    (it keeps tiles seen online for the venue's dead Wi-Fi)."""
    tiles = tile_source(tile_url)
    return f"default-src 'none'; script-src 'self'; connect-src 'self'{' ' + tiles if tiles else ''}"


# Sent with every response, HTML or not (JSON, photos, exports, static files).
HEADERS = {
    # Answers are what their Content-Type says: a JSON answer or an upload is never read as HTML or script.
    "X-Content-Type-Options": "nosniff",
    # Links out of cowork carry no address: a page's path holds workshop and project ids.
    "Referrer-Policy": "no-referrer",
    # frame-ancestors for browsers that predate it.
    "X-Frame-Options": "SAMEORIGIN",
}


class TlsAwareSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session whose cookie is `Secure` whenever the request came over TLS (directly, or
    through a trusted proxy: COWORK_PROXY_HOPS), so it never travels over plain HTTP once sent over HTTPS, and
    still works on a venue laptop served over plain HTTP."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


def init_security(app: Flask, tile_url: str, hsts_seconds: int = 0) -> None:
    """The facilitator's cookie (HttpOnly, SameSite=Lax, Secure over TLS) and the headers of every response.
    Pages with inline scripts (results, report) set their own policy, with their nonce. Strict-Transport-Security
    only on answers to requests that came over TLS (served by us, or through a trusted proxy): over plain HTTP
    browsers ignore it, and a venue laptop served without TLS must stay reachable."""
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    app.session_interface = TlsAwareSessionInterface()
    csp = content_security_policy(tile_url)
    hsts = f"max-age={hsts_seconds}" if hsts_seconds > 0 else ""

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", csp)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts and request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", hsts)
        return response


def trust_proxies(app: Flask, hops: int) -> None:
    """Behind `hops` trusted proxies (nginx: 1), take the client's address, the scheme and the host from their
    X-Forwarded-For/-Proto/-Host; with none, those headers are ignored (anyone can send them). Wraps everything
    (Socket.IO included), so it must run after the rest of the app is set up."""
    if hops > 0:
        # Flask's documented way to add WSGI middleware: replace the method by a wrapper of it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
