"""Who may do what: one authorisation table for every HTTP endpoint and every Socket.IO event, as data.

Nothing here decides a request (services and rules.py do); this is the statement of what they must decide,
walked cell by cell over a real server by tests/web/test_authorization.py and rendered into docs/security.md
(`python -m cowork.authorization` prints the rendering). A new endpoint or event without a row fails the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

# Who asks. A credential that is sent must be valid: a removed participant's token, a revoked key, a supervision
# key or the organiser key shown to an endpoint that wants a workshop token are refused (`unauthorized`).
ROLES = ("anonymous", "participant", "author", "facilitator", "outsider", "key_holder", "removed", "revoked", "organiser")
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
SCOPES = {"site": ("site",), "workshop": WORKSHOP_CONTEXTS, "project": ("project",),
          # The visibility rows: what a read shows of the design acted on, and of the vote tallies.
          "design": ("private", "moderated"), "tallies": ("voting", "tallies"),
          # And of the join code: live, and once closed, when results and the replay are public (and may reopen).
          "code": ("sketching", "closed")}
PHASE_OF = {"private": "sketching", "tallies": "voting", "moderated": "sketching"}

# Outcomes: "ok", or the error code of the refusal (docs/api.md's table of codes).
# Visibility rows answer "shown" or "left out" where the read itself is allowed.
OUTCOMES = ("ok", "unauthorized", "forbidden", "not_found", "phase", "invalid", "shown", "left_out")
SHORT = {"ok": "✓", "unauthorized": "401", "forbidden": "403", "not_found": "404", "phase": "phase", "invalid": "400",
         "shown": "shown", "left_out": "—"}

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


def row(action: str, scope: str, default: Cells, note: str = "", **by_role: Cells) -> Row:
    """A row: `default` for every role not named."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)} in {action}")
    return Row(action, scope, {role: by_role.get(role, default) for role in ROLES}, note)


def with_token(outcome: Cells) -> dict[str, Cells]:
    """Role cells of an endpoint that wants a workshop token: the token's holders get `outcome`."""
    return {role: outcome for role in TOKEN_ROLES}


def optional_token(action: str, scope: str, note: str = "", **by_role: Cells) -> Row:
    """A public read that also takes a workshop token (the facilitator sees more): a bad token is refused."""
    cells = {"anonymous": OK, **{r: OK for r in TOKEN_ROLES}, **{r: UNAUTHORIZED for r in BAD_CREDENTIALS}, **by_role}
    return row(action, scope, OK, note, **cells)


SKETCHING = ("sketching", "private", "moderated")
FACILITATOR_SKETCHING = ("setup",) + SKETCHING
BEFORE_CLOSED = ("setup", "sketching", "voting", "private", "tallies", "moderated")
VOTING = ("voting", "tallies")
COMMENTING = ("sketching", "voting", "tallies", "private", "moderated")
CLOSED_PUBLIC = only(("closed",), "forbidden")
CLOSED_PUBLIC_ANONYMOUS = only(("closed",), "unauthorized")
# Results, tallies and the event log: the facilitator's until the workshop closes, then everyone's.
CLOSED_READ = dict(anonymous=CLOSED_PUBLIC_ANONYMOUS, participant=CLOSED_PUBLIC, author=CLOSED_PUBLIC, outsider=CLOSED_PUBLIC)

# Sketching on the design acted on: others' in private mode and hidden designs are not found, not forbidden.
SKETCH = dict(
    participant=only((), "forbidden", private="not_found", moderated="not_found"),
    author=only(("sketching", "private"), "phase", moderated="not_found"),
    facilitator=only(FACILITATOR_SKETCHING, "phase"),
    outsider=NOT_FOUND,
)
FACILITATOR_ONLY = dict(participant=FORBIDDEN, author=FORBIDDEN)


def socket(event: str, note: str = "", **by_role: Cells) -> Row:
    """A Socket.IO event: only a valid workshop token connects, so every other role is `unauthorized`."""
    return row(f"socket {event}", "workshop", UNAUTHORIZED, note, **by_role)


