"""The peer of `bench.city10`: pygeoapi serving the same published sketches, on the same machine, in the same run.

cowork's own GeoPackage export of the city (GET /api/city/export.gpkg) is the copy: its `sketches` layer is what
cowork publishes, with cowork's ids in an `id` column. GDAL's ogr2ogr loads it into a PostGIS table (with its GiST
index) of the bench's PostgreSQL database, and pygeoapi's PostgreSQL provider serves it, on gunicorn, one worker,
as a small deployment would; the same peer for cowork's SQLite and PostgreSQL runs. (Its SQLiteGPKG provider needs
a Python whose sqlite3 loads extensions, which this machine's pyenv build does not.) Both servers are asked the
same pages, one after the other, with no tablets connected.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from .servers import POSTGRES_URL, Server

TABLE = "city10_peer_sketches"
COPY_OPTIONS = ("-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid", "-nlt", "GEOMETRY", "--config", "PG_USE_COPY", "YES")


def load(gpkg: Path) -> None:
    """The GeoPackage's sketches into a PostGIS table of the bench's database (made again each time)."""
    url = make_url(POSTGRES_URL)
    target = (
        f"PG:host={url.host} port={url.port or 5432} dbname={url.database} user={url.username} password={url.password}"
    )
    subprocess.run(
        [*("ogr2ogr", "-f", "PostgreSQL", target, str(gpkg), "sketches", "-nln", TABLE, "-overwrite"), *COPY_OPTIONS],
        check=True,
        capture_output=True,
    )


def drop() -> None:
    """Drop the peer's table."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
    engine.dispose()


def config(port: int, bbox: list[float]) -> dict[str, Any]:
    """pygeoapi's configuration: one collection, `sketches`, read from the PostGIS table."""
    db = make_url(POSTGRES_URL)
    url = f"http://127.0.0.1:{port}"
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": url,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US"],
            "limits": {"default_items": 10, "max_items": 10000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": ""},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "cowork peer",
                "description": "cowork's published sketches served by pygeoapi",
                "keywords": ["bench"],
                "keywords_type": "theme",
                "terms_of_service": url,
                "url": url,
            },
            "license": {"name": "CC-BY 4.0", "url": url},
            "provider": {"name": "bench", "url": url},
            "contact": {"name": "bench", "url": url},
        },
        "resources": {
            "sketches": {
                "type": "collection",
                "title": "Sketches",
                "description": "Every element of every published design",
                "keywords": ["sketches"],
                "extents": {
                    "spatial": {"bbox": bbox, "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
                },
                "providers": [
                    {
                        "type": "feature",
                        "name": "PostgreSQL",
                        "data": {
                            "host": db.host,
                            "port": db.port or 5432,
                            "dbname": db.database,
                            "user": db.username,
                            "password": db.password,
                            "search_path": ["public"],
                        },
                        "id_field": "id",
                        "table": TABLE,
                        "geom_field": "geom",
                    }
                ],
            }
        },
    }


def start(folder: Path, gpkg: Path, bbox: list[float], cores: str | None) -> Server:
    """The copy loaded, then pygeoapi on a free port, its OpenAPI document generated first (it starts with none)."""
    load(gpkg)
    server = Server("pygeoapi", "gunicorn", {}, folder / "pygeoapi.log", cores)
    config_path, openapi_path = folder / "pygeoapi.yml", folder / "pygeoapi-openapi.yml"
    config_path.write_text(yaml.safe_dump(config(server.port, bbox)))
    bin_dir = Path(sys.executable).parent
    generated = subprocess.run(
        [str(bin_dir / "pygeoapi"), "openapi", "generate", str(config_path), "--output-file", str(openapi_path)],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    if generated.returncode:
        raise RuntimeError(f"pygeoapi openapi generate failed: {generated.stderr[-2000:]}")
    server.env = {"PYGEOAPI_CONFIG": str(config_path), "PYGEOAPI_OPENAPI": str(openapi_path)}
    server.argv = [
        str(bin_dir / "gunicorn"),
        "--workers",
        "1",
        "--bind",
        f"127.0.0.1:{server.port}",
        "pygeoapi.flask_app:APP",
    ]
    return server.start()


def pages(base: str, district: str, workshop_id: str, deep: int) -> dict[str, str]:
    """The pages both servers are asked, by name: the same query on each (pygeoapi filters by a property given as
    a query parameter, as cowork's `workshop_id` parameter does)."""
    items = f"{base}/collections/sketches/items"
    return {
        "limit_10": f"{items}?limit=10",
        "limit_100": f"{items}?limit=100",
        "limit_1000": f"{items}?limit=1000",
        "deep_10": f"{items}?limit=10&offset={deep}",
        "bbox_100": f"{items}?limit=100&bbox={district}",
        "workshop_100": f"{items}?limit=100&workshop_id={workshop_id}",
    }
