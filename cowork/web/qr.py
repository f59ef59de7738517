"""QR codes as standalone SVG documents, made on the server so secret links never go into a URL."""

from __future__ import annotations

import io

import segno


def qr_svg(text: str, scale: int = 6) -> str:
    """A QR code as a standalone SVG document (with its namespace, so it also works as an <img>)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", xmldecl=False, scale=scale, border=2, dark="#000000", light="#ffffff"
    )
    return buffer.getvalue().decode("utf-8")
