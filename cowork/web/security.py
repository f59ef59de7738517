"""The Content Security Policy, built in one place for every response."""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit


def tile_source(tile_url: str) -> str:
    """The origin (with a wildcard for `{s}` subdomains) that map tiles come from, or an empty string."""
    if not tile_url:
        return ""
    parts = urlsplit(tile_url.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str = "", nonce: Optional[str] = None) -> str:
    """The policy: scripts only from our own origin (plus, with a nonce, the page's own inline scripts), so user
    text can never run as code even if it slipped into HTML; images also from the tile server; no framing by others."""
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    tiles = tile_source(tile_url)
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:{' ' + tiles if tiles else ''}; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; frame-ancestors 'self'"
    )
