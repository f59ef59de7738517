"""The layers of docs/architecture.md hold where import contracts cannot look: who emits, which Flask-SocketIO API is
used, how big a file may grow, and that no merge left its markers (what each part may import is import-linter's:
pyproject.toml, tests/project/test_import_contracts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cowork"
MAX_LINES = 500


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_realtime_layer_emits():
    emitting = [
        p.relative_to(ROOT).as_posix()
        for p in python_files(PACKAGE)
        if re.search(r"\.emit\(|\bemit\(", p.read_text(encoding="utf-8")) and "realtime" not in p.parts
    ]
    assert emitting == []


def test_no_private_flask_socketio_api():
    used = [
        p.name
        for p in python_files(PACKAGE)
        if re.search(r"_handle_event|trigger_event", p.read_text(encoding="utf-8"))
    ]
    assert used == []


def our_files() -> list[Path]:
    kinds = (
        "cowork/**/*.py",
        "static/js/**/*.js",
        "static/css/**/*.css",
        "tests/**/*.py",
        "tests/js/**/*.mjs",
        "bench/**/*.py",
        "run.py",
        "templates/**/*.html",
    )
    return sorted({p for pattern in kinds for p in ROOT.glob(pattern) if "node_modules" not in p.parts})


@pytest.mark.parametrize("path", our_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_files_stay_within_500_lines(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concern"


def test_no_merge_conflict_is_left_in_any_tracked_file():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    marker = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.M)
    left = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".png", ".jpg", ".ico", ".gpkg", ".mbtiles", ".db") or not path.is_file():
            continue
        try:
            if marker.search(path.read_text(encoding="utf-8")):
                left.append(name)
        except UnicodeDecodeError:
            continue
    assert not left, f"merge conflict markers in {left}"
