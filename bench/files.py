"""Tablets while strangers send costly files: the fan-out of workshops drawing, quiet and while site files arrive.

    python -m bench files [--workshops 10] [--tablets 20] [--rate 1] [--uploaders 2] --server gunicorn-gevent

Each point is measured as every fan-out is, relay then cowork on the same server: `quiet`, then `uploads`, where
`--uploaders` clients post site files to POST /api/sites/parse back to back for the whole measurement, each file
in turn: an 8 MB GeoJSON of 330,000 positions (GDAL needs about 0.6 s of CPU for it, then it is accepted), the
GeoPackage of the hardening probe (a column GENERATED ALWAYS AS a costly expression on 40 polygons: before its
refusal it cost 14.6 s), and a KMZ of 64 KB holding 63 MB of coordinates (before: 1.5 GB and 11 s). The relay has no
such route (it answers 404 at once), so its column shows the load of the requests alone. Not a pytest test.
"""

from __future__ import annotations

import io
import json
import math
import sqlite3
import tempfile
import threading
import time
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy
import pyogrio.raw
import requests
import shapely

from .runner import fixed_plan
from .scenarios import _load, _result, compare

SITE = (76.95, 43.25)


def ponds(positions: int) -> bytes:
    """A GeoJSON of round ponds of 981 positions each, in a grid."""
    features = []
    for index in range(positions // 981):
        x, y = SITE[0] + (index % 50) * 0.01, SITE[1] + (index // 50) * 0.01
        ring = [[round(x + 0.004 * math.cos(k / 156), 6), round(y + 0.004 * math.sin(k / 156), 6)] for k in range(980)]
        geometry = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
        features.append({"type": "Feature", "properties": {"name": f"pond {index}"}, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def generated_column_gpkg() -> bytes:
    """The probe's GeoPackage: 40 small squares in a table with a column computed, expensively, on every read."""
    squares = [shapely.box(SITE[0] + i * 1e-3, SITE[1], SITE[0] + i * 1e-3 + 5e-4, SITE[1] + 5e-4) for i in range(40)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.gpkg"
        pyogrio.raw.write(
            path,
            geometry=shapely.to_wkb(squares),
            field_data=[numpy.array([f"s{i}" for i in range(40)], dtype=object)],
            fields=["name"],
            geometry_type="Polygon",
            crs="EPSG:4326",
            driver="GPKG",
            layer="site",
        )
        connection = sqlite3.connect(path)
        connection.execute(
            "ALTER TABLE site ADD COLUMN cost INTEGER GENERATED ALWAYS AS "
            "(length(replace(hex(zeroblob(20000000)), '0', '1'))) VIRTUAL"
        )
        connection.commit()
        connection.close()
        return path.read_bytes()


def coordinates_kmz(megabytes: int = 63) -> bytes:
    """A KMZ of a polygon whose one <coordinates> holds `megabytes` of the same position."""
    tuple_ = b"76.95,43.25,0 "
    body = tuple_ * (megabytes * 1024 * 1024 // len(tuple_))
    kml = (
        b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs>'
        b"<LinearRing><coordinates>"
        + body
        + b"</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("doc.kml", kml)
    return out.getvalue()


class Uploads:
    """Clients posting the costly files to whichever server the measurement started, until it is gone."""

    def __init__(self, uploaders: int):
        self.uploaders = uploaders
        self.files = [
            ("ponds.geojson", ponds(330_000)),
            ("probe.gpkg", generated_column_gpkg()),
            ("probe.kmz", coordinates_kmz()),
        ]
        self.answers: dict[str, Counter] = {}
        self.seconds: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def hook(self, servers) -> None:
        """Start the uploaders against the first server (called by `measure` once the tablets are connected)."""
        url = servers[0].url
        for number in range(self.uploaders):
            threading.Thread(target=self._upload, args=(url, number), daemon=True).start()

    def _upload(self, url: str, number: int) -> None:
        turn = number
        while True:
            name, data = self.files[turn % len(self.files)]
            turn += 1
            started = time.monotonic()
            try:
                answer = requests.post(f"{url}/api/sites/parse", files={"file": (name, data)}, timeout=120)
            except requests.RequestException:
                return  # the measurement is over and its server stopped
            code = (
                answer.json().get("error", {}).get("code", "ok")
                if answer.headers.get("content-type", "").startswith("application/json")
                else str(answer.status_code)
            )
            with self._lock:
                self.answers.setdefault(url, Counter())[f"{name}: {code}"] += 1
                self.seconds.setdefault(url, []).append(time.monotonic() - started)

    def figures(self) -> list[dict[str, Any]]:
        """Per server measured: the answers counted and the upload times."""
        return [
            {
                "answers": dict(self.answers[url]),
                "upload_s_median": round(sorted(self.seconds[url])[len(self.seconds[url]) // 2], 2),
                "uploads": len(self.seconds[url]),
            }
            for url in self.answers
        ]


def files(
    options, workshops_n: int = 10, tablets_each: int = 20, rate: float = 1.0, uploaders: int = 2
) -> dict[str, Any]:
    """Workshops drawing, quiet and while costly site files arrive: fan-out, relay then cowork, per point."""
    order = {"mode": "open", "rate": rate, "duration": options.duration}
    load = _load(options, workshops=workshops_n, tablets=tablets_each, drawers=1)
    quiet = compare(options, load, lambda: fixed_plan([order]), "files-quiet")
    uploads = Uploads(uploaders)
    loaded = compare(replace(options, hook=uploads.hook), load, lambda: fixed_plan([order]), "files-uploads")
    points = [
        {"size": "quiet", "rounds": quiet},
        {"size": f"{uploaders} uploading", "rounds": loaded, "uploads": uploads.figures()},
    ]
    params = {"workshops": workshops_n, "tablets": tablets_each, "rate": rate, "uploaders": uploaders}
    return _result("files", options, params, points)
