"""Helpers shared by the browser tests and ``benchmarks/bench_site.py``.

Nothing here starts a browser by itself; the pytest fixtures (conftest.py) and
the benchmark do, through :func:`launch_chromium`.
"""

from __future__ import annotations

import collections
import functools
import http.server
import os
import posixpath
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SITE_DIR = REPO_ROOT / "_build" / "html"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Debian's chromium; Playwright's own browser downloads are not available.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}

# Figures for the test session's closing summary (see conftest.py).
STATS = collections.Counter()
AXE_FINDINGS = []
PHONE = {"width": 375, "height": 812}


@dataclass(frozen=True, order=True)
class SitePage:
    """One page of the table of contents, as built."""

    docname: str  # e.g. "labs/gradient_derivation_lab"
    path: str  # URL path relative to the site root, e.g. "labs/gradient_derivation_lab.html"
    title: str

    @property
    def is_chapter(self):
        """Chapters live in chapters/ and are MyST notebooks."""
        return self.docname.startswith("chapters/")

    @property
    def is_lab(self):
        """Labs live in labs/ and are Jupyter notebooks."""
        return self.docname.startswith("labs/")


def site_dir():
    """The built website: ``$SITE_DIR``, or ``_build/html`` in the repository."""
    return Path(os.environ.get("SITE_DIR") or DEFAULT_SITE_DIR).resolve()


def screenshot_dir():
    """Where screenshots go: ``$SCREENSHOT_DIR``, or ``screenshots/`` beside the site's html/."""
    return Path(os.environ.get("SCREENSHOT_DIR") or site_dir().parent / "screenshots").resolve()


def site_problem(directory):
    """Why ``directory`` is not a built site (None when it is one)."""
    if not (directory / "objects.inv").is_file() or not (directory / "index.html").is_file():
        return (
            f"no built website in {directory} (index.html and objects.inv are missing): "
            "run `make book` first, or point SITE_DIR at a built _build/html"
        )
    return None


def toc_pages(directory):
    """Every page of the table of contents, read from the site's ``objects.inv``.

    With ``only_build_toc_files: true`` Sphinx builds exactly the pages of
    ``_toc.yml``, and its inventory lists each with its URL and title.

    Returns
    -------
    list of SitePage
        Sorted by docname; empty when the site is not built.
    """
    from sphinx.util.inventory import InventoryFile

    inventory_path = directory / "objects.inv"
    if not inventory_path.is_file():
        return []
    with inventory_path.open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    docs = inventory.get("std:doc", {})
    return sorted(SitePage(name, entry[2], entry[3]) for name, entry in docs.items())


def book_config():
    """The repository's ``_config.yml`` as a dict."""
    return yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))


def expected_launch_links(docname, config):
    """The Binder (JupyterLab) and Colab URLs a lab page must offer.

    Parameters
    ----------
    docname : str
        The lab's docname, e.g. ``"labs/gradient_derivation_lab"``.
    config : dict
        The book's ``_config.yml``.

    Returns
    -------
    dict
        ``{"binder": url, "colab": url}``.
    """
    repo_url = config["repository"]["url"].rstrip("/")
    org_repo = re.sub(r"^https://github\.com/", "", repo_url)
    branch = config["repository"].get("branch", "main")
    book_path = (config["repository"].get("path_to_book") or "").strip("/")
    notebook = posixpath.join(book_path, docname + ".ipynb") if book_path else docname + ".ipynb"
    launch = config["launch_buttons"]
    return {
        "binder": f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/{notebook}",
        "colab": f"{launch['colab_url'].rstrip('/')}/github/{org_repo}/blob/{branch}/{notebook}",
    }


GENERIC_ALT = {
    "png", "jpg", "jpeg", "svg", "gif", "image", "img", "figure", "fig", "picture", "plot", "graph", "chart", "output",
}
# A file name or path: "fig.png", "../_images/3f2a...png", "_images/plot", a long hash.
FILE_LIKE_ALT = re.compile(r"\.(png|jpe?g|svg|gif|webp)$|^\S*[/\\]\S*$|^[0-9a-f]{16,}", re.IGNORECASE)


