"""The city's GeoPackage, written by a worker process (cowork/jobs/) and kept until the data changes.

A file is named by every layer's version (`store.versions`, which moves whenever a row of the layer changes):
`city-<v1>-<v2>-….gpkg` in the export folder. A request whose versions have their file gets it at once; otherwise
the job of those versions runs once for every request that asks meanwhile (here, or in the RQ queue for all the
servers), and the request waits for it within COWORK_EXPORT_WAIT_SECONDS, then answers `unavailable` while the job
goes on. The job reads the published rows in one snapshot (a transaction of its own, REPEATABLE READ on
PostgreSQL, one read transaction on SQLite's WAL), a page at a time by keyset, and appends each page to its layer,
so its memory is a page's whatever the city's size; it writes beside the final name and renames, so a file that
exists is whole, and then removes the files of older versions.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from .. import jobs
from ..db import Database
from ..errors import CoworkError
from . import selection, store
from .geopackage import write_layer
from .layers import COLLECTIONS

JOB = "cowork.opendata.export:build_job"
# Features read and appended at a time: a few MB of rows and arrays, and few enough GDAL calls.
PAGE = 2000
_NAME = re.compile(r"^city-(\d+(?:-\d+)*)\.gpkg$")


def file_name(versions: tuple[int, ...]) -> str:
    """The kept file of these versions."""
    return "city-" + "-".join(str(v) for v in versions) + ".gpkg"


class CityExport:
    """The kept city GeoPackage of one app: where it is, and how long a request waits for it."""

    def __init__(self, db: Database, settings: Any):
        self.db = db
        self.settings = settings
        self.folder = Path(jobs.export_dir(settings))

    def open(self) -> BinaryIO:
        """The city GeoPackage of the data as it is, open for reading: the kept file, or the one the job writes,
        waited for at most COWORK_EXPORT_WAIT_SECONDS (then `unavailable`)."""
        with self.db.read() as session:
            versions = store.versions(session)
        try:
            return (self.folder / file_name(versions)).open("rb")
        except FileNotFoundError:
            pass  # not written yet (or removed a moment ago for a newer one): ask the job
        key = "city-gpkg-" + "-".join(str(v) for v in versions)
        facts = jobs.submit(key, JOB, {}, self.settings).wait(float(self.settings.EXPORT_WAIT_SECONDS))
        if facts is None:
            raise CoworkError("unavailable", "The city's GeoPackage is being written; ask again in a minute.")
        # The job's snapshot may be newer than these versions (a change committed meanwhile): its file is served.
        return (self.folder / str(facts["file"])).open("rb")


def build_job(data: bytes, args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """The job (run by a worker process, never a serving one): the city GeoPackage of the published rows as they
    are, kept in `export_dir`, from the database at `database_url`."""
    return build(str(args["database_url"]), Path(str(args["export_dir"]))), []


def build(database_url: str, folder: Path) -> dict[str, Any]:
    """Write the city GeoPackage of the current versions unless it is kept already; its name and how it went."""
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(database_url)
    features, built = 0, False
    try:
        with db.read() as session:
            if db.engine.dialect.name == "postgresql":  # every page from one snapshot, as the versions read first
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            versions = store.versions(session)
            target = folder / file_name(versions)
            if not target.exists():
                features, built = _write(session, target), True
    finally:
        db.dispose()
    _remove_older(folder, versions)
    return {
        "file": target.name,
        "built": built,
        "features": features,
        "pid": os.getpid(),
        "seconds": round(time.monotonic() - started, 3),
    }


def _write(session: Session, target: Path) -> int:
    """Every collection's layer into a file beside the target, renamed to it once whole."""
    # Hidden, and still named .gpkg (GDAL warns of any other extension): never taken for a kept file.
    partial = target.with_name(f".{target.stem}.{os.getpid()}.part.gpkg")
    try:
        written = 0
        for number, (collection_id, info) in enumerate(COLLECTIONS.items()):
            layer = store.LAYERS[collection_id]
            multi = info.geometry_type == "Polygon" and _has_multipolygons(session, layer)
            written += write_layer(str(partial), info, _pages(session, layer), new=number == 0, multi=multi)
        os.replace(partial, target)
        return written
    finally:
        partial.unlink(missing_ok=True)


def _pages(session: Session, layer: int) -> Iterator[list[dict[str, Any]]]:
    """A layer's features, a page at a time, by keyset."""
    after = None
    while True:
        rows = selection.page(session, selection.Selection(layer), after=after, limit=PAGE)
        yield [row.geojson() for row in rows]
        if len(rows) < PAGE:
            return
        after = rows[-1].pk


def _has_multipolygons(session: Session, layer: int) -> bool:
    """Whether a boundary layer holds a MultiPolygon (its type is declared before its pages are written). Boundary
    layers hold one feature per workshop or project: a thousand rows for a ten-year city, read once more."""
    return any(f["geometry"]["type"] == "MultiPolygon" for page in _pages(session, layer) for f in page)


def _remove_older(folder: Path, versions: tuple[int, ...]) -> None:
    """Remove the kept files of versions older than these (each layer's at or below, one below): a file of a
    newer snapshot, written by a job that finished first, stays. A server streaming a removed file reads on."""
    for path in folder.glob("city-*.gpkg"):
        found = _NAME.match(path.name)
        if found is None:
            continue
        older = tuple(int(v) for v in found.group(1).split("-"))
        if (
            len(older) == len(versions)
            and older != versions
            and all(o <= v for o, v in zip(older, versions, strict=True))
        ):
            path.unlink(missing_ok=True)
