"""The reads `bench.city10` times against a served city: OGC API pages, the collections, the city map and its page
as a phone loads it, the city's GeoPackage; and the serving process's memory sampled while they run."""

from __future__ import annotations

import os
import re
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from . import stats
from .servers import tree_rss_mb

# Where the browser libraries are when this checkout's node_modules has none (see Phone.load).
VENDOR = os.environ.get("BENCH_NODE_MODULES", "")
ITEMS = "/ogcapi/collections/sketches/items"
# What a browser sends with an API request: cowork answers JSON whatever it says, pygeoapi HTML to text/html.
JSON_HEADERS = {"Accept": "application/geo+json, application/json", "Accept-Encoding": "gzip, deflate"}
# A phone: Chromium's own emulation of a mid-range one (viewport, touch, pixel ratio).
PHONE = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36",
}


@dataclass
class Read:
    """One thing a city's reader asks for: a path of the server, or the phone's page load."""

    name: str
    path: str
    phone: bool = False


def reads(district: str, workshop_id: str, deep: int) -> list[Read]:
    """Every read measured, in the order run. `cql2_filter` is the slot of issue 23 (a 400 until it lands)."""
    return [
        Read("items_10", f"{ITEMS}?limit=10"),
        Read("items_100", f"{ITEMS}?limit=100"),
        Read("items_1000", f"{ITEMS}?limit=1000"),
        Read("items_10_deep", f"{ITEMS}?limit=10&offset={deep}"),
        Read("items_bbox_100", f"{ITEMS}?limit=100&bbox={district}"),
        Read("items_workshop_100", f"{ITEMS}?limit=100&workshop_id={workshop_id}"),
        Read("items_cql2_100", f"{ITEMS}?limit=100&filter-lang=cql2-text&filter=workshop_id%3D%27{workshop_id}%27"),
        Read("collections", "/ogcapi/collections"),
        Read("api_city", "/api/city"),
        Read("city_page_phone", "/city", phone=True),
        Read("city_gpkg", "/api/city/export.gpkg"),
    ]


def get(base: str, path: str, session: requests.Session | None = None) -> tuple[int, int, bytes]:
    """GET a path: its status, the bytes that crossed the wire (compressed when the server compressed), the body."""
    answer = (session or requests).get(base + path, headers=JSON_HEADERS, timeout=600, stream=True)
    wire = answer.raw.read(decode_content=False)
    answer.close()
    encoding = answer.headers.get("Content-Encoding", "")
    if encoding in ("gzip", "deflate"):
        return answer.status_code, len(wire), zlib.decompress(wire, 16 + zlib.MAX_WBITS if encoding == "gzip" else 0)
    return answer.status_code, len(wire), wire