def alt_text_problem(alt):
    """Why ``alt`` is not meaningful alt text (None when it is).

    Parameters
    ----------
    alt : str or None
        The ``alt`` attribute of an ``<img>``.
    """
    text = (alt or "").strip()
    if not text:
        return "has no alt text"
    if FILE_LIKE_ALT.search(text):
        return f"has a file name as alt text ({text!r})"
    if text.lower() in GENERIC_ALT:
        return f"has a generic alt text ({text!r})"
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 2:
        return f"has alt text too short to describe anything ({text!r})"
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging each request to stderr."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def serve(directory):
    """Serve ``directory`` over http on a free localhost port, in a daemon thread.

    Returns
    -------
    (http.server.ThreadingHTTPServer, str)
        The server (call ``shutdown()`` when done) and its base URL, ending in "/".
    """
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def playwright_chromium(playwright=None):
    """Path of the Chromium that ``playwright install chromium`` downloaded, or None."""
    if playwright is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as started:
            return playwright_chromium(started)
    path = playwright.chromium.executable_path
    return path if os.access(path, os.X_OK) else None


def chromium_executable(playwright=None):
    """Path of Chromium (Debian's on the PATH, else Playwright's), or an AssertionError that says how to install it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser") or playwright_chromium(playwright)
    if path is None:
        raise AssertionError(
            "Chromium is not installed, and the browser tests need it: "
            "run `apt-get install -y chromium` (Debian), then rerun (`make test` installs it when it can)."
        )
    return path


def launch_chromium(playwright):
    """Start headless Chromium through Playwright with the course's flags."""
    return playwright.chromium.launch(executable_path=chromium_executable(playwright), args=CHROMIUM_ARGS)


# Resolves once MathJax (when the page loads it) has typeset the page.
WAIT_FOR_MATHJAX_JS = """async () => {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) { await mj.startup.promise; }
  return true;
}"""


def settle(page, extra_ms=700):
    """Wait until the page, its network requests and MathJax are done.

    ``extra_ms`` covers timers that run shortly after load (jupyterquiz
    retypesets its maths after 500 ms), so late errors are seen too.
    """
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")
    page.evaluate(WAIT_FOR_MATHJAX_JS)
    page.wait_for_timeout(extra_ms)


def has_quiz(directory, site_page):
    """True when the built page draws a jupyterquiz quiz."""
    html = (directory / site_page.path).read_text(encoding="utf-8")
    return "show_questions(" in html


AXE_TAGS = ["wcag2a", "wcag2aa"]
AXE_RUN_JS = """async ([include, tags]) => {
  const context = include ? {include: include} : document;
  const result = await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n =>
      n.target.join(" ") + ": " + (n.failureSummary || "").split("\\n").slice(1, 2).join("").trim())
  }));
}"""


# Overrides every style rule of the page that sets content-visibility: auto, whatever its selector,
# so that every block is rendered; returns the elements still rendered lazily after that (say, by
# an inline style), as "tag.class" strings: run_axe requires none.
RENDER_EVERYTHING_JS = """() => {
  const rules = [...document.styleSheets].flatMap((sheet) => {
    try { return [...sheet.cssRules]; } catch (error) { return []; }  // another origin's sheet
  });
  const lazy = rules.filter((rule) => rule.style && rule.style.contentVisibility === "auto");
  const style = document.createElement("style");
  const visible = (rule) => `${rule.selectorText} { content-visibility: visible !important; }`;
  style.textContent = lazy.map(visible).join("\\n");
  document.head.append(style);
  return [...document.querySelectorAll("*")]
    .filter((element) => getComputedStyle(element).contentVisibility === "auto")
    .map((element) => [element.localName, ...element.classList].join("."));
}"""


