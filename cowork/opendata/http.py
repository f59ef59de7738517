"""GeoPackage downloads: one workshop, one project, or the whole city's open data. Access as the GeoJSON exports."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, send_file

from ..web.context import cowork, optional_participant
from ..web.limits import limiter
from .export import CityExport
from .geopackage import MEDIA_TYPE, geopackage

geopackages = Blueprint("geopackages", __name__, url_prefix="/api")


def _limit() -> str:
    return current_app.config["LIMIT_EXPORTS"]


def _download(body: bytes, name: str) -> Response:
    return Response(body, mimetype=MEDIA_TYPE, headers={"Content-Disposition": f'attachment; filename="{name}.gpkg"'})


@geopackages.get("/workshops/<id:workshop_id>/export.gpkg")
@limiter.limit(_limit)
def workshop_export(workshop_id: str):
    """The workshop's `sites` and `sketches` layers, shown as its GeoJSON export shows them to the caller."""
    layers = cowork().opendata.workshop_layers(workshop_id, optional_participant())
    return _download(geopackage(layers), f"workshop-{workshop_id}")


@geopackages.get("/projects/<id:project_id>/export.gpkg")
@limiter.limit(_limit)
def project_export(project_id: str):
    """The project's `projects`, `plans` and `as_built` layers (public, as its progress page)."""
    return _download(geopackage(cowork().opendata.project_layers(project_id)), f"project-{project_id}")


@geopackages.get("/city/export.gpkg")
@limiter.limit(_limit)
def city_export():
    """Every open-data collection of the city, a layer each: the kept file, streamed, or `unavailable` while a worker
    writes it for longer than COWORK_EXPORT_WAIT_SECONDS."""
    services = cowork()
    kept = CityExport(services.db, services.settings).open()
    return send_file(kept, mimetype=MEDIA_TYPE, as_attachment=True, download_name="cowork-city.gpkg")
