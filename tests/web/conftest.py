"""Fixtures for the page's tests: a store of invented reports (one of them hostile), the
installed `flashpoint serve` over it, and Debian's chromium driven by Playwright.

Chromium is never downloaded: Playwright launches the Debian binary (`apt-get install
chromium`, which scripts/test.sh does through .ci/chromium.sh when run as root or in CI).
Without it, or without a built page, the browser tests skip with the reason, and fail in CI.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

_serving_spec = importlib.util.spec_from_file_location(
    "flashpoint_test_serving", Path(__file__).resolve().parents[1] / "serving.py"
)
serving_helpers = importlib.util.module_from_spec(_serving_spec)
_serving_spec.loader.exec_module(serving_helpers)
factories = serving_helpers.factories

REGISTRY = serving_helpers.REGISTRY
HOSTILE_TEXT = serving_helpers.HOSTILE_TEXT
HOSTILE_TITLE = '<img src=x onerror="alert(4)">Raqqa'
HOSTILE_OUTLET = '<b onmouseover="alert(5)">Wire</b>'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def corpus() -> list:
    """The store corpus of tests/store/factories.py, an accusation between the patrons, and
    the hostile article."""
    d = dt.date
    accusation = factories.report(
        text="The U.S. accused Moscow of shelling Deir ez-Zor. Russia denied it.",
        outlet="Outlet D",
        published=d(2017, 9, 10),
        when=d(2017, 9, 9),
        event_type="ACCUSE",
        source="usa",
        target="rus",
    )
    hostile = factories.report(
        text=HOSTILE_TEXT,
        outlet=HOSTILE_OUTLET,
        published=d(2017, 9, 21),
        when=d(2017, 9, 20),
        where="raqqa",
        relations=(("enemy_of", "sdf", "saa"),),
    )
    hostile.document.title = HOSTILE_TITLE
    return [*factories.corpus(), accusation, hostile]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    return os.environ.get("FLASHPOINT_CHROMIUM") or shutil.which("chromium")


@pytest.fixture
def hostile_article() -> dict[str, str]:
    """The title and text of the hostile article in the store."""
    return {"title": HOSTILE_TITLE, "text": HOSTILE_TEXT}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> tuple[str, str]:
    """(database URL, registry path) of the page's test store."""
    from flashpoint.store.database import Database

    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'store.db'}"
    with Database.open(url) as db:
        for analysis in corpus():
            db.store(analysis, source="test")
    registry = folder / "theatre.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    return url, str(registry)


@pytest.fixture(scope="session")
def base_url(web_store) -> Iterator[str]:
    """The installed `flashpoint serve` over the store, on a free loopback port."""
    from flashpoint.api.web import page_built

    if not page_built():
        _missing("the page is not built: run `pip install -e .` with node and npm")
    url, registry = web_store
    with serving_helpers.serving(url, "--registry", registry, wait=60) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, through Playwright (which downloads no browser)."""
    path = chromium_path()
    if not path:
        _missing("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page, every URL it asked for, and what its console said."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("dialog", self._dialog)
        # anything outside the server is refused before it leaves the browser (and recorded)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            route.abort()

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base + "/")]

    def open(self, query: str = "") -> None:
        """Load the page and wait until every view has drawn."""
        self.page.goto(f"{self.base}/{query}")
        self.wait()
        self.page.wait_for_selector("#map[data-basemap]", timeout=30_000)

    def wait(self, after: int = 0) -> None:
        # a function, not a bare expression: the page's CSP refuses eval, rightly
        self.page.wait_for_function(
            f"() => Number(document.body.dataset.shown || 0) > {after}", timeout=30_000
        )

    def shown(self) -> int:
        return int(self.page.evaluate("Number(document.body.dataset.shown || 0)"))


@pytest.fixture
def watched(browser, base_url) -> Iterator[Watched]:
    """A fresh page; after the test, no request may have left the server, and the console
    must show no error (a CSP violation is one)."""
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    page = context.new_page()
    page.set_default_timeout(30_000)
    seen = Watched(page, base_url)
    yield seen
    context.close()
    assert seen.outside() == []
    assert seen.console_errors == []
    assert seen.dialogs == []
