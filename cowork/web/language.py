"""The language of each page: chosen per request, offered to templates as t(), tn() and num()."""

from __future__ import annotations

import re

from flask import Flask, g, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from ..core import i18n

# A path of this site: one slash, then no slash or backslash, and no space or control character anywhere.
_LOCAL_PATH = re.compile(r"/(?![/\\])[^\x00-\x20\x7f\\]*")


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The device's remembered choice, else the browser's preference (Accept-Language, read by werkzeug's own
    parser: qualities, and `ru-RU` matching `ru`), else English."""
    if cookie in i18n.LANGUAGES:
        return cookie
    accepted = parse_accept_header(accept_language, LanguageAccept)
    # English first, so that a bare `*` (any language) gets the default.
    offered = sorted(i18n.LANGUAGES, key=lambda code: code != i18n.DEFAULT_LANGUAGE)
    return accepted.best_match(offered, default=i18n.DEFAULT_LANGUAGE)


def init_language(app: Flask) -> None:
    """Choose the language before each request and give templates their helpers."""
    register_language_switch(app)

    @app.before_request
    def remember_language() -> None:
        g.lang = choose_language(request.cookies.get(i18n.COOKIE), request.headers.get("Accept-Language"))

    @app.context_processor
    def language_helpers() -> dict:
        lang = getattr(g, "lang", i18n.DEFAULT_LANGUAGE)
        return {
            "lang": lang,
            "languages": [(code, i18n.catalogue(code)["lang.name"]) for code in i18n.LANGUAGES],
            "t": lambda key, **values: i18n.translate(lang, key, **values),
            "tn": lambda key, count, **values: i18n.translate(lang, key, count=count, **values),
            "num": lambda value, decimals=0: i18n.format_number(lang, value, decimals),
            # A measure with its unit, written as the tablet writes it (facts.MEASURE_DECIMALS).
            "area": lambda value: i18n.format_measure(lang, "area_m2", value),
            "length": lambda value: i18n.format_measure(lang, "length_m", value),
        }


def register_language_switch(app: Flask) -> None:
    """`GET /lang/<code>?next=/path`: remember the language on this device (a cookie) and go back."""
    from flask import abort, redirect

    @app.get("/lang/<code>")
    def switch_language(code: str):
        if code not in i18n.LANGUAGES:
            abort(404)
        target = request.args.get("next", "/")
        # Only paths on this site: never an open redirect (browsers drop tabs and newlines, so `/\t/evil.example`
        # would be `//evil.example`), never a header broken by a newline.
        if not _LOCAL_PATH.fullmatch(target):
            target = "/"
        response = redirect(target)
        response.set_cookie(
            i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True, secure=request.is_secure
        )
        return response
