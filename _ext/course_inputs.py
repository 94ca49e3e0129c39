"""Re-execute the chapters when the code or data they read changes, not only their cells.

Jupyter Book executes the chapters with ``execute_notebooks: cache``: jupyter-cache
keys each notebook on its cells' source, and Sphinx re-reads a page only when its
own file changes. After an edit of ``lab_utils`` a build would therefore show
the old numbers. This extension fingerprints the files the chapters depend on
(the folders and files listed in ``course_execution_inputs``, relative to the
book's root; by default ``lab_utils``) and, when the fingerprint differs from
the one of the last successful build:

* empties the jupyter cache (``<build>/.jupyter_cache``), so no stale outputs
  are reused, and
* marks every notebook page (every page with a kernel) as outdated, so Sphinx
  reads, and myst-nb executes, it again.

A build that changes nothing keeps using the cache.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the fingerprint of the cached outputs is kept, inside the jupyter cache folder.
STAMP_NAME = "course_inputs.sha256"
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def input_files(root, inputs):
    """Every file under the ``inputs`` (paths relative to ``root``), sorted.

    Parameters
    ----------
    root : path-like
        The book's root folder.
    inputs : list of str
        Folders or files, relative to ``root``.

    Returns
    -------
    list of pathlib.Path
    """
    root = Path(root)
    files = set()
    for name in inputs:
        path = root / name
        if not path.exists():
            raise ValueError(f"course_execution_inputs names {name!r}, which does not exist in {root}")
        candidates = [path] if path.is_file() else path.rglob("*")
        files.update(p for p in candidates
                     if p.is_file() and not IGNORED_PARTS & set(p.parts) and p.suffix != ".pyc")
    return sorted(files)


def fingerprint(root, inputs):
    """SHA-256 over the relative path and content of every input file.

    Returns
    -------
    str
        A hex digest; it changes when a file is edited, added, removed or renamed.
    """
    root = Path(root)
    digest = hashlib.sha256()
    for path in input_files(root, inputs):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _cache_dir(app):
    """The jupyter cache folder myst-nb uses for this build."""
    config = getattr(app.env, "mystnb_config", None)
    path = getattr(config, "execution_cache_path", None)
    return Path(path) if path else Path(app.outdir).parent / ".jupyter_cache"


def check_inputs(app):
    """At the start of a build: empty the jupyter cache when its outputs came from other inputs."""
    app.course_inputs_fingerprint = fingerprint(app.confdir, app.config.course_execution_inputs)
    cache = _cache_dir(app)
    stamp = cache / STAMP_NAME
    stored = stamp.read_text().strip() if stamp.is_file() else None
    if cache.exists() and stored != app.course_inputs_fingerprint:
        logger.info("course_inputs: %s changed since the cached outputs were made; emptying %s",
                    ", ".join(app.config.course_execution_inputs), cache)
        shutil.rmtree(cache)


def outdated_notebooks(app, env, added, changed, removed):
    """Pages to read again: every notebook page, when the inputs changed since the last read."""
    current = app.course_inputs_fingerprint
    if getattr(env, "course_inputs_fingerprint", None) == current:
        return []
    env.course_inputs_fingerprint = current
    pages = [doc for doc in env.found_docs
             if doc not in added and doc not in changed and "kernelspec" in env.metadata.get(doc, {})]
    if pages:
        logger.info("course_inputs: inputs changed; re-reading %d notebook page(s)", len(pages))
    return pages


def write_stamp(app, exception):
    """After a successful build: record which inputs the cached outputs come from."""
    cache = _cache_dir(app)
    if exception is None and cache.is_dir():
        (cache / STAMP_NAME).write_text(app.course_inputs_fingerprint + "\n")


def setup(app):
    """Register the configuration value and the three build hooks."""
    app.add_config_value("course_execution_inputs", ["lab_utils"], "env", [list])
    app.connect("builder-inited", check_inputs, priority=900)  # after myst-nb sets its cache path
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("build-finished", write_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
