"""Schema migrations: the migrated schema equals the models, old databases upgrade in place with every row, token,
key and photo still working, and a database this version does not know is refused at start."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from cowork import create_app
from cowork.config import TestConfig
from cowork.core import geo, tokens
from cowork.models import opendata, supervision  # noqa: F401  (registers their tables)
from cowork.models.base import Base
from cowork.opendata import features
from cowork.opendata.layers import COLLECTIONS
from cowork.opendata.published import adopted_projects, published_workshops
from cowork.ops import migrate

from ..conftest import POSTGRES_URL, reset_postgres
from ..support import ROOT

LEGACY = Path(__file__).resolve().parents[1] / "data" / "legacy"


@pytest.fixture(params=["sqlite"] + (["postgresql"] if POSTGRES_URL else []))
def empty_database(request, tmp_path) -> str:
    """The URL of an empty database: a new SQLite file, or the PostgreSQL test database with nothing in it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cowork.db'}"
        return
    reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL
    reset_postgres(POSTGRES_URL)  # the next test's fixture migrates it again


# The database's own spatial index of the published features, made by revision 0006 and not by the models (the
# R*Tree virtual table and its shadow tables on SQLite; the generated geometry, its index and PostGIS's
# spatial_ref_sys on PostgreSQL).
SPATIAL_INDEX = {"published_rtree", "published_rtree_node", "published_rtree_parent", "published_rtree_rowid"}
SPATIAL_INDEX_PG = {"spatial_ref_sys", "geom", "ix_published_features_geom"}
# Rows derived from the others (built again by an upgrade), not data an upgrade must keep as it was.
DERIVED = {"published_features", "published_layers", "city_figures"}


def _ours(difference) -> bool:
    """Whether a difference autogenerate found is one between the models and what they describe."""
    kind = difference[0] if isinstance(difference, tuple) else difference[0][0]
    if kind in ("remove_table", "remove_index"):
        return difference[1].name not in SPATIAL_INDEX | SPATIAL_INDEX_PG
    if kind == "remove_column":
        return not (difference[2] == "published_features" and difference[3].name == "geom")
    return True


