"""The ten-year city bench (`python -m bench.city10`) run end to end at a tiny size, so that it does not rot.

The figures of so small a city mean nothing; what is checked is that the bench still builds a city through the
archive import, serves it with `run.py` as deployed, times every read it names while live tablets draw, and
writes a result its table renders from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from shapely.geometry import box, shape

from bench import citybuild
from bench.citytable import city10_table
from tests.support import PARK, ROOT


def test_a_tiny_ten_year_city_is_built_served_read_and_tabled(tmp_path):
    out = tmp_path / "city10.json"
    argv = [
        *("--workshops", "3", "--baseline", "0", "--designs", "2", "--elements", "10"),
        *("--tablets", "3", "--drawers", "1", "--rate", "4", "--phase", "0.5", "--repeat", "1"),
        *("--reads", "items_bbox_100,city_page_phone", "--no-peer", "--no-pin"),
        *("--out", str(out)),
    ]
    env = {**os.environ, "BENCH_CACHE": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "bench.city10", *argv], cwd=ROOT, env=env, check=True, timeout=120)
    result = json.loads(out.read_text())
    (point,) = result["points"]
    assert point["workshops"] == 3 and point["build"]["elements"] == 60 and point["build"]["adopted"] == 1
    reads = point["reads"]
    bbox = reads["items_bbox_100"]
    assert bbox["status"] == 200 and bbox["first_ms"] > 0 and bbox["bytes"] > 1000  # the copies near the park
    assert reads["city_page_phone"]["requests"] > 3 and reads["city_page_phone"]["bytes"] > 10_000
    assert point["tablets"]["quiet_before"]["ack_ms"]["p99"] is not None
    assert point["tablets"]["integrity"]["gaps"] == 0 and point["tablets"]["integrity"]["duplicates"] == 0
    assert 0 < point["rss_mb"]["start"] <= point["rss_mb"]["peak"]
    text = city10_table(result)
    assert "| `items_bbox_100` |" in text and "sqlite, 3 workshops" in text


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
