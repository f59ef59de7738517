"""The pages and text of a PDF that Chromium printed (page.pdf), for tests that check what went on paper.

pypdf is not in the environment, and Chromium's PDFs (written by Skia) need little of the format: numbered objects,
Flate-compressed streams with a direct /Length, Type 0 fonts whose /ToUnicode map turns each two-byte glyph code
into text, and text drawn with Tj and TJ. Anything else is not read (a drawing's glyphs without a map read "?").
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

OBJECT = re.compile(rb"(\d+) 0 obj\b")
PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")
# In a content stream: a font chosen (/F1 12 Tf), or text shown as an array (TJ) or a string (Tj).
TEXT_OPERATORS = re.compile(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj", re.S)


@dataclass(frozen=True)
class PdfPage:
    """One printed page: its size in points and its text in drawing order (the runs joined with no separator)."""

    width: float
    height: float
    text: str


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number → (its dictionary, its stream decompressed, or None)."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    for match in OBJECT.finditer(pdf):
        start = match.end()
        end = pdf.find(b"endobj", start)
        body, stream = pdf[start:end], None
        opening = re.search(rb"stream\r?\n", body)
        length = re.search(rb"/Length\s+(\d+)(?!\s+0\s+R)", body[:opening.start()]) if opening else None
        if opening and length:
            data_start = start + opening.end()
            stream = pdf[data_start:data_start + int(length.group(1))]
            end = pdf.find(b"endobj", data_start + len(stream))
            body = body[:opening.start()]
            if b"/FlateDecode" in body:
                stream = zlib.decompress(stream)
        found[int(match.group(1))] = (body, stream)
    return found


def _unicode_map(cmap: bytes) -> dict[int, str]:
    """A /ToUnicode CMap's glyph code → text (its bfchar and bfrange entries)."""
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int.from_bytes(bytes.fromhex(first.decode()), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(start + offset)
    return table


def _page_text(body: bytes, objects: dict[int, tuple[bytes, bytes | None]]) -> str:
    resources = re.search(rb"/Resources\s+(\d+) 0 R", body)
    resources_body = objects[int(resources.group(1))][0] if resources else body
    font_refs = re.search(rb"/Font\s*<<(.*?)>>", resources_body, re.S)
    fonts: dict[bytes, dict[int, str]] = {}
    for name, number in re.findall(rb"/([\w.+-]+)\s+(\d+) 0 R", font_refs.group(1) if font_refs else b""):
        to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", objects[int(number)][0])
        fonts[name] = _unicode_map(objects[int(to_unicode.group(1))][1] or b"") if to_unicode else {}
    contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
    runs: list[str] = []
    for number in re.findall(rb"(\d+) 0 R", contents.group(1) if contents else b""):
        font: dict[int, str] = {}
        for operator in TEXT_OPERATORS.finditer(objects[int(number)][1] or b""):
            if operator.group(1):
                font = fonts.get(operator.group(1), {})
                continue
            strings = re.findall(rb"<([0-9A-Fa-f]*)>", operator.group(2)) if operator.group(2) is not None else [operator.group(3)]
            for hex_codes in strings:
                codes = hex_codes.decode()
                runs.append("".join(font.get(int(codes[i:i + 4], 16), "?") for i in range(0, len(codes), 4)))
    return "".join(runs)


def pdf_pages(pdf: bytes) -> list[PdfPage]:
    """Every page of a PDF printed by Chromium, in the file's order (Skia writes them in the order printed)."""
    objects = _objects(pdf)
    pages = []
    for body, _stream in objects.values():
        if not PAGE.search(body):
            continue
        width, height = (float(n) for n in re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", body).groups())
        pages.append(PdfPage(width, height, _page_text(body, objects)))
    return pages
