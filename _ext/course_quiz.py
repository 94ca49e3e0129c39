"""One copy of jupyterquiz's engine for the whole website.

A quiz's output (:func:`lab_utils.quiz.show_quiz`) is a script holding the
questions and, after them, jupyterquiz's whole engine (its ``js/*.js`` files,
about 37 KiB) inside ``if (typeof Question === 'undefined') { ... }``. That
keeps the output standalone in Jupyter, Colab and the chapter notebooks, and
the notebooks keep it so. On the website, though, every chapter page would
carry the same engine again in its HTML. This extension:

* writes the engine once, to ``_static/quiz/jupyterquiz-engine.js``, from the
  installed jupyterquiz (so it is always the engine of the pinned version),
  under jupyterquiz's MIT licence notice;
* on each page that holds a quiz, cuts the engine out of the quiz's inline
  script and loads that file instead (deferred: the quiz's script waits for
  ``DOMContentLoaded``, which deferred scripts precede).

Like MathJax, the file is shared by every page with a quiz and cached by the
browser after the first one; it is a plain script, so the site still works
offline and from ``file://``.
"""

from __future__ import annotations

import functools
from importlib import metadata
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The engine's file, under the site's ``_static/``.
ENGINE_FILE = "quiz/jupyterquiz-engine.js"
#: What jupyterquiz's script has just before its engine: the engine's definitions run only once per page.
ENGINE_GUARD = "if (typeof Question === 'undefined') {\n"
#: What is left in its place: the block that calls the (now global) engine.
GUARD_REPLACEMENT = "{\n"
#: Marks a page that draws a jupyterquiz quiz.
QUIZ_MARK = "show_questions("


@functools.cache
def jupyterquiz_engine():
    """Return jupyterquiz's engine exactly as its generated script inlines it.

    Returns
    -------
    str
        The JavaScript jupyterquiz's ``build_script`` adds with ``load_js=True``.

    Raises
    ------
    RuntimeError
        If jupyterquiz no longer builds its script as engine plus call.
    """
    from jupyterquiz.dynamic.renderer import build_script

    with_engine = build_script("", True, "", "ID", True)
    call_only = build_script("", True, "", "ID", False)
    if not with_engine.endswith(call_only) or len(with_engine) == len(call_only):
        raise RuntimeError("jupyterquiz's build_script changed: its script is no longer engine + call")
    return with_engine[: len(with_engine) - len(call_only)]


def jupyterquiz_licence():
    """Return the text of the installed jupyterquiz's licence file."""
    dist = metadata.distribution("jupyterquiz")
    for name in ("LICENSE", "licenses/LICENSE", "LICENSE.txt"):
        text = dist.read_text(name)
        if text:
            return text.strip()
    raise RuntimeError("the installed jupyterquiz has no LICENSE file to ship with its engine")


def engine_script():
    """The engine file's text: the licence notice, then the engine.

    Returns
    -------
    str
    """
    version = metadata.version("jupyterquiz")
    notice = jupyterquiz_licence().replace("*/", "* /")
    return (
        f"/* The quiz engine of jupyterquiz {version} (https://github.com/jmshea/jupyterquiz),\n"
        "   its js/*.js files as jupyterquiz inlines them; written by _ext/course_quiz.py.\n\n"
        f"{notice}\n*/\n{jupyterquiz_engine()}"
    )


def share_engine(body, engine):
    """Replace every inline copy of ``engine`` in a page's body by a call of the shared one.

    Parameters
    ----------
    body : str
        The page's rendered body.
    engine : str
        :func:`jupyterquiz_engine`.

    Returns
    -------
    tuple of (str, int)
        The new body and how many copies were removed.
    """
    inline = ENGINE_GUARD + engine
    return body.replace(inline, GUARD_REPLACEMENT), body.count(inline)


def write_engine(app):
    """Write the engine into the site's ``_static/`` (before the pages, so their links get its checksum)."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir, "_static", ENGINE_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(engine_script(), encoding="utf-8")


def load_shared_engine(app, pagename, templatename, context, doctree):
    """On a page with a quiz, drop the inline engine and load the shared file."""
    body = context.get("body", "")
    if QUIZ_MARK not in body:
        return
    body, removed = share_engine(body, jupyterquiz_engine())
    if not removed:
        logger.warning(
            "%s draws a quiz whose script does not hold the installed jupyterquiz's engine: "
            "cannot load the shared %s instead (did jupyterquiz's output change?)",
            pagename,
            ENGINE_FILE,
        )
        return
    context["body"] = body
    app.add_js_file(ENGINE_FILE, defer="defer")


def setup(app):
    """Register the engine's file and its use on the pages with a quiz."""
    app.connect("builder-inited", write_engine)
    app.connect("html-page-context", load_shared_engine)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