def facilitator_event(event: str, phases: tuple[str, ...], note: str = "", outsider: Cells = OK) -> Row:
    """A facilitator-only event allowed in these contexts. The outsider's acts on its own workshop (the event
    names none), or finds nothing of this one when it names a thing (`NOT_FOUND`)."""
    cells = always("ok") if phases == WORKSHOP_CONTEXTS else only(phases, "phase")
    return socket(event, note, facilitator=cells, outsider=outsider, **FACILITATOR_ONLY)


# The open data is public: a credential sent is ignored. Every request counts against one generous limit per address.
OGCAPI_LIMIT = "at most `COWORK_LIMIT_OGCAPI` requests per address (default 600/minute), each page up to 10,000 features"
OGCAPI_ROUTES = (
    ("", "the landing page; " + OGCAPI_LIMIT), ("/", "the same"), ("/conformance", ""),
    ("/api", "the OGC API definition (OpenAPI 3.0)"), ("/api.html", "its documentation for people"), ("/collections", ""),
    ("/collections/<collectionId>", ""), ("/collections/<collectionId>/schema", "the fields, typed (JSON Schema)"),
    ("/collections/<collectionId>/items", "published workshops (closed, `open_data` on) and adopted projects only"),
    ("/collections/<collectionId>/items/<featureId>", "no hidden item, no names, tokens, keys or codes"),
)

