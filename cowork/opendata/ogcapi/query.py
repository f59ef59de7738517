"""The query of OGC API – Features items, parsed at the door into the open-data service's `FeatureQuery`.

`limit`, `offset`, `after` (the keyset a `next` link carries), `bbox`, `datetime` and the filters a collection has
(`workshop_id`, `project_id`) are the only parameters; any other, a repeated one or a malformed value is `invalid`
(400), as /req/core/query-param-unknown and /req/core/query-param-invalid ask. A `limit` above the maximum is
clamped, never refused (/req/core/fc-limit-response-1).
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time

from ...core.fields import MAX_INTEGER
from ...errors import invalid
from ..service import FeatureQuery

DEFAULT_LIMIT = 10
MAX_LIMIT = 10_000
PAGING = ("limit", "offset", "after")
SELECTION = ("bbox", "datetime")
FILTERS = ("workshop_id", "project_id")

Args = Mapping[str, list[str]]  # each parameter with every value the URL gave it

_INTEGER = re.compile(r"^[0-9]{1,10}$")
# RFC 3339 section 5.6: a full date-time with an offset (Z or ±hh:mm), or a full date.
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPEN = ("", "..")
# A feature id is one path segment of ASCII letters, digits and a few marks: anything else is no feature (and never
# reaches a query: a NUL in a PostgreSQL query was a 500). The OGC definition gives the same pattern.
FEATURE_ID_PATTERN = r"^[A-Za-z0-9._:-]{1,200}$"


def is_feature_id(text: str) -> bool:
    """Whether a path segment may be a feature's id."""
    return re.fullmatch(FEATURE_ID_PATTERN, text) is not None


def require_known(args: Args, known: Iterable[str]) -> None:
    """Refuse a parameter the API definition does not name here, and one given twice."""
    allowed = set(known)
    unknown = sorted(name for name in args if name not in allowed)
    if unknown:
        names = ", ".join(sorted(allowed)) or "none"
        raise invalid(f"Unknown query parameter {unknown[0]!r}; this resource takes: {names}.")
    for name, values in args.items():
        if len(values) > 1:
            raise invalid(f"The query parameter {name!r} is given {len(values)} times; give it once.")


def items_parameters(filters: Iterable[str]) -> tuple[str, ...]:
    """The parameters of a collection's items: paging, bbox, datetime and the collection's own filters."""
    return PAGING + SELECTION + tuple(name for name in FILTERS if name in set(filters))


def one(args: Args, name: str) -> str | None:
    """The single value of a parameter, or None when absent."""
    values = args.get(name)
    return values[0] if values else None


def parse_limit(text: str | None) -> int:
    """`limit`: a whole number from 1; above the maximum it is the maximum; absent it is the default."""
    if text is None:
        return DEFAULT_LIMIT
    if not _INTEGER.match(text) or int(text) < 1:
        raise invalid(
            f"limit must be a whole number from 1 to {MAX_LIMIT} (larger ones count as {MAX_LIMIT}), not {text!r}."
        )
    return min(int(text), MAX_LIMIT)


def parse_offset(text: str | None) -> int:
    """`offset`: how many matching features the page skips (what the `next` and `prev` links carry)."""
    if text is None:
        return 0
    if not _INTEGER.match(text) or int(text) > MAX_INTEGER:
        raise invalid(f"offset must be a whole number from 0 to {MAX_INTEGER}, not {text!r}.")
    return int(text)


def parse_after(text: str | None) -> int | None:
    """`after`: the keyset of the page before (what a `next` link carries); the page starts after that feature."""
    if text is None:
        return None
    if not _INTEGER.match(text) or int(text) > MAX_INTEGER:
        raise invalid(f"after must be what a next link carries (a whole number), not {text!r}.")
    return int(text)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """`bbox`: minLon,minLat,maxLon,maxLat in CRS84 (or six numbers with heights, which are ignored)."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise invalid(f"bbox must be 4 (or 6) comma-separated numbers, not {text!r}.") from None
    if len(numbers) not in (4, 6) or not all(math.isfinite(n) for n in numbers):
        raise invalid(
            f"bbox must be 4 (or 6) finite comma-separated numbers: minLon,minLat,maxLon,maxLat; got {text!r}."
        )
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    min_x, min_y, max_x, max_y = numbers
    if not (-180 <= min_x <= 180 and -180 <= max_x <= 180 and -90 <= min_y <= 90 and -90 <= max_y <= 90):
        raise invalid("bbox is in CRS84: longitudes from -180 to 180, latitudes from -90 to 90.")
    if min_y > max_y:
        raise invalid("bbox: the lower latitude comes before the upper one (minLon,minLat,maxLon,maxLat).")
    if min_x > max_x:
        raise invalid("bbox: a box across the antimeridian (minLon > maxLon) is not served; send two boxes in turn.")
    return min_x, min_y, max_x, max_y


def parse_instant(text: str, *, end: bool) -> datetime:
    """One end of `datetime`: an RFC 3339 date-time with its offset, or a date (its first or last moment)."""
    if _DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise invalid(f"datetime: {text!r} is not a date of the calendar.") from None
        return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
    if not _DATE_TIME.match(text):
        raise invalid(f"datetime: {text!r} is not an RFC 3339 date-time with its offset, such as 2027-05-10T09:00:00Z.")
    try:
        # In UTC, as the service compares: a moment whose UTC falls outside years 1-9999 is no moment we can hold.
        return datetime.fromisoformat(text.upper().replace("Z", "+00:00").replace(" ", "T")).astimezone(UTC)
    except (ValueError, OverflowError):
        raise invalid(f"datetime: {text!r} is not a moment of the calendar (in UTC, years 1 to 9999).") from None


def parse_datetime(text: str | None) -> tuple[datetime | None, datetime | None]:
    """`datetime`: an instant, or an interval `start/end` whose open end is `..` or empty."""
    if text is None:
        return None, None
    if "/" not in text:
        if text in OPEN:
            raise invalid("datetime: an instant or an interval start/end (`..` for an open end), not empty.")
        # An instant is the interval from it to itself; a date is its whole day.
        return parse_instant(text, end=False), parse_instant(text, end=True)
    first, _, last = text.partition("/")
    if "/" in last:
        raise invalid(f"datetime: an interval has one '/', not {text!r}.")
    if first in OPEN and last in OPEN:
        raise invalid("datetime: an interval needs at least one end (`../..` is every time: leave datetime out).")
    start = None if first in OPEN else parse_instant(first, end=False)
    end = None if last in OPEN else parse_instant(last, end=True)
    if start and end and start > end:
        raise invalid(f"datetime: the interval {text!r} ends before it starts.")
    return start, end


def parse_id(name: str, text: str | None) -> str | None:
    """A workshop or project id to filter by: a UUID, in canonical form."""
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise invalid(f"{name} must be a UUID, not {text!r}.") from None


def feature_query(args: Args, filters: Iterable[str]) -> FeatureQuery:
    """The items query of a collection with these filters, or `invalid` naming what is wrong."""
    require_known(args, items_parameters(filters))
    start, end = parse_datetime(one(args, "datetime"))
    return FeatureQuery(
        bbox=parse_bbox(one(args, "bbox")),
        start=start,
        end=end,
        workshop_id=parse_id("workshop_id", one(args, "workshop_id")),
        project_id=parse_id("project_id", one(args, "project_id")),
        offset=parse_offset(one(args, "offset")),
        after=parse_after(one(args, "after")),
        limit=parse_limit(one(args, "limit")),
    )
