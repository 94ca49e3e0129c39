"""Chapters download as the notebook that runs anywhere: their paired ``.ipynb``.

sphinx-book-theme offers a MyST chapter for download as ``_sources/<page>.ipynb``,
a copy of myst-nb's rendering of it (no outputs, and the chapter's
``from myst_nb import glue`` fails where myst-nb is not installed). Where the
chapter has a paired notebook beside it (``tools/pair_chapters.py``: the same
cells plus a set-up cell for Colab and plain Jupyter), this extension puts that
notebook in the download's place, so the download, Binder and Colab all open
the same file.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def use_paired_notebooks(app, exception):
    """After an HTML build, replace each chapter's downloadable ``.ipynb`` by its paired notebook."""
    if exception is not None or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in app.env.found_docs:
        source = Path(app.env.doc2path(docname))
        paired = source.with_suffix(".ipynb")
        download = sources / f"{docname}.ipynb"
        if source.suffix == ".md" and paired.is_file() and download.is_file():
            shutil.copyfile(paired, download)


def setup(app):
    """Register the build-finished hook."""
    app.connect("build-finished", use_paired_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