TABLE: tuple[Row, ...] = (
    # ------------------------------------------------------------------ site
    row("GET /", "site", OK),
    row("GET /new", "site", OK),
    row("GET /recover", "site", OK),
    row("GET /city", "site", OK, "the city map; its script reads `GET /api/city`"),
    row("GET /healthz", "site", OK),
    row("GET /api/openapi.json", "site", OK, "the OpenAPI document of the HTTP API"),
    row("GET /static/<path:filename>", "site", OK),
    row("GET /vendor/<path:filename>", "site", OK, "only leaflet, geoman, leaflet.markercluster and socket.io-client are served"),
    row("GET /tiles/<int:z>/<int:x>/<int:y>", "site", OK, "the base map file's tiles (COWORK_BASEMAP); 404 when none is set"),
    row("GET /lang/<code>", "site", OK, "`next` must be a local path"),
    row("GET /sw.js", "site", OK, "the offline shell's worker: public files only, no state"),
    row("POST /api/qr.svg", "site", OK, "the text travels in the body, never in a URL"),
    # ------------------------------------------------------------------ open data (OGC API – Features), public
    *(row(f"GET /ogcapi{path}", "site", OK, note) for path, note in OGCAPI_ROUTES),
    row("GET /api/city", "site", OK, "the city map: published sites, adopted projects, no names; "
        "at most `COWORK_LIMIT_CITY` requests per address (default 300/minute)"),
    row("GET /api/city/export.gpkg", "site", OK, "published workshops and adopted projects only; no names"),
    row("POST /api/workshops", "site", UNAUTHORIZED, "anyone, when COWORK_ORGANIZER_KEY is empty", organiser=OK),
    row("POST /api/workshops/import", "site", UNAUTHORIZED, "anyone, when COWORK_ORGANIZER_KEY is empty", organiser=OK),
    row("POST /api/sites/parse", "site", UNAUTHORIZED, "as creating a workshop; rate limited per address", organiser=OK),
    # ------------------------------------------------------------------ workshop, over HTTP
    row("POST /api/join", "workshop", OK, "the join code is the credential; wrong codes are rate limited"),
    row("GET /api/me", "workshop", UNAUTHORIZED, **with_token(OK)),
    row(SUMMARY, "workshop", OK, "public summary; the join code only for the workshop's own people (visibility below)"),
    optional_token("GET /api/workshops/<workshop_id>/export.geojson", "workshop",
                   "private designs only for their authors, hidden things only for the facilitator"),
    optional_token("GET /api/workshops/<workshop_id>/export.gpkg", "workshop", "as the GeoJSON export; GeoPackage downloads are rate limited"),
    optional_token("GET /api/workshops/<workshop_id>/results", "workshop", "",
                   **CLOSED_READ),
    optional_token("GET /api/workshops/<workshop_id>/export.csv", "workshop", "",
                   **CLOSED_READ),
    optional_token("GET /api/workshops/<workshop_id>/events", "workshop", "the public log leaves out what is hidden",
                   **CLOSED_READ),
    row("GET /api/workshops/<workshop_id>/archive", "workshop", UNAUTHORIZED, "names and roles, no secrets",
        participant=FORBIDDEN, author=FORBIDDEN, facilitator=OK, outsider=FORBIDDEN),
    row("POST /api/session", "workshop", UNAUTHORIZED, "for the token's own workshop",
        participant=FORBIDDEN, author=FORBIDDEN, facilitator=OK, outsider=OK),
    row("GET /api/workshops/<workshop_id>/projects", "workshop", OK),
    row("POST /api/workshops/<workshop_id>/projects", "workshop", UNAUTHORIZED,
        participant=FORBIDDEN, author=FORBIDDEN, facilitator=only(("closed",), "phase"), outsider=FORBIDDEN),
    row("GET /w/<workshop_id>", "workshop", OK, "a shell: data comes over Socket.IO with a token"),
    row("GET /w/<workshop_id>/console", "workshop", OK, "a shell: the console connects with the facilitator token"),
    row("GET /w/<workshop_id>/projector", "workshop", OK, "a shell"),
    row("GET /w/<workshop_id>/replay", "workshop", OK, "a shell: it reads the events endpoint"),
    row("GET /w/<workshop_id>/qr.svg", "workshop", FORBIDDEN, "it carries the join code: the facilitator's session only",
        facilitator=OK),
    row("GET /w/<workshop_id>/results", "workshop", CLOSED_PUBLIC, facilitator=OK),
    # ------------------------------------------------------------------ workshop, over Socket.IO
    socket("connect", **with_token(OK)),
    socket("*", "any event we do not handle is `invalid`", **with_token(always("invalid"))),
    socket("malformed", "where a message we cannot read goes; it is `invalid`, also when sent by this name",
           **with_token(always("invalid"))),
    socket("design:create", "the outsider's design lands in its own workshop",
           participant=only(SKETCHING, "phase"), author=only(SKETCHING, "phase"),
           facilitator=only(FACILITATOR_SKETCHING, "phase"), outsider=OK),
    socket("design:join", "an author joining again changes nothing, in any phase",
           participant=only(("sketching", "moderated"), "phase", private="not_found"),
           author=OK, facilitator=only(FACILITATOR_SKETCHING, "phase"), outsider=NOT_FOUND),
    socket("element:add", **SKETCH),
    socket("element:update", **SKETCH),
    socket("element:delete", **SKETCH),
    socket("sync", **with_token(OK)),
    socket("presence:design", **with_token(OK)),
    facilitator_event("phase:set", WORKSHOP_CONTEXTS, "leaving `closed` needs `reopen`"),
    facilitator_event("timer:set", BEFORE_CLOSED),
    facilitator_event("view:share", WORKSHOP_CONTEXTS),
    facilitator_event("settings:update", BEFORE_CLOSED),
    facilitator_event("moderate", BEFORE_CLOSED, outsider=NOT_FOUND),
    facilitator_event("join_code:rotate", WORKSHOP_CONTEXTS),
    facilitator_event("participant:remove", BEFORE_CLOSED, outsider=NOT_FOUND),
    socket("vote:cast", participant=only(VOTING, "phase"), author=only(VOTING, "phase"), facilitator=FORBIDDEN, outsider=FORBIDDEN),
    socket("vote:retract", participant=only(VOTING, "phase"), author=only(VOTING, "phase"), facilitator=FORBIDDEN, outsider=FORBIDDEN),
    socket("comment:add",
           participant=only(COMMENTING, "phase", private="not_found", moderated="not_found"),
           author=only(COMMENTING, "phase", moderated="not_found"),
           facilitator=only(BEFORE_CLOSED, "phase"), outsider=NOT_FOUND),
    # ------------------------------------------------------------------ construction supervision
    row("GET /api/projects/<project_id>", "project", OK, "public: no keys, no codes"),
    row("GET /api/projects/<project_id>/report", "project", OK),
    row("GET /api/projects/<project_id>/export.geojson", "project", OK),
    row("GET /api/projects/<project_id>/export.gpkg", "project", OK),
    row("GET /api/projects/<project_id>/photos.zip", "project", OK),
    row("GET /api/projects/<project_id>/photos/<photo_id>", "project", OK, "metadata removed"),
    row("GET /api/projects/<project_id>/photos/<photo_id>/thumbnail", "project", OK),
    row("GET /p/<project_id>", "project", OK),
    row("GET /p/<project_id>/supervise", "project", OK, "a shell: the key stays after `#`"),
    row("POST /api/projects/<project_id>/claim", "project", UNAUTHORIZED, "a fresh key; the old one stops working",
        participant=FORBIDDEN, author=OK, facilitator=FORBIDDEN, outsider=FORBIDDEN),
    row("POST /api/supervision/recover", "project", always("not_found"), "wrong codes are rate limited",
        key_holder=OK),
    row("POST /api/projects/<project_id>/access/<author_id>/reissue", "project", UNAUTHORIZED, "lifts a revocation",
        key_holder=FORBIDDEN, facilitator=OK),
    row("POST /api/projects/<project_id>/access/<author_id>/revoke", "project", UNAUTHORIZED,
        key_holder=FORBIDDEN, facilitator=OK),
    row("POST /api/projects/<project_id>/visits", "project", UNAUTHORIZED, key_holder=OK, facilitator=OK),
    row("POST /api/projects/<project_id>/visits/<visit_id>/photos", "project", UNAUTHORIZED, key_holder=OK, facilitator=OK),
    row("POST /api/projects/<project_id>/signoffs", "project", UNAUTHORIZED, "the authors' voice only",
        key_holder=OK, facilitator=FORBIDDEN),
)


