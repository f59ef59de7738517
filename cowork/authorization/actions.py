"""What each HTTP endpoint and Socket.IO event allows, by role and context: the authorisation table's rows."""

from __future__ import annotations

from cowork.authorization.vocabulary import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    SUMMARY,
    UNAUTHORIZED,
    WORKSHOP_CONTEXTS,
    Cells,
    Row,
    always,
    only,
    optional_token,
    row,
    with_token,
)

SKETCHING = ("sketching", "private", "moderated")
FACILITATOR_SKETCHING = ("setup", *SKETCHING)
BEFORE_CLOSED = ("setup", "sketching", "voting", "private", "tallies", "moderated")
VOTING = ("voting", "tallies")
COMMENTING = ("sketching", "voting", "tallies", "private", "moderated")
CLOSED_PUBLIC = only(("closed",), "forbidden")
CLOSED_PUBLIC_ANONYMOUS = only(("closed",), "unauthorized")
# Results, tallies and the event log: the facilitator's until the workshop closes, then everyone's.
CLOSED_READ = {
    "anonymous": CLOSED_PUBLIC_ANONYMOUS,
    "participant": CLOSED_PUBLIC,
    "author": CLOSED_PUBLIC,
    "outsider": CLOSED_PUBLIC,
}
# The sketches' exports: the workshop's own people (participants and facilitator) until it closes, then everyone.
OWN_UNTIL_CLOSED = {"anonymous": CLOSED_PUBLIC_ANONYMOUS, "outsider": CLOSED_PUBLIC}

# Sketching on the design acted on: others' in private mode and hidden designs are not found, not forbidden.
SKETCH = {
    "participant": only((), "forbidden", private="not_found", moderated="not_found"),
    "author": only(("sketching", "private"), "phase", moderated="not_found"),
    "facilitator": only(FACILITATOR_SKETCHING, "phase"),
    "outsider": NOT_FOUND,
}
FACILITATOR_ONLY = {"participant": FORBIDDEN, "author": FORBIDDEN}


def socket(event: str, note: str = "", /, **by_role: Cells) -> Row:
    """A Socket.IO event: only a valid workshop token connects, so every other role is `unauthorized`."""
    return row(f"socket {event}", "workshop", UNAUTHORIZED, note, **by_role)


def facilitator_event(event: str, phases: tuple[str, ...], note: str = "", outsider: Cells = OK) -> Row:
    """A facilitator-only event allowed in these contexts. The outsider's acts on its own workshop (the event
    names none), or finds nothing of this one when it names a thing (`NOT_FOUND`)."""
    cells = always("ok") if phases == WORKSHOP_CONTEXTS else only(phases, "phase")
    return socket(event, note, facilitator=cells, outsider=outsider, **FACILITATOR_ONLY)


