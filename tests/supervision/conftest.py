"""The supervision tests' fixture: an adopted project."""

from __future__ import annotations

import pytest

from .adopted import Adopted


@pytest.fixture
def adopted(cowork, client) -> Adopted:
    return Adopted(cowork, client)