TWO_FRAMES_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settled_box(locator, tries=20):
    """The bounding box of ``locator`` once it is on screen and has stopped moving.

    Scrolling renders the blocks that ``content-visibility: auto`` skipped off screen, and their
    real heights can move what follows them, so a box read at once may be stale: this scrolls
    the element into view and returns its box when it is the same two animation frames later.
    """
    box = None
    for _ in range(tries):
        locator.scroll_into_view_if_needed()
        locator.page.evaluate(TWO_FRAMES_JS)
        again = locator.bounding_box()
        if box is not None and again == box:
            return box
        box = again
    raise AssertionError(f"{locator} was still moving after {tries} tries")


def run_axe(page, axe_source, include=None):
    """Run axe-core's WCAG 2 A/AA rules on ``page`` (or on the ``include`` selectors).

    Returns
    -------
    list of dict
        One per violated rule: ``id``, ``impact``, ``help`` and ``nodes``.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
        # axe reads colours and contrast off the rendered layout, and explorer pages skip rendering
        # the article's blocks while they are off screen (content-visibility: auto in
        # explorers.css): axe would then see, say, the header's colour behind a paragraph. Render
        # everything first; the colours are the same, only when they are drawn differs.
        still_lazy = page.evaluate(RENDER_EVERYTHING_JS)
        assert not still_lazy, f"blocks axe cannot see, still rendered lazily: {still_lazy[:5]}"
    return page.evaluate(AXE_RUN_JS, [include, AXE_TAGS])


def serious(violations):
    """The violations axe rates serious or critical."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe_violations(violations):
    """One readable line per violated rule and element."""
    return [f"[{v['impact']}] {v['id']} ({v['help']}): {node}" for v in violations for node in v["nodes"]]


# The live explorers' own files (everything else under _static/ is the shared theme and MathJax).
EXPLORER_ASSETS = "_static/explorers/"
PAGE_WEIGHT_LIMIT = 400 * 1024

PAGE_FILES_JS = """() => ({
  images: [...new Set([...document.querySelectorAll('img')].map(i => i.currentSrc || i.src))],
  scripts: [...document.querySelectorAll('script[src]')].map(s => s.src),
  styles: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href),
})"""


def page_weight(site, site_page, files, base_url):
    """Bytes of a page of its own: its HTML, the images it shows, and its explorer scripts and styles.

    Files every page of a kind shares, which the browser caches after the first
    one, are not the page's own: the theme's scripts, styles, fonts and images
    (``_static/images/``), MathJax, and jupyterquiz's engine
    (``_static/quiz/jupyterquiz-engine.js``, 37 KiB, loaded by every page with
    a quiz; ``_ext/course_quiz.py``). A page's quiz questions and the call that
    draws them are in its HTML, so they count. ``benchmarks/bench_site.py``
    prints, besides, what a first visit downloads, shared files included.

    Parameters
    ----------
    site : pathlib.Path
    site_page : SitePage
    files : dict
        ``PAGE_FILES_JS`` evaluated on the loaded page.
    base_url : str

    Returns
    -------
    dict
        ``html``, ``images`` and ``scripts`` (bytes) and ``total``. Inline
        (``data:``) images are part of the HTML already.
    """
    def local(url):
        if not url.startswith(base_url):
            return None
        path = site / url[len(base_url):].split("?")[0].split("#")[0]
        return path if path.is_file() else None

    # The theme's own images (such as the launch buttons' logos) are shared by every page, like its scripts.
    images = {p for p in map(local, files["images"]) if p is not None and "_static/images/" not in p.as_posix()}
    own = {p for p in map(local, files["scripts"] + files["styles"])
           if p is not None and EXPLORER_ASSETS in p.as_posix()}
    html = (site / site_page.path).stat().st_size
    image_bytes = sum(p.stat().st_size for p in images)
    script_bytes = sum(p.stat().st_size for p in own)
    return {"html": html, "images": image_bytes, "scripts": script_bytes,
            "total": html + image_bytes + script_bytes}
