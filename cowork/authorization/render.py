"""The authorisation tables as docs/security.md shows them, and as the tests walk them (cell by cell)."""

from __future__ import annotations

from cowork.authorization.actions import TABLE
from cowork.authorization.vocabulary import ROLES, SHORT, Row


def cells(table: tuple[Row, ...] = TABLE) -> list[tuple[str, str, str, str]]:
    """Every cell of a table as (action, role, context, outcome), in the table's order."""
    return [
        (r.action, role, context, r.expected(role, context)) for r in table for context in r.contexts for role in ROLES
    ]


def summary(row_: Row, role: str) -> str:
    """One cell of the rendered table: the outcome per context, shortest first (`✓ voting, tallies; else phase`)."""
    outcomes: dict[str, list[str]] = {}
    for context in row_.contexts:
        outcomes.setdefault(row_.expected(role, context), []).append(context)
    if len(outcomes) == 1:
        return SHORT[next(iter(outcomes))]
    sizes = sorted((len(c) for c in outcomes.values()), reverse=True)
    if sizes[0] == sizes[1]:  # no outcome is the rule: name every one
        return "; ".join(f"{SHORT[o]} {', '.join(c)}" for o, c in outcomes.items())
    commonest = max(outcomes, key=lambda o: len(outcomes[o]))
    parts = [f"{SHORT[o]} {', '.join(c)}" for o, c in outcomes.items() if o != commonest]
    return "; ".join([*parts, f"else {SHORT[commonest]}"])


def render_markdown(table: tuple[Row, ...] = TABLE) -> str:
    """A table as docs/security.md shows it (visibility rows name what they show: the design, tallies, the code)."""
    header = "| action | " + " | ".join(ROLES) + " | note |"
    lines = [header, "|" + "---|" * (len(ROLES) + 2)]
    for r in table:
        action = r.action.replace("socket ", "⚡ ")
        what = {"design": " → the design", "tallies": " → tallies", "code": " → the join code"}.get(r.scope, "")
        lines.append(f"| `{action}`{what} | " + " | ".join(summary(r, role) for role in ROLES) + f" | {r.note} |")
    return "\n".join(lines) + "\n"
