"""Revision 0007 on real data: upgrading the database cowork made before migrations (tests/data/legacy) builds the
city's layers and figures, on SQLite and PostgreSQL, and the kept figures are those of the city built again."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from cowork.city import store
from cowork.models.city import CityFigures
from cowork.models.opendata import PublishedFeature, PublishedLayer
from cowork.models.supervision import Project
from cowork.ops import migrate

from ..ops.test_migrations import empty_database, load_pre_migration_dump  # noqa: F401  (a fixture)


def test_the_upgrade_of_a_legacy_database_builds_the_city(empty_database):  # noqa: F811
    # Its rows on the baseline schema (the adoption of the pre-migration schema itself is tests/ops' to test).
    migrate.upgrade(empty_database, migrate.BASELINE)
    load_pre_migration_dump(empty_database, data_only=True)
    migrate.upgrade(empty_database)
    engine = create_engine(empty_database)
    try:
        with Session(engine) as session:
            layers = {
                layer.layer: layer
                for layer in session.scalars(
                    select(PublishedLayer).where(PublishedLayer.layer.in_(store.CITY_LAYERS.values()))
                )
            }
            assert sorted(layers) == sorted(store.CITY_LAYERS.values())
            assert not any(layer.stale for layer in layers.values())
            projects = session.scalar(select(func.count()).select_from(Project))
            assert projects and layers[store.CITY_LAYERS["projects"]].count == projects
            kept_rows = session.scalar(
                select(func.count())
                .select_from(PublishedFeature)
                .where(PublishedFeature.layer == store.CITY_LAYERS["plans"])
            )
            assert kept_rows and layers[store.CITY_LAYERS["plans"]].count == kept_rows
            assert set(session.scalars(select(CityFigures.part))) == {"network", "signs", "green"}
            kept = store.figures(session)
            assert len(kept["green"]["projects"]) == projects
            store.rebuild(session)
            again = store.figures(session)
            assert without_moments(again) == without_moments(kept)
    finally:
        engine.dispose()


def without_moments(figures: dict) -> dict:
    return {part: {k: v for k, v in kept.items() if k != "generated_at"} for part, kept in figures.items()}
