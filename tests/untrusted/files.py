"""Files that cost their reader: real photos and site files, large enough that a tight budget stops them."""

from __future__ import annotations

import io
import json
import math

from PIL import Image, ImageDraw


def big_photo() -> bytes:
    """A 50-megapixel JPEG (about 5 MB) whose decoding and re-encoding take a core 2 to 3 s and 400 MB or so."""
    image = Image.new("RGB", (8600, 5800), (90, 140, 60))
    pen = ImageDraw.Draw(image)
    for x in range(0, 8600, 50):
        pen.line([(x, 0), (8600 - x, 5800)], fill=(x % 255, 30, 200), width=3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def big_site_file(positions: int = 330_000) -> bytes:
    """A GeoJSON of round ponds in a grid over Almaty, about 24 bytes a position (8 MB for 330,000)."""
    features: list[dict] = []
    while len(features) * 981 < positions:
        index = len(features)
        x, y = 76.9 + (index % 50) * 0.01, 43.2 + (index // 50) * 0.01
        ring = [
            [
                round(x + 0.004 * math.cos(2 * math.pi * k / 980), 6),
                round(y + 0.004 * math.sin(2 * math.pi * k / 980), 6),
            ]
            for k in range(980)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": f"pond {index}"},
                "geometry": {"type": "Polygon", "coordinates": [ring + ring[:1]]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()