def shown_in(*contexts: str) -> Cells:
    """Shown in these contexts, left out in the others."""
    return {c: ("shown" if c in contexts else "left_out") for c in SCOPES["design"] + SCOPES["tallies"]}


SHOWN, LEFT_OUT = shown_in(*SCOPES["design"], *SCOPES["tallies"]), shown_in()
AUTHOR_SEES = dict(participant=LEFT_OUT, author=shown_in("private"), facilitator=SHOWN, outsider=LEFT_OUT)
SEES_TALLIES = shown_in("tallies")
FACILITATOR_READ = dict(facilitator=SHOWN, participant=FORBIDDEN, author=FORBIDDEN, outsider=FORBIDDEN)
EXPORT = "GET /api/workshops/<workshop_id>/export.geojson"
GEOPACKAGE = "GET /api/workshops/<workshop_id>/export.gpkg"
# The join code lets whoever reads it in: only the workshop's facilitator and (not removed) participants read it.
CODE_SHOWN, CODE_LEFT_OUT = ({c: outcome for c in SCOPES["code"]} for outcome in ("shown", "left_out"))
MEMBERS_SEE_CODE = dict(participant=CODE_SHOWN, author=CODE_SHOWN, facilitator=CODE_SHOWN)
CLOSED_CODE = dict(anonymous={"sketching": "unauthorized", "closed": "left_out"},
                   outsider={"sketching": "forbidden", "closed": "left_out"})

