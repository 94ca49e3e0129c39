"""Old page addresses keep working: a small page at each one sends the reader on.

Sphinx has no redirects. When a page is renamed (a lab follows its chapter's
slug), links to its old address from outside the site would end on a 404. The
configuration value ``course_redirects`` maps each old docname to the new one::

    sphinx:
      config:
        course_redirects: {labs/sigmoid_lab: labs/sigmoid_derivative_lab}

After an HTML build this extension writes ``<old>.html``: a page that goes on to
``<new>.html`` at once (a script keeps the ``#anchor``; a ``<meta>`` refresh does
it without JavaScript) and says in one sentence, with a link, where the page is
now. The addresses are relative, so it works from ``file://`` too. These pages
are not in the table of contents (nor in ``objects.inv``).
"""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

REDIRECT_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} has moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<script>window.location.replace({target_js} + window.location.hash);</script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</main>
</body>
</html>
"""


def redirect_target(old_docname, new_docname):
    """The address of ``new_docname``'s page relative to ``old_docname``'s page.

    Parameters
    ----------
    old_docname, new_docname : str
        Docnames with forward slashes, e.g. ``"labs/sigmoid_lab"``.

    Returns
    -------
    str
        For example ``"sigmoid_derivative_lab.html"``, or ``"../chapters/x.html"``.
    """
    start = posixpath.dirname(old_docname) or "."
    return posixpath.relpath(new_docname + ".html", start)


def redirect_page(old_docname, new_docname, title):
    """The HTML of the page written at ``old_docname``'s address.

    Parameters
    ----------
    old_docname, new_docname : str
        Where the page was and where it is now (docnames).
    title : str
        The new page's title, shown in the link.

    Returns
    -------
    str
    """
    target = redirect_target(old_docname, new_docname)
    return REDIRECT_TEMPLATE.format(
        title=html.escape(title), target=html.escape(target), target_js=json.dumps(target)
    )


def check_redirects(redirects, docnames):
    """Raise ``ValueError`` unless every old name is free and every new name is a page.

    Parameters
    ----------
    redirects : dict
        ``{old_docname: new_docname}``.
    docnames : collection of str
        The docnames the build wrote.
    """
    for old, new in redirects.items():
        if old in docnames:
            raise ValueError(f"course_redirects: {old!r} is still a page of the book; remove its redirect")
        if new not in docnames:
            raise ValueError(f"course_redirects: {old!r} points to {new!r}, which is not a page of the book")


def write_redirects(app, exception):
    """After an HTML build, write one redirect page per entry of ``course_redirects``."""
    if exception is not None or app.builder.format != "html":
        return
    redirects = dict(app.config.course_redirects or {})
    check_redirects(redirects, app.env.found_docs)
    for old, new in redirects.items():
        title = app.env.titles[new].astext()
        path = Path(app.outdir) / f"{old}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(old, new, title), encoding="utf-8")


def setup(app):
    """Register the configuration value and the build-finished hook."""
    app.add_config_value("course_redirects", {}, "html", [dict])
    app.connect("build-finished", write_redirects)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
