"""Static maps for results and reports, drawn by folium with the app's own Leaflet (no CDN)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Figure
from shapely.geometry import shape

from ..core.facts import MAP_MAX_ZOOM, kind_colour
from .tiles import MapTiles

LOCAL_JS = [("leaflet", "/vendor/leaflet/dist/leaflet.js")]
LOCAL_CSS = [("leaflet_css", "/vendor/leaflet/dist/leaflet.css")]


@dataclass
class RenderedMap:
    """A folium map split into the parts a page places itself: the map's div and its script.

    Folium's own page header is left out: it would restyle the whole page (html, body, viewport); the page
    loads the local Leaflet itself and sizes `.folium-map` in its CSS."""

    body: str
    script: str


def safe_label(text: str) -> str:
    """User text made inert for a folium tooltip: HTML-escaped, and with nothing a JS template literal would
    interpret (folium writes tooltips into backtick strings, where `${...}` would run)."""
    escaped = html.escape(text)
    return escaped.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _label(element: dict[str, Any]) -> str:
    text = element["kind"].replace("_", " ")
    if element.get("note"):
        text += ": " + element["note"][:120]
    return safe_label(text)


def _site_map(boundary: dict[str, Any], tiles: MapTiles | None) -> folium.Map:
    site = shape(boundary)
    minx, miny, maxx, maxy = site.bounds
    fmap = folium.Map(
        tiles=None,
        zoom_control=False,
        scrollWheelZoom=False,
        dragging=False,
        prefer_canvas=False,
        zoom_snap=0.25,
        min_zoom=0,
    )
    # Point this map (not the class) at our own copies of Leaflet; folium's defaults are CDN URLs.
    fmap.default_js = LOCAL_JS
    fmap.default_css = LOCAL_CSS
    # Only COWORK_BASEMAP's tiles, which come from this server: a tile server elsewhere would not print in a
    # hall without internet, nor is it in these pages' policy.
    if tiles is not None and tiles.same_origin:
        folium.TileLayer(
            tiles=tiles.url,
            attr=tiles.attribution,
            min_zoom=tiles.min_zoom,
            max_zoom=MAP_MAX_ZOOM,
            max_native_zoom=tiles.max_native_zoom,
            bounds=tiles.leaflet_bounds,
        ).add_to(fmap)
    folium.GeoJson(
        boundary,
        style_function=lambda _f: {"color": "#263238", "weight": 2, "fillColor": "#eceff1", "fillOpacity": 0.6},
    ).add_to(fmap)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]], padding=(8, 8))
    return fmap


def _draw(
    fmap: folium.Map, geometry: dict[str, Any], colour: str, label: str, *, dashed: bool = False, faint: bool = False
) -> None:
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"]
        folium.CircleMarker(
            [lat, lon],
            radius=4 if faint else 5,
            color=colour if faint else "#ffffff",
            weight=1.5,
            dash_array="3 3" if dashed else None,
            fill=not faint,
            fill_color=colour,
            fill_opacity=0 if faint else 1,
            tooltip=label,
        ).add_to(fmap)
        return
    line = geometry["type"] == "LineString"
    folium.GeoJson(
        geometry,
        style_function=lambda _f: {
            "color": colour,
            "weight": (4 if line else 1.5) if not faint else 2,
            "dashArray": "6 4" if dashed else None,
            "fillColor": colour,
            "fillOpacity": 0.08 if faint else 0.45,
            "opacity": 0.7 if faint else 1,
        },
        tooltip=label,
    ).add_to(fmap)


_CLOSES_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)


def _rendered(fmap: folium.Map) -> RenderedMap:
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a map's root is the page's figure, with its html and script parts
    root.render()
    script = root.script.render()
    # The script goes inside the page's <script nonce> element: nothing in it may end that element early.
    # Labels are escaped (safe_label), so this only fires should folium ever write raw text.
    if _CLOSES_SCRIPT.search(script):
        raise ValueError("a folium map script would close its <script> element")
    return RenderedMap(body=root.html.render(), script=script)


def design_map(boundary: dict[str, Any], elements: list[dict[str, Any]], tiles: MapTiles | None = None) -> RenderedMap:
    """The site and one design's elements, over the base map file's tiles when there is one (it prints the same
    with no network)."""
    fmap = _site_map(boundary, tiles)
    for element in elements:
        _draw(fmap, element["geometry"], kind_colour(element["kind"]), _label(element))
    return _rendered(fmap)


def design_vs_built_map(
    boundary: dict[str, Any],
    plan: list[dict[str, Any]],
    additions: list[dict[str, Any]],
    tiles: MapTiles | None = None,
) -> RenderedMap:
    """The design dashed and faint, the as-built solid over it, unplanned additions in black (over the base map
    file's tiles when there is one)."""
    fmap = _site_map(boundary, tiles)
    for element in plan:
        colour = kind_colour(element["kind"])
        _draw(
            fmap,
            element["geometry"],
            colour,
            safe_label(f"{element['kind']} (design): {element['status']}"),
            dashed=True,
            faint=True,
        )
        if element.get("as_built"):
            _draw(fmap, element["as_built"], colour, safe_label(f"{element['kind']} (as built): {element['status']}"))
    for addition in additions:
        _draw(fmap, addition["as_built"], "#212121", safe_label(f"unplanned {addition['kind']}"))
    return _rendered(fmap)
