"""How /ogcapi is served on a public address: one generous limit per address, links in https behind a trusted proxy,
the service-doc page in the visitor's language with no script, and docs/opendata.md showing the collections' fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from cowork import authorization
from cowork.config import Config
from cowork.core import i18n
from cowork.opendata.ogcapi.documents import fields_markdown
from cowork.opendata.service import COLLECTIONS

from ..support import assert_limited_per_address

ROOT = Path(__file__).resolve().parents[2]
OPENDATA = ROOT / "docs" / "opendata.md"


@pytest.fixture
def tuned(settings):
    """Settings for a server behind one trusted proxy, whose open data allows 3 requests a minute per address."""
    settings.PROXY_HOPS = 1
    settings.LIMIT_OGCAPI = "3/minute"
    return settings


def test_one_address_is_limited_but_others_are_not(tuned, server):
    assert_limited_per_address(server, "/ogcapi/collections", 3)
    # Every /ogcapi route shares the address's count.
    assert requests.get(f"{server}/ogcapi/collections/sites/items", timeout=10).status_code == 429


def test_the_default_limit_is_the_one_docs_and_the_table_state():
    assert Config.LIMIT_OGCAPI == "600/minute"
    assert f"default {Config.LIMIT_OGCAPI}" in authorization.OGCAPI_LIMIT
    assert f"| `COWORK_LIMIT_OGCAPI` | `{Config.LIMIT_OGCAPI}` |" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_behind_a_tls_proxy_every_link_is_https_on_the_public_host(tuned, server):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "gis.example.kz", "X-Forwarded-For": "203.0.113.7"}
    landing = requests.get(f"{server}/ogcapi", headers=forwarded, timeout=10).json()
    assert {link["href"] for link in landing["links"]} == {
        "https://gis.example.kz/ogcapi",
        "https://gis.example.kz/ogcapi/api",
        "https://gis.example.kz/ogcapi/api.html",
        "https://gis.example.kz/ogcapi/conformance",
        "https://gis.example.kz/ogcapi/collections",
    }
    definition = requests.get(f"{server}/ogcapi/api", headers=forwarded, timeout=10).json()
    assert definition["servers"] == [{"url": "https://gis.example.kz/"}]
    items = requests.get(f"{server}/ogcapi/collections/sites/items", headers=forwarded, timeout=10).json()
    assert all(link["href"].startswith("https://gis.example.kz/ogcapi/") for link in items["links"])


def test_any_web_page_may_read_the_open_data_but_not_the_rest(server):
    for path in ("/ogcapi", "/ogcapi/collections/sites/items", "/ogcapi/collections/nope"):
        response = requests.get(server + path, headers={"Origin": "https://portal.example.kz"}, timeout=10)
        assert response.headers["Access-Control-Allow-Origin"] == "*", path
    assert "Access-Control-Allow-Origin" not in requests.get(f"{server}/healthz", timeout=10).headers


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_service_doc_lists_the_collections_in_the_visitors_language(server, language):
    response = requests.get(f"{server}/ogcapi/api.html", headers={"Accept-Language": language}, timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    page = response.text
    assert f'<html lang="{language}"' in page and i18n.translate(language, "od.title") in page
    for cid, info in COLLECTIONS.items():
        assert f'id="collection-{cid}"' in page and i18n.translate(language, f"od.collection.{cid}.title") in page
        for field in info.fields:
            assert f"<code>{field.name}</code>" in page
    assert f"OAPIF:{server}/ogcapi" in page  # the commands name this server
    # No inline script: the only script is the offline shell's, from this server, as on every page.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="module" src="/static/js/shared/shell/register.js">']
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_english_collection_titles_are_the_services():
    for cid, info in COLLECTIONS.items():
        assert i18n.translate("en", f"od.collection.{cid}.title") == info.title
        assert i18n.translate("en", f"od.collection.{cid}.description") == info.description


def test_opendata_md_shows_every_collections_fields_as_they_are():
    text = OPENDATA.read_text(encoding="utf-8")
    match = re.search(r"<!-- fields -->\n(.*?)<!-- end of the fields -->", text, re.S)
    assert match, "docs/opendata.md lacks the generated fields between its markers"
    assert match.group(1) == fields_markdown(), "docs/opendata.md is stale: python -m cowork.opendata.ogcapi.documents"
    for needed in (
        "Add WFS / OGC API – Features Layer",
        "https://",
        "ogrinfo",
        "ogr2ogr",
        "OWSLib",
        "numberMatched",
        "`conformance`",
        "`data`",
        "itemType",
        "`next`",
    ):
        assert needed in text, needed
    for page in ("README.md", "docs/architecture.md"):
        assert "opendata.md" in (ROOT / page).read_text(encoding="utf-8"), page
