"""The facts the server and the browser share, defined once: kinds and their look, limits, statuses, phase rules.

The browser gets them as data: `static/js/shared/facts.js` is written from this module (`./dev facts`), and
tests/core/test_facts.py fails when that file and these definitions disagree. Kinds and their geometry types live in
geo.py, phases, actions and settings in rules.py; this module adds what only people see (colours) and the limits,
and gathers all of it for the browser.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import geo, props, rules

# The colour of each kind on every map (tablets, printed results and reports), and the ink of its symbol on a
# badge of that colour. Far apart in hue; amber and sand take dark ink for contrast. Shapes tell kinds apart too.
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "tree": ("#2e7d32", "#ffffff"),
    "bench": ("#795548", "#ffffff"),
    "lighting": ("#f9a825", "#1b1b1b"),
    "sign": ("#5e35b1", "#ffffff"),
    "note": ("#d81b60", "#ffffff"),
    "path": ("#ef6c00", "#ffffff"),
    "bike_lane": ("#1e88e5", "#ffffff"),
    "play_area": ("#e53935", "#ffffff"),
    "green_area": ("#7cb342", "#1b1b1b"),
    "water": ("#00acc1", "#1b1b1b"),
    "plaza": ("#c58b3b", "#1b1b1b"),
}
# What a kind this version does not know (from a newer server, say) is drawn in.
UNKNOWN_KIND_COLOUR = "#555555"
UNKNOWN_KIND_INK = "#ffffff"

# Lengths of the texts people type (characters), checked by the payloads and offered by the forms.
MAX_TITLE = 200
MAX_NOTE = 2000
MAX_NAME = 40
MAX_COMMENT = 500
MAX_REASON = 200
MAX_CONDITIONS = 200
MAX_JOIN_CODE = 40
MAX_RECOVERY_CODE = 40
# The longest countdown a facilitator may set, in seconds (a day).
MAX_TIMER_SECONDS = 86400
# Observations one site visit may carry.
MAX_OBSERVATIONS = 2000
# How deep a client's JSON (an HTTP body, a Socket.IO message) may nest arrays and objects; the deepest document
# cowork reads, an archive's event carrying a polygon, needs 9.
MAX_JSON_DEPTH = 32

# What a site visit may say of an element, and which of those count as built.
STATUSES = ("planned", "in_progress", "built", "built_with_deviation", "missing", "removed")
BUILT_STATUSES = ("built", "built_with_deviation")
# Statuses under which an as-built shape means something: a visit sends it, and one without a new shape keeps the
# shape measured last.
SHAPED_STATUSES = ("in_progress", "built", "built_with_deviation")
# What an adopted project (and each element on the city map) is, in the order of a construction; a lane of the
# city's cycle network may also be `proposed`: the top-ranked design of a closed workshop nobody adopted yet.
PROJECT_STATUSES = ("planned", "in_progress", "built", "built_with_deviation")
LANE_STATUSES = ("proposed", *PROJECT_STATUSES)

# How an author of an adopted design appears on the public pages, the report and what is exported (the facilitator
# asks each at adoption): her name as she gave it, its initials ("A. B."), or only "author" with a number.
SHOWN_AS = ("name", "initials", "author")
DEFAULT_SHOWN_AS = "initials"  # never the full name unless she said so

# The photo formats accepted (Pillow's name → media type and file extension); anything else is refused.
PHOTO_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}

# How far every map zooms in (Leaflet's and folium's): beyond a tile source's deepest level its tiles are enlarged.
MAP_MAX_ZOOM = 19
# What a site file (POST /api/sites/parse) may hold besides its bytes (COWORK_MAX_SITE_FILE_BYTES): a zip's entries
# and their bytes once unzipped (zip bombs), layers, features and positions read, and the polygons offered to pick.
SITE_FILE_EXTENSIONS = (".geojson", ".json", ".kml", ".kmz", ".gpkg", ".zip")
SITE_FILE_MAX_ENTRIES = 100
SITE_FILE_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
SITE_FILE_MAX_LAYERS = 50
SITE_FILE_MAX_FEATURES = 5000
SITE_FILE_MAX_POSITIONS = 500_000
SITE_FILE_MAX_CANDIDATES = 20
# Positions checked as sites are (geo's parser is Python, about a second per 100,000): the largest polygons are
# offered until this many were checked, so one file holds up its process for a second or so at most.
SITE_FILE_MAX_CHECKED_POSITIONS = 100_000
# What GDAL would build from a file, capped before GDAL opens it (cowork/workshop/site_file_checks.py). A KML's
# elements cost GDAL (libkml) about 170 bytes each, its positions about 85, its text about five times its bytes,
# and libkml itself gives up at a depth near 100: an element's text (a <coordinates> aside, counted in positions),
# the elements and their nesting are capped. A GeoPackage's schema entries and columns, a table's or a .dbf's
# fields, and the length of a column's default (SQLite repeats it into every row stored before the column was
# added) are capped too.
SITE_FILE_MAX_ELEMENT_BYTES = 1024 * 1024
SITE_FILE_MAX_ELEMENTS = 250_000
SITE_FILE_MAX_DEPTH = 64
SITE_FILE_MAX_SCHEMA_ENTRIES = 1000
SITE_FILE_MAX_FIELDS = 500
SITE_FILE_MAX_DEFAULT_CHARS = 256


# How a measure is written, on the tablet and on the server's pages alike: from each magnitude up (largest
# first), this many decimals; below the last, its decimals. The magnitude is read on the size (the value without
# its sign) rounded to the finest of them (99.96 m² is "100 m²", not "100.0 m²"; 0.04 m² is "0 m²": nothing reads
# "0.0"). Halves round up, away from zero, on the number's shortest decimal form (what Python's repr and
# JavaScript's String give alike): 7216.5 m² is "7 217 m²" everywhere, where Python's format rounded it to the even
# 7 216 and JavaScript's toFixed to 7 217.
MEASURE_DECIMALS: dict[str, tuple[tuple[float, int], ...]] = {
    "area_m2": ((100, 0), (0.1, 1), (0, 0)),
    "length_m": ((1000, 0), (0.1, 1), (0, 0)),
}
ROUNDING = "half_up"


def kind_colour(kind: str) -> str:
    """The map colour of a kind."""
    return KIND_COLOURS.get(kind, (UNKNOWN_KIND_COLOUR, ""))[0]


def for_browser() -> dict[str, Any]:
    """Every shared fact as plain JSON data, in the shape static/js/shared/facts.js exports."""
    return {
        "kinds": {
            kind: {"geometry": geo.GEOMETRY_TYPE_OF_KIND[kind], "colour": colour, "ink": ink}
            for kind, (colour, ink) in ((k, KIND_COLOURS[k]) for k in geo.KINDS)
        },
        "unknown_kind": {"colour": UNKNOWN_KIND_COLOUR, "ink": UNKNOWN_KIND_INK},
        "kind_groups": {
            "points": list(geo.POINT_KINDS),
            "lines": list(geo.LINE_KINDS),
            "areas": list(geo.POLYGON_KINDS),
        },
        "limits": {
            "title": MAX_TITLE,
            "note": MAX_NOTE,
            "name": MAX_NAME,
            "comment": MAX_COMMENT,
            "reason": MAX_REASON,
            "conditions": MAX_CONDITIONS,
            "join_code": MAX_JOIN_CODE,
            "recovery_code": MAX_RECOVERY_CODE,
            "timer_seconds": MAX_TIMER_SECONDS,
            "observations": MAX_OBSERVATIONS,
            "visit_count": props.MAX_GROUP,
            "votes": rules.VOTE_LIMITS,
            # The most positions a new site's boundary may have (geo.parse_site_boundary; the new-workshop page).
            "site_vertices": geo.MAX_SITE_VERTICES,
        },
        "phases": list(rules.PHASES),
        # action → {"participant": phases or null (facilitator only), "facilitator": phases}
        "actions": {
            action: {
                "participant": None if participant is None else list(participant),
                "facilitator": list(facilitator),
            }
            for action, (participant, facilitator) in rules.ACTION_PHASES.items()
        },
        "default_settings": rules.DEFAULT_SETTINGS,
        "private_phases": list(rules.PRIVATE_PHASES),
        "statuses": list(STATUSES),
        "built_statuses": list(BUILT_STATUSES),
        "shaped_statuses": list(SHAPED_STATUSES),
        "project_statuses": list(PROJECT_STATUSES),
        "lane_statuses": list(LANE_STATUSES),
        "shown_as": list(SHOWN_AS),
        "default_shown_as": DEFAULT_SHOWN_AS,
        "photo_media_types": [media for media, _extension in PHOTO_FORMATS.values()],
        "map_max_zoom": MAP_MAX_ZOOM,
        "site_file_extensions": list(SITE_FILE_EXTENSIONS),
        "measure_decimals": {name: [list(step) for step in steps] for name, steps in MEASURE_DECIMALS.items()},
        "rounding": ROUNDING,
        "props": props.for_browser(),
    }


BROWSER_MODULE = Path(__file__).resolve().parents[2] / "static" / "js" / "shared" / "facts.js"


def browser_module() -> str:
    """The text of static/js/shared/facts.js."""
    body = json.dumps(for_browser(), indent=2, ensure_ascii=False)
    return (
        "// Written by `./dev facts` from cowork/core/facts.py, geo.py and rules.py: do not edit by hand.\n"
        "// tests/core/test_facts.py fails when this file and the Python definitions disagree.\n"
        f"export const FACTS = {body};\n"
    )


def write_browser_module() -> None:
    """Write static/js/shared/facts.js from the definitions (`./dev facts`)."""
    BROWSER_MODULE.write_text(browser_module(), encoding="utf-8")
    sys.stdout.write(f"wrote {BROWSER_MODULE}\n")
