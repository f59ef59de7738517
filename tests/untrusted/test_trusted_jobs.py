"""Trusted jobs (cowork/jobs/) in a worker process beside the untrusted ones: the same process handling, none of
the untrusted limits, the lowest CPU priority, still no settings in the environment; the untrusted worker keeps
its limits. The city GeoPackage's own behaviour is in tests/opendata/test_export_worker.py."""

from __future__ import annotations

import os
import resource

import pytest

from cowork import jobs, untrusted
from cowork.config import TestConfig
from cowork.errors import CoworkError

DESCRIBE = "cowork.untrusted.worker:describe"


@pytest.fixture
def settings(tmp_path) -> TestConfig:
    return TestConfig(DATABASE_URL=f"sqlite:///{tmp_path / 'cowork.db'}", INSTANCE_DIR=str(tmp_path))


def test_a_trusted_job_runs_in_another_process_at_low_priority_with_no_settings_in_its_environment(
    settings, monkeypatch
):
    monkeypatch.setenv("COWORK_SECRET_KEY", "never-in-a-worker")
    monkeypatch.setenv("COWORK_DATABASE_URL", settings.DATABASE_URL)
    facts = jobs.submit("describe-trusted", DESCRIBE, {}, settings).wait(60)
    assert facts is not None and facts["pid"] != os.getpid() and facts["pgid"] == facts["pid"]
    assert not [name for name in facts["environment"] if name.startswith("COWORK_")]
    assert facts["niceness"] >= os.nice(0) + jobs.NICENESS
    assert facts["address_space_limit"] == resource.RLIM_INFINITY  # ours: read as much as it is asked to


def test_the_untrusted_worker_keeps_its_limits_and_its_priority():
    facts, _blobs = untrusted.run(DESCRIBE, b"", {}, untrusted.Budget(memory_mb=256, cpu_seconds=5, wall_seconds=60))
    assert facts["address_space"] < facts["address_space_limit"] != resource.RLIM_INFINITY
    assert facts["cpu_timer_s"] > 0 and facts["niceness"] == os.nice(0)  # limited, and not put behind anyone


def test_a_trusted_jobs_refusal_reaches_whoever_waits(settings):
    pending = jobs.submit(
        "refused", "cowork.workshop.site_files:read_job", {"filename": "x", "max_bytes": 10}, settings
    )
    with pytest.raises(CoworkError) as refused:
        pending.wait(60)
    assert refused.value.code == "unsupported_format"


def test_one_key_is_one_job_while_it_runs(settings):
    first = jobs.submit("same-key", DESCRIBE, {}, settings)
    assert jobs.submit("same-key", DESCRIBE, {}, settings) is first
    facts = first.wait(60)
    assert facts is not None
    assert jobs.submit("same-key", DESCRIBE, {}, settings) is not first  # done: the next asker starts anew
