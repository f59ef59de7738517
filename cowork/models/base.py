"""What every table shares: the declarative base with its naming convention, and how moments are stored and written."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (stored that way in every database)."""
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, or None."""
    return (
        None
        if moment is None
        else moment.replace(microsecond=moment.microsecond // 1000 * 1000).isoformat(timespec="milliseconds") + "Z"
    )


# Every constraint and index gets a predictable name, so later migrations can change it (SQLite's batch mode
# needs names to drop or alter a constraint). A database made before migrations is given these names when it is
# adopted (cowork/ops/migrate.py).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base: JSON for dict columns, named constraints."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}
