"""GeoPackage files of the open-data collections, written by GDAL through pyogrio (never by hand).

One layer per collection, named as the collection, in EPSG:4326, with the feature's `id` and one typed column
per field of `opendata_layers.COLLECTIONS`: strings, 64-bit integers, reals (measures as numbers), booleans, UTC
datetimes and dates, nulls as nulls. An empty collection is still a layer with its columns, so a GIS project that
reads the file keeps working when a collection has nothing yet.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import numpy as np
import pyogrio.raw
import shapely

from ..core import geo
from .layers import COLLECTIONS, CollectionInfo, Field

MEDIA_TYPE = "application/geopackage+sqlite3"
# GDAL's TZFlag for UTC: the datetimes are written with their zone, as GeoPackage wants them.
_UTC_FLAG = 100


def geopackage(layers: dict[str, list[dict[str, Any]]]) -> bytes:
    """A GeoPackage with one layer per collection id in `layers` (in the collections' order), as bytes."""
    with tempfile.TemporaryDirectory(prefix="cowork-gpkg-") as folder:
        path = os.path.join(folder, "export.gpkg")
        first = True
        for collection_id, info in COLLECTIONS.items():
            if collection_id in layers:
                _write_layer(path, info, layers[collection_id], append=not first)
                first = False
        with open(path, "rb") as written:
            return written.read()


def write_layer(
    path: str, info: CollectionInfo, chunks: Iterable[list[dict[str, Any]]], *, new: bool, multi: bool
) -> int:
    """A collection's layer added to the GeoPackage at `path` (a new file when `new`), one chunk of features after
    the other (pyogrio appends each), so that no more than a chunk is ever in memory; `multi`: the layer holds
    MultiPolygons (a boundary layer's type is declared when it is made, before its later chunks are seen). The
    number of features written."""
    geometry_type = "MultiPolygon" if multi and info.geometry_type == "Polygon" else None
    written, made = 0, False
    for chunk in chunks:
        if chunk or not made:
            _write_layer(path, info, chunk, append=made or not new, geometry_type=geometry_type)
            written, made = written + len(chunk), True
    if not made:  # no chunk at all: the layer is made all the same, with its columns
        _write_layer(path, info, [], append=not new, geometry_type=geometry_type)
    return written


def _write_layer(
    path: str, info: CollectionInfo, features: list[dict[str, Any]], *, append: bool, geometry_type: str | None = None
) -> None:
    shapes = [geo.from_geojson(f["geometry"]) for f in features]
    columns, masks, offsets = [], [], {}
    # The feature's id leads, as a column: a GeoPackage's own fid is a row number, and a GIS joins on ours.
    fields = (Field("id", "string"), *info.fields)
    features = [{**f, "properties": {"id": f["id"], **f["properties"]}} for f in features]
    for field in fields:
        values = [f["properties"].get(field.name) for f in features]
        column, mask = _column(field, values)
        columns.append(column)
        masks.append(mask)
        if field.type == "datetime":
            offsets[field.name] = np.full(len(values), _UTC_FLAG, dtype=np.int32)
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(s) for s in shapes], dtype=object),
        columns,
        [f.name for f in fields],
        field_mask=masks,
        layer=info.id,
        driver="GPKG",
        geometry_type=geometry_type or _geometry_type(info, shapes),
        crs="EPSG:4326",
        promote_to_multi=info.geometry_type != "Geometry"
        and (geometry_type == "MultiPolygon" or any(s.geom_type.startswith("Multi") for s in shapes)),
        append=append,
        gdal_tz_offsets=offsets or None,
        # GeoPackage 1.2: what QGIS and GDAL releases of the last years read without a warning.
        dataset_options=None if append else {"VERSION": "1.2"},
        layer_options={"IDENTIFIER": info.title, "DESCRIPTION": info.description},
    )


def _geometry_type(info: CollectionInfo, shapes: Iterable[Any]) -> str:
    if info.geometry_type == "Geometry":
        return "Unknown"
    return "MultiPolygon" if any(s.geom_type == "MultiPolygon" for s in shapes) else info.geometry_type


def _column(field: Field, values: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """A field's values as a typed array and the mask of its nulls."""
    mask = np.array([v is None for v in values], dtype=bool)
    if field.type == "integer":
        column = np.array([0 if v is None else int(v) for v in values], dtype=np.int64)
    elif field.type == "number":
        column = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    elif field.type == "boolean":
        column = np.array([bool(v) for v in values], dtype=bool)
    elif field.type == "datetime":
        column = np.array([_instant(v) for v in values], dtype="datetime64[ms]")
    elif field.type == "date":
        column = np.array(["NaT" if v is None else v for v in values], dtype="datetime64[D]")
    else:
        column = np.array(["" if v is None else str(v) for v in values], dtype=object)
    return column, mask


def _instant(value: Any) -> Any:
    """An ISO 8601 UTC text as a naive UTC numpy datetime (its zone goes in the TZ flag)."""
    if value is None:
        return "NaT"
    return np.datetime64(datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None), "ms")
