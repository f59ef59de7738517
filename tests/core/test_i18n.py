"""Languages: complete catalogues in Kazakh, Russian and English, the choice per request, numbers, no raw text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cowork.core import i18n
from cowork.web.language import choose_language

ROOT = Path(__file__).resolve().parents[2]
PLURAL_FORMS = {"en": ("one", "other"), "kk": ("one", "other"), "ru": ("one", "few", "many", "other")}
# Templates whose every visible word comes from the catalogues.
TRANSLATED_TEMPLATES = [
    "base.html",
    "language_switch.html",
    "map_assets.html",
    "map_defs.html",
    "workshop/home.html",
    "workshop/new.html",
    "workshop/workshop.html",
    "workshop/console.html",
    "workshop/projector.html",
    "workshop/replay.html",
    "workshop/results.html",
    "workshop/results_locked.html",
    "supervision/report.html",
    "supervision/supervise.html",
    "supervision/progress.html",
    "city/city.html",
    "supervision/recover.html",
    "opendata/ogcapi.html",
]
# String literals that read like words but are code: names of DOM events, a Socket.IO disconnect reason.
NOT_PROSE = {"touchstart mousedown", "io server disconnect"}


def base_keys(language: str) -> set[str]:
    return {re.sub(r"\.(one|few|many|other)$", "", key) for key in i18n.catalogue(language)}


def test_every_language_has_every_key_and_its_plural_forms():
    english = base_keys("en")
    for language in i18n.LANGUAGES:
        texts = i18n.catalogue(language)
        assert base_keys(language) == english, (
            f"{language}: missing {english - base_keys(language)}, extra {base_keys(language) - english}"
        )
        for key in english:
            forms = [
                k for k in i18n.catalogue("en") if k.startswith(key + ".") and k.rsplit(".", 1)[1] in ("one", "other")
            ]
            if forms:
                for form in PLURAL_FORMS[language]:
                    assert f"{key}.{form}" in texts, f"{language}: {key}.{form}"
        for key, text in texts.items():
            assert text.strip(), f"{language}: {key} is empty"
            placeholders = set(
                re.findall(
                    r"\{(\w+)\}",
                    i18n.catalogue("en").get(key) or i18n.catalogue("en").get(re.sub(r"\.\w+$", ".other", key), ""),
                )
            )
            assert set(re.findall(r"\{(\w+)\}", text)) <= placeholders | {"count"}, (
                f"{language}: {key} has unknown placeholders"
            )


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
    assert choose_language(cookie, header) == expected


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
    from ..workshop.test_results import Session

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


def translated_scripts() -> list[Path]:
    """Every script: all their words come from the catalogues."""
    return sorted((ROOT / "static" / "js").rglob("*.js"))


def js_string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal of a script, comments skipped; a template literal's ${…} counts as a gap."""
    found: list[tuple[int, str]] = []
    position, line, length = 0, 1, len(source)
    # Before a slash, this decides between a regular expression and a division.
    regex_may_follow = True

    def skip_comment() -> bool:
        nonlocal position, line
        if source.startswith("//", position):
            end = source.find("\n", position)
            position = length if end < 0 else end
            return True
        if source.startswith("/*", position):
            end = source.find("*/", position + 2)
            end = length if end < 0 else end + 2
            line += source.count("\n", position, end)
            position = end
            return True
        return False

    def quoted(quote: str) -> None:
        nonlocal position
        start = position + 1
        position = start
        while position < length and source[position] != quote:
            position += 2 if source[position] == "\\" else 1
        found.append((line, source[start:position]))
        position += 1

    def regex() -> None:
        nonlocal position
        position += 1
        in_class = False
        while position < length and source[position] != "\n":
            char = source[position]
            if char == "\\":
                position += 1
            elif char == "[":
                in_class = True
            elif char == "]":
                in_class = False
            elif char == "/" and not in_class:
                break
            position += 1
        position += 1

    def template() -> None:
        nonlocal position, line
        start_line, parts = line, []
        position += 1
        while position < length and source[position] != "`":
            if source[position] == "\\":
                parts.append(source[position : position + 2])
                position += 2
            elif source.startswith("${", position):
                parts.append(" ")
                position += 2
                code(until_brace=True)
            else:
                line += source[position] == "\n"
                parts.append(source[position])
                position += 1
        found.append((start_line, "".join(parts)))
        position += 1

    def code(until_brace: bool = False) -> None:
        nonlocal position, line, regex_may_follow
        depth = 0
        while position < length:
            char = source[position]
            if char == "/" and skip_comment():
                continue
            if char in "\"'":
                quoted(char)
                regex_may_follow = False
            elif char == "`":
                template()
                regex_may_follow = False
            elif char == "/" and regex_may_follow:
                regex()
                regex_may_follow = False
            elif until_brace and char == "}" and depth == 0:
                position += 1
                return
            else:
                depth += {"{": 1, "}": -1}.get(char, 0)
                line += char == "\n"
                if source.startswith("return", position) and not source[position + 6 : position + 7].isalnum():
                    position += 6
                    regex_may_follow = True
                    continue
                if not char.isspace():
                    regex_may_follow = not (char.isalnum() or char in "_$)]")
                position += 1

    code()
    return found


