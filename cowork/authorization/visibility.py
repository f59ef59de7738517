"""What each read shows of the design acted on, the vote tallies and the join code: the visibility rows."""

from __future__ import annotations

from cowork.authorization.vocabulary import (
    FORBIDDEN,
    SCOPES,
    SUMMARY,
    UNAUTHORIZED,
    Cells,
    Row,
    row,
)


def shown_in(*contexts: str) -> Cells:
    """Shown in these contexts, left out in the others."""
    return {c: ("shown" if c in contexts else "left_out") for c in SCOPES["design"] + SCOPES["tallies"]}


SHOWN, LEFT_OUT = shown_in(*SCOPES["design"], *SCOPES["tallies"]), shown_in()
AUTHOR_SEES = {"participant": LEFT_OUT, "author": shown_in("private"), "facilitator": SHOWN, "outsider": LEFT_OUT}
SEES_TALLIES = shown_in("tallies")
FACILITATOR_READ = {"facilitator": SHOWN, "participant": FORBIDDEN, "author": FORBIDDEN, "outsider": FORBIDDEN}
EXPORT = "GET /api/workshops/<workshop_id>/export.geojson"
GEOPACKAGE = "GET /api/workshops/<workshop_id>/export.gpkg"
# The join code lets whoever reads it in: only the workshop's facilitator and (not removed) participants read it.
CODE_SHOWN, CODE_LEFT_OUT = (dict.fromkeys(SCOPES["code"], outcome) for outcome in ("shown", "left_out"))
OWN = ("participant", "author", "facilitator")  # a workshop's own people
MEMBERS_SEE_CODE = dict.fromkeys(OWN, CODE_SHOWN)
CLOSED_CODE = {
    "anonymous": {"sketching": "unauthorized", "closed": "left_out"},
    "outsider": {"sketching": "forbidden", "closed": "left_out"},
}
# The sketches' exports refuse whoever is not the workshop's own until it closes: every context of the design and
# tallies rows is a live one.
LIVE_REFUSED = {"anonymous": UNAUTHORIZED, "outsider": FORBIDDEN}

# The live broadcast's rule on every read path (`socket snapshot` is the one sent on connect, also the answer to
# a `sync` too far behind). Workshops in `private` and `moderated` are still sketching, so results, tallies and
# the replay log are the facilitator's alone there; tests/workshop/test_visibility.py covers them once closed.
VISIBILITY: tuple[Row, ...] = (
    row("socket snapshot", "design", UNAUTHORIZED, **AUTHOR_SEES),
    row("socket sync", "design", UNAUTHORIZED, "events about it become `seq` ticks", **AUTHOR_SEES),
    row(EXPORT, "design", UNAUTHORIZED, **{**AUTHOR_SEES, **LIVE_REFUSED}),
    row(GEOPACKAGE, "design", UNAUTHORIZED, "the GeoJSON export's rule", **{**AUTHOR_SEES, **LIVE_REFUSED}),
    row(
        "GET /api/workshops/<workshop_id>/results",
        "design",
        UNAUTHORIZED,
        "hidden designs are left out of the ranking",
        **{**FACILITATOR_READ, "facilitator": shown_in("private")},
    ),
    row(
        "GET /api/workshops/<workshop_id>/export.csv",
        "design",
        UNAUTHORIZED,
        **{**FACILITATOR_READ, "facilitator": shown_in("private")},
    ),
    row(
        "GET /api/workshops/<workshop_id>/events",
        "design",
        UNAUTHORIZED,
        "the facilitator's log keeps everything",
        **FACILITATOR_READ,
    ),
    row("GET /api/workshops/<workshop_id>/archive", "design", UNAUTHORIZED, **FACILITATOR_READ),
    row("GET /w/<workshop_id>/results", "design", FORBIDDEN, facilitator=shown_in("private")),
    row(
        "socket snapshot",
        "tallies",
        UNAUTHORIZED,
        "who has voted (`votes.voters`, never for what) is the facilitator's alone",
        participant=SEES_TALLIES,
        author=SEES_TALLIES,
        facilitator=SHOWN,
        outsider=LEFT_OUT,
    ),
    row(
        "socket sync",
        "tallies",
        UNAUTHORIZED,
        "`votes:updated` becomes a `seq` tick; `voters:updated` does for all but the facilitator",
        participant=SEES_TALLIES,
        author=SEES_TALLIES,
        facilitator=SHOWN,
        outsider=LEFT_OUT,
    ),
    row(
        EXPORT,
        "tallies",
        UNAUTHORIZED,
        "`design_votes`",
        participant=SEES_TALLIES,
        author=SEES_TALLIES,
        facilitator=SHOWN,
        **LIVE_REFUSED,
    ),
    row(
        GEOPACKAGE,
        "tallies",
        UNAUTHORIZED,
        "`design_votes`, `design_rank`, and the site's `votes` (their sum)",
        participant=SEES_TALLIES,
        author=SEES_TALLIES,
        facilitator=SHOWN,
        **LIVE_REFUSED,
    ),
    row(SUMMARY, "code", CODE_LEFT_OUT, "any other credential reads the summary without it", **MEMBERS_SEE_CODE),
    row(
        "socket snapshot",
        "code",
        UNAUTHORIZED,
        "the outsider's snapshot is of its own workshop",
        **MEMBERS_SEE_CODE,
        outsider=CODE_LEFT_OUT,
    ),
    row(
        "GET /api/workshops/<workshop_id>/results",
        "code",
        UNAUTHORIZED,
        "in its `workshop`",
        **CLOSED_CODE,
        **{r: {"sketching": "forbidden", "closed": "shown"} for r in ("participant", "author")},
        facilitator=CODE_SHOWN,
    ),
    row(
        "GET /api/workshops/<workshop_id>/events",
        "code",
        UNAUTHORIZED,
        "`join_code:changed` is a `seq` tick but for the facilitator",
        **CLOSED_CODE,
        **{r: {"sketching": "forbidden", "closed": "left_out"} for r in ("participant", "author")},
        facilitator=CODE_SHOWN,
    ),
    row(EXPORT, "code", UNAUTHORIZED, **dict.fromkeys(OWN, CODE_LEFT_OUT), **CLOSED_CODE),
    row(GEOPACKAGE, "code", UNAUTHORIZED, **dict.fromkeys(OWN, CODE_LEFT_OUT), **CLOSED_CODE),
    row(
        "GET /api/workshops/<workshop_id>/archive",
        "code",
        UNAUTHORIZED,
        "archives carry no access: logged codes are blanked",
        **{**FACILITATOR_READ, "facilitator": CODE_LEFT_OUT},
    ),
    row(
        "GET /w/<workshop_id>/results",
        "code",
        {"sketching": "forbidden", "closed": "left_out"},
        facilitator=CODE_LEFT_OUT,
    ),
)
