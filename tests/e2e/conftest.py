"""Real-browser fixtures: run.py as a process, Debian's Chromium driven by Playwright, tablet contexts.

Every page is watched: a console error, a page error or a request that would leave this machine fails the test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from ..support import ROOT, ServerProcess, wait_until

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
DESKTOP = {"width": 1366, "height": 900}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def chromium_path() -> str:
    """Debian's Chromium binary (never a browser downloaded by a test tool)."""
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "", "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium is not installed: apt-get install -y chromium (./dev test does it as root)")


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Browser:
    """One headless Chromium for the whole run."""
    instance = playwright_driver.chromium.launch(
        executable_path=chromium_path(),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    )
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory) -> ServerProcess:
    """`python run.py` on a free port with a fresh SQLite file and tiles off, for a whole module."""
    folder = tmp_path_factory.mktemp("e2e-module")
    server = ServerProcess(f"sqlite:///{folder / 'e2e.db'}", instance=folder)
    yield server
    server.stop()


@pytest.fixture
def app_server(request, tmp_path) -> ServerProcess:
    """`python run.py` on a free port with a fresh SQLite file and tiles off. A module marked `one_server` (its
    tests each make a workshop of their own and read only it) shares one for all its tests: starting and stopping
    the process costs more than many of those tests."""
    if request.node.get_closest_marker("one_server"):
        yield request.getfixturevalue("module_server")
        return
    server = ServerProcess(f"sqlite:///{tmp_path / 'e2e.db'}", instance=tmp_path)
    yield server
    server.stop()


class WatchedPages:
    """Browser contexts whose pages fail the test on console errors, page errors and off-machine requests."""

    def __init__(self, browser: Browser, base: str):
        self.browser = browser
        self.base = base
        self.problems: list[str] = []
        self.contexts: list[BrowserContext] = []

    def _guard(self, route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.problems.append(f"request leaving the machine: {route.request.url}")
            route.abort()

    def _watch(self, request) -> None:
        host = urlsplit(request.url).hostname or ""
        if not request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS:
            self.problems.append(f"request leaving the machine: {request.url}")

    def new_page(
        self, viewport: dict = LANDSCAPE, *, touch: bool = True, locale: str = "en-US", intercept: bool = True
    ) -> Page:
        """A page in a fresh context (a separate tablet: its own storage). `intercept=False` only watches requests
        instead of routing them: Playwright's routing keeps Chromium from updating a service worker."""
        context = self.browser.new_context(
            viewport=viewport, has_touch=touch, is_mobile=False, locale=locale, base_url=self.base
        )
        if intercept:
            context.route("**/*", self._guard)
        else:
            context.on("request", self._watch)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console error: {msg.text}"))
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser, app_server) -> WatchedPages:
    """Factory of watched tablet pages against the app server; fails the test if any page misbehaved."""
    watched = WatchedPages(browser, app_server.base)
    yield watched
    watched.close()
    assert not watched.problems, "\n".join(watched.problems)


@dataclass
class Demo:
    """`./dev demo`'s server (run.py --demo): the demo workshop a new participant meets, and its join code."""

    server: ServerProcess
    code: str
    pages: WatchedPages


@pytest.fixture
def demo(browser, tmp_path) -> Demo:
    """run.py --demo on a fresh SQLite file, with watched pages against it (failing the test on any misbehaviour)."""
    server = ServerProcess(f"sqlite:///{tmp_path / 'demo.db'}", "--demo", instance=tmp_path)
    watched = WatchedPages(browser, server.base)
    try:
        code = wait_until(lambda: re.search(r"Join code:\s+([A-Z2-9]{6})", server.output())).group(1)
        yield Demo(server, code, watched)
    finally:
        watched.close()
        server.stop()
    assert not watched.problems, "\n".join(watched.problems)


def screenshot(page: Page, name: str) -> None:
    """Keep a screenshot for people to look at (an ignored folder, never committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page: Page, name: str) -> None:
    """Run axe-core (from npm) in the page; fail on any serious or critical violation.

    The script goes in through DevTools evaluation, which the page's CSP does not govern, so the page under
    test keeps its real policy."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} at `
                    + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
        }"""
    )
    assert not violations, f"{name}: " + "\n".join(violations)