def looks_like_prose(text: str) -> bool:
    """Two or more words of letters separated by spaces, and nothing code-like (selectors, URLs, markup, CSS
    classes)."""
    text = re.sub(r"\{\w+\}", " ", text)  # a placeholder is a gap, so "Design by {name}" still counts
    if re.search(r"[#\[\]={}<>\\]|\S[./:]\S|--|__", text):
        return False
    words = [token for token in text.split() if re.fullmatch(r"[(«“\"']*[^\W\d_]{2,}[.,;:!?…)»”\"']*", token)]
    return len(words) >= 2


def test_the_prose_detector_tells_words_from_code():
    literals = [
        text
        for _line, text in js_string_literals(
            'const a = "Draw the site"; // "not this one"\n'
            "/* nor 'this one' */ const b = `Design by ${name.trim()} now`;\n"
            "const c = value / 2 / 3; const d = /it's [a-z]\\/ x/.test(e) ? 'btn btn--primary' : 'Save shape';\n"
        )
    ]
    assert literals == ["Draw the site", "Design by   now", "btn btn--primary", "Save shape"]
    assert [looks_like_prose(text) for text in literals] == [True, True, False, True]
    assert not any(
        map(
            looks_like_prose,
            [
                "#design-list .item",
                "http://www.w3.org/2000/svg",
                "M12 14v8",
                "a.b c.d",
                "{count} / {max}",
                "cowork.identity.",
                "Escape",
            ],
        )
    )


def test_scripts_show_no_text_outside_the_catalogues():
    problems = []
    for path in translated_scripts():
        for line, text in js_string_literals(path.read_text(encoding="utf-8")):
            if looks_like_prose(text) and text not in NOT_PROSE:
                problems.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not problems, "text to move into static/i18n/*.json:\n" + "\n".join(problems)


def test_every_key_the_scripts_and_templates_use_exists():
    english = i18n.catalogue("en")
    sources = [*translated_scripts(), *(ROOT / "templates").rglob("*.html")]
    missing = []
    for path in sources:
        # Whole literal keys only: t("kind." ~ kind) in Jinja and t(`phase.${phase}`) in scripts are built at run time.
        for function, _quote, key in re.findall(
            r"\b(tn?)\(\s*([\"'])([\w.]+)\2\s*[,)]", path.read_text(encoding="utf-8")
        ):
            wanted = f"{key}.other" if function == "tn" else key
            if wanted not in english:
                missing.append(f"{path.relative_to(ROOT)}: {function}({key!r})")
    assert not missing, "keys missing from static/i18n/en.json:\n" + "\n".join(missing)


def test_every_error_code_of_the_api_has_a_translated_message():
    from cowork.errors import HTTP_STATUS

    for language in i18n.LANGUAGES:
        missing = [code for code in HTTP_STATUS if f"error.{code}" not in i18n.catalogue(language)]
        assert not missing, f"{language}: no error.<code> for {missing}"


# Kazakh says one word for each thing: the site is "аумақ" and a sketch "нобай" everywhere (the open-data card and
# the od.* strings once said "учаске" and "эскиз", words a resident met nowhere else).
KAZAKH_TERMS = {"аумақ": ("учаске",), "нобай": ("эскиз",)}


@pytest.mark.parametrize("term", sorted(KAZAKH_TERMS))
def test_the_kazakh_catalogue_uses_one_word_for_the_site_and_for_a_sketch(term):
    catalogue = i18n.catalogue("kk")
    assert any(term in text.lower() for text in catalogue.values()), term
    for other in KAZAKH_TERMS[term]:
        found = {key: text for key, text in catalogue.items() if other in text.lower()}
        assert not found, f"kk says «{other}» where it says «{term}» elsewhere: {found}"
