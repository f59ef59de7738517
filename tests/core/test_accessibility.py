"""Colours people can tell apart: the design palette under simulated colour-vision deficiencies, and designs
numbered in creation order so that the first designs of a workshop never share a colour."""

from __future__ import annotations

import itertools
import math
import re
import uuid
from pathlib import Path

from cowork.workshop.payloads import DesignCreate, Join, WorkshopCreate

from ..support import PARK

ROOT = Path(__file__).resolve().parents[2]

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "typical": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}
MIN_DELTA_E = 15  # CIE76: clearly different at a glance, for every pair of design colours


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = (
        0.4124 * r + 0.3576 * g + 0.1805 * b,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        0.0193 * r + 0.1192 * g + 0.9505 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen_as(colour: str, matrix) -> tuple[float, float, float]:
    rgb = [_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    simulated = [min(1.0, max(0.0, sum(matrix[row][k] * rgb[k] for k in range(3)))) for row in range(3)]
    return _lab(simulated)


def design_palette() -> list[str]:
    source = (ROOT / "static" / "js" / "workshop" / "ui" / "design-colour.js").read_text(encoding="utf-8")
    return re.findall(r'"(#[0-9A-Fa-f]{6})"', re.search(r"DESIGN_COLOURS = \[(.*?)\]", source, re.S).group(1))


def test_design_colours_stay_apart_for_colour_blind_people():
    palette = design_palette()
    assert len(palette) >= 7
    for vision, matrix in SIMULATIONS.items():
        seen = [seen_as(colour, matrix) for colour in palette]
        closest = min(math.dist(a, b) for a, b in itertools.combinations(seen, 2))
        assert closest >= MIN_DELTA_E, f"{vision}: two design colours are only ΔE {closest:.1f} apart"


def test_designs_are_numbered_in_creation_order(cowork):
    created = cowork.workshops.create(WorkshopCreate("Colours", "Park", PARK))
    people = [
        cowork.access.participant(cowork.workshops.join(Join(created["join_code"], f"P{i}"))["token"]) for i in range(3)
    ]
    indexes = [
        cowork.sketches.create_design(p, DesignCreate(f"D{i}", str(uuid.uuid4()))).reply["design"]["colour_index"]
        for i, p in enumerate(people)
    ]
    assert indexes == [0, 1, 2]
