"""Backups: the whole instance (database and photos) in one file, made while the server runs, and restored into an
empty instance.

The file is a tar archive: `manifest.json` (format, schema revision, backend, when), the database (`database.sqlite`,
a copy made by SQLite's online backup API; or `database.pgdump`, PostgreSQL's own `pg_dump` in its custom format,
one consistent snapshot) and `uploads/` (the photos). Photos are written before the row that names them is
committed and are never changed (they are named by their content), so copying them after the database snapshot
always finds every photo the snapshot names.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from . import migrate

BACKUP_FORMAT = "cowork-backup"
BACKUP_VERSION = 1


class BackupError(RuntimeError):
    """A backup or restore that cannot be done, with what to do about it."""


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    assert database is not None  # a SQLite file's URL names it
    return Path(database)


def _libpq_url(url: str) -> str:
    # pg_dump and pg_restore take libpq's URL, without SQLAlchemy's driver name.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _revision(url: str) -> str:
    engine = migrate.migration_engine(url)
    try:
        with engine.connect() as connection:
            return migrate.current_revision(connection) or ""
    finally:
        engine.dispose()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def write_backup(url: str, upload_dir: str, path: str) -> dict[str, Any]:
    """Write the backup file; returns its manifest."""
    backend = "sqlite" if url.startswith("sqlite") else "postgresql"
    now = datetime.now(UTC)
    manifest = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "backend": backend,
        "revision": _revision(url),
        "created_at": now.isoformat(timespec="seconds"),
    }
    target = Path(path)
    if target.is_dir():  # a folder of backups (a nightly timer): a new file named by the time
        target = target / f"cowork-{now:%Y%m%d-%H%M%S}.cowork-backup"
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = Path(scratch) / ("database.sqlite" if backend == "sqlite" else "database.pgdump")
        if backend == "sqlite":
            source = sqlite3.connect(_sqlite_path(url))
            copy = sqlite3.connect(snapshot)
            with copy:
                source.backup(copy)  # consistent even while the server writes
            copy.close()
            source.close()
        else:
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(snapshot),
                    _libpq_url(url),
                ]
            )
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode("utf-8"))
            archive.add(snapshot, snapshot.name)
            uploads = Path(upload_dir)
            if uploads.is_dir():
                for file in sorted(p for p in uploads.rglob("*") if p.is_file()):
                    archive.add(file, f"uploads/{file.relative_to(uploads).as_posix()}")
    partial.replace(target)  # a half-written backup never carries the final name
    return {**manifest, "path": str(target)}


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")
    return done.stdout


def _instance_is_empty(url: str, upload_dir: str) -> bool:
    uploads = Path(upload_dir)
    if uploads.is_dir() and any(uploads.iterdir()):
        return False
    if url.startswith("sqlite") and not _sqlite_path(url).exists():
        return True
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = migrate.tables_of_cowork(connection)
            if "workshops" not in tables:
                return not (tables - {"alembic_version"})
            return connection.execute(text("SELECT count(*) FROM workshops")).scalar() == 0
    finally:
        engine.dispose()


def _extension_entry(line: str) -> bool:
    """Whether a line of `pg_restore --list` makes an extension or something of one (its comment, PostGIS's table
    of reference systems)."""
    return " EXTENSION " in line or ("spatial_ref_sys" in line and not line.startswith(";"))


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if member.issym() or member.islnk() or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"The backup holds an unsafe entry {member.name!r}; refusing it.")
        members.append(member)
    return members


def restore_backup(url: str, upload_dir: str, path: str) -> dict[str, Any]:
    """Bring a backup back into an empty instance; returns its manifest. The schema is then upgraded as usual."""
    if not _instance_is_empty(url, upload_dir):
        raise BackupError("The instance is not empty: restore into a new database and an empty photo folder.")
    with tarfile.open(path, "r:*") as archive, tempfile.TemporaryDirectory() as scratch:
        members = _safe_members(archive)
        archive.extractall(scratch, members=members, filter="data")
        manifest = json.loads((Path(scratch) / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != BACKUP_FORMAT or manifest.get("version") != BACKUP_VERSION:
            raise BackupError("Not a cowork backup (its manifest says otherwise).")
        backend = "sqlite" if url.startswith("sqlite") else "postgresql"
        if manifest["backend"] != backend:
            raise BackupError(
                f"This backup holds a {manifest['backend']} database; the instance uses {backend}. "
                "Move workshops between kinds of database with their archives instead."
            )
        if manifest["revision"] and manifest["revision"] not in migrate.known_revisions():
            raise BackupError(
                f"The backup's schema revision {manifest['revision']!r} is newer than this version knows."
            )
        if backend == "sqlite":
            target = _sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copyfile(Path(scratch) / "database.sqlite", target)
        else:
            # An empty instance may already hold the (empty) tables of a fresh migration: replace them. Not the
            # extensions the dump names (PostGIS): a superuser made them once, this role may neither drop nor make
            # them, and the instance has them already.
            dump = str(Path(scratch) / "database.pgdump")
            listed = _run(["pg_restore", "--list", dump])
            kept = Path(scratch) / "restore.list"
            kept.write_text(
                "".join(line + "\n" for line in listed.splitlines() if not _extension_entry(line)), encoding="utf-8"
            )
            _run(
                [
                    "pg_restore",
                    "--use-list",
                    str(kept),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--clean",
                    "--if-exists",
                    "--dbname",
                    _libpq_url(url),
                    dump,
                ]
            )
        photos = Path(scratch) / "uploads"
        if photos.is_dir():
            shutil.copytree(photos, upload_dir, dirs_exist_ok=True)
    return manifest


def backup(settings, path: str) -> int:
    """`run.py backup PATH`."""
    manifest = write_backup(settings.database_url, settings.upload_dir, path)
    print(f"backup written to {manifest['path']} (schema {manifest['revision']}, {manifest['backend']})", flush=True)
    return 0


def restore(settings, path: str) -> int:
    """`run.py restore PATH`."""
    manifest = restore_backup(settings.database_url, settings.upload_dir, path)
    print(f"restored {path} (made {manifest['created_at']}, schema {manifest['revision']})", flush=True)
    if not settings.database_url.startswith("sqlite"):
        print("now run `python run.py db upgrade` before starting the server", flush=True)
    return 0
