"""Website: each page's weight (HTML plus its images) and its load time in Chromium.

Reads the built site (``$SITE_DIR`` or ``_build/html``; build it with
``make book``), serves it on localhost and loads every page of the table of
contents in Debian's headless Chromium, as the browser tests do. Prints
figures only; never asserts on time.

* weight: the page's HTML file plus every image it shows (``<img>``), in KiB;
  scripts, styles and fonts are shared by all pages and cached, so left out.
* load: ``loadEventEnd`` of the navigation, median of ``REPEATS`` cold loads.
* ready: until MathJax has typeset the page (what a reader waits for).
* first visit: everything a first visit downloads (scripts, styles, fonts too),
  uncompressed as Python's http.server sends it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

import sitecheck  # noqa: E402 - needs the path above

REPEATS = 3

IMAGES_JS = "() => [...new Set([...document.querySelectorAll('img')].map(i => i.currentSrc || i.src))]"
LOAD_MS_JS = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
TRANSFER_JS = """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .reduce((sum, entry) => sum + entry.transferSize, 0)"""


def local_file(url, base_url, site):
    """The file under ``site`` that the local ``url`` serves (None if not local)."""
    if not url.startswith(base_url):
        return None
    path = site / unquote(urlsplit(url).path)[len(urlsplit(base_url).path):]
    return path if path.is_file() else None


def measure_page(browser, base_url, site, site_page):
    """Weight and timings of one page.

    Returns
    -------
    dict
        ``html``, ``images`` and ``first_visit`` (bytes), ``n_images``,
        ``load_ms`` and ``ready_ms`` (medians over ``REPEATS`` loads in fresh contexts).
    """
    loads, readies, transfers, images = [], [], [], []
    for _ in range(REPEATS):
        context = browser.new_context(viewport=sitecheck.DESKTOP)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(base_url + site_page.path, wait_until="load")
        page.evaluate(sitecheck.WAIT_FOR_MATHJAX_JS)
        readies.append((time.perf_counter() - start) * 1000)
        loads.append(page.evaluate(LOAD_MS_JS))
        transfers.append(page.evaluate(TRANSFER_JS))
        images = page.evaluate(IMAGES_JS)
        context.close()
    files = [f for f in (local_file(url, base_url, site) for url in images) if f is not None]
    return {
        "html": (site / site_page.path).stat().st_size,
        "images": sum(f.stat().st_size for f in files),
        "n_images": len(files),
        "first_visit": max(transfers),
        "load_ms": statistics.median(loads),
        "ready_ms": statistics.median(readies),
    }


def format_table(rows):
    """Rows of (page, figures) as aligned text lines, heaviest page first."""
    lines = [
        f"  {'page':<40} {'HTML KiB':>9} {'images KiB':>11} {'n':>3} {'total KiB':>10}"
        f" {'load ms':>8} {'ready ms':>9} {'first visit KiB':>16}"
    ]
    for name, r in sorted(rows, key=lambda row: -(row[1]["html"] + row[1]["images"])):
        total = r["html"] + r["images"]
        lines.append(
            f"  {name:<40} {r['html'] / 1024:>9.1f} {r['images'] / 1024:>11.1f} {r['n_images']:>3d} "
            f"{total / 1024:>10.1f} {r['load_ms']:>8.0f} {r['ready_ms']:>9.0f} {r['first_visit'] / 1024:>16.0f}"
        )
    return lines


def main():
    """Print the weight and load time of every page of the built site."""
    site = sitecheck.site_dir()
    problem = sitecheck.site_problem(site)
    if problem:
        print(f"  (skipped: {problem})")
        return
    try:
        sitecheck.chromium_executable()
    except AssertionError as exc:
        print(f"  (skipped: {exc})")
        return
    from playwright.sync_api import sync_playwright

    pages = sitecheck.toc_pages(site)
    server, base_url = sitecheck.serve(site)
    try:
        with sync_playwright() as playwright:
            browser = sitecheck.launch_chromium(playwright)
            rows = [(p.docname, measure_page(browser, base_url, site, p)) for p in pages]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"  {len(pages)} pages of {site}, median of {REPEATS} cold loads each (desktop, 1280x900)")
    for line in format_table(rows):
        print(line)
    heaviest = max(rows, key=lambda row: row[1]["html"] + row[1]["images"])
    print(f"  heaviest page: {heaviest[0]} ({(heaviest[1]['html'] + heaviest[1]['images']) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
