"""JSON as it arrives from a client, decoded strictly and within bounds: HTTP bodies and Socket.IO messages alike.

`loads` is the standard library's decoder behind three checks that keep hostile input from reaching it or what
follows it: the nesting depth is measured on the text first (the decoder recurses, and a deep enough document used
to end in a RecursionError, a 500), the constants `NaN` and `Infinity` (which RFC 8259 does not have) and integers
of more than `MAX_INTEGER_DIGITS` digits are refused, and so is a string holding a lone surrogate (text that is not
Unicode, which no database can store and no UTF-8 answer can carry). Every refusal is a `MalformedJSON`, a
`ValueError` as the standard library's own errors are, so this module serves wherever a `json` module is expected.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .facts import MAX_JSON_DEPTH

# Longer integers are refused before Python converts them (as python-engineio's own JSON module does).
MAX_INTEGER_DIGITS = 100

# A string, from its opening quote to its closing one or to the end of the text (so that an unterminated string
# cannot make the search start over at every later quote); possessive, so it never backtracks.
_STRING = re.compile(r'"(?:[^"\\]++|\\.?)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_INNERMOST = re.compile(r"\[\]|\{\}")
# A surrogate, escaped or raw: where there is one, every string is checked for a lone one.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|[\ud800-\udfff]")

dumps = json.dumps


class MalformedJSON(ValueError):
    """A client's JSON that is refused: not JSON, nested too deep, or holding what JSON or Unicode do not allow."""


def beyond_depth(text: str, limit: int) -> str:
    """The brackets of a JSON text that lie deeper than `limit` levels (or are never closed): empty when none do."""
    skeleton = _NOT_BRACKET.sub("", _STRING.sub("", text))
    # Each pass takes away the innermost level; what is left after `limit` passes lies deeper.
    for _level in range(limit):
        if not skeleton:
            break
        skeleton = _INNERMOST.sub("", skeleton)
    return skeleton


def _refuse_constant(name: str) -> Any:
    raise MalformedJSON(f"JSON has no {name}: numbers must be finite.")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise MalformedJSON(f"A number has more than {MAX_INTEGER_DIGITS} digits.")
    return int(digits)


def _check_unicode(value: Any) -> None:
    """Raise unless every string (keys too) is Unicode text: no lone surrogate."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise MalformedJSON("A string holds a lone surrogate: it is not Unicode text.") from None


def loads(data: str | bytes | bytearray) -> Any:
    """Decode a client's JSON text (UTF-8, or UTF-16/32 as detected), or raise `MalformedJSON` saying why not."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode(json.detect_encoding(data))
        except UnicodeDecodeError:
            raise MalformedJSON("The text is not valid UTF-8.") from None
    left = beyond_depth(data, MAX_JSON_DEPTH)
    if left and not left.strip("[{"):
        raise MalformedJSON("Not valid JSON: an array or an object is never closed.")
    if left:
        raise MalformedJSON(f"JSON may nest arrays and objects at most {MAX_JSON_DEPTH} levels deep.")
    try:
        value = json.loads(data, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except MalformedJSON:
        raise
    except ValueError as error:
        raise MalformedJSON(f"Not valid JSON: {error}.") from None
    if _SURROGATE.search(data):
        _check_unicode(value)
    return value
