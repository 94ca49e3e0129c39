"""The redirect pages of renamed pages (``_ext/course_redirects.py``); the browser suite follows them."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))

from course_redirects import check_redirects, redirect_page, redirect_target  # noqa: E402


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("labs/sigmoid_lab", "labs/sigmoid_derivative_lab", "sigmoid_derivative_lab.html"),
    ("labs/old", "chapters/new", "../chapters/new.html"),
    ("old", "labs/new", "labs/new.html"),
])
def test_target_is_relative_to_the_old_page(old, new, expected):
    assert redirect_target(old, new) == expected


def test_page_links_the_new_page_with_and_without_javascript():
    page = redirect_page("labs/old", "labs/new", "Lab: <new> & more")
    assert 'content="0; url=new.html"' in page  # the refresh, without JavaScript
    assert 'window.location.replace("new.html" + window.location.hash)' in page
    assert '<a href="new.html">Lab: &lt;new&gt; &amp; more</a>' in page  # title escaped


def test_a_redirect_must_point_from_a_free_name_to_a_page():
    check_redirects({"labs/old": "labs/new"}, {"labs/new", "intro"})
    with pytest.raises(ValueError, match="'labs/old' is still a page of the book"):
        check_redirects({"labs/old": "labs/new"}, {"labs/old", "labs/new"})
    with pytest.raises(ValueError, match="points to 'labs/gone', which is not a page"):
        check_redirects({"labs/old": "labs/gone"}, {"labs/new"})
