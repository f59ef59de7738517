"""Props as flat typed fields of the open data: the `sketches`, `plans` and `as_built` collections carry each
prop as its own column (null where the kind has none), typed as GDAL reads them through OGC API – Features
(`ogrinfo OAPIF:`) and from the GeoPackage exports (pyogrio)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import requests

from cowork.core import props
from cowork.opendata.layers import COLLECTIONS
from cowork.supervision.payloads import ObservationIn

from ..builders import adopted_design
from ..servers import installed
from ..support import PATH, TREE

SIGN = {"type": "Point", "coordinates": [76.9525, 43.2604]}
LAMP = {"type": "Point", "coordinates": [76.9530, 43.2604]}
WALK = {"type": "LineString", "coordinates": [[76.9515, 43.2595], [76.9540, 43.2593]]}
BUILT_LANE = {"type": "LineString", "coordinates": [[76.9515, 43.26002], [76.9540, 43.25982]]}
PROP_FIELDS = ("species", "count", "facility", "two_way", "surface", "sign_text", "bearing", "sign_type", "height_m")
# What each element of the design is, says of itself, and its flat fields (every other prop field null).
DRAWN = {
    "lane": ("bike_lane", PATH, {"facility": "separated", "two_way": True}, {"facility": "separated", "two_way": True}),
    "sign": (
        "sign",
        SIGN,
        {"text": "Lake 200 m", "bearing": 270, "sign_type": "direction"},
        {"sign_text": "Lake 200 m", "bearing": 270, "sign_type": "direction"},
    ),
    "tree": ("tree", TREE, {"species": "Ulmus pumila", "count": 12}, {"species": "Ulmus pumila", "count": 12}),
    "lamp": ("lighting", LAMP, {"height_m": 4.5}, {"height_m": 4.5}),
    "walk": ("path", WALK, {}, {}),
}


def flat(fields: dict) -> dict:
    return {name: fields.get(name) for name in PROP_FIELDS}


@pytest.fixture
def lanes(cowork) -> dict:
    """A published workshop whose adopted design has every prop, and a visit that found the lane painted."""
    drawn = adopted_design(
        cowork,
        {name: spec[:3] for name, spec in DRAWN.items()},
        lambda ids: (
            ObservationIn(ids["lane"], None, "built", BUILT_LANE, None, "", {"facility": "painted", "two_way": False}),
            ObservationIn(ids["tree"], None, "built", TREE, 9, "", {"species": "Ulmus laevis"}),
        ),
    )
    return {"workshop_id": drawn.workshop_id, "project_id": drawn.project_id, "ids": drawn.ids}


def test_the_collections_fields_come_from_the_props_table():
    table = {name for fields in props.PROPS.values() for name in fields}
    assert {"text" if name == "sign_text" else name for name in PROP_FIELDS} == table
    for collection in ("sketches", "plans"):
        assert [f.name for f in COLLECTIONS[collection].fields if f.name in PROP_FIELDS] == list(PROP_FIELDS), (
            collection
        )
    # As built, `count` is the visit's (one field), the other props as found.
    assert [f.name for f in COLLECTIONS["as_built"].fields if f.name in PROP_FIELDS] == [
        "count",
        *PROP_FIELDS[:1],
        *PROP_FIELDS[2:],
    ]
    types = {f.name: f.type for f in COLLECTIONS["plans"].fields}
    assert [types[name] for name in PROP_FIELDS] == [
        "string",
        "integer",
        "string",
        "boolean",
        "string",
        "string",
        "integer",
        "string",
        "number",
    ]


def test_ogc_items_carry_each_prop_flat_and_null_where_the_kind_has_none(server, lanes):
    by_element = {}
    for collection in ("sketches", "plans"):
        items = requests.get(
            f"{server}/ogcapi/collections/{collection}/items", params={"limit": 100}, timeout=30
        ).json()
        by_element[collection] = {
            f["properties"].get("element_id", f["id"]): f["properties"] for f in items["features"]
        }
    for name, (_kind, _geometry, _given, fields) in DRAWN.items():
        element_id = lanes["ids"][name]
        assert flat(by_element["sketches"][element_id]) == flat(fields), name
        assert flat(by_element["plans"][element_id]) == flat(fields), name
    built = requests.get(f"{server}/ogcapi/collections/as_built/items", timeout=30).json()["features"]
    found = {f["properties"]["element_id"]: f["properties"] for f in built}
    assert flat(found[lanes["ids"]["lane"]]) == flat({"facility": "painted", "two_way": False})
    assert flat(found[lanes["ids"]["tree"]]) == flat({"species": "Ulmus laevis", "count": 9})


def test_ogrinfo_reads_a_bike_lanes_facility_and_a_signs_bearing_typed(server, lanes):
    ogrinfo = installed("ogrinfo", "gdal-bin")
    done = subprocess.run(
        [ogrinfo, "-ro", "-al", f"OAPIF:{server}/ogcapi", "sketches"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    features = re.split(r"\nOGRFeature\(sketches\):\d+\n", done.stdout)[1:]
    by_id = {re.search(r"^  id \(String\) = (\S+)$", block, re.M).group(1): block for block in features}
    lane, sign = by_id[lanes["ids"]["lane"]], by_id[lanes["ids"]["sign"]]
    assert "  facility (String) = separated\n" in lane and "  two_way (Integer(Boolean)) = 1\n" in lane
    assert "  bearing (Integer) = (null)\n" in lane
    assert "  bearing (Integer) = 270\n" in sign and "  sign_text (String) = Lake 200 m\n" in sign
    assert "  height_m (Real) = 4.5\n" in by_id[lanes["ids"]["lamp"]]


def read_typed(body: bytes, layer: str) -> dict[str, dict]:
    """A GeoPackage layer read with pyogrio: each feature's fields by its id, each with the numpy type its column is
    declared as (a boolean column with nulls comes back as floats)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "read.gpkg")
        Path(path).write_bytes(body)
        meta, _fids, _geometry, columns = pyogrio.raw.read(path, layer=layer)
    fields = list(meta["fields"])
    ids = columns[fields.index("id")]
    return {
        ids[i]: {name: (columns[j][i], np.dtype(meta["dtypes"][j])) for j, name in enumerate(fields)}
        for i in range(len(ids))
    }


def test_the_geopackages_hold_the_props_as_typed_columns(server, lanes):
    sketches = read_typed(
        requests.get(f"{server}/api/workshops/{lanes['workshop_id']}/export.gpkg", timeout=30).content, "sketches"
    )
    lane, sign = sketches[lanes["ids"]["lane"]], sketches[lanes["ids"]["sign"]]
    assert lane["facility"][0] == "separated" and lane["two_way"] == (True, np.dtype(bool))
    assert sign["bearing"][0] == 270 and np.issubdtype(sign["bearing"][1], np.integer)
    assert sketches[lanes["ids"]["lamp"]]["height_m"] == (4.5, np.dtype("float64"))
    project = requests.get(f"{server}/api/projects/{lanes['project_id']}/export.gpkg", timeout=30).content
    plans = {key.rsplit("_", 1)[1]: row for key, row in read_typed(project, "plans").items()}
    assert plans[lanes["ids"]["tree"]]["count"][0] == 12 and plans[lanes["ids"]["tree"]]["species"][0] == "Ulmus pumila"
    assert plans[lanes["ids"]["sign"]]["bearing"][0] == 270
    as_built = {row["element_id"][0]: row for row in read_typed(project, "as_built").values()}
    assert (
        as_built[lanes["ids"]["lane"]]["facility"][0] == "painted" and as_built[lanes["ids"]["tree"]]["count"][0] == 9
    )