def differences(url: str) -> list:
    """What Alembic's autogenerate finds between the database and the models (nothing, when they agree)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return [d for d in compare_metadata(context, Base.metadata) if _ours(d)]
    finally:
        engine.dispose()


def backend(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def load_pre_migration_dump(url: str, *, data_only: bool = False) -> None:
    """Load the database that cowork made before migrations (tests/data/legacy, by make_fixture.py), or only its
    rows."""
    dump = (LEGACY / backend(url) / "dump.sql").read_text(encoding="utf-8")
    if data_only:
        # Rows in an order that keeps every foreign key satisfied as they go in.
        order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
        inserts = [line for line in dump.splitlines() if line.startswith("INSERT INTO")]
        inserts.sort(key=lambda line: order[re.match(r'INSERT INTO (?:public\.)?"?(\w+)"?', line).group(1)])
        dump = "\n".join(inserts)
    if url.startswith("sqlite"):
        with sqlite3.connect(url.split("///", 1)[1]) as connection:
            connection.executescript(dump)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(dump)
    engine.dispose()


def count_rows(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {
            t.name: connection.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar()
            for t in Base.metadata.sorted_tables
            if t.name not in DERIVED
        }
    engine.dispose()
    return counts


def assert_everything_still_works(url: str, tmp_path: Path) -> None:
    """Every token, key, recovery code and photo of the fixture works on the upgraded database."""
    secrets = json.loads((LEGACY / backend(url) / "secrets.json").read_text(encoding="utf-8"))
    uploads = tmp_path / "uploads"
    shutil.copytree(LEGACY / backend(url) / "uploads", uploads)
    app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(tmp_path), UPLOAD_DIR=str(uploads)))
    client = app.test_client()
    try:
        workshop = secrets["workshop_id"]

        def bearer(token: str) -> dict:
            return {"Authorization": f"Bearer {token}"}

        me = client.get("/api/me", headers=bearer(secrets["facilitator_token"])).get_json()
        assert me["role"] == "facilitator" and me["workshop_id"] == workshop
        for name, joined in secrets["participants"].items():
            assert client.get("/api/me", headers=bearer(joined["token"])).get_json()["name"] == name
        summary = client.get(f"/api/workshops/{workshop}", headers=bearer(secrets["facilitator_token"])).get_json()
        assert summary["phase"] == "closed" and summary["join_code"] == secrets["join_code"]
        assert "join_code" not in client.get(f"/api/workshops/{workshop}").get_json()
        assert summary["counts"] == {"participants": 2, "designs": 2, "elements": 4}
        ranking = client.get(f"/api/workshops/{workshop}/results").get_json()["ranking"]
        assert sorted(row["votes"] for row in ranking) == [1, 1]
        archive = client.get(
            f"/api/workshops/{workshop}/archive", headers=bearer(secrets["facilitator_token"])
        ).get_json()
        assert {c["id"] for c in archive["comments"]} == set(secrets["comments"].values())
        assert [c["hidden_reason"] for c in archive["comments"] if c["id"] == secrets["comments"]["hidden"]] == [
            "off-topic"
        ]
        project = secrets["project_id"]
        summary = client.get(f"/api/projects/{project}").get_json()
        assert [v["id"] for v in summary["visits"]] == [secrets["visit_id"]]
        assert [s["id"] for s in summary["signoffs"]] == [secrets["signoff_id"]]
        assert summary["green_ledger"]["trees_alive"] == 3
        photo = summary["visits"][0]["photos"][0]
        assert photo["id"] == secrets["photo_id"]
        picture = client.get(photo["url"])
        assert picture.status_code == 200 and picture.data[:8] == b"\x89PNG\r\n\x1a\n"
        assert client.get(photo["thumbnail_url"]).status_code == 200
        # Aru's supervision key still records visits; Bek's recovery code still gives a fresh key.
        visit = client.post(
            f"/api/projects/{project}/visits",
            headers=bearer(secrets["keys"]["Aru"]),
            json={"date": "2027-06-01", "observations": []},
        )
        assert visit.status_code == 201, visit.get_json()
        recovered = client.post("/api/supervision/recover", json={"code": secrets["recovery_codes"]["Bek"]})
        assert recovered.status_code == 200 and recovered.get_json()["project_id"] == project
        claimed = client.post(
            f"/api/projects/{project}/claim",
            headers=bearer(secrets["participants"]["Aru"]["token"]),
            json={"replace": True},
        )
        assert claimed.status_code == 200
    finally:
        app.extensions["cowork"].db.dispose()


def assert_published(url: str, tmp_path: Path) -> None:
    """The upgrade built the published features of the fixture's closed workshop and adopted project, equal to what
    the builders make of its rows now, and the layers' counts and extents with them."""
    secrets = json.loads((LEGACY / backend(url) / "secrets.json").read_text(encoding="utf-8"))
    app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(tmp_path)))
    cowork = app.extensions["cowork"]
    try:
        served = {cid: {f["id"]: f for f in cowork.opendata.features(cid).features} for cid in COLLECTIONS}
        assert set(served["sites"]) == {secrets["workshop_id"]}
        assert set(served["projects"]) == {secrets["project_id"]}
        assert served["sketches"] and served["plans"] and served["as_built"]
        with cowork.db.read() as session:
            workshops, projects = published_workshops(session), adopted_projects(session)
            fresh = {
                "sites": features.sites(session, workshops),
                "sketches": features.sketches(session, workshops, viewer="", facilitator=False),
                **{cid: build(projects) for cid, build in features.PROJECT_LAYERS.items()},
            }
        for cid, built in fresh.items():
            assert served[cid] == {f.id: f.geojson() for f in built}, cid
        extents = cowork.opendata.extents()
        assert {cid: e.count for cid, e in extents.items()} == {cid: len(f) for cid, f in fresh.items()}
        assert extents["sites"].bbox is not None and extents["sites"].interval[0] is not None
    finally:
        cowork.db.dispose()


def test_the_migrated_schema_equals_the_models(empty_database):
    migrate.upgrade(empty_database)
    assert differences(empty_database) == []
    assert migrate.state(empty_database) == "current"


