"""Fixtures for the browser tests: the built site served on localhost, and Chromium.

Environment variables
---------------------
SITE_DIR
    The built website (default: ``_build/html`` in the repository; build it
    with ``make book``).
SCREENSHOT_DIR
    Where each run saves a screenshot of every page at desktop and phone size
    (default: ``screenshots/`` beside the site's ``html/``, i.e. ``_build/screenshots``).

The browser is Debian's ``chromium`` driven by Playwright; when it is missing
every test fails and says how to install it. Pages come from the built site's
``objects.inv`` (exactly the pages of ``_toc.yml``), so new chapters are tested
without changing anything here.
"""

from __future__ import annotations

import pytest
import sitecheck
from sitecheck import AXE_FINDINGS, STATS


def _pages():
    return sitecheck.toc_pages(sitecheck.site_dir())


def pytest_generate_tests(metafunc):
    """Parametrize ``site_page``, ``chapter_page``, ``lab_page``, ``quiz_page`` from the built site.

    ``quiz_page`` is every chapter (each ends with a quiz) and any other page with one.
    """
    pages = _pages()
    selections = {
        "site_page": pages,
        "chapter_page": [p for p in pages if p.is_chapter],
        "lab_page": [p for p in pages if p.is_lab],
        "quiz_page": [
            p for p in pages if p.is_chapter or sitecheck.has_quiz(sitecheck.site_dir(), p)
        ],
    }
    for name, selected in selections.items():
        if name not in metafunc.fixturenames:
            continue
        if not pages:  # not built: one failing case that says so, never a silent skip
            metafunc.parametrize(name, [pytest.param(None, id="site-not-built")])
        else:
            metafunc.parametrize(name, selected, ids=[p.docname for p in selected])


def pytest_terminal_summary(terminalreporter):
    """Print what the browser tests covered."""
    if not STATS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("website checked in Chromium")
    write(f"pages loaded (desktop, first visit): {STATS['pages']}")
    write(f"quiz questions answered with mouse and keyboard: {STATS['quiz questions']}")
    write(f"<details> blocks opened: {STATS['details']}")
    write(f"axe runs: {STATS['axe runs']}, violations (any impact): {STATS['axe violations']}")
    for finding in AXE_FINDINGS:
        write(f"  {finding}")
    write(f"screenshots: {sitecheck.screenshot_dir()}")


@pytest.fixture(scope="session")
def site():
    """The built website's folder; fails with instructions when it is not built."""
    directory = sitecheck.site_dir()
    problem = sitecheck.site_problem(directory)
    if problem:
        pytest.fail(problem, pytrace=False)
    return directory


@pytest.fixture(scope="session")
def base_url(site):
    """http://127.0.0.1:PORT/ serving the site for the whole session."""
    server, url = sitecheck.serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    missing = None
    try:
        executable = sitecheck.chromium_executable()
    except AssertionError as exc:
        missing = str(exc)
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=sitecheck.CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    """The axe-core script, installed by `npm ci` from package-lock.json."""
    if not sitecheck.AXE_JS.is_file():
        pytest.fail(f"{sitecheck.AXE_JS} is missing: run `npm ci` in the repository first", pytrace=False)
    return sitecheck.AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots():
    """Folder for this run's screenshots (desktop/ and phone/ below it)."""
    directory = sitecheck.screenshot_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class PageLog:
    """What went wrong while a page loaded: errors, failed and external requests."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.console_errors = []
        self.page_errors = []
        self.failed_responses = []
        self.external_requests = []

    def route(self, route):
        """Let requests to the local server through; record and block the rest."""
        url = route.request.url
        if url.startswith(self.base_url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def watch(self, page):
        """Record console errors, uncaught exceptions and HTTP errors of ``page``."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} [{where}]")

    def _on_response(self, response):
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def problems(self):
        """Everything recorded, one line each."""
        return (
            [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"console error: {e}" for e in self.console_errors]
            + [f"HTTP {r}" for r in self.failed_responses]
            + [f"request to an external host: {u}" for u in self.external_requests]
        )


@pytest.fixture(scope="session")
def open_page(browser, base_url):
    """Open a site path in a fresh browser context; returns ``(page, log)``.

    Parameters of the returned function: ``path`` (relative URL), ``viewport``
    (default desktop), ``mode`` ("light"/"dark" stored as the theme's choice
    before load, or None for a first visit that follows the system, light).
    Contexts are closed at the end of the session.
    """
    contexts = []

    def _open(path, viewport=sitecheck.DESKTOP, mode=None):
        context = browser.new_context(viewport=viewport, color_scheme=mode or "light")
        contexts.append(context)
        if mode:
            context.add_init_script(
                f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
            )
        log = PageLog(base_url)
        context.route("**/*", log.route)
        page = context.new_page()
        log.watch(page)
        response = page.goto(base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        sitecheck.settle(page)
        return page, log

    yield _open
    for context in contexts:
        context.close()


PAGE_FACTS_JS = """() => ({
  images: [...document.querySelectorAll("img")].map(i => ({src: i.getAttribute("src"), alt: i.getAttribute("alt")})),
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
  math: document.querySelectorAll(".math").length,
  mathTypeset: [...document.querySelectorAll(".math")].filter(m => m.querySelector("mjx-container")).length,
  mathErrors: [...document.querySelectorAll("mjx-merror")].map(e => e.getAttribute("data-mjx-error") || e.textContent),
  mjxContainers: document.querySelectorAll("mjx-container").length,
  exercises: [...document.querySelectorAll("article section > :is(h1, h2, h3, h4)")]
    .filter(h => /exercise/i.test(h.textContent))
    .map(h => ({
      heading: h.textContent.replace(/[#¶]/g, "").trim(),
      solutions: h.parentElement.querySelectorAll("details").length,
    })),
})"""


@pytest.fixture(scope="session")
def desktop_visit(open_page, screenshots):
    """Load each page once at desktop size, as a first-time visitor; cached per page.

    Returns a function ``visit(site_page) -> dict`` with the page's problems
    (``log``), images, links and maths, and saves ``desktop/<page>.png``.
    """
    cache = {}

    def _visit(site_page):
        if site_page.docname not in cache:
            page, log = open_page(site_page.path)
            facts = page.evaluate(PAGE_FACTS_JS)
            facts["log"] = log
            target = screenshots / "desktop" / f"{site_page.docname}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            page.close()
            STATS["pages"] += 1
            cache[site_page.docname] = facts
        return cache[site_page.docname]

    return _visit
