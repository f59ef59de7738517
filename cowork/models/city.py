"""The city map's figures, kept: each a small JSON document, recomputed from the kept layers (city/store.py) when
what it sums changes, so `GET /api/city` reads them instead of building the city."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CityFigures(Base):
    """One part of the city's figures (`network`, `signs`, `green`) and how often it was recomputed."""

    __tablename__ = "city_figures"

    part: Mapped[str] = mapped_column(String(20), primary_key=True)
    figures: Mapped[dict[str, Any]] = mapped_column()
    version: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