# The live broadcast's rule on every read path (`socket snapshot` is the one sent on connect, also the answer to
# a `sync` too far behind). Workshops in `private` and `moderated` are still sketching, so results, tallies and
# the replay log are the facilitator's alone there; tests/workshop/test_visibility.py covers them once closed.
VISIBILITY: tuple[Row, ...] = (
    row("socket snapshot", "design", UNAUTHORIZED, **AUTHOR_SEES),
    row("socket sync", "design", UNAUTHORIZED, "events about it become `seq` ticks", **AUTHOR_SEES),
    row(EXPORT, "design", UNAUTHORIZED, **AUTHOR_SEES, anonymous=LEFT_OUT),
    row(GEOPACKAGE, "design", UNAUTHORIZED, "the GeoJSON export's rule", **AUTHOR_SEES, anonymous=LEFT_OUT),
    row("GET /api/workshops/<workshop_id>/results", "design", UNAUTHORIZED, "hidden designs are left out of the ranking",
        **{**FACILITATOR_READ, "facilitator": shown_in("private")}),
    row("GET /api/workshops/<workshop_id>/export.csv", "design", UNAUTHORIZED, **{**FACILITATOR_READ, "facilitator": shown_in("private")}),
    row("GET /api/workshops/<workshop_id>/events", "design", UNAUTHORIZED, "the facilitator's log keeps everything", **FACILITATOR_READ),
    row("GET /api/workshops/<workshop_id>/archive", "design", UNAUTHORIZED, **FACILITATOR_READ),
    row("GET /w/<workshop_id>/results", "design", FORBIDDEN, facilitator=shown_in("private")),
    row("socket snapshot", "tallies", UNAUTHORIZED, participant=SEES_TALLIES, author=SEES_TALLIES, facilitator=SHOWN, outsider=LEFT_OUT),
    row("socket sync", "tallies", UNAUTHORIZED, "`votes:updated` becomes a `seq` tick",
        participant=SEES_TALLIES, author=SEES_TALLIES, facilitator=SHOWN, outsider=LEFT_OUT),
    row(EXPORT, "tallies", UNAUTHORIZED, "`design_votes`", anonymous=SEES_TALLIES, participant=SEES_TALLIES, author=SEES_TALLIES,
        facilitator=SHOWN, outsider=SEES_TALLIES),
    row(GEOPACKAGE, "tallies", UNAUTHORIZED, "`design_votes`", anonymous=SEES_TALLIES, participant=SEES_TALLIES, author=SEES_TALLIES,
        facilitator=SHOWN, outsider=SEES_TALLIES),
    row(SUMMARY, "code", CODE_LEFT_OUT, "any other credential reads the summary without it", **MEMBERS_SEE_CODE),
    row("socket snapshot", "code", UNAUTHORIZED, "the outsider's snapshot is of its own workshop",
        **MEMBERS_SEE_CODE, outsider=CODE_LEFT_OUT),
    row("GET /api/workshops/<workshop_id>/results", "code", UNAUTHORIZED, "in its `workshop`",
        **CLOSED_CODE, **{r: {"sketching": "forbidden", "closed": "shown"} for r in ("participant", "author")}, facilitator=CODE_SHOWN),
    row("GET /api/workshops/<workshop_id>/events", "code", UNAUTHORIZED, "`join_code:changed` is a `seq` tick but for the facilitator",
        **CLOSED_CODE, **{r: {"sketching": "forbidden", "closed": "left_out"} for r in ("participant", "author")}, facilitator=CODE_SHOWN),
    row(EXPORT, "code", UNAUTHORIZED, **{r: CODE_LEFT_OUT for r in ("anonymous", *TOKEN_ROLES)}),
    row(GEOPACKAGE, "code", UNAUTHORIZED, **{r: CODE_LEFT_OUT for r in ("anonymous", *TOKEN_ROLES)}),
    row("GET /api/workshops/<workshop_id>/archive", "code", UNAUTHORIZED, "archives carry no access: logged codes are blanked",
        **{**FACILITATOR_READ, "facilitator": CODE_LEFT_OUT}),
    row("GET /w/<workshop_id>/results", "code", {"sketching": "forbidden", "closed": "left_out"}, facilitator=CODE_LEFT_OUT),
)

# Registered, but not an action anyone is authorised for.
UNWALKED_EVENTS = {"disconnect": "ends the caller's own connection"}


def rows_by_action() -> dict[str, Row]:
    """The table keyed by action."""
    return {r.action: r for r in TABLE}


def cells(table: tuple[Row, ...] = TABLE) -> list[tuple[str, str, str, str]]:
    """Every cell of a table as (action, role, context, outcome), in the table's order."""
    return [(r.action, role, context, r.expected(role, context)) for r in table for context in r.contexts for role in ROLES]


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
    return "; ".join(parts + [f"else {SHORT[commonest]}"])


def render_markdown(table: tuple[Row, ...] = TABLE) -> str:
    """A table as docs/security.md shows it (visibility rows name what they show: the design, tallies, the code)."""
    header = "| action | " + " | ".join(ROLES) + " | note |"
    lines = [header, "|" + "---|" * (len(ROLES) + 2)]
    for r in table:
        action = r.action.replace("socket ", "⚡ ")
        what = {"design": " → the design", "tallies": " → tallies", "code": " → the join code"}.get(r.scope, "")
        lines.append(f"| `{action}`{what} | " + " | ".join(summary(r, role) for role in ROLES) + f" | {r.note} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
    print("\n<!-- visibility table -->\n" + render_markdown(VISIBILITY), end="")