def test_a_database_made_before_migrations_is_adopted_and_upgraded_in_place(empty_database, tmp_path):
    load_pre_migration_dump(empty_database)
    before = count_rows(empty_database)
    assert before["elements"] == 4 and before["photos"] == 1 and before["signoffs"] == 1
    assert migrate.state(empty_database) == "behind"
    migrate.upgrade(empty_database)
    assert migrate.state(empty_database) == "current"
    assert count_rows(empty_database) == before
    assert differences(empty_database) == [], "the adopted database must match the models, constraint names included"
    assert_measures_were_stored(empty_database)
    engine = create_engine(empty_database)
    names = {fk["name"] for fk in inspect(engine).get_foreign_keys("participants")}
    engine.dispose()
    assert names == {"fk_participants_workshop_id_workshops"}
    assert_published(empty_database, tmp_path)
    assert_everything_still_works(empty_database, tmp_path)


def test_a_database_made_by_the_baseline_upgrades_to_head_with_its_data(empty_database, tmp_path):
    migrate.upgrade(empty_database, migrate.BASELINE)
    load_pre_migration_dump(empty_database, data_only=True)
    before = count_rows(empty_database)
    assert before["visits"] == 1 and before["votes"] == 2
    migrate.upgrade(empty_database)
    assert migrate.state(empty_database) == "current"
    assert count_rows(empty_database) == before
    assert differences(empty_database) == []
    assert_published(empty_database, tmp_path)
    assert_everything_still_works(empty_database, tmp_path)
    assert_measures_were_stored(empty_database)


def test_recovery_hashes_are_hardened_in_place_and_every_code_still_works(empty_database, tmp_path):
    migrate.upgrade(empty_database, migrate.BASELINE)
    load_pre_migration_dump(empty_database, data_only=True)
    migrate.upgrade(empty_database, "0002_stored_measures")
    codes = json.loads((LEGACY / backend(empty_database) / "secrets.json").read_text(encoding="utf-8"))[
        "recovery_codes"
    ]
    assert stored_recovery_hashes(empty_database) == {tokens.token_hash(c) for c in codes.values()}  # plain SHA-256
    migrate.upgrade(empty_database)
    # 0003: what a leaked database holds is now slow to try; the codes (checked below, over HTTP) still work.
    assert stored_recovery_hashes(empty_database) == {tokens.recovery_hash(c) for c in codes.values()}
    assert_everything_still_works(empty_database, tmp_path)


def stored_recovery_hashes(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        hashes = set(connection.execute(text("SELECT recovery_hash FROM supervision_access")).scalars())
    engine.dispose()
    return hashes


def assert_measures_were_stored(url: str) -> None:
    """0002: every element and plan element carries the measure the server used to compute on every read."""
    engine = create_engine(url)
    with engine.connect() as connection:
        boundary = connection.execute(text("SELECT boundary FROM workshops")).scalar()
        boundary = json.loads(boundary) if isinstance(boundary, str) else boundary
        site = geo.Site.from_geojson(boundary, 2.0)
        rows = connection.execute(
            text(
                "SELECT kind, geometry, measure FROM elements UNION ALL "
                "SELECT kind, geometry, measure FROM plan_elements"
            )
        ).all()
    engine.dispose()
    assert len(rows) == 4 + 3
    for kind, geometry, measure in rows:
        geometry, measure = (json.loads(v) if isinstance(v, str) else v for v in (geometry, measure))
        assert measure == site.measure(geo.from_geojson(geometry)), kind
    assert {tuple(json.loads(m) if isinstance(m, str) else m) for _k, _g, m in rows} >= {
        ("area_m2",),
        ("length_m",),
        (),
    }


def stamp(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})
    engine.dispose()


