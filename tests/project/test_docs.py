"""Docs keep up with the code: every setting in README, every Socket.IO event in docs/api.md, with its fields."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from cowork.config import Config
from cowork.core import events
from cowork.realtime.handlers import WorkshopEvents
from cowork.workshop import payloads

ROOT = Path(__file__).resolve().parents[2]
API = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def client_events() -> list[str]:
    """The client events the server registers handlers for."""
    return [
        getattr(WorkshopEvents, name).client_event
        for name in dir(WorkshopEvents)
        if hasattr(getattr(WorkshopEvents, name), "client_event")
    ]


def documented_server_events() -> dict[str, set[str]]:
    """Every `name {"field", ...}` the API document shows for a server-sent event, with its fields."""
    found: dict[str, set[str]] = {}
    for name, fields in re.findall(r"`([a-z_:]+) \{([^`]*)\}`", API):
        found.setdefault(name, set()).update(top_level_keys(fields))
    return found


def top_level_keys(fields: str) -> set[str]:
    """The quoted keys of an object's outermost level (`"online": [{"name"}]` gives only `online`)."""
    keys, depth = set(), 0
    for token in re.finditer(r'"([a-z_]+)"|[\[{]|[\]}]', fields):
        text = token.group(0)
        if text in "[{":
            depth += 1
        elif text in "]}":
            depth -= 1
        elif depth == 0:
            keys.add(token.group(1))
    return keys


def test_every_setting_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    settings = [name for name in vars(Config) if name.isupper()]
    assert settings
    missing = [name for name in settings if f"`COWORK_{name}`" not in readme]
    assert not missing, f"undocumented settings: {missing}"


def test_every_client_event_is_documented_in_the_api():
    names = client_events()
    assert "element:add" in names and "comment:add" in names
    missing = [name for name in names if f"| `{name}` |" not in API]
    assert not missing, f"undocumented client events: {missing}"


@pytest.mark.parametrize(
    "event, payload", [("element:add", payloads.ElementAdd), ("element:update", payloads.ElementUpdate)]
)
def test_the_element_events_payload_rows_name_every_field_the_door_reads(event, payload):
    row = re.search(rf"^\| `{event}` \| `\{{([^`]*)\}}` \|", API, re.M)
    assert row, f"docs/api.md has no row for {event}"
    assert top_level_keys(row.group(1)) == {f.name for f in dataclasses.fields(payload)}, event
    assert "`props`" in API and "'props.count' must be from 1 to 500." in API


def test_every_server_event_is_documented_with_exactly_its_fields():
    documented = documented_server_events()
    for name, event_class in events.EVENTS.items():
        if event_class is events.Snapshot:
            assert "emits `snapshot`" in API
            continue
        assert name in documented, f"{name} is sent but not documented in docs/api.md"
        sent = events.field_names(event_class)
        if event_class is events.Moderated:
            # The restored element, design or comment rides under the target's name, documented beside the table.
            assert "the restored `element`/`design`/`comment`" in API
        assert documented[name] == sent, f"{name}: docs say {sorted(documented[name])}, the server sends {sorted(sent)}"


def test_every_documented_server_event_is_one_the_server_sends():
    unknown = set(documented_server_events()) - set(events.EVENTS) - set(client_events())
    assert not unknown, f"docs/api.md shows events the server never sends: {sorted(unknown)}"


# Every setting that bounds what a client may do, or whom the server believes: docs/security.md lists each
# with its default.
SECURITY_SETTINGS = (
    "LIMIT_WRONG_JOIN_CODES",
    "LIMIT_WRONG_RECOVERY_CODES",
    "LIMIT_SITE_FILES",
    "LIMIT_WORKSHOPS",
    "LIMIT_EXPORTS",
    "LIMIT_OGCAPI",
    "LIMIT_CITY",
    "EVENT_BUDGET",
    "EVENT_BUDGET_CLOSE",
    "MAX_REQUEST_BYTES",
    "MAX_IMPORT_BYTES",
    "MAX_MESSAGE_BYTES",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_PIXELS",
    "MAX_SITE_FILE_BYTES",
    "SYNC_MAX_EVENTS",
    "ORGANIZER_KEY",
    "CORS_ORIGINS",
    "PROXY_HOPS",
    "SECRET_KEY",
)


def test_every_limit_is_in_security_md_with_its_default():
    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    limits = [name for name in vars(Config) if name.startswith(("LIMIT_", "MAX_", "EVENT_BUDGET"))]
    assert set(limits) <= set(SECURITY_SETTINGS), (
        f"a new limit is missing from SECURITY_SETTINGS: {set(limits) - set(SECURITY_SETTINGS)}"
    )
    for name in SECURITY_SETTINGS:
        found = re.search(rf"^\| `COWORK_{name}` \| ([^|]+) \|", security, re.M)
        assert found, f"COWORK_{name} is not in docs/security.md's table of limits"
        default = getattr(Config, name)
        if name != "SECRET_KEY":
            shown = found.group(1).strip()
            assert shown.startswith(f"`{default}`") if default != "" else shown == "empty", f"COWORK_{name}: {shown}"


def test_security_md_is_linked_from_the_readme_and_the_architecture():
    for page in ("README.md", "docs/architecture.md"):
        assert "security.md" in (ROOT / page).read_text(encoding="utf-8"), page
