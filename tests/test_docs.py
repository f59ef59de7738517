"""Docs keep up with the code: every setting in README, every Socket.IO event in docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path

from cowork.config import Config
from cowork.realtime.namespace import WorkshopNamespace

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    settings = [name for name in vars(Config) if name.isupper()]
    assert settings
    missing = [name for name in settings if f"`COWORK_{name}`" not in readme]
    assert not missing, f"undocumented settings: {missing}"


def test_every_client_event_is_documented_in_the_api():
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    handlers = [name[3:] for name in vars(WorkshopNamespace) if name.startswith("on_") and name not in ("on_connect", "on_disconnect")]
    events = [handler.replace("_", ":", 1) for handler in handlers]
    assert "element:add" in events
    missing = [event for event in events if f"`{event}`" not in api]
    assert not missing, f"undocumented events: {missing}"
