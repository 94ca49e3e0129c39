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
``live-explorer`` directive and ``add_explorer_assets``
    ````{live-explorer} cost-surface```` writes a live explorer into a chapter:
    the HTML of :func:`lab_utils.explorers.live.live_explorer_html` (its data
    and its static picture with alt text, the no-JavaScript fallback). The
    scripts and style sheet of ``_static/explorers/`` are loaded only by pages
    that hold an explorer (a chapter's directive or a lab's stored output).
    Options: ``:id:`` (root element id, when one page has two of a kind) and any
    starting value of the explorer (``:w: 2``, ``:scaling: z-score``).
``prefer_html_to_widgets``
    A lab's explorer output holds the widget view and, as its fallback, the live
    explorer's HTML; with no kernel behind the site, myst-nb must pick the HTML.
``shrink_images``
    Matplotlib's PNGs hold a few thousand colours at most (lines, text and their
    anti-aliasing): stored with a palette they look the same and weigh a third
    to a quarter, which keeps every page under 400 KiB (the browser tests check
    it). Each figure gets the smallest palette of :data:`PALETTE_SIZES` that
    reproduces it faithfully (:func:`faithful`: its solid colours and nearly all
    of its pixels within a few levels), else 256 colours; a smooth shading
    needs 256, line art often 64. Done on the built site, so the notebooks keep
    their images.
