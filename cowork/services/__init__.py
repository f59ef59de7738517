"""The domain services. They know nothing of HTTP or sockets and each call owns its transaction."""

from __future__ import annotations

from typing import Any

from ..db import Database
from ..identities import Identity, Supervisor
from .access import AccessService
from .archive import ArchiveService
from .city import CityService
from .facilitation import FacilitationService
from .health import HealthService
from .opendata import OpenDataService
from .photos import PhotoService
from .results import ResultsService
from .sketches import SketchService
from .supervision import SupervisionService
from .state import StateService
from .voting import VotingService
from .workshops import WorkshopService

__all__ = ["Cowork", "Identity", "Supervisor"]


class Cowork:
    """All services over one database; the app keeps one in `app.extensions["cowork"]`."""

    def __init__(self, db: Database, settings: Any):
        self.db = db
        self.settings = settings
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
