"""Every row of docs/architecture.md's layer table has its import contract (import-linter, pyproject.toml), named
after the row, and the domain's contract lists every module of a capability that is not one of its blueprints."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
CAPABILITIES = ("workshop", "supervision", "archive", "opendata", "city")
BLUEPRINTS = ("http", "pages")  # and all of opendata/ogcapi/


def table_rows() -> list[str]:
    """The first column of the layer table (the one headed `| part | may import | must not import |`), unquoted."""
    table = ARCHITECTURE.split("| part | may import | must not import |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ")[0].removeprefix("| ") for line in table.strip().splitlines()[1:]]
    return [row.replace("`", "") for row in rows]


def test_the_table_is_found():
    assert len(table_rows()) >= 9 and table_rows()[0] == "core/geo.py, core/geodesy.py"


def test_every_row_of_the_layer_table_has_a_contract():
    names = [contract["name"] for contract in CONTRACTS]
    missing = [row for row in table_rows() if not any(name.startswith(f"{row}: ") for name in names)]
    assert missing == [], f"rows of docs/architecture.md's layer table without an import contract: {missing}"


def test_every_contract_is_named_after_a_row():
    rows = table_rows()
    stray = [c["name"] for c in CONTRACTS if not any(c["name"].startswith(f"{row}: ") for row in rows)]
    assert stray == [], f"contracts named after no row of the layer table: {stray}"


def modules_of(capability: str) -> set[str]:
    folder = ROOT / "cowork" / capability
    found = set()
    for path in folder.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "__pycache__" in parts or "ogcapi" in parts or parts[-1] in BLUEPRINTS:
            continue
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_the_domain_contract_lists_every_module_of_the_domain():
    [domain] = [c for c in CONTRACTS if c["type"] == "forbidden" and "cowork.workshop.payloads" in c["source_modules"]]
    listed = set(domain["source_modules"])
    unlisted = sorted(set().union(*(modules_of(c) for c in CAPABILITIES)) - listed)
    assert unlisted == [], f"modules of a capability missing from the domain's contract in pyproject.toml: {unlisted}"
    assert re.match(r"a capability's domain", domain["name"])
