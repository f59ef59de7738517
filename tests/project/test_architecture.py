"""The layers of docs/architecture.md hold: what each part may import, who emits, and how big a file may grow."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cowork"
MAX_LINES = 520  # "about 500"


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imported_modules(path: Path) -> set[str]:
    """Absolute names of what a module imports (relative imports resolved against the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


CAPABILITIES = ("workshop", "supervision", "archive", "opendata", "city")
HTTP_MODULES = ("http.py", "pages.py")  # a capability's blueprints; the rest of it is its domain


def service_files() -> list[Path]:
    """Every module of a capability that is not one of its HTTP modules (nor OGC API's, which is all HTTP)."""
    return [
        p
        for capability in CAPABILITIES
        for p in python_files(PACKAGE / capability)
        if p.name not in HTTP_MODULES and "ogcapi" not in p.parts
    ]


def test_geometry_imports_nothing_of_ours():
    assert not {m for m in imported_modules(PACKAGE / "core" / "geo.py") if m.startswith("cowork")}


@pytest.mark.parametrize("path", service_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_services_know_nothing_of_http_or_sockets(path):
    web = {m for m in imported_modules(path) if m.split(".")[0] in ("flask", "flask_socketio", "socketio", "werkzeug")}
    ours = {m for m in imported_modules(path) if m.startswith(("cowork.web", "cowork.realtime"))}
    assert not web and not ours, f"{path.name} imports {sorted(web | ours)}"


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
def test_files_stay_under_about_500_lines(path):
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


def test_geodesy_imports_nothing_of_ours():
    assert not {m for m in imported_modules(PACKAGE / "core" / "geodesy.py") if m.startswith("cowork")}
