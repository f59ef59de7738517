"""The published features kept as rows: written in the transaction of the change they follow (and not at all when
it fails), unchanged rows left in place, pages cut by keyset, and every read an indexed query, on both databases."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select, text

from cowork.core.identities import Identity
from cowork.errors import CoworkError
from cowork.models.opendata import PublishedFeature, PublishedLayer
from cowork.models.workshop import Participant, Workshop
from cowork.opendata import store
from cowork.opendata.service import FeatureQuery
from cowork.supervision.payloads import ObservationIn, VisitCreate
from cowork.workshop.payloads import PhaseSet, SettingsUpdate

from .world import open_city


@pytest.fixture
def city(cowork):
    return open_city(cowork)


def facilitator_of(cowork, workshop_id: str) -> Identity:
    with cowork.db.read() as session:
        found = session.scalar(
            select(Participant.id).where(Participant.workshop_id == workshop_id, Participant.role == "facilitator")
        )
    return Identity(found, workshop_id, "", "facilitator")


def rows(cowork, layer: str, workshop_id: str | None = None) -> dict[str, int]:
    """A layer's rows as stored: feature id -> its row's key."""
    query = select(PublishedFeature.feature_id, PublishedFeature.pk).where(
        PublishedFeature.layer == store.LAYERS[layer]
    )
    if workshop_id is not None:
        query = query.where(PublishedFeature.workshop_id == workshop_id)
    with cowork.db.read() as session:
        return dict(session.execute(query).all())


def layer_states(cowork) -> dict[str, tuple[int, int]]:
    """Each layer's kept (count, version)."""
    with cowork.db.read() as session:
        kept = {s.layer: (s.count, s.version) for s in session.scalars(select(PublishedLayer))}
    return {name: kept[number] for name, number in store.LAYERS.items()}


def test_what_is_published_is_written_with_the_change_and_withdrawn_with_it(cowork, city):
    assert rows(cowork, "sites", city.withheld) == {} and rows(cowork, "sketches", city.withheld) == {}
    before = layer_states(cowork)
    facilitator = facilitator_of(cowork, city.withheld)
    cowork.facilitation.update_settings(facilitator, SettingsUpdate({"open_data": True}))
    assert set(rows(cowork, "sites", city.withheld)) == {city.withheld}
    assert set(rows(cowork, "sketches", city.withheld)) == {city.withheld_element_id}
    after = layer_states(cowork)
    assert after["sites"] == (before["sites"][0] + 1, before["sites"][1] + 1)
    assert after["sketches"] == (before["sketches"][0] + 1, before["sketches"][1] + 1)
    assert after["projects"] == before["projects"]  # a layer nothing of changed keeps its version
    assert cowork.opendata.extent("sites").count == 2

    cowork.facilitation.set_phase(facilitator, PhaseSet("sketching", reopen=True))
    assert rows(cowork, "sites", city.withheld) == {} and rows(cowork, "sketches", city.withheld) == {}
    assert layer_states(cowork)["sites"][0] == before["sites"][0]
    assert [f["id"] for f in cowork.opendata.features("sites").features] == [city.published]


def test_a_change_that_fails_after_the_keeper_publishes_nothing(cowork, city):
    def refuse(_session) -> None:
        raise CoworkError("internal", "a later step of the same transaction failed")

    facilitator = facilitator_of(cowork, city.withheld)
    before = layer_states(cowork)
    cowork.db.before_commit.append(refuse)  # runs after the open-data keeper, in the same transaction
    try:
        with pytest.raises(CoworkError):
            cowork.facilitation.update_settings(facilitator, SettingsUpdate({"open_data": True}))
    finally:
        cowork.db.before_commit.remove(refuse)
    assert rows(cowork, "sites", city.withheld) == {} and layer_states(cowork) == before
    with cowork.db.read() as session:
        assert session.get(Workshop, city.withheld).settings.get("open_data") is False


def test_unchanged_features_keep_their_rows_and_changed_ones_are_updated_in_place(cowork, city):
    sketches, plans = rows(cowork, "sketches"), rows(cowork, "plans")
    tree_before = cowork.opendata.feature("plans", f"{city.project_id}_{city.elements['tree']}")["properties"]
    # Another workshop published: nothing of the first one's is written again.
    cowork.facilitation.update_settings(facilitator_of(cowork, city.withheld), SettingsUpdate({"open_data": True}))
    assert {k: v for k, v in rows(cowork, "sketches").items() if k in sketches} == sketches
    # A visit that sees only the lawn: the lawn's plan row changes in place, the others are untouched.
    with cowork.db.read() as session:
        version = session.get(PublishedLayer, store.LAYERS["plans"]).version
    supervisor = cowork.access.supervisor(city.keys[0], city.project_id)
    lawn = city.elements["green_area"]
    cowork.supervision.record_visit(
        supervisor, VisitCreate(None, "2027-06-01", "", "", (ObservationIn(lawn, None, "built", None, None, ""),))
    )
    assert rows(cowork, "plans") == plans
    statuses = {
        f["properties"]["element_id"]: f["properties"]["status"] for f in cowork.opendata.features("plans").features
    }
    assert statuses[lawn] == "built" and statuses[city.elements["tree"]] == tree_before["status"]
    with cowork.db.read() as session:
        assert session.get(PublishedLayer, store.LAYERS["plans"]).version == version + 1


