"""The language of each page: chosen per request, offered to templates as t(), tn() and num()."""

from __future__ import annotations

from flask import Flask, g, request

from .. import i18n


def init_language(app: Flask) -> None:
    """Choose the language before each request and give templates their helpers."""
    register_language_switch(app)

    @app.before_request
    def choose_language() -> None:
        g.lang = i18n.choose_language(request.cookies.get(i18n.COOKIE), request.headers.get("Accept-Language"))

    @app.context_processor
    def language_helpers() -> dict:
        lang = getattr(g, "lang", i18n.DEFAULT_LANGUAGE)
        return {
            "lang": lang,
            "languages": [(code, i18n.catalogue(code)["lang.name"]) for code in i18n.LANGUAGES],
            "t": lambda key, **values: i18n.translate(lang, key, **values),
            "tn": lambda key, count, **values: i18n.translate(lang, key, count=count, **values),
            "num": lambda value, decimals=0: i18n.format_number(lang, value, decimals),
        }


def register_language_switch(app: Flask) -> None:
    """`GET /lang/<code>?next=/path`: remember the language on this device (a cookie) and go back."""
    from flask import abort, redirect

    @app.get("/lang/<code>")
    def switch_language(code: str):
        if code not in i18n.LANGUAGES:
            abort(404)
        target = request.args.get("next", "/")
        # Only paths on this site: never an open redirect.
        if not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = "/"
        response = redirect(target)
        response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax")
        return response
