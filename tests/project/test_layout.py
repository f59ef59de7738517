"""The house by capability holds (docs/architecture.md, "The house"): a handful of app-wide modules directly in
cowork/, one folder per capability in every tree, and no test or browser module left outside a capability's folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CAPABILITIES = {"workshop", "supervision", "archive", "opendata", "city"}


def names(folder: Path, pattern: str) -> set[str]:
    return {p.name for p in folder.glob(pattern)}


def test_at_most_a_dozen_modules_sit_directly_in_the_package():
    modules = names(ROOT / "cowork", "*.py")
    assert len(modules) <= 12, sorted(modules)


def test_each_capability_is_a_package_with_its_payloads_services_and_blueprints():
    for capability in CAPABILITIES:
        package = ROOT / "cowork" / capability
        assert (package / "__init__.py").is_file(), capability
        assert names(package, "http.py") | names(package, "pages.py"), f"{capability} has no blueprint"


def test_python_tests_live_in_a_capabilitys_folder():
    loose = sorted(name for name in names(ROOT / "tests", "test_*.py"))
    assert loose == [], f"tests outside a capability's folder: {loose}"


def test_browser_modules_and_their_tests_live_in_a_capabilitys_folder_or_shared():
    folders = CAPABILITIES | {"shared"}
    for tree, pattern in (("static/js", "*.js"), ("static/css", "*.css"), ("tests/js", "*.mjs")):
        assert names(ROOT / tree, pattern) == set(), f"{tree} has modules outside a capability's folder"
        assert {p.name for p in (ROOT / tree).iterdir() if p.is_dir()} <= folders, tree


def test_templates_of_pages_live_in_their_capabilitys_folder():
    loose = names(ROOT / "templates", "*.html")
    # The shared frame every page extends or includes.
    assert loose == {"base.html", "language_switch.html", "map_assets.html", "map_defs.html"}, sorted(loose)
    assert {p.name for p in (ROOT / "templates").iterdir() if p.is_dir()} <= CAPABILITIES