``inline_images_to_files``
    A live explorer's no-JavaScript picture comes as a ``data:`` URI in its
    HTML (so a notebook's output stands alone); on the website it becomes a
    file in ``_images/``: a third lighter than its base64 text, and cached.
``check_alt_text``
    Every image needs alt text. Notebook figures get it from the code cell's
    metadata (``mystnb: image: alt: ...``, in chapters and labs alike); a
    figure without it is a build warning, hence an error with
    ``--warningiserror``.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import re
from importlib import metadata
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
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


#: Scripts every live explorer needs, in load order (under the site's _static/), and their style sheet.
EXPLORER_SHARED_SCRIPTS = [f"explorers/{name}.js" for name in ("core", "maths", "svg", "controls")]
#: The explorers: each one's script, ``explorers/<name>.js``, is loaded only by pages that hold it.
EXPLORER_NAMES = ("sigmoid", "cost-surface", "learning-rate", "minibatch", "regularization")
#: Scripts that only some explorers need, loaded (in this order) before the explorer's own.
EXPLORER_HELPERS = {"minibatch": ("numpy-random",)}


def explorer_scripts(name):
    """The scripts the explorer ``name`` needs besides the shared ones: its helpers, then its own."""
    return [f"explorers/{script}.js" for script in (*EXPLORER_HELPERS.get(name, ()), name)]


EXPLORER_SCRIPTS = [*EXPLORER_SHARED_SCRIPTS, *(script for name in EXPLORER_NAMES for script in explorer_scripts(name))]
EXPLORER_CSS = "explorers/explorers.css"
#: Marks a page that holds a live explorer (in its rendered body).
EXPLORER_MARK = 'class="live-explorer"'
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"


def _number_or_text(value):
    """A directive option's value: an int or float when it reads as one, else the text."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value.strip()


class LiveExplorerDirective(Directive):
    """``{live-explorer} NAME``: the live explorer NAME (see :data:`lab_utils.explorers.live.LIVE_EXPLORERS`)."""

    required_arguments = 1
    has_content = False

    class _AnyOptions(dict):
        """Accept every option (the explorer's starting values), each read by :func:`_number_or_text`."""

        def __getitem__(self, key):
            return directives.unchanged_required

        def __contains__(self, key):
            return True

    option_spec = _AnyOptions()

    def run(self):
        from lab_utils.explorers.live import live_explorer_html

        options = {key: _number_or_text(value) for key, value in self.options.items()}
        element_id = options.pop("id", None)
        try:
            text = live_explorer_html(self.arguments[0], element_id=element_id, **options)
        except (TypeError, ValueError) as exc:
            raise self.error(f"live-explorer {self.arguments[0]}: {exc}") from exc
        return [nodes.raw("", text, format="html")]


def filter_explorer_assets(app, config):
    """Keep the explorers' files off the pages without an explorer.

    Jupyter Book adds every ``.js`` and ``.css`` file under ``_static/`` to every
    page; :func:`add_explorer_assets` adds these to the pages that need them.
    """
    mine = {*EXPLORER_SCRIPTS, EXPLORER_CSS}

    def name(entry):
        return entry[0] if isinstance(entry, (tuple, list)) else entry

    config.html_js_files = [entry for entry in config.html_js_files if name(entry) not in mine]
    config.html_css_files = [entry for entry in config.html_css_files if name(entry) not in mine]


def add_explorer_assets(app, pagename, templatename, context, doctree):
    """Load the explorers' shared scripts, style sheet and the scripts of the explorers a page holds."""
    body = context.get("body", "")
    if EXPLORER_MARK not in body:
        return
    app.add_css_file(EXPLORER_CSS)
    used = [script for name in EXPLORER_NAMES if f'data-explorer="{name}"' in body for script in explorer_scripts(name)]
    for script in [*EXPLORER_SHARED_SCRIPTS, *used]:
        app.add_js_file(script, defer="defer")


def prefer_html_to_widgets(app, config):
    """With no kernel behind the site, show an output's HTML rather than its widget view."""
    overrides = list(getattr(config, "nb_mime_priority_overrides", None) or [])
    config.nb_mime_priority_overrides = [*overrides, ("html", WIDGET_VIEW_MIMETYPE, None)]


#: Palette sizes tried, smallest first; the last one is used when no size is faithful.
PALETTE_SIZES = (64, 128, 256)
#: A colour covering at least this share of the pixels is a solid colour of the figure
#: (background, a line, a marker, text), not an anti-aliasing blend.
SOLID_COLOUR_SHARE = 0.0005
#: Largest error (levels of 0-255, in any channel) allowed on a solid colour.
SOLID_COLOUR_ERROR = 4
#: Largest error allowed on 99 % of all pixels (edges and smooth shadings included).
PIXEL_ERROR_P99 = 8
#: Rounds of k-means that refine the median-cut palette (often lets a figure keep fewer colours).
KMEANS_ROUNDS = 2


def palette_errors(rgb, quantized):
    """How far a palette image is from the original, in levels of 0-255.

    Parameters
    ----------
    rgb : PIL.Image.Image
        The original, mode ``RGB``.
    quantized : PIL.Image.Image
        The same picture with a palette (mode ``P``).

    Returns
    -------
    tuple of (float, float)
        The largest error on a solid colour (see :data:`SOLID_COLOUR_SHARE`; 0 when
        there is none, as in a smooth shading) and
        the 99th percentile of the error over all pixels; a pixel's error is its
        largest difference in any channel.
    """
    import numpy as np

    original = np.asarray(rgb, dtype=np.int32)
    error = np.abs(np.asarray(quantized.convert("RGB"), dtype=np.int32) - original).max(axis=2).ravel()
    colour = ((original[..., 0] << 16) | (original[..., 1] << 8) | original[..., 2]).ravel()
    _, index, counts = np.unique(colour, return_inverse=True, return_counts=True)
    worst = np.zeros(len(counts))
    np.maximum.at(worst, index, error)
    solid = counts >= SOLID_COLOUR_SHARE * colour.size
    return float(worst[solid].max(initial=0.0)), float(np.percentile(error, 99))


def faithful(rgb, quantized):
    """True when ``quantized`` keeps every solid colour and 99 % of the pixels of ``rgb`` within the bounds."""
    solid_error, pixel_error = palette_errors(rgb, quantized)
    return solid_error <= SOLID_COLOUR_ERROR and pixel_error <= PIXEL_ERROR_P99


def faithful_palette_image(rgb):
    """The picture with the smallest palette of :data:`PALETTE_SIZES` that is :func:`faithful`, else the largest.

    Parameters
    ----------
    rgb : PIL.Image.Image
        Mode ``RGB``.

    Returns
    -------
    PIL.Image.Image
        Mode ``P``, without dithering.
    """
    from PIL import Image

    for colours in PALETTE_SIZES:
        quantized = rgb.quantize(
            colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE, kmeans=KMEANS_ROUNDS
        )
        if faithful(rgb, quantized):
            break
    return quantized


def shrink_png(path):
    """Store an opaque PNG with a palette (:func:`faithful_palette_image`) when that makes it smaller.

    Returns
    -------
    int or None
        The palette's number of colours, or None when the file was left as it was
        (already a palette, transparent, or not smaller).
    """
    from PIL import Image

    with Image.open(path) as image:
        image.load()
    if image.mode == "P":
        return None
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema() != (255, 255):
        return None  # transparent: leave it as it is
    palette = faithful_palette_image(image.convert("RGB"))
    smaller = Path(str(path) + ".tmp")
    palette.save(smaller, format="png", optimize=True)
    if smaller.stat().st_size < path.stat().st_size:
        smaller.replace(path)
        return len(palette.getpalette()) // 3
    smaller.unlink()
    return None


def strip_comment_lines(source):
    """``source`` (JavaScript) without its comment lines and blank lines.

    A line that starts (after indentation) with ``//`` goes, and so does a block
    comment from a line starting with ``/*`` to the line ending with ``*/``. A
    comment after code on the same line stays, as does a block whose closing
    ``*/`` has code after it: telling those apart from a string needs a parser.

    Raises
    ------
    ValueError
        If a block comment is never closed.
    """
    kept, block = [], []
    for line in source.splitlines(keepends=True):
        text = line.strip()
        if block:
            block.append(line)
            if text.endswith("*/"):
                block = []
            elif "*/" in text:  # code after the comment: keep the whole block
                kept.extend(block)
                block = []
            continue
        if not text or text.startswith("//"):
            continue
        if text.startswith("/*"):
            if text.endswith("*/") and len(text) >= 4:
                continue
            block = [line]
            continue
        kept.append(line)
    if block:
        raise ValueError(f"a block comment is never closed: {block[0].strip()[:60]}")
    return "".join(kept)


def serve_explorer_scripts_without_comments(app, exception):
    """Serve the explorer scripts without their comment lines, fresh from the source on every build.

    The repository's scripts keep their comments; readers' browsers do not need
    them, and they are a quarter of what an explorer page's scripts weigh. The
    copies are written from ``<srcdir>/_static/explorers/``, not from the output
    folder: when no page is out of date, Sphinx copies no static files, and a
    script edited since the last build would otherwise keep being served old.
    """
    if exception is not None or app.builder.format != "html":
        return
    served = Path(app.outdir, "_static", "explorers")
    served.mkdir(parents=True, exist_ok=True)
    scripts = sorted(Path(app.srcdir, "_static", "explorers").glob("*.js"))
    before = after = 0
    for path in scripts:
        source = path.read_text(encoding="utf-8")
        stripped = strip_comment_lines(source)
        (served / path.name).write_text(stripped, encoding="utf-8")
        before, after = before + len(source.encode()), after + len(stripped.encode())
    logger.info("course_site: %d explorer scripts served without comment lines (%.1f KiB -> %.1f KiB)",
                len(scripts), before / 1024, after / 1024)


def shrink_images(app, exception):
    """Shrink the built site's PNG figures (see the module docstring)."""
    if exception is not None or app.builder.format != "html":
        return
    images = Path(app.outdir, "_images")
    sizes = collections.Counter(shrink_png(path) for path in sorted(images.glob("*.png")))
    sizes.pop(None, None)
    logger.info(
        "course_site: stored %d PNG figures with a palette (%s)",
        sum(sizes.values()),
        ", ".join(f"{count} with {colours} colours" for colours, count in sorted(sizes.items())),
    )


#: An ``<img>`` whose picture is written into its ``src`` as base64 PNG.
INLINE_PNG = re.compile(r'(<img\b[^>]*?\bsrc=")data:image/png;base64,([A-Za-z0-9+/=]+)(")')


def inline_images_to_files(app, pagename, templatename, context, doctree):
    """Store each inline (``data:``) PNG of a page's body in ``_images/`` and point its ``<img>`` there."""
    body = context.get("body", "")
    if "data:image/png;base64," not in body:
        return
    images = Path(app.outdir, "_images")

    def to_file(match):
        png = base64.b64decode(match.group(2))
        name = f"inline-{hashlib.sha256(png).hexdigest()[:32]}.png"
        images.mkdir(parents=True, exist_ok=True)
        (images / name).write_bytes(png)
        return f"{match.group(1)}{context['pathto'](f'_images/{name}', 1)}{match.group(3)}"

    context["body"] = INLINE_PNG.sub(to_file, body)


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
    app.connect("config-inited", filter_explorer_assets)
    # before myst-nb reads its configuration (priority 500)
    app.connect("config-inited", prefer_html_to_widgets, priority=100)
    app.add_directive("live-explorer", LiveExplorerDirective)
    app.connect("html-page-context", add_explorer_assets)
    app.connect("html-page-context", inline_images_to_files)
    app.connect("doctree-resolved", check_alt_text)
    app.connect("build-finished", shrink_images)
    app.connect("build-finished", serve_explorer_scripts_without_comments)
    # Late, so that scripts added by other handlers are deduplicated too.
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
