"""Every way into the course from a page works: launch buttons, downloads, the PDF, issues, edits, licence.

* A Colab link names an ``.ipynb`` that exists in the repository at that path
  (Colab opens nothing else); a Binder link opens a file that exists and that
  the learners' environment (``.binder/``) opens as a notebook: an ``.ipynb``, or
  MyST Markdown only if jupytext is installed there.
* Every chapter and lab offers its notebook for download, and the file is
  served and holds the page's code.
* The landing page links the whole book as one PDF, built by ``tools/build_pdf.py``,
  with its figures and typeset maths.
* Every page has "open an issue" and "suggest an edit" buttons for this
  repository, and states the licences in its footer.

Pages come from the built site (``objects.inv``), so new chapters are covered
without changes here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import sitecheck

REPO = sitecheck.REPO_ROOT
sys.path.insert(0, str(REPO / "tools"))

from build_pdf import PDF_NAME, page_count  # noqa: E402

CONFIG = sitecheck.book_config()
REPO_URL = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"].get("branch", "main")
ORG_REPO = REPO_URL.removeprefix("https://github.com/")
BINDER = CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
COLAB = CONFIG["launch_buttons"]["colab_url"].rstrip("/")
LICENCE_LINKS = {"https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
                 "https://opensource.org/license/mit": "MIT License"}


def binder_opens_markdown_as_notebook():
    """Whether the learners' environment has jupytext (which opens MyST Markdown as a notebook)."""
    text = (REPO / ".binder" / "requirements.txt").read_text(encoding="utf-8").lower()
    return re.search(r"^jupytext==", text, re.M) is not None


def notebook_problem(relative):
    """Why ``relative`` (a path in the repository) is not a notebook file (None when it is one)."""
    path = REPO / relative
    if not path.is_file():
        return f"{relative} does not exist in the repository"
    if path.suffix == ".md" and binder_opens_markdown_as_notebook():
        return None
    if path.suffix != ".ipynb":
        return f"{relative} is not a notebook (.ipynb)"
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as exc:  # noqa: BLE001 - any reading or validation error is the finding
        return f"{relative} is not a valid notebook: {exc}"
    return None


def launch_problems(url):
    """Problems of one Binder or Colab link (empty when it opens a notebook of this repository)."""
    parts = urlsplit(url)
    if url.startswith(COLAB + "/"):
        match = re.fullmatch(r"/github/([^/]+/[^/]+)/blob/([^/]+)/(.+)", unquote(parts.path))
        if not match:
            return [f"{url}: not a Colab link to a GitHub file"]
        repo, branch, path = match.groups()
        problems = [] if (repo, branch) == (ORG_REPO, BRANCH) else [f"{url}: not {ORG_REPO} at {BRANCH}"]
        if not path.endswith(".ipynb"):
            return problems + [f"{url}: Colab opens only .ipynb files, not {path}"]
        return problems + [p for p in [notebook_problem(path)] if p]
    if url.startswith(BINDER + "/"):
        if not parts.path.startswith(f"/v2/gh/{ORG_REPO}/{BRANCH}"):
            return [f"{url}: not a Binder link to {ORG_REPO} at {BRANCH}"]
        urlpath = parse_qs(parts.query).get("urlpath", [""])[0]
        match = re.fullmatch(r"lab/tree/(.+)", urlpath)
        if not match:
            return [f"{url}: opens {urlpath!r}, not a file in JupyterLab"]
        return [p for p in [notebook_problem(unquote(match.group(1)))] if p]
    return []


def launch_links(links):
    return sorted({u for u in links if u.startswith((BINDER + "/", COLAB + "/"))})


def test_every_launch_link_opens_a_notebook_of_this_repository(site_page, desktop_visit):
    links = launch_links(desktop_visit(site_page)["links"])
    problems = [problem for url in links for problem in launch_problems(url)]
    assert not problems, f"{site_page.path}:\n  " + "\n  ".join(problems)


def test_chapters_and_labs_launch_their_own_notebook_on_binder_and_colab(site_page, desktop_visit):
    if not (site_page.is_chapter or site_page.is_lab):
        return
    links = launch_links(desktop_visit(site_page)["links"])
    expected = sitecheck.expected_launch_links(site_page.docname, CONFIG)
    missing = [f"{service}: {url}" for service, url in expected.items() if url not in links]
    assert not missing, f"{site_page.path} lacks launch buttons {missing}; it has {links}"


def code_sources(nb):
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def test_chapters_and_labs_download_as_a_notebook_with_the_pages_code(site_page, desktop_visit, base_url, site):
    if not (site_page.is_chapter or site_page.is_lab):
        return
    downloads = [u for u in desktop_visit(site_page)["links"] if u.startswith(base_url) and u.endswith(".ipynb")]
    assert downloads, f"{site_page.path} offers no .ipynb download"
    served = site / unquote(urlsplit(downloads[0]).path)[len(urlsplit(base_url).path):]
    assert served.is_file(), f"{site_page.path}: {downloads[0]} is not in the built site"
    nb = nbformat.read(served, as_version=4)
    nbformat.validate(nb)
    if site_page.is_lab:
        source = nbformat.read(REPO / f"{site_page.docname}.ipynb", as_version=4)
        assert code_sources(nb) == code_sources(source)
    else:  # the chapter's paired notebook, the one Binder and Colab open
        paired = nbformat.read(REPO / f"{site_page.docname}.ipynb", as_version=4)
        assert nb == paired, f"{site_page.path}: the download is not {site_page.docname}.ipynb"


def test_every_page_has_issue_and_edit_buttons_for_this_repository(site_page, desktop_visit):
    links = desktop_visit(site_page)["links"]
    assert any(u.startswith(f"{REPO_URL}/issues/new") for u in links), f"{site_page.path}: no 'open an issue' button"
    edits = [u for u in links if u.startswith(f"{REPO_URL}/edit/{BRANCH}/")]
    assert edits, f"{site_page.path}: no 'suggest an edit' button"
    path = edits[0].removeprefix(f"{REPO_URL}/edit/{BRANCH}/")
    assert (REPO / path).is_file(), f"{site_page.path}: the edit button opens {path}, which does not exist"


def test_every_page_states_the_licences_in_its_footer(site_page, open_page):
    page, _ = open_page(site_page.path)
    footer = page.locator("footer").all_inner_texts()
    for url, name in LICENCE_LINKS.items():
        link = page.locator(f'footer a[href="{url}"]')
        assert link.count() == 1 and link.inner_text() == name, f"{site_page.path}: footer lacks {name} ({url})"
    assert any("Text and figures" in text for text in footer)
    page.close()


def test_landing_page_links_the_whole_book_as_one_pdf(site, desktop_visit, base_url):
    pages = sitecheck.toc_pages(site)
    landing = next(p for p in pages if p.path == "intro.html")
    assert base_url + PDF_NAME in desktop_visit(landing)["links"], f"intro.html does not link {PDF_NAME}"
    pdf = (site / PDF_NAME).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) > 2 * len(pages), f"{page_count(pdf)} pages for {len(pages)} web pages"
    # typeset maths: MathJax's fonts are embedded; figures: one image per distinct figure at least
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+MathJax_Math-Italic", pdf), "no typeset maths in the PDF"
    figures = {Path(src).name for p in pages
               for src in re.findall(r'<img[^>]+src="([^"]*_images/[^"]+)"', (site / p.path).read_text("utf-8"))}
    images = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert images >= len(figures), f"the PDF has {images} images, the site {len(figures)} figures"
