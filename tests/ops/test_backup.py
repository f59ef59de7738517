"""Backups: one file with the database and the photos, made while the server runs, restored into an empty instance
with every export the same as before."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import threading
import uuid

import pytest

from cowork import create_app
from cowork.config import TestConfig

from ..builders import supervised_workshop
from ..conftest import POSTGRES_URL, reset_postgres
from ..support import ROOT, TREE, LiveClient, ServerProcess, create_workshop, join

BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def run_py(url: str, upload_dir, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "COWORK_DATABASE_URL": url,
        "COWORK_UPLOAD_DIR": str(upload_dir),
        "COWORK_SECRET_KEY": "t",
    }
    return subprocess.run(
        [sys.executable, "run.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def exports(url: str, upload_dir, built) -> dict[str, bytes]:
    """Everything the instance gives out about the workshop and its project, byte for byte."""
    app = create_app(TestConfig(DATABASE_URL=url, UPLOAD_DIR=str(upload_dir)))
    client = app.test_client()
    facilitator = {"Authorization": f"Bearer {built.facilitator_token}"}
    w, p = f"/api/workshops/{built.workshop_id}", f"/api/projects/{built.project_id}"
    try:
        got = {
            path: client.get(path, headers=facilitator).data
            for path in (
                w,
                f"{w}/export.geojson",
                f"{w}/export.csv",
                f"{w}/results",
                f"{w}/archive",
                f"{w}/events",
                p,
                f"{p}/export.geojson",
                f"{p}/photos.zip",
            )
        }
        summary = client.get(p).get_json()
        photo = summary["visits"][0]["photos"][0]
        got["photo"], got["thumbnail"] = client.get(photo["url"]).data, client.get(photo["thumbnail_url"]).data
        # The secrets still work: a key records a visit, a token says who it is.
        got["me"] = client.get("/api/me", headers={"Authorization": f"Bearer {built.participant_tokens['Aru']}"}).data
        return got
    finally:
        app.extensions["cowork"].db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_backup_while_serving_and_restore_into_an_empty_instance(backend, tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}" if backend == "sqlite" else POSTGRES_URL
    if backend == "postgresql":
        reset_postgres(url)
        assert run_py(url, tmp_path, "db", "upgrade").returncode == 0
    uploads = tmp_path / "uploads"
    app = create_app(TestConfig(DATABASE_URL=url, UPLOAD_DIR=str(uploads)))
    built = supervised_workshop(app.extensions["cowork"])
    app.extensions["cowork"].db.dispose()

    # The server runs and a tablet keeps drawing in another workshop while the backup is taken.
    # The tablet draws as fast as acks return, beyond a person's pace: its budget is raised for this test.
    server = ServerProcess(
        url, instance=tmp_path, env={"COWORK_UPLOAD_DIR": str(uploads), "COWORK_EVENT_BUDGET": "100000 per 1 second"}
    )
    try:
        other = create_workshop(server.base, title="Another park")
        tablet = LiveClient(server.base, join(server.base, other["join_code"], "Dana")["token"]).connect()
        design = tablet.call("design:create", {"title": "Busy"})["design"]["id"]
        stop = threading.Event()
        acks: list[dict] = []

        def draw():
            while not stop.is_set():
                acks.append(
                    tablet.call(
                        "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "tree", "geometry": TREE}
                    )
                )

        drawer = threading.Thread(target=draw)
        drawer.start()
        try:
            made = run_py(url, uploads, "backup", str(tmp_path / "instance.cowork-backup"))
        finally:
            stop.set()
            drawer.join(30)
        tablet.disconnect()
    finally:
        server.stop()
    assert made.returncode == 0, made.stderr
    assert all(ack["ok"] for ack in acks) and len(acks) > 3
    before = exports(url, uploads, built)

    with tarfile.open(tmp_path / "instance.cowork-backup") as archive:
        names = archive.getnames()
    assert "manifest.json" in names and any(n.startswith("uploads/") and n.endswith(".png") for n in names)

    restored_url = f"sqlite:///{tmp_path / 'restored' / 'cowork.db'}" if backend == "sqlite" else POSTGRES_URL
    if backend == "postgresql":
        reset_postgres(restored_url)
    restored_uploads = tmp_path / "restored-uploads"
    done = run_py(restored_url, restored_uploads, "restore", str(tmp_path / "instance.cowork-backup"))
    assert done.returncode == 0, done.stderr
    assert exports(restored_url, restored_uploads, built) == before

    # A folder as the target (the nightly timer's way) gets a new file named by the time.
    nightly = tmp_path / "nightly"
    nightly.mkdir()
    made = run_py(restored_url, restored_uploads, "backup", str(nightly))
    (written,) = nightly.iterdir()
    assert made.returncode == 0 and written.name.startswith("cowork-") and str(written) in made.stdout

    # A restore never overwrites an instance that holds data.
    again = run_py(restored_url, restored_uploads, "restore", str(tmp_path / "instance.cowork-backup"))
    assert again.returncode == 1 and "not empty" in again.stderr and "Traceback" not in again.stderr
