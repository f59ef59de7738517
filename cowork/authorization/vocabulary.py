"""The authorisation table's words: who asks (roles), where (contexts), what they get (outcomes), and one row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Who asks. A credential that is sent must be valid: a removed participant's token, a revoked key, a supervision
# key or the organiser key shown to an endpoint that wants a workshop token are refused (`unauthorized`).
ROLES = (
    "anonymous",
    "participant",
    "author",
    "facilitator",
    "outsider",
    "key_holder",
    "removed",
    "revoked",
    "organiser",
)
ROLE_WORDS = {
    "anonymous": "no credential",
    "participant": "a workshop token of someone who joined, not an author of the design acted on",
    "author": "a workshop token of an author of the design acted on",
    "facilitator": "the workshop's facilitator token (on pages: the session cookie of `POST /api/session`)",
    "outsider": "the facilitator token of another workshop (over Socket.IO it acts on its own workshop only)",
    "key_holder": "an author's supervision key (its recovery code for `recover`)",
    "removed": "the token of a participant the facilitator removed",
    "revoked": "a supervision key (or recovery code) the facilitator revoked",
    "organiser": "the organiser key `COWORK_ORGANIZER_KEY` (set on this server)",
}

# Where it is asked. Workshop rows are walked in every phase and under each setting that changes who may do
# what; project rows on an adopted project (its workshop closed); site rows once.
WORKSHOP_CONTEXTS = ("setup", "sketching", "voting", "closed", "private", "tallies", "moderated")
CONTEXT_WORDS = {
    "setup": "phase `setup`",
    "sketching": "phase `sketching`",
    "voting": "phase `voting`",
    "closed": "phase `closed`",
    "private": "`sketching` with `private_sketching` on: the design acted on is someone else's for a mere participant",
    "tallies": "`voting` with `show_running_tallies` on",
    "moderated": "`sketching` with the design acted on hidden by the facilitator",
    "project": "an adopted project (its workshop closed)",
    "site": "anywhere",
}
SCOPES = {
    "site": ("site",),
    "workshop": WORKSHOP_CONTEXTS,
    "project": ("project",),
    # The visibility rows: what a read shows of the design acted on, and of the vote tallies.
    "design": ("private", "moderated"),
    "tallies": ("voting", "tallies"),
    # And of the join code: live, and once closed, when results and the replay are public (and may reopen).
    "code": ("sketching", "closed"),
}
PHASE_OF = {"private": "sketching", "tallies": "voting", "moderated": "sketching"}

# Outcomes: "ok", or the error code of the refusal (docs/api.md's table of codes).
# Visibility rows answer "shown" or "left out" where the read itself is allowed.
OUTCOMES = ("ok", "unauthorized", "forbidden", "not_found", "phase", "invalid", "shown", "left_out")
SHORT = {
    "ok": "✓",
    "unauthorized": "401",
    "forbidden": "403",
    "not_found": "404",
    "phase": "phase",
    "invalid": "400",
    "shown": "shown",
    "left_out": "—",
}

Cells = Mapping[str, str]  # context -> outcome


def always(outcome: str) -> Cells:
    """The same outcome in every context."""
    return {context: outcome for scope in SCOPES.values() for context in scope}


def only(contexts: tuple[str, ...], otherwise: str, **exceptions: str) -> Cells:
    """`ok` in these contexts, `otherwise` elsewhere, with some contexts answered by another code."""
    cells = {context: ("ok" if context in contexts else otherwise) for context in WORKSHOP_CONTEXTS}
    return {**cells, **exceptions}


OK, UNAUTHORIZED, FORBIDDEN, NOT_FOUND = always("ok"), always("unauthorized"), always("forbidden"), always("not_found")
SUMMARY = "GET /api/workshops/<workshop_id>"
TOKEN_ROLES = ("participant", "author", "facilitator", "outsider")  # whoever holds a valid workshop token
BAD_CREDENTIALS = ("key_holder", "removed", "revoked", "organiser")  # sent, but not a valid workshop token


@dataclass(frozen=True)
class Row:
    """One endpoint or event: who gets what, by context. `action` is `"GET /path"` or `"socket <event>"`."""

    action: str
    scope: str
    cells: Mapping[str, Cells]  # role -> context -> outcome
    note: str = ""

    @property
    def contexts(self) -> tuple[str, ...]:
        """The contexts this row is walked in."""
        return SCOPES[self.scope]

    def expected(self, role: str, context: str) -> str:
        """The outcome the table promises for one role in one context."""
        return self.cells[role][context]


def row(action: str, scope: str, default: Cells, note: str = "", /, **by_role: Cells) -> Row:
    """A row: `default` for every role not named."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)} in {action}")
    return Row(action, scope, {role: by_role.get(role, default) for role in ROLES}, note)


def with_token(outcome: Cells) -> dict[str, Cells]:
    """Role cells of an endpoint that wants a workshop token: the token's holders get `outcome`."""
    return dict.fromkeys(TOKEN_ROLES, outcome)


def optional_token(action: str, scope: str, note: str = "", /, **by_role: Cells) -> Row:
    """A public read that also takes a workshop token (the facilitator sees more): a bad token is refused."""
    cells = {
        "anonymous": OK,
        **dict.fromkeys(TOKEN_ROLES, OK),
        **dict.fromkeys(BAD_CREDENTIALS, UNAUTHORIZED),
        **by_role,
    }
    return row(action, scope, OK, note, **cells)
