"""What is published, kept as rows: each feature the city may read, and each layer's extent, count and version.

The rows are derived (cowork/opendata/store.py writes them in the transaction of the change they follow); the
spatial index beside them is made by the migration alone, being the database's own: an R*Tree virtual table on
SQLite (`published_rtree`, filled by triggers) and a PostGIS geometry column with a GiST index on PostgreSQL
(`geom`, generated from `geometry`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class PublishedFeature(Base):
    """One published feature of a layer: its flat properties, its GeoJSON geometry and that geometry's box."""

    __tablename__ = "published_features"

    # The order features are served in (keyset paging: a page is `pk > last`), and the R*Tree's id on SQLite.
    pk: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    layer: Mapped[int] = mapped_column(SmallInteger)  # which collection (opendata/store.py LAYERS)
    feature_id: Mapped[str] = mapped_column(String(80))
    workshop_id: Mapped[str] = mapped_column(String(36))
    project_id: Mapped[str | None] = mapped_column(String(36), default=None)
    properties: Mapped[dict[str, Any]] = mapped_column()
    geometry: Mapped[dict[str, Any]] = mapped_column()
    minx: Mapped[float] = mapped_column(Float)
    miny: Mapped[float] = mapped_column(Float)
    maxx: Mapped[float] = mapped_column(Float)
    maxy: Mapped[float] = mapped_column(Float)
    start_at: Mapped[datetime | None] = mapped_column(default=None)  # UTC, the span a `datetime` filter reads
    end_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (
        UniqueConstraint("layer", "feature_id", name="uq_published_features_layer_feature"),
        Index("ix_published_features_layer", "layer", "pk"),  # a layer's rows in their order: a page is a range
        Index("ix_published_features_workshop", "layer", "workshop_id", "pk"),
        Index("ix_published_features_project", "layer", "project_id", "pk"),
        Index("ix_published_features_time", "layer", "start_at"),
        # A layer's extent: one seek down an index per edge.
        *(Index(f"ix_published_features_{edge}", "layer", edge) for edge in ("minx", "miny", "maxx", "maxy", "end_at")),
    )


class PublishedLayer(Base):
    """A layer's count, extent and time span, kept with its rows; `version` moves whenever a row of it changes
    (what an export made of it is kept against), and `stale` asks the next upgrade to build the layer again."""

    __tablename__ = "published_layers"

    layer: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    stale: Mapped[bool] = mapped_column(default=False)
    count: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    minx: Mapped[float | None] = mapped_column(Float, default=None)
    miny: Mapped[float | None] = mapped_column(Float, default=None)
    maxx: Mapped[float | None] = mapped_column(Float, default=None)
    maxy: Mapped[float | None] = mapped_column(Float, default=None)
    start_at: Mapped[datetime | None] = mapped_column(default=None)
    end_at: Mapped[datetime | None] = mapped_column(default=None)