# The open data is public: a credential sent is ignored. Every request counts against one generous limit per address.
OGCAPI_LIMIT = (
    "at most `COWORK_LIMIT_OGCAPI` requests per address (default 600/minute), each page up to 10,000 features"
)
OGCAPI_ROUTES = (
    ("", "the landing page; " + OGCAPI_LIMIT),
    ("/", "the same"),
    ("/conformance", ""),
    ("/api", "the OGC API definition (OpenAPI 3.0)"),
    ("/api.html", "its documentation for people"),
    ("/collections", ""),
    ("/collections/<collectionId>", ""),
    ("/collections/<collectionId>/schema", "the fields, typed (JSON Schema)"),
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
    row(
        "GET /vendor/<path:filename>",
        "site",
        OK,
        "only leaflet, geoman, leaflet.markercluster and socket.io-client are served",
    ),
    row(
        "GET /tiles/<int:z>/<int:x>/<int:y>",
        "site",
        OK,
        "the base map file's tiles (COWORK_BASEMAP); 404 when none is set",
    ),
    row("GET /lang/<code>", "site", OK, "`next` must be a local path"),
    row("GET /sw.js", "site", OK, "the offline shell's worker: public files only, no state"),
    row("POST /api/qr.svg", "site", OK, "the text travels in the body, never in a URL"),
    # ------------------------------------------------------------------ open data (OGC API – Features), public
    *(row(f"GET /ogcapi{path}", "site", OK, note) for path, note in OGCAPI_ROUTES),
    row(
        "GET /api/city",
        "site",
        OK,
        "the city map: published sites, adopted projects, no names; "
        "at most `COWORK_LIMIT_CITY` requests per address (default 300/minute)",
    ),
    row(
        "GET /api/city/layers",
        "site",
        OK,
        "the city map's layers in a view (a box and a zoom; clusters when zoomed out): published sites and adopted "
        "projects only, no names; at most `COWORK_LIMIT_CITY` requests per address",
    ),
    row("GET /api/city/export.gpkg", "site", OK, "published workshops and adopted projects only; no names"),
    row(
        "POST /api/workshops",
        "site",
        UNAUTHORIZED,
        "anyone, when COWORK_ORGANIZER_KEY is empty; at most `COWORK_LIMIT_WORKSHOPS` per address and per account",
        organiser=OK,
    ),
    row(
        "POST /api/workshops/import",
        "site",
        UNAUTHORIZED,
        "anyone, when COWORK_ORGANIZER_KEY is empty; counted with POST /api/workshops against `COWORK_LIMIT_WORKSHOPS`",
        organiser=OK,
    ),
    row(
        "POST /api/sites/parse", "site", UNAUTHORIZED, "as creating a workshop; rate limited per address", organiser=OK
    ),
    # ------------------------------------------------------------------ workshop, over HTTP
    row("POST /api/join", "workshop", OK, "the join code is the credential; wrong codes are rate limited"),
    row("GET /api/me", "workshop", UNAUTHORIZED, **with_token(OK)),
    row(SUMMARY, "workshop", OK, "public summary; the join code only for the workshop's own people (visibility below)"),
    optional_token(
        "GET /api/workshops/<workshop_id>/export.geojson",
        "workshop",
        "its participants and facilitator until it closes; private designs only for their authors, hidden things "
        "only for the facilitator",
        **OWN_UNTIL_CLOSED,
    ),
    optional_token(
        "GET /api/workshops/<workshop_id>/export.gpkg",
        "workshop",
        "as the GeoJSON export; GeoPackage downloads are rate limited",
        **OWN_UNTIL_CLOSED,
    ),
    optional_token("GET /api/workshops/<workshop_id>/results", "workshop", "", **CLOSED_READ),
    optional_token("GET /api/workshops/<workshop_id>/export.csv", "workshop", "", **CLOSED_READ),
    optional_token(
        "GET /api/workshops/<workshop_id>/events", "workshop", "the public log leaves out what is hidden", **CLOSED_READ
    ),
    row(
        "GET /api/workshops/<workshop_id>/archive",
        "workshop",
        UNAUTHORIZED,
        "names and roles, no secrets",
        participant=FORBIDDEN,
        author=FORBIDDEN,
        facilitator=OK,
        outsider=FORBIDDEN,
    ),
    row(
        "POST /api/session",
        "workshop",
        UNAUTHORIZED,
        "for the token's own workshop",
        participant=FORBIDDEN,
        author=FORBIDDEN,
        facilitator=OK,
        outsider=OK,
    ),
    row("GET /api/workshops/<workshop_id>/projects", "workshop", OK),
    row(
        "POST /api/workshops/<workshop_id>/projects",
        "workshop",
        UNAUTHORIZED,
        participant=FORBIDDEN,
        author=FORBIDDEN,
        facilitator=only(("closed",), "phase"),
        outsider=FORBIDDEN,
    ),
    row("GET /w/<workshop_id>", "workshop", OK, "a shell: data comes over Socket.IO with a token"),
    row("GET /w/<workshop_id>/console", "workshop", OK, "a shell: the console connects with the facilitator token"),
    row("GET /w/<workshop_id>/projector", "workshop", OK, "a shell"),
    row("GET /w/<workshop_id>/replay", "workshop", OK, "a shell: it reads the events endpoint"),
    row(
        "GET /w/<workshop_id>/qr.svg",
        "workshop",
        FORBIDDEN,
        "it carries the join code: the facilitator's session only",
        facilitator=OK,
    ),
    row("GET /w/<workshop_id>/results", "workshop", CLOSED_PUBLIC, facilitator=OK),
    # ------------------------------------------------------------------ workshop, over Socket.IO
    socket("connect", **with_token(OK)),
    socket("*", "any event we do not handle is `invalid`", **with_token(always("invalid"))),
    socket(
        "malformed",
        "where a message we cannot read goes; it is `invalid`, also when sent by this name",
        **with_token(always("invalid")),
    ),
    socket(
        "design:create",
        "the outsider's design lands in its own workshop",
        participant=only(SKETCHING, "phase"),
        author=only(SKETCHING, "phase"),
        facilitator=only(FACILITATOR_SKETCHING, "phase"),
        outsider=OK,
    ),
    socket(
        "design:join",
        "an author joining again changes nothing, in any phase",
        participant=only(("sketching", "moderated"), "phase", private="not_found"),
        author=OK,
        facilitator=only(FACILITATOR_SKETCHING, "phase"),
        outsider=NOT_FOUND,
    ),
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
    socket(
        "vote:cast",
        participant=only(VOTING, "phase"),
        author=only(VOTING, "phase"),
        facilitator=FORBIDDEN,
        outsider=FORBIDDEN,
    ),
    socket(
        "vote:retract",
        participant=only(VOTING, "phase"),
        author=only(VOTING, "phase"),
        facilitator=FORBIDDEN,
        outsider=FORBIDDEN,
    ),
    socket(
        "comment:add",
        participant=only(COMMENTING, "phase", private="not_found", moderated="not_found"),
        author=only(COMMENTING, "phase", moderated="not_found"),
        facilitator=only(BEFORE_CLOSED, "phase"),
        outsider=NOT_FOUND,
    ),
    # ------------------------------------------------------------------ construction supervision
    row(
        "GET /api/projects/<project_id>",
        "project",
        OK,
        "public: no keys, no codes; authors as each chose at adoption, notes only when marked public (whole for the "
        "project's supervisors)",
    ),
    row("GET /api/projects/<project_id>/report", "project", OK, "people and notes as in public"),
    row("GET /api/projects/<project_id>/export.geojson", "project", OK),
    row("GET /api/projects/<project_id>/export.gpkg", "project", OK),
    row("GET /api/projects/<project_id>/photos.zip", "project", OK),
    row("GET /api/projects/<project_id>/photos/<photo_id>", "project", OK, "metadata removed"),
    row("GET /api/projects/<project_id>/photos/<photo_id>/thumbnail", "project", OK),
    row("GET /p/<project_id>", "project", OK),
    row("GET /p/<project_id>/supervise", "project", OK, "a shell: the key stays after `#`"),
    row(
        "GET /api/projects/<project_id>/me",
        "project",
        OK,
        "whom a working key stands for, else `supervising: false`: the workspace asks as it opens, so a dead link "
        "says so at once",
    ),
    row(
        "POST /api/projects/<project_id>/claim",
        "project",
        UNAUTHORIZED,
        "with `replace: true`, a fresh key (the old one stops working); without it `conflict`: a key already exists",
        participant=FORBIDDEN,
        author=OK,
        facilitator=FORBIDDEN,
        outsider=FORBIDDEN,
    ),
    row("POST /api/supervision/recover", "project", always("not_found"), "wrong codes are rate limited", key_holder=OK),
    row(
        "POST /api/projects/<project_id>/access/<author_id>/reissue",
        "project",
        UNAUTHORIZED,
        "lifts a revocation",
        key_holder=FORBIDDEN,
        facilitator=OK,
    ),
    row(
        "POST /api/projects/<project_id>/access/<author_id>/revoke",
        "project",
        UNAUTHORIZED,
        key_holder=FORBIDDEN,
        facilitator=OK,
    ),
    row("POST /api/projects/<project_id>/visits", "project", UNAUTHORIZED, key_holder=OK, facilitator=OK),
    row(
        "POST /api/projects/<project_id>/visits/<visit_id>/photos",
        "project",
        UNAUTHORIZED,
        key_holder=OK,
        facilitator=OK,
    ),
    row(
        "POST /api/projects/<project_id>/signoffs",
        "project",
        UNAUTHORIZED,
        "the authors' voice only",
        key_holder=OK,
        facilitator=FORBIDDEN,
    ),
)


# Registered, but not an action anyone is authorised for.
UNWALKED_EVENTS = {"disconnect": "ends the caller's own connection"}


def rows_by_action() -> dict[str, Row]:
    """The table keyed by action."""
    return {r.action: r for r in TABLE}
