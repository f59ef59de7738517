"""Languages: complete catalogues in Kazakh, Russian and English, the choice per request, numbers, no raw text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cowork import i18n

ROOT = Path(__file__).resolve().parent.parent
PLURAL_FORMS = {"en": ("one", "other"), "kk": ("one", "other"), "ru": ("one", "few", "many", "other")}
# Templates whose every visible word comes from the catalogues.
TRANSLATED_TEMPLATES = ["pages/results.html", "pages/results_locked.html", "pages/report.html"]


def base_keys(language: str) -> set[str]:
    return {re.sub(r"\.(one|few|many|other)$", "", key) for key in i18n.catalogue(language)}


def test_every_language_has_every_key_and_its_plural_forms():
    english = base_keys("en")
    for language in i18n.LANGUAGES:
        texts = i18n.catalogue(language)
        assert base_keys(language) == english, f"{language}: missing {english - base_keys(language)}, extra {base_keys(language) - english}"
        for key in english:
            forms = [k for k in i18n.catalogue("en") if k.startswith(key + ".") and k.rsplit(".", 1)[1] in ("one", "other")]
            if forms:
                for form in PLURAL_FORMS[language]:
                    assert f"{key}.{form}" in texts, f"{language}: {key}.{form}"
        for key, text in texts.items():
            assert text.strip(), f"{language}: {key} is empty"
            placeholders = set(re.findall(r"\{(\w+)\}", i18n.catalogue("en").get(key) or i18n.catalogue("en").get(re.sub(r"\.\w+$", ".other", key), "")))
            assert set(re.findall(r"\{(\w+)\}", text)) <= placeholders | {"count"}, f"{language}: {key} has unknown placeholders"


@pytest.mark.parametrize(
    "cookie, header, expected",
    [
        (None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        (None, "kk-KZ,kk;q=0.9,ru;q=0.8", "kk"),
        (None, "de-DE,de;q=0.9", "en"),
        (None, "de;q=0.9,ru;q=0.5", "ru"),
        (None, "en;q=0.4,kk;q=0.8", "kk"),
        (None, None, "en"),
        ("kk", "ru-RU", "kk"),
        ("xx", "ru-RU", "ru"),
    ],
)
def test_language_choice(cookie, header, expected):
    assert i18n.choose_language(cookie, header) == expected


def test_numbers_and_plurals_follow_the_language():
    assert i18n.format_number("ru", 1234.5, 1) == "1\u202f234,5"
    assert i18n.format_number("kk", 1234567) == "1\u202f234\u202f567"
    assert i18n.format_number("en", 1234.5, 1) == "1,234.5"
    assert i18n.translate("ru", "results.votes", count=1) == "1 голос"
    assert i18n.translate("ru", "results.votes", count=3) == "3 голоса"
    assert i18n.translate("ru", "results.votes", count=11) == "11 голосов"
    assert i18n.translate("ru", "results.votes", count=21) == "21 голос"
    assert i18n.translate("en", "results.votes", count=2) == "2 votes"
    assert i18n.translate("kk", "unit.m2", value=i18n.format_number("kk", 1234.5, 1)) == "1\u202f234,5 м²"


@pytest.mark.parametrize("template", TRANSLATED_TEMPLATES)
def test_templates_show_no_untranslatable_text(template):
    source = (ROOT / "templates" / template).read_text(encoding="utf-8")
    source = re.sub(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", " ", source)  # a CSS class, not text
    stripped = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", source, flags=re.S)
    stripped = re.sub(r"<(script|style)\b.*?</\1>", " ", stripped, flags=re.S)
    attributes = re.findall(r'\s(?:alt|title|aria-label|placeholder)="([^"]*)"', stripped)
    text = re.sub(r"<[^>]+>", " ", stripped)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", " ".join([text, *attributes])) if w not in ("cowork",)]
    assert not words, f"{template} shows text outside the catalogues: {words[:10]}"


def test_server_pages_follow_accept_language_and_the_cookie(client, cowork):
    from .test_results import Session

    session = Session(cowork)
    session.close()
    url = f"/w/{session.workshop_id}/results"
    russian = client.get(url, headers={"Accept-Language": "ru-RU,ru;q=0.9"}).get_data(as_text=True)
    assert "Деревья" in russian and "3 голоса" in russian and re.search("13\u202f5\\d\\d м²", russian)
    assert '<html lang="ru"' in russian
    client.set_cookie(i18n.COOKIE, "kk")
    kazakh = client.get(url, headers={"Accept-Language": "ru-RU"}).get_data(as_text=True)
    assert "Ағаштар" in kazakh and '<html lang="kk"' in kazakh


def test_language_switch_remembers_the_choice_and_only_redirects_on_site(client):
    response = client.get("/lang/kk?next=/new")
    assert response.status_code == 302 and response.headers["Location"] == "/new"
    assert "cowork_lang=kk" in response.headers["Set-Cookie"]
    assert client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True).count('<html lang="kk"') == 1
    for evil in ("https://evil.example/", "//evil.example/", "/\\\\evil.example"):
        assert client.get(f"/lang/ru?next={evil}").headers["Location"] == "/"
    assert client.get("/lang/de").status_code == 404