def run_py(url: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "COWORK_DATABASE_URL": url, "COWORK_TILE_URL": "", "COWORK_SECRET_KEY": "test"}
    return subprocess.run(
        [sys.executable, "run.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_a_database_of_an_unknown_revision_refuses_to_start(empty_database):
    migrate.upgrade(empty_database)
    stamp(empty_database, "9999_from_the_future")
    with pytest.raises(migrate.SchemaError, match="9999_from_the_future"):
        create_app(TestConfig(DATABASE_URL=empty_database))
    started = run_py(empty_database, "--port", "0")
    assert started.returncode != 0
    assert "9999_from_the_future" in started.stderr and "does not know" in started.stderr
    assert "Traceback" not in started.stderr


def test_the_db_commands_upgrade_show_the_revision_and_the_history(empty_database):
    assert "current: none (empty)" in run_py(empty_database, "db", "current").stdout
    upgraded = run_py(empty_database, "db", "upgrade")
    assert upgraded.returncode == 0 and f"upgraded to {migrate.head()}" in upgraded.stdout
    current = run_py(empty_database, "db", "current").stdout
    assert f"current: {migrate.head()}" in current and f"head: {migrate.head()}" in current
    history = run_py(empty_database, "db", "history").stdout
    assert migrate.BASELINE in history


def test_sqlite_is_upgraded_at_start_and_postgresql_never(empty_database):
    started = run_py(empty_database, "--port", "0", timeout=20) if backend(empty_database) == "postgresql" else None
    if started is None:  # SQLite: the embedded default, one process: it upgrades at start
        create_app(TestConfig(DATABASE_URL=empty_database)).extensions["cowork"].db.dispose()
        assert migrate.state(empty_database) == "current"
        return
    assert started.returncode != 0 and "run `python run.py db upgrade` first" in started.stderr
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert migrate.tables_of_cowork(connection) == set()
    engine.dispose()


def test_two_upgrades_at_once_take_turns(empty_database):
    results: list[subprocess.CompletedProcess] = []
    threads = [
        threading.Thread(target=lambda: results.append(run_py(empty_database, "db", "upgrade"))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert migrate.state(empty_database) == "current" and differences(empty_database) == []


def copy_row(url: str, table: str, where: str, **changes) -> None:
    """Insert a copy of one row of `table` (the one `where` selects), with some columns changed, in plain SQL: a real
    row of whatever schema the database has now."""
    engine = create_engine(url)
    try:
        columns = [c["name"] for c in inspect(engine).get_columns(table)]
        names = ", ".join(f'"{name}"' for name in columns)
        chosen = ", ".join(f":{name}" if name in changes else f'"{name}"' for name in columns)
        with engine.begin() as connection:
            connection.execute(
                text(f'INSERT INTO "{table}" ({names}) SELECT {chosen} FROM "{table}" WHERE {where}'), changes
            )
    finally:
        engine.dispose()


def stored_props(url: str, query: str) -> list[tuple]:
    """The rows of a query whose last column is JSON (SQLite returns it as text), decoded."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    engine.dispose()
    return [(*row[:-1], json.loads(row[-1]) if isinstance(row[-1], str) else row[-1]) for row in rows]


def test_0004_gives_every_element_its_kinds_props_and_a_tree_groups_count(empty_database, tmp_path):
    migrate.upgrade(empty_database, migrate.BASELINE)
    load_pre_migration_dump(empty_database, data_only=True)
    migrate.upgrade(empty_database, "0003_slow_recovery_hashes")
    # The dump has no bike lane: a (deleted, so the workshop's counts stay) one drawn as the path was, and one in the
    # adopted plan, as the schema of 0003 held them.
    lane = "7a1f6c52-3a8e-4f7e-9d0b-5c2e8a1b9d40"
    copy_row(empty_database, "elements", "kind = 'path'", id=lane, kind="bike_lane", created_seq=99, deleted_seq=100)
    copy_row(empty_database, "plan_elements", "kind = 'path'", element_id=lane, kind="bike_lane", position=3)
    before = count_rows(empty_database)
    migrate.upgrade(empty_database)
    assert migrate.state(empty_database) == "current" and differences(empty_database) == []
    assert count_rows(empty_database) == before
    rows = stored_props(
        empty_database, "SELECT kind, props FROM elements UNION ALL SELECT kind, props FROM plan_elements"
    )
    assert len(rows) == 5 + 4 and {kind for kind, _props in rows} >= {"bike_lane", "tree", "path", "bench"}
    # The values as 0004 was written (not props.py's of today, which may change after it).
    for kind, props in rows:
        assert props == ({"facility": "painted"} if kind == "bike_lane" else {}), kind
    assert ("bike_lane", {"facility": "painted"}) in rows
    # The tree group the visit counted (3 alive) carries its count as its as-built props; the others said nothing.
    observed = stored_props(empty_database, "SELECT kind, count, props FROM observations ORDER BY position")
    assert observed == [("tree", 3, {"count": 3}), ("path", None, None), ("sign", None, None)]
    assert_everything_still_works(empty_database, tmp_path)
    # The green ledger says what it said before props: one tree required, the group of three planted and alive.
    app = create_app(TestConfig(DATABASE_URL=empty_database, INSTANCE_DIR=str(tmp_path)))
    try:
        project = json.loads((LEGACY / backend(empty_database) / "secrets.json").read_text(encoding="utf-8"))[
            "project_id"
        ]
        summary = app.test_client().get(f"/api/projects/{project}").get_json()
    finally:
        app.extensions["cowork"].db.dispose()
    ledger = summary["green_ledger"]
    assert (ledger["trees_required"], ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (
        1,
        3,
        3,
        0,
    )
    assert {e["kind"]: e["props"] for e in summary["plan"]}["bike_lane"] == {"facility": "painted"}


def test_0004_reads_no_live_code_so_a_replay_gives_the_same_data():
    """Its defaults and the tree group's maximum are frozen in the revision, not read from cowork/core/props.py."""
    source = (ROOT / "cowork" / "ops" / "migrations" / "versions" / "0004_element_props.py").read_text(encoding="utf-8")
    imported = [line for line in source.splitlines() if re.match(r"\s*(from|import)\s+cowork\b", line)]
    assert imported == []
    assert 'DEFAULT_PROPS = {"bike_lane": {"facility": "painted"}}' in source and "MAX_TREE_GROUP = 500" in source


def test_0005_shows_adopted_authors_by_their_initials_and_keeps_visit_notes_private(empty_database, tmp_path):
    migrate.upgrade(empty_database, migrate.BASELINE)
    load_pre_migration_dump(empty_database, data_only=True)
    migrate.upgrade(empty_database, "0004_element_props")
    before = count_rows(empty_database)
    migrate.upgrade(empty_database)
    assert migrate.state(empty_database) == "current" and differences(empty_database) == []
    assert count_rows(empty_database) == before
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        shown = connection.execute(text("SELECT shown_as FROM supervision_access")).scalars().all()
        visits = connection.execute(text("SELECT notes, notes_public FROM visits")).all()
    engine.dispose()
    # Nobody was asked before: every author is shown by her initials, and the notes written are no one else's.
    assert shown == ["initials", "initials"]
    assert [(notes, bool(public)) for notes, public in visits] == [("Walked the site", False)]
    secrets = json.loads((LEGACY / backend(empty_database) / "secrets.json").read_text(encoding="utf-8"))
    app = create_app(TestConfig(DATABASE_URL=empty_database, INSTANCE_DIR=str(tmp_path)))
    try:
        client = app.test_client()
        path = f"/api/projects/{secrets['project_id']}"
        public = client.get(path).get_json()
        assert sorted(a["name"] for a in public["authors"]) == ["A.", "B."]
        assert public["visits"][0]["notes"] == "" and public["signoffs"][0]["author"]["name"] == "A."
        assert "Aru" not in json.dumps(public, ensure_ascii=False)
        assert "Walked the site" not in client.get(f"{path}/report").get_data(as_text=True)
        # The project's supervisors still read them whole.
        inside = client.get(path, headers={"Authorization": f"Bearer {secrets['facilitator_token']}"}).get_json()
        assert inside["visits"][0]["notes"] == "Walked the site"
        assert sorted(a["name"] for a in inside["authors"]) == ["Aru", "Bek"]
    finally:
        app.extensions["cowork"].db.dispose()
    assert_everything_still_works(empty_database, tmp_path)
