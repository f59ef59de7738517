"""The demo speaks one language: the one it is made in (`--lang`, else the system's), titles, notes, people and
the facilitator's name included, in its workshop and in the city beside it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cowork.core import i18n
from cowork.models.workshop import Workshop
from cowork.ops.demo.workshop import demo_language, ensure_demo

# Names that stay as they are in every language: the contractor's, a company's.
NEUTRAL = {"Qala Build"}


# The fields whose words people read: titles, names, notes, a sign's text, a tree's species, a project's details.
READ = {"title", "site_name", "name", "note", "notes", "conditions", "text", "species", "organisation", "contractor"}


def words_of(value) -> list[str]:
    """Every text a person reads in an archive or the city map: the values of READ's fields, wherever they are."""
    if isinstance(value, dict):
        return [
            word
            for key, item in value.items()
            for word in ([item] if key in READ and isinstance(item, str) and item else words_of(item))
        ]
    if isinstance(value, list):
        return [word for item in value for word in words_of(item)]
    return []


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_demo_is_all_in_its_language(cowork, language):
    demo, token = ensure_demo(cowork, language)
    assert demo["title"] == i18n.translate(language, "demo.workshop_title")
    facilitator = cowork.access.participant(token)
    designs = cowork.state.snapshot(facilitator)["designs"]
    assert designs[0]["authors"][0]["name"] == i18n.translate(language, "new.facilitator_name")
    # Every workshop the demo made (its own and the city's two), archived whole, and the city map: no English left.
    with cowork.db.read() as session:
        workshop_ids = list(session.scalars(select(Workshop.id)))
    assert len(workshop_ids) == 3
    archives = [
        cowork.archive.export(wid, cowork.access.participant(cowork.workshops.reissue_facilitator_token(wid)))
        for wid in workshop_ids
    ]
    texts = words_of(archives) + words_of(cowork.city.city()) + words_of(cowork.city.layers("-180,-90,180,90", "22"))
    assert len(texts) > 30
    english = [text for text in texts if re.search(r"[A-Za-z]{3}", text) and text not in NEUTRAL]
    assert not english, english


def test_the_demo_takes_the_system_language_when_it_is_one_of_ours():
    assert demo_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert demo_language({"LC_ALL": "kk_KZ.UTF-8", "LANG": "ru_RU.UTF-8"}) == "kk"
    assert demo_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert demo_language({"LANG": "C.UTF-8"}) == "en"
    assert demo_language({}) == "en"