def test_next_pages_neither_repeat_nor_skip_when_a_workshop_is_withdrawn_meanwhile(cowork, city):
    cowork.facilitation.update_settings(facilitator_of(cowork, city.withheld), SettingsUpdate({"open_data": True}))
    first = cowork.opendata.features("sketches", FeatureQuery(limit=2))
    assert first.matched == 5 and first.next_after is not None
    assert city.withheld_element_id not in [f["id"] for f in first.features]
    # The first workshop is withdrawn while a GIS is between pages: the next page still starts where it left off
    # (by offset it would skip past the other workshop's element, now second in the collection).
    cowork.facilitation.update_settings(facilitator_of(cowork, city.published), SettingsUpdate({"open_data": False}))
    following = cowork.opendata.features("sketches", FeatureQuery(limit=2, after=first.next_after))
    assert [f["id"] for f in following.features] == [city.withheld_element_id]
    assert following.next_after is None
    assert cowork.opendata.features("sketches", FeatureQuery(limit=2, offset=2)).features == []


def _plans(cowork, statements: list[str], parameters: list) -> list[str]:
    """The database's plan of each statement that reads the published rows, as text."""
    plans = []
    with cowork.db.engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            # A test city is small enough to read whole; the question is whether an index can serve the query.
            connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, values in zip(statements, parameters, strict=True):
            if "published_features" not in statement or not statement.lstrip().upper().startswith("SELECT"):
                continue
            explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
            found = connection.exec_driver_sql(explain + statement, values).all()
            plans.append("\n".join(str(row[-1]) for row in found))
    return plans


def test_pages_boxes_filters_counts_and_extents_are_indexed_queries(cowork, city):
    cowork.facilitation.update_settings(facilitator_of(cowork, city.withheld), SettingsUpdate({"open_data": True}))
    statements: list[str] = []
    parameters: list = []

    def seen(_conn, _cursor, statement, values, _context, _many):
        statements.append(statement)
        parameters.append(values)

    event.listen(cowork.db.engine, "before_cursor_execute", seen)
    try:
        cowork.opendata.features("sketches", FeatureQuery(limit=2))
        cowork.opendata.features("sketches", FeatureQuery(limit=2, after=1, offset=1))
        cowork.opendata.features("sketches", FeatureQuery(limit=2, workshop_id=city.published))
        cowork.opendata.features("plans", FeatureQuery(limit=2, project_id=city.project_id))
        cowork.opendata.features("sketches", FeatureQuery(limit=2, bbox=(76.9519, 43.2603, 76.9521, 43.2605)))
        cowork.opendata.features("sketches", FeatureQuery(limit=2, bbox=(76.0, 43.0, 78.0, 44.0)))
        cowork.opendata.feature("sketches", city.elements["tree"])
        cowork.opendata.extents()
    finally:
        event.remove(cowork.db.engine, "before_cursor_execute", seen)
    plans = _plans(cowork, statements, parameters)
    assert len(plans) >= 8
    for plan in plans:
        assert not re.search(r"^SCAN published_features\b|Seq Scan on published_features", plan, re.M), plan
    # A box is looked up in the spatial index itself, which drives the query (never a row-by-row question to it).
    if cowork.db.is_sqlite:
        assert any("published_rtree VIRTUAL TABLE INDEX 2:" in plan for plan in plans), plans
        assert not any("published_rtree VIRTUAL TABLE INDEX 1:" in plan for plan in plans), plans
    else:
        assert any("ix_published_features_geom" in plan for plan in plans), plans
    # Extents are kept: reading them touches no feature row.
    with cowork.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM published_layers")).scalar() >= len(store.LAYERS)


def test_the_store_built_again_equals_the_store_kept(cowork, city):
    cowork.facilitation.update_settings(facilitator_of(cowork, city.withheld), SettingsUpdate({"open_data": True}))
    kept = {name: cowork.opendata.features(name).features for name in store.LAYERS}
    counts = {name: state[0] for name, state in layer_states(cowork).items()}
    with cowork.db.write() as session:
        store.rebuild(session)
    assert {name: cowork.opendata.features(name).features for name in store.LAYERS} == kept
    assert {name: state[0] for name, state in layer_states(cowork).items()} == counts
