"""The ten-year city bench's own geometry: copies of one workshop share no id and no ground, and its district holds
the nine copies nearest the park. The bench itself starts servers and is never a test (bench/README.md gives its
three-workshop run, which checks it end to end in a minute)."""

from __future__ import annotations

from shapely.geometry import box, shape

from bench import citybuild
from tests.support import PARK


def test_copies_of_the_city_share_no_id_and_no_ground_and_one_district_holds_the_nine_nearest():
    archive = {
        "workshop": {"title": "Park", "boundary": PARK},
        "elements": [
            {"id": "0b7a4d1e-52c4-40a7-b4d5-b8d5bcb89457", "geometry": {"type": "Point", "coordinates": [0, 0]}}
        ],
        "events": [{"data": {"element_id": "0b7a4d1e-52c4-40a7-b4d5-b8d5bcb89457"}}],
    }
    copies = [citybuild.replica(archive, index, "test") for index in range(25)]
    ids = {c["elements"][0]["id"] for c in copies}
    assert len(ids) == 25 and all(c["events"][0]["data"]["element_id"] == c["elements"][0]["id"] for c in copies)
    sites = [shape(c["workshop"]["boundary"]) for c in copies]
    assert not any(a.intersects(b) for i, a in enumerate(sites) for b in sites[i + 1 :])
    district = box(*citybuild.district())
    assert [district.contains(site) for site in sites] == [True] * 9 + [False] * 16
