"""The frames between the serving process and a worker: one line of JSON (the header, naming the byte strings that
follow by their lengths), then those byte strings. Both sides read with caps, since either may be lying: the worker
reads a stranger's file, and a worker taken over by one could answer anything. JSON, never pickle: a frame is data
to both sides, never code."""

from __future__ import annotations

import json
from typing import IO, Any

# The header is a few hundred bytes (a job's name and arguments, or a result's facts); far more is a broken peer.
MAX_HEADER_BYTES = 1024 * 1024


class FrameError(Exception):
    """The other side sent no valid frame (it died, or broke the protocol)."""


# The byte a worker writes once it has imported what it needs and is ready for its job.
READY = b"R"


def encode(header: dict[str, Any], blobs: list[bytes] = ()) -> list[bytes]:  # type: ignore[assignment]
    """A frame, as the parts to write one after the other (the blobs are not copied): the header with the blobs'
    lengths, a newline, then the blobs."""
    line = json.dumps({**header, "blobs": [len(b) for b in blobs]}, ensure_ascii=True, separators=(",", ":"))
    return [line.encode("ascii") + b"\n", *blobs]


def _header(line: bytes) -> tuple[dict[str, Any], list[int]]:
    """The header's fields and the blobs' lengths, checked."""
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        raise FrameError("the header is not JSON") from None
    lengths = header.pop("blobs", None) if isinstance(header, dict) else None
    if not isinstance(lengths, list) or not all(isinstance(n, int) and n >= 0 for n in lengths):
        raise FrameError("the header does not list its blobs")
    return header, lengths


def decode(data: bytes, *, max_bytes: int) -> tuple[dict[str, Any], list[bytes]]:
    """The header and blobs of a whole frame, checked: one JSON object, blobs exactly as long as it says."""
    if len(data) > max_bytes:
        raise FrameError(f"the frame is longer than {max_bytes} bytes")
    end = data.find(b"\n", 0, MAX_HEADER_BYTES)
    if end < 0:
        raise FrameError("no header line")
    header, lengths = _header(data[:end])
    if end + 1 + sum(lengths) != len(data):
        raise FrameError("the blobs are not as long as the header says")
    blobs, start = [], end + 1
    for length in lengths:
        blobs.append(data[start : start + length])
        start += length
    return header, blobs


def read(stream: IO[bytes], *, max_bytes: int) -> tuple[dict[str, Any], list[bytes]]:
    """One frame read from a stream, no further than the frame's own end (whatever the stream holds after it, or
    whether it ever ends, does not matter: a process the writer left behind may keep it open)."""
    data = bytearray()
    while (end := data.find(b"\n", 0, MAX_HEADER_BYTES)) < 0:
        if len(data) > MAX_HEADER_BYTES:
            raise FrameError("no header line")
        chunk = stream.read1(64 * 1024) if hasattr(stream, "read1") else stream.read(64 * 1024)
        if not chunk:
            raise FrameError("no header line")
        data += chunk
    _fields, lengths = _header(bytes(data[:end]))
    total = end + 1 + sum(lengths)
    if total > max_bytes:
        raise FrameError(f"the frame is longer than {max_bytes} bytes")
    while len(data) < total:
        chunk = stream.read(min(1024 * 1024, total - len(data)))
        if not chunk:
            raise FrameError("the blobs are shorter than the header says")
        data += chunk
    return decode(bytes(data[:total]), max_bytes=max_bytes)
