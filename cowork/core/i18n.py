"""Languages: Kazakh, Russian and English catalogues (shared with the browser), the choice per request, numbers.

The catalogues are `static/i18n/<lang>.json`, flat `key → text` with `{name}` placeholders and plural forms as
`key.one`, `key.few`, `key.many`, `key.other`. The scripts import the same files, so a string is translated once.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from ..config import ROOT
from .facts import MEASURE_DECIMALS

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "en"
COOKIE = "cowork_lang"
CATALOGUE_DIR = ROOT / "static" / "i18n"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The catalogue of a language."""
    return json.loads((CATALOGUE_DIR / f"{language}.json").read_text(encoding="utf-8"))


def plural_form(language: str, count: float) -> str:
    """Which plural form (`one`, `few`, `many`, `other`) a count takes in a language; the browser's strings.js
    pluralForm is the same rule, and tests/data/plural.json the cases both must agree on."""
    if language == "ru" and float(count).is_integer():
        n = int(abs(count))
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if count == 1 else "other"


def translate(language: str, key: str, count: float | None = None, **values: Any) -> str:
    """The text of a key in a language (English, then the key itself, when missing), placeholders filled."""
    texts = catalogue(language)
    if count is not None:
        form = f"{key}.{plural_form(language, count)}"
        key = form if form in texts else f"{key}.other"
        values.setdefault("count", format_number(language, count))
    text = texts.get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def round_half_up(value: float, decimals: int) -> Decimal:
    """The value rounded to `decimals`, halves away from zero, on its shortest decimal form (facts.ROUNDING)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def measure_decimals(measure: str, value: float) -> int:
    """How many decimals a measure (`area_m2`, `length_m`) of this size is written with (facts.MEASURE_DECIMALS)."""
    steps = MEASURE_DECIMALS[measure]
    finest = round_half_up(abs(value), max(decimals for _from, decimals in steps))
    return next((decimals for start, decimals in steps if finest >= Decimal(repr(float(start)))), steps[-1][1])


def format_number(language: str, value: float, decimals: int = 0) -> str:
    """A number as the language writes it: `1 234,5` in Kazakh and Russian, `1,234.5` in English; halves round
    up (facts.ROUNDING), as the browser's formatNumber does."""
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    if language in ("ru", "kk"):
        # A narrow no-break space groups thousands, a comma marks decimals.
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_measure(language: str, measure: str, value: float) -> str:
    """A measure with its unit, as the tablet's formatArea/formatLength write it: `7,217 m²`, `12.5 m`."""
    unit = {"area_m2": "unit.m2", "length_m": "unit.m"}[measure]
    return translate(language, unit, value=format_number(language, value, measure_decimals(measure, value)))
