"""Who may do what: one authorisation table for every HTTP endpoint and every Socket.IO event, as data.

Nothing here decides a request (services and rules.py do); this is the statement of what they must decide,
walked cell by cell over a real server by tests/web/test_authorization.py and rendered into docs/security.md
(`python -m cowork.authorization` prints the rendering). A new endpoint or event without a row fails the tests.

The table's words (who asks, where, what they get, a row) are in vocabulary.py; its rows in actions.py (what each
endpoint and event allows) and visibility.py (what each read shows); render.py writes them for docs/security.md.
"""

from __future__ import annotations

from cowork.authorization.actions import OGCAPI_LIMIT, TABLE, UNWALKED_EVENTS, rows_by_action
from cowork.authorization.render import cells, render_markdown, summary
from cowork.authorization.visibility import VISIBILITY
from cowork.authorization.vocabulary import (
    CONTEXT_WORDS,
    OUTCOMES,
    PHASE_OF,
    ROLE_WORDS,
    ROLES,
    SCOPES,
    WORKSHOP_CONTEXTS,
    Row,
)

__all__ = [
    "CONTEXT_WORDS",
    "OGCAPI_LIMIT",
    "OUTCOMES",
    "PHASE_OF",
    "ROLES",
    "ROLE_WORDS",
    "SCOPES",
    "TABLE",
    "UNWALKED_EVENTS",
    "VISIBILITY",
    "WORKSHOP_CONTEXTS",
    "Row",
    "cells",
    "render_markdown",
    "rows_by_action",
    "summary",
]
