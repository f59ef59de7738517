"""The OGC items query parser takes any text a client may put in a URL: it gives a FeatureQuery or refuses with
`invalid`, never anything else (an uncaught error would be a 500 for a GIS user's typo)."""

from __future__ import annotations

import hypothesis
from hypothesis import strategies as st

from cowork.errors import CoworkError
from cowork.opendata.ogcapi.query import MAX_LIMIT, feature_query
from cowork.opendata.service import FeatureQuery

NAMES = st.sampled_from(["limit", "offset", "bbox", "datetime", "workshop_id", "project_id", "f", "limit"])
# Text made of what these parameters are made of, so that many values are almost right.
PIECES = st.sampled_from(
    [
        "",
        "..",
        "/",
        ",",
        "-",
        "+",
        ":",
        ".",
        "T",
        "Z",
        "e",
        "nan",
        "inf",
        "1",
        "9",
        "0",
        "10000",
        "99999999999",
        "2027-05-10",
        "T12:00:00",
        "+05:00",
        "9999-12-31",
        "0001-01-01",
        "180",
        "-90",
    ]
)
# Dates and moments anywhere in the calendar, with any offset, alone or as either end of an interval.
OFFSETS = st.sampled_from(["Z", "z", "+00:00", "+05:00", "-05:00", "+14:00", "-12:00"])
MOMENTS = st.one_of(
    st.dates().map(str), st.builds(lambda t, o: t.isoformat(timespec="seconds") + o, st.datetimes(), OFFSETS)
)
ENDS = st.one_of(st.sampled_from(["", ".."]), MOMENTS)
TIMES = st.one_of(MOMENTS, st.builds(lambda a, b: f"{a}/{b}", ENDS, ENDS))
VALUES = st.one_of(st.lists(PIECES, max_size=8).map("".join), st.text(max_size=30), TIMES)


SETTINGS = hypothesis.settings(max_examples=200, derandomize=True, database=None, deadline=None)


@hypothesis.given(st.dictionaries(NAMES, st.lists(VALUES, min_size=1, max_size=2), max_size=5))
@SETTINGS
def test_any_query_is_parsed_or_refused_as_invalid(args):
    parsed_or_invalid(args)


@hypothesis.given(st.sampled_from(["limit", "offset", "bbox", "datetime", "workshop_id"]), VALUES)
@SETTINGS
def test_any_value_of_each_parameter_is_parsed_or_refused_as_invalid(name, value):
    parsed_or_invalid({name: [value]})


@hypothesis.given(TIMES)
@SETTINGS
def test_any_time_is_parsed_or_refused_as_invalid(value):
    parsed_or_invalid({"datetime": [value]})


def parsed_or_invalid(args):
    """Parse as the items of a collection filtered by workshop; check what comes out, or that it is `invalid`."""
    try:
        query = feature_query(args, ("workshop_id",))
    except CoworkError as error:
        assert error.code == "invalid" and error.message
        return
    assert isinstance(query, FeatureQuery) and 1 <= (query.limit or 0) <= MAX_LIMIT and query.offset >= 0
    if query.start and query.end:
        assert query.start <= query.end and query.start.utcoffset().total_seconds() == 0
    if query.bbox:
        assert query.bbox[0] <= query.bbox[2] and query.bbox[1] <= query.bbox[3]
