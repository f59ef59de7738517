"""Languages: Kazakh, Russian and English catalogues (shared with the browser), the choice per request, numbers.

The catalogues are `static/i18n/<lang>.json`, flat `key → text` with `{name}` placeholders and plural forms as
`key.one`, `key.few`, `key.many`, `key.other`. The scripts import the same files, so a string is translated once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Optional

from .config import ROOT

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "en"
COOKIE = "cowork_lang"
CATALOGUE_DIR = ROOT / "static" / "i18n"


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """The catalogue of a language."""
    return json.loads((CATALOGUE_DIR / f"{language}.json").read_text(encoding="utf-8"))


def _plural_form(language: str, count: float) -> str:
    if language == "ru" and float(count).is_integer():
        n = int(abs(count))
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if count == 1 else "other"


def translate(language: str, key: str, count: Optional[float] = None, **values: Any) -> str:
    """The text of a key in a language (English, then the key itself, when missing), placeholders filled."""
    texts = catalogue(language)
    if count is not None:
        form = f"{key}.{_plural_form(language, count)}"
        key = form if form in texts else f"{key}.other"
        values.setdefault("count", format_number(language, count))
    text = texts.get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def format_number(language: str, value: float, decimals: int = 0) -> str:
    """A number as the language writes it: `1 234,5` in Kazakh and Russian, `1,234.5` in English."""
    text = f"{value:,.{decimals}f}"
    if language in ("ru", "kk"):
        # A narrow no-break space groups thousands, a comma marks decimals.
        text = text.replace(",", "\u202f").replace(".", ",")
    return text
