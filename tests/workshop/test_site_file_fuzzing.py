"""The site-file reader under hypothesis: every hostile or damaged GeoPackage, KML, KMZ and zipped Shapefile of
tests/site_file_strategies.py ends in a ParsedSite or a CoworkError with a documented code, never another
exception; and, read by the worker process the server uses (cowork/untrusted), within a tight budget of memory
and time that no file may push the worker past."""

from __future__ import annotations

from datetime import timedelta

import hypothesis

from cowork import untrusted
from cowork.errors import CoworkError
from cowork.workshop import site_files

from ..site_file_strategies import SITE_FILE_CODES, hostile_site_files

BIG = 10 * 1024 * 1024
# Both runs: the same examples every time (a finding is replayed from its blob), nothing kept between runs.
RUNS = {
    "derandomize": True,
    "database": None,
    "print_blob": True,
    "suppress_health_check": list(hypothesis.HealthCheck),
}


@hypothesis.settings(
    max_examples=300,
    deadline=timedelta(seconds=10),  # an example GDAL stalls on is a finding, not a slow run
    **RUNS,
)
@hypothesis.given(hostile_site_files())
def test_every_site_file_is_read_or_refused_with_a_documented_code(file):
    filename, data = file
    try:
        parsed = site_files.parse_site_file(data, filename, max_bytes=BIG)
    except CoworkError as error:
        assert error.code in SITE_FILE_CODES and error.message, (error.code, error.message)
    else:
        assert isinstance(parsed, site_files.ParsedSite) and parsed.candidates


# What one file may cost the worker that reads it in these runs: the checks before GDAL must keep every file well
# inside it (a file the worker has to be stopped for is a finding: too_costly, or too_large for memory).
TIGHT = untrusted.Budget(memory_mb=256, cpu_seconds=5, wall_seconds=20)


@hypothesis.settings(
    max_examples=15,  # each example is a worker process; the 300 above run in this process
    deadline=None,  # the worker's own limits bound each file, and say which one it passed
    **RUNS,
)
@hypothesis.given(hostile_site_files())
def test_every_site_file_is_read_in_a_worker_within_a_tight_budget(file):
    filename, data = file
    try:
        facts, _blobs = untrusted.run(
            "cowork.workshop.site_files:read_job", data, {"filename": filename, "max_bytes": BIG}, TIGHT
        )
    except CoworkError as error:
        assert "exceeded" not in error.extra, f"the worker had to stop it: {error.code} {error.extra}"
        assert error.code in SITE_FILE_CODES and error.message, (error.code, error.message)
    else:
        assert facts["candidates"] and facts["boundary"]
