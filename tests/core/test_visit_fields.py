"""What a site visit may say of its date and of an element's count, on both sides: every row of
tests/data/visit-fields.json, which tests/js/supervision/visit-fields.test.mjs checks against the browser's
supervision/visit-draft.js. A visit the tablet keeps offline and the server then refuses is lost work."""

from __future__ import annotations

import json
import uuid

import pytest

from cowork.core import props
from cowork.errors import CoworkError
from cowork.supervision.payloads import ObservationIn, VisitCreate

from ..support import DATA

TABLE = json.loads((DATA / "visit-fields.json").read_text(encoding="utf-8"))


def taken(parse, data) -> bool:
    try:
        parse(data)
    except CoworkError as refused:
        assert refused.code == "invalid"
        return False
    return True


@pytest.mark.parametrize("count, ok", TABLE["count"])
def test_the_server_takes_the_counts_each_row_says(count, ok):
    assert taken(ObservationIn.parse, {"element_id": str(uuid.uuid4()), "status": "built", "count": count}) is ok


@pytest.mark.parametrize("date, ok", TABLE["date"])
def test_the_server_takes_the_dates_each_row_says(date, ok):
    assert taken(VisitCreate.parse, {"date": date, "observations": []}) is ok


def test_the_table_holds_the_bounds_and_a_leap_day():
    counts = {json.dumps(count): ok for count, ok in TABLE["count"]}
    assert counts["0"] and counts[str(props.MAX_GROUP)] and not counts["-1"] and not counts[str(props.MAX_GROUP + 1)]
    dates = dict(TABLE["date"])
    assert dates["2028-02-29"] and not dates["2027-02-29"] and not dates["1900-02-29"] and dates["2000-02-29"]
