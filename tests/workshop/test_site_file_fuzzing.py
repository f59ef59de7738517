"""The site-file reader under hypothesis: every hostile or damaged GeoPackage, KML, KMZ and zipped Shapefile of
tests/site_file_strategies.py ends in a ParsedSite or a CoworkError with a documented code, never another
exception."""

from __future__ import annotations

from datetime import timedelta

import hypothesis

from cowork.errors import CoworkError
from cowork.workshop import site_files

from ..site_file_strategies import SITE_FILE_CODES, hostile_site_files

BIG = 10 * 1024 * 1024


@hypothesis.settings(
    max_examples=500,
    deadline=timedelta(seconds=10),  # an example GDAL stalls on is a finding, not a slow run
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=list(hypothesis.HealthCheck),
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
