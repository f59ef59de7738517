"""Small raster MBTiles files made in the test with Pillow and sqlite3: solid-colour PNG tiles, each of its own
colour, at a few zoom levels around a point, rows stored from the south (TMS) as the format says."""

from __future__ import annotations

import io
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from shapely.geometry import shape

from .support import PARK

# The middle of Panfilov Park (the first site of almaty-sites.geojson), where the test maps look.
PARK_CENTRE = tuple(shape(PARK).envelope.centroid.coords[0])

Address = tuple[int, int, int]  # z, x, y as web maps count (y from the north)


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ column and row of the tile holding a point at a zoom level."""
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def colour_of(index: int) -> tuple[int, int, int]:
    """A colour of its own for each tile, none of them white, black or grey."""
    return (40 + (index * 67) % 200, 40 + (index * 131) % 200, 250 - (index * 29) % 180)


def png_of(colour: tuple[int, int, int], size: int = 256, fmt: str = "PNG") -> bytes:
    """One solid tile image."""
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, fmt)
    return out.getvalue()


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """West, south, east and north of an XYZ tile, in degrees."""
    n = 1 << z

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


@dataclass
class Tileset:
    """A built file: where it is and each tile's colour by its XYZ address."""

    path: Path
    colours: dict[Address, tuple[int, int, int]] = field(default_factory=dict)

    def present(self, z: int) -> list[Address]:
        """The tiles of one zoom level the file holds."""
        return sorted(a for a in self.colours if a[0] == z)


def build_mbtiles(
    path: Path,
    *,
    centre: tuple[float, float] = PARK_CENTRE,
    zooms: Iterable[int] = (14, 15, 16),
    radius: int = 1,
    leave_out: Iterable[Address] = (),
    metadata: dict[str, str] | None = None,
    as_views: bool = False,
    image_format: str = "PNG",
) -> Tileset:
    """A raster MBTiles file of (2·radius+1)² tiles per zoom level around `centre`, but those left out. `as_views`
    stores them as many writers do: `tiles` a view over deduplicated `map` and `images` tables."""
    left_out = set(leave_out)
    tileset = Tileset(path)
    rows: list[tuple[int, int, int, bytes]] = []
    for z in zooms:
        cx, cy = tile_of(*centre, z)
        for x in range(cx - radius, cx + radius + 1):
            for y in range(cy - radius, cy + radius + 1):
                if (z, x, y) in left_out:
                    continue
                colour = colour_of(len(tileset.colours))
                tileset.colours[(z, x, y)] = colour
                rows.append((z, x, (1 << z) - 1 - y, png_of(colour, fmt=image_format)))
    zoom_levels = sorted(set(zooms))
    meta = {
        "name": "Test city",
        "format": {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[image_format],
        "type": "baselayer",
        "minzoom": str(zoom_levels[0]),
        "maxzoom": str(zoom_levels[-1]),
        **(metadata or {}),
    }
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE metadata (name text, value text)")
        connection.executemany("INSERT INTO metadata VALUES (?, ?)", [(k, v) for k, v in meta.items() if v is not None])
        if as_views:
            connection.execute(
                "CREATE TABLE map (zoom_level integer, tile_column integer, tile_row integer, tile_id text)"
            )
            connection.execute("CREATE TABLE images (tile_id text PRIMARY KEY, tile_data blob)")
            connection.executemany(
                "INSERT INTO map VALUES (?, ?, ?, ?)", [(z, x, r, f"t{i}") for i, (z, x, r, _d) in enumerate(rows)]
            )
            connection.executemany(
                "INSERT INTO images VALUES (?, ?)", [(f"t{i}", d) for i, (_z, _x, _r, d) in enumerate(rows)]
            )
            connection.execute(
                "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, "
                "map.tile_row AS tile_row, images.tile_data AS tile_data "
                "FROM map JOIN images ON images.tile_id = map.tile_id"
            )
        else:
            connection.execute(
                "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)"
            )
            connection.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
            connection.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
    connection.close()
    return tileset
