"""Links inside the site resolve, and the site's search finds the chapters (accessibly)."""

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import sitecheck

ID_ATTRIBUTE = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")


@functools.lru_cache(maxsize=None)
def anchors_in(path):
    """Every id (and name) in the HTML file ``path``."""
    return frozenset(unquote(m) for m in ID_ATTRIBUTE.findall(Path(path).read_text(encoding="utf-8")))


def broken_link(url, base_url, site):
    """Why the internal link ``url`` does not resolve (None when it does)."""
    parts = urlsplit(url)
    relative = unquote(parts.path)[len(urlsplit(base_url).path):]
    target = site / relative
    if relative == "" or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"{url}: no such file {target.relative_to(site)}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in anchors_in(str(target)):
        return f"{url}: no element with id {fragment!r} in {target.relative_to(site)}"
    return None


def test_every_internal_link_and_anchor_resolves(site_page, desktop_visit, base_url, site):
    links = sorted({url for url in desktop_visit(site_page)["links"] if url.startswith(base_url)})
    assert links, f"{site_page.path} has no internal links at all (not even the navigation)"
    broken = [problem for url in links if (problem := broken_link(url, base_url, site))]
    assert not broken, f"{site_page.path} has broken links:\n  " + "\n  ".join(broken)


def sigmoid_pages():
    """Pages whose title mentions the sigmoid."""
    return [p for p in sitecheck.toc_pages(sitecheck.site_dir()) if "sigmoid" in p.title.lower()]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_search_finds_the_sigmoid_chapter(site, open_page, base_url, axe_source, mode):
    wanted = sigmoid_pages()
    if not wanted:
        pytest.fail(
            "no page of the table of contents has 'sigmoid' in its title "
            "(expected the sigmoid chapter, chapters/sigmoid_derivative)",
            pytrace=False,
        )
    page, log = open_page("search.html?q=sigmoid", mode=mode)
    page.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary') || {}).innerText",
        timeout=15000,
    )
    found = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    found_paths = {urlsplit(url).path.removeprefix(urlsplit(base_url).path) for url in found}
    violations = sitecheck.serious(sitecheck.run_axe(page, axe_source))
    page.close()
    assert found_paths & {p.path for p in wanted}, (
        f"searching 'sigmoid' found {sorted(found_paths)}, none of {[p.path for p in wanted]}"
    )
    assert not violations, f"search results ({mode}):\n  " + "\n  ".join(sitecheck.describe_violations(violations))
    assert not log.problems(), "search page:\n  " + "\n  ".join(log.problems())


def redirects():
    """``(old docname, new docname)`` of every renamed page (``course_redirects`` in ``_config.yml``)."""
    return sorted(sitecheck.book_config()["sphinx"]["config"]["course_redirects"].items())


@pytest.mark.parametrize(("old", "new"), redirects(), ids=[old for old, _ in redirects()])
def test_old_address_of_a_renamed_page_leads_to_it(site, open_page, base_url, old, new):
    pages = {p.docname: p for p in sitecheck.toc_pages(site)}
    assert new in pages and old not in pages, f"{old} -> {new}: the new page must be in the book, the old one not"
    page, log = open_page(f"{old}.html#setup")
    page.wait_for_url(base_url + pages[new].path + "#setup")
    assert page.title().startswith(pages[new].title), f"{old}.html led to a page titled {page.title()!r}"
    assert not log.problems(), f"{old}.html:\n  " + "\n  ".join(log.problems())


@pytest.mark.parametrize(("old", "new"), redirects(), ids=[old for old, _ in redirects()])
def test_old_address_leads_on_without_javascript_and_from_a_file(site, browser, old, new):
    pages = {p.docname: p for p in sitecheck.toc_pages(site)}
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / f"{old}.html").as_uri())
        page.wait_for_url((site / pages[new].path).as_uri())
        assert page.title().startswith(pages[new].title), f"{old}.html led to a page titled {page.title()!r}"
    finally:
        context.close()
    notice = (site / f"{old}.html").read_text(encoding="utf-8")
    assert f'href="{posixpath.relpath(pages[new].path, posixpath.dirname(old))}"' in notice