class Phone:
    """Headless Chromium as a phone (Debian's Chromium through Playwright, never a downloaded browser)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        from tests.e2e.conftest import chromium_path

        self._driver = sync_playwright().start()
        self._browser = self._driver.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )

    def load(self, url: str) -> dict[str, Any]:
        """Open the page in a fresh context (an empty cache) and wait until it has its data and the network rests:
        the seconds, the requests and the bytes received before it is usable (headers and bodies, as sent)."""
        context = self._browser.new_context(**PHONE)
        received: dict[str, int] = {}
        if VENDOR:
            # This checkout's node_modules lacks the browser libraries (a worktree without `npm ci`): the same files
            # come from BENCH_NODE_MODULES instead, counted as the server would send them.
            def vendored(route) -> None:
                file = Path(VENDOR) / route.request.url.split("/vendor/", 1)[1].split("?")[0]
                received[route.request.url] = file.stat().st_size if file.is_file() else 0
                route.fulfill(path=file) if file.is_file() else route.continue_()

            context.route("**/vendor/**", vendored)
        page = context.new_page()

        def finished(request) -> None:
            sizes = request.sizes()
            received[request.url] = max(
                received.get(request.url, 0), sizes["responseBodySize"] + sizes["responseHeadersSize"]
            )

        page.on("requestfinished", finished)
        started = time.perf_counter()
        page.goto(url, wait_until="networkidle", timeout=600_000)
        seconds = time.perf_counter() - started
        context.close()
        data = {u: n for u, n in received.items() if "/api/" in u}
        return {
            "ms": round(seconds * 1000, 1),
            "requests": len(received),
            "bytes": sum(received.values()),
            "data_bytes": sum(data.values()),
            "data_requests": sorted(re.sub(r"^https?://[^/]+", "", u) for u in data),
        }

    def close(self) -> None:
        self._browser.close()
        self._driver.stop()


@dataclass
class Memory:
    """The serving process's resident memory (and its children's), sampled every 50 ms: the peak since asked."""

    pid: int
    peak: float = 0.0
    phase_peak: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            now = tree_rss_mb(self.pid)
            self.peak, self.phase_peak = max(self.peak, now), max(self.phase_peak, now)

    def now(self) -> float:
        return round(tree_rss_mb(self.pid), 1)

    def phase(self) -> float:
        """The peak since the last call, and start a new one."""
        peak, self.phase_peak = self.phase_peak, 0.0
        return round(peak, 1)

    def stop(self) -> None:
        self._stop.set()


class Reader(threading.Thread):
    """Runs one read from an instant until a deadline: the first time (after a change), then again and again."""

    def __init__(self, base: str, read: Read, start: float, end: float, repeat: int):
        super().__init__(daemon=True)
        self.base, self.read, self.start_at, self.end, self.repeat = base, read, start, end, repeat
        self.times: list[float] = []
        self.answer: dict[str, Any] = {}
        self.error: str | None = None

    def run(self) -> None:
        phone = Phone() if self.read.phone else None
        try:
            once = (lambda: phone.load(self.base + self.read.path)) if phone else self._http
            time.sleep(max(0.0, self.start_at - time.monotonic()))
            while len(self.times) < 1 + self._later_at_least() or (
                time.monotonic() < self.end and len(self.times) < self.repeat
            ):
                started = time.perf_counter()
                try:
                    self.answer = once()
                finally:
                    # A read that failed (the server dropped it) took this long too.
                    self.times.append((time.perf_counter() - started) * 1000)
        except Exception as exc:  # the figures say what failed; the run goes on with the next read
            self.error = f"{type(exc).__name__}: {str(exc)[:200]}"
        finally:
            if phone:
                phone.close()

    def _later_at_least(self) -> int:
        """Later reads taken even after the phase: a first read that outlasted it still gets a later figure (one
        when it took minutes)."""
        if not self.times:
            return 0
        return min(3, self.repeat - 1) if self.times[0] < 20_000 else 1

    def _http(self) -> dict[str, Any]:
        status, wire, body = get(self.base, self.read.path)
        return {"status": status, "bytes": len(body), "wire_bytes": wire}

    def figures(self) -> dict[str, Any]:
        """The first time, the later ones (p50, p99, max, how many), what the last answer was."""
        later = self.times[1:]
        spread = stats.spread(later) if later else {}
        return {
            "first_ms": round(self.times[0], 1) if self.times else None,
            "later_ms": {k: spread.get(k) for k in ("p50", "p99", "max")},
            "later_count": len(later),
            "outlasted_phase": bool(self.times) and self.times[0] / 1000 > self.end - self.start_at,
            **self.answer,
            **({"error": self.error} if self.error else {}),
        }


def timed(url: str, repeat: int) -> dict[str, Any]:
    """p50 and p99 of GETting a URL `repeat` times (after one untimed GET), and the answer's bytes and status."""
    status, _, body = get("", url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        status, _, body = get("", url)
        times.append((time.perf_counter() - started) * 1000)
    spread = stats.spread(times)
    return {"p50_ms": spread["p50"], "p99_ms": spread["p99"], "status": status, "bytes": len(body)}
