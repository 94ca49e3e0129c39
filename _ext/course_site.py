"""Local Sphinx extension for the course website.

Kept deliberately small. Each function fixes one problem of a bare
Jupyter Book 1 build at its source, so the browser tests (tests/browser) can
demand a clean console and a self-contained site without filtering anything:

``serve_mathjax_locally``
    MathJax 3 comes from the site itself, not from a CDN: the files shipped by
    the ``sphinx-mathjax-offline`` package (whose folder name has hyphens, so
    it cannot be loaded as an extension) are added to ``html_static_path``.
``fix_theme_defaults``
    pydata-sphinx-theme reads the colour mode from ``html_context['default_mode']``;
    Jupyter Book leaves it empty, which logs "Got invalid theme mode" on a first
    visit. It also adds a stray header bar with a second search box.
``drop_duplicate_scripts``
    Sphinx 7.4 re-adds inline scripts registered after the builder started
    (thebe's and togglebutton's configuration) a second time, so the page
    declares ``const THEBE_JS_URL`` twice and throws.
``check_alt_text``
    Every image needs alt text. Notebook figures get it from the code cell's
    metadata (``mystnb: image: alt: ...``, in chapters and labs alike); a
    figure without it is a build warning, hence an error with
    ``--warningiserror``.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

MATHJAX_DISTRIBUTION = "sphinx-mathjax-offline"
MATHJAX_ENTRY = "mathjax/tex-chtml.js"  # relative to the site's _static/


def mathjax_static_dir():
    """Return the folder holding ``mathjax/`` in the installed sphinx-mathjax-offline.

    Returns
    -------
    pathlib.Path
        A folder to add to ``html_static_path``; its ``mathjax/`` subfolder
        ends up as ``_static/mathjax/`` on the site.
    """
    try:
        dist = metadata.distribution(MATHJAX_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise RuntimeError(
            f"{MATHJAX_DISTRIBUTION} is not installed; it provides the site's MathJax "
            "(pip install -r requirements.txt)"
        ) from exc
    static = Path(dist.locate_file(f"{MATHJAX_DISTRIBUTION}/static"))
    if not (static / MATHJAX_ENTRY).is_file():
        raise RuntimeError(f"{static / MATHJAX_ENTRY} is missing; reinstall {MATHJAX_DISTRIBUTION}")
    return static


def serve_mathjax_locally(app, config):
    """Copy MathJax 3 into the site and load it from there."""
    config.html_static_path = [*config.html_static_path, str(mathjax_static_dir())]
    config.mathjax_path = MATHJAX_ENTRY


def fix_theme_defaults(app, config):
    """Restore two sphinx-book-theme defaults that a bare build loses.

    * ``default_mode``: pydata-sphinx-theme takes it from the template context
      (``html_context``), where Jupyter Book leaves it empty; "auto" follows
      the reader's light/dark preference.
    * ``navbar_persistent``: pydata-sphinx-theme 0.17 fills it with a search
      field unless it is set, which adds a second search box in an extra
      header bar above sphinx-book-theme's own layout.
    """
    context = dict(config.html_context or {})
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    config.html_context = context
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def _script_key(script):
    """Identity of a script tag: ``None`` and ``''`` both mean an inline script."""
    return (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Keep the first of each identical script tag on the page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # in place: the builder restores its own list after each page


def _lacks_alt(image):
    """True when an image node has no alt text, or only its file name."""
    alt = (image.get("alt") or "").strip()
    uri = image.get("uri") or ""
    return not alt or alt == uri or alt == Path(uri).name


def _cell_of(node):
    """Name the notebook code cell holding ``node``, e.g. 'cell 5 (In [2])'; '' outside cells."""
    while node is not None:
        if node.get("cell_index") is not None:
            return f"cell {node['cell_index'] + 1} (In [{node.get('exec_count')}])"
        node = node.parent
    return ""


def check_alt_text(app, doctree, docname):
    """Warn about every image without alt text, naming the page and the cell."""
    for image in doctree.findall(nodes.image):
        if _lacks_alt(image):
            logger.warning(
                "image without alt text on %s, %s (%s): give the code cell the metadata "
                "'mystnb: image: alt: ...' (see CONTRIBUTING.md), or write alt text in "
                "the Markdown image",
                docname,
                _cell_of(image) or "outside a code cell",
                Path(image.get("uri", "")).name,
                location=image,
            )


def setup(app):
    """Register the course's Sphinx tweaks."""
    app.connect("config-inited", serve_mathjax_locally)
    app.connect("config-inited", fix_theme_defaults)
    app.connect("doctree-resolved", check_alt_text)
    # Late, so that scripts added by other handlers are deduplicated too.
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
