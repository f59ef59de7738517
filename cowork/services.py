"""The domain services. They know nothing of HTTP or sockets and each call owns its transaction."""

from __future__ import annotations

from typing import Any

from .access import AccessService
from .archive.service import ArchiveService
from .city import store as city_store
from .city.service import CityService
from .core.identities import Identity, Supervisor
from .db import Database
from .opendata import store as published_store
from .opendata.service import OpenDataService
from .ops.health import HealthService
from .supervision.photos import PhotoService
from .supervision.service import SupervisionService
from .workshop.facilitation import FacilitationService
from .workshop.results import ResultsService
from .workshop.sketches import SketchService
from .workshop.state import StateService
from .workshop.voting import VotingService
from .workshop.workshops import WorkshopService

__all__ = ["Cowork", "Identity", "Supervisor"]


class Cowork:
    """All services over one database; the app keeps one in `app.extensions["cowork"]`."""

    def __init__(self, db: Database, settings: Any):
        self.db = db
        self.settings = settings
        # What is published is kept in the transaction of each change (opendata/store.py).
        if published_store.keep not in db.before_commit:
            db.before_commit.append(published_store.keep)
        # The city map's rows and figures, after the open data's (it reads the same notes of changes).
        if city_store.keep not in db.before_commit:
            db.before_commit.append(city_store.keep)
        self.access = AccessService(db, settings)
        self.workshops = WorkshopService(db, settings)
        self.sketches = SketchService(db, settings)
        self.state = StateService(db, settings)
        self.facilitation = FacilitationService(db, settings)
        self.voting = VotingService(db, settings)
        self.results = ResultsService(db, settings)
        self.archive = ArchiveService(db, settings)
        self.supervision = SupervisionService(db, settings)
        self.photos = PhotoService(db, settings)
        self.health = HealthService(db, settings)
        self.opendata = OpenDataService(db, settings)
        self.city = CityService(db, settings)
