"""The demo workshop: a real site from the Almaty fixtures, with one sample design, ready to join; beside it, the
demo's city (demo/city.py): finished workshops and a project under construction on the other sites.

Everything the demo writes (titles, names, notes, the facilitator's name) is in the language it is first started in
(`--lang`, else the system's, else English): the catalogues' `demo.*` texts. Those are stored as people would have
typed them, so a later start in another language keeps them."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ...config import ROOT
from ...core import i18n
from ...services import Cowork, Identity
from ...workshop.payloads import DesignCreate, ElementAdd, WorkshopCreate
from .city import seed_city

FIXTURE_PATHS = (
    ROOT.parent / "shared" / "fixtures" / "almaty-sites.geojson",
    ROOT / "tests" / "data" / "almaty-sites.geojson",
)

# A few elements in Panfilov Park, clear of the memorial zone (the site's hole).
SAMPLE_ELEMENTS: list[tuple[str, dict, str]] = [
    ("path", {"type": "LineString", "coordinates": [[76.9515, 43.2600], [76.9540, 43.2598], [76.9555, 43.2604]]}, ""),
    ("tree", {"type": "Point", "coordinates": [76.9520, 43.2604]}, ""),
    ("tree", {"type": "Point", "coordinates": [76.9530, 43.2604]}, ""),
    ("bench", {"type": "Point", "coordinates": [76.9535, 43.2596]}, ""),
    (
        "play_area",
        {
            "type": "Polygon",
            "coordinates": [
                [[76.9520, 43.2570], [76.9535, 43.2570], [76.9535, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]
            ],
        },
        "",
    ),
    ("note", {"type": "Point", "coordinates": [76.9545, 43.2585]}, "demo.note_shade"),
]


def demo_language(environ: Mapping[str, str] = os.environ) -> str:
    """The system's language when it is one of ours (LC_ALL, LC_MESSAGES or LANG: `ru_RU.UTF-8` is Russian), else
    English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name):
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    return i18n.DEFAULT_LANGUAGE


def load_sites() -> list[dict[str, Any]]:
    """The sites of the Almaty fixtures, as GeoJSON features."""
    for path in FIXTURE_PATHS:
        if Path(path).exists():
            return json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    raise FileNotFoundError("almaty-sites.geojson not found in ../shared/fixtures or tests/data")


def ensure_demo(cowork: Cowork, language: str = i18n.DEFAULT_LANGUAGE) -> tuple[dict[str, Any], str]:
    """The demo workshop (created with a sample design, in `language`, the first time) and a fresh facilitator
    token."""
    existing = cowork.workshops.find_demo()
    if existing is not None:
        return existing, cowork.workshops.reissue_facilitator_token(existing["id"])
    text = partial(i18n.translate, language)
    sites = load_sites()
    # The city first: the demo workshop is the newest demo one, the one find_demo gives on every later start.
    seed_city(cowork, sites, text)
    created = cowork.workshops.create(
        WorkshopCreate(title=text("demo.workshop_title"), site_name=text("demo.park"), boundary=sites[0]["geometry"]),
        is_demo=True,
        facilitator_name=text("new.facilitator_name"),
    )
    facilitator = cowork.access.participant(created["facilitator_token"])
    _seed(cowork, facilitator, text)
    return created, created["facilitator_token"]


def _seed(cowork: Cowork, facilitator: Identity, text: Callable[[str], str]) -> None:
    created = cowork.sketches.create_design(facilitator, DesignCreate(title=text("demo.design_title")))
    design_id = created.reply["design"]["id"]
    for kind, geometry, note in SAMPLE_ELEMENTS:
        cowork.sketches.add_element(
            facilitator,
            ElementAdd(
                id=str(uuid.uuid4()), design_id=design_id, kind=kind, geometry=geometry, note=text(note) if note else ""
            ),
        )
