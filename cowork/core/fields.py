"""Typed access to the fields of a JSON object a client sent: every payload class is parsed through it, and every
failure is an `invalid` error naming the field (and, in a nested object, its place)."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar, overload

from ..errors import CoworkError, invalid

T = TypeVar("T")

# The largest whole number a client may send: what an Integer column holds everywhere (PostgreSQL's is 32 bits).
MAX_INTEGER = 2**31 - 1


class Fields:
    """Typed access to a JSON object's fields; every failure is an `invalid` error naming the field."""

    def __init__(self, data: Any, where: str = ""):
        # A nested object's place (`elements[3]`, say) leads each of its messages.
        self.where = where
        if not isinstance(data, dict):
            raise invalid(f"{where} must be a JSON object." if where else "The payload must be a JSON object.")
        self.data = data

    def error(self, message: str) -> CoworkError:
        """An `invalid` error about this object, led by its place when it is nested."""
        return invalid(f"{self.where}: {message}" if self.where else message)

    def _value(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise self.error(f"'{name}' is required.")
        return value

    @overload
    def text(self, name: str, max_length: int, *, required: Literal[True] = ..., allow_empty: bool = ...) -> str: ...
    @overload
    def text(self, name: str, max_length: int, *, required: bool, allow_empty: bool = ...) -> str | None: ...

    def text(self, name: str, max_length: int, *, required: bool = True, allow_empty: bool = False) -> str | None:
        """A string field, stripped, at most `max_length` characters."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be a string.")
        value = value.strip()
        if not value and not allow_empty:
            raise self.error(f"'{name}' must not be empty.")
        if len(value) > max_length:
            raise self.error(f"'{name}' is longer than {max_length} characters.")
        if "\x00" in value:
            raise self.error(f"'{name}' contains a NUL character.")
        return value

    @overload
    def uuid(self, name: str, *, required: Literal[True] = ...) -> str: ...
    @overload
    def uuid(self, name: str, *, required: bool) -> str | None: ...

    def uuid(self, name: str, *, required: bool = True) -> str | None:
        """A UUID field, returned in canonical lower-case form."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be a UUID string.")
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise self.error(f"'{name}' is not a UUID.") from None

    @overload
    def integer(self, name: str, *, minimum: int = ..., maximum: int = ..., required: Literal[True] = ...) -> int: ...
    @overload
    def integer(self, name: str, *, minimum: int = ..., maximum: int = ..., required: bool) -> int | None: ...

    def integer(self, name: str, *, minimum: int = 0, maximum: int = MAX_INTEGER, required: bool = True) -> int | None:
        """A whole-number field from `minimum` to `maximum` (by default, as much as a database column holds)."""
        value = self._value(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"'{name}' must be a whole number.")
        if value < minimum:
            raise self.error(f"'{name}' must be at least {minimum}.")
        if value > maximum:
            raise self.error(f"'{name}' must be at most {maximum}.")
        return value

    @overload
    def choice(self, name: str, options: tuple[str, ...], *, required: Literal[True] = ...) -> str: ...
    @overload
    def choice(self, name: str, options: tuple[str, ...], *, required: bool) -> str | None: ...

    def choice(self, name: str, options: tuple[str, ...], *, required: bool = True) -> str | None:
        """A field that must be one of `options`."""
        value = self._value(name, required)
        if value is None:
            return None
        if value not in options:
            raise self.error(f"'{name}' must be one of: {', '.join(options)}.")
        return value

    @overload
    def obj(self, name: str, *, required: Literal[True] = ...) -> dict: ...
    @overload
    def obj(self, name: str, *, required: bool) -> dict | None: ...

    def obj(self, name: str, *, required: bool = True) -> dict | None:
        """A JSON-object field (a GeoJSON geometry, say)."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(f"'{name}' must be an object.")
        return value

    @overload
    def boolean(self, name: str, *, required: Literal[True] = ...) -> bool: ...
    @overload
    def boolean(self, name: str, *, required: bool) -> bool | None: ...

    def boolean(self, name: str, *, required: bool = True) -> bool | None:
        """A true-or-false field."""
        value = self._value(name, required)
        if value is not None and not isinstance(value, bool):
            raise self.error(f"'{name}' must be true or false.")
        return value

    @overload
    def number(self, name: str, *, required: Literal[True] = ...) -> float: ...
    @overload
    def number(self, name: str, *, required: bool) -> float | None: ...

    def number(self, name: str, *, required: bool = True) -> float | None:
        """A finite number field, whole or not (kept as sent)."""
        value = self._value(name, required)
        if value is None:
            return None
        # NaN fails the comparison too; a whole number too large for a float is refused before a database sees it.
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not -sys.float_info.max <= value <= sys.float_info.max
        ):
            raise self.error(f"'{name}' must be a finite number.")
        return value

    @overload
    def time(self, name: str, *, required: Literal[True] = ...) -> datetime: ...
    @overload
    def time(self, name: str, *, required: bool) -> datetime | None: ...

    def time(self, name: str, *, required: bool = True) -> datetime | None:
        """An ISO 8601 time, returned as naive UTC (how times are stored); one without an offset is taken as UTC."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be an ISO 8601 time string.")
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise self.error(f"'{name}' is not an ISO 8601 time.") from None
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment

    @overload
    def uuids(self, name: str, *, required: Literal[True] = ...) -> tuple[str, ...]: ...
    @overload
    def uuids(self, name: str, *, required: bool) -> tuple[str, ...] | None: ...

    def uuids(self, name: str, *, required: bool = True) -> tuple[str, ...] | None:
        """A list of UUIDs, each in canonical lower-case form."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"'{name}' must be a list of UUID strings.")
        try:
            return tuple(str(uuid.UUID(item)) for item in value)
        except ValueError:
            raise self.error(f"'{name}' holds something that is not a UUID.") from None

    def objects(
        self, name: str, parse: Callable[[Any, str], T], *, max_length: int | None = None, required: bool = True
    ) -> tuple[T, ...]:
        """A list of JSON objects, each read by `parse(item, where)` so that its errors name it (`elements[3]: ...`)."""
        value = self._value(name, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(f"'{name}' must be a list.")
        if max_length is not None and len(value) > max_length:
            raise self.error(f"'{name}' may hold at most {max_length} items.")
        place = f"{self.where}.{name}" if self.where else name
        return tuple(parse(item, f"{place}[{index}]") for index, item in enumerate(value))

    def placed(self, check: Callable[[], T]) -> T:
        """The result of a check written elsewhere (whose messages name no place), its `invalid` error placed here."""
        try:
            return check()
        except CoworkError as exc:
            if exc.code != "invalid":
                raise
            raise self.error(exc.message) from None
