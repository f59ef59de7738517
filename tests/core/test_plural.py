"""One plural rule for both sides: every row of tests/data/plural.json, which tests/js/shared/plural.test.mjs checks
against the browser's strings.js (pluralForm). The table must cover every language of the catalogues, every form
each catalogue uses, and the counts where the rules turn."""

from __future__ import annotations

import json
import re

import pytest

from cowork.core import i18n

from ..support import DATA

TABLE = json.loads((DATA / "plural.json").read_text(encoding="utf-8"))
# The counts where the rules of kk, ru and en turn: each language's rows must hold them all.
TURNS = (0, 1, 2, 5, 11, 21, 22, 25, 101, 111)
ROWS = [(language, count, form) for language, rows in TABLE["forms"].items() for count, form in rows]


@pytest.mark.parametrize("language, count, form", ROWS)
def test_every_row_is_the_form_the_server_chooses(language, count, form):
    assert i18n.plural_form(language, count) == form


def test_the_table_covers_every_language_and_form_of_the_catalogues():
    languages = sorted(path.stem for path in i18n.CATALOGUE_DIR.glob("*.json"))
    assert sorted(TABLE["forms"]) == languages == sorted(i18n.LANGUAGES)
    for language in languages:
        texts = i18n.catalogue(language)
        used = {
            match.group(2)
            for key in texts
            if (match := re.fullmatch(r"(.+)\.(one|few|many|other)", key)) and f"{match.group(1)}.other" in texts
        }
        chosen = {form for count, form in TABLE["forms"][language]}
        assert used <= chosen, f"{language}: no row chooses {used - chosen}"
        counts = {count for count, _form in TABLE["forms"][language]}
        assert set(TURNS) <= counts, f"{language}: no row for {set(TURNS) - counts}"
