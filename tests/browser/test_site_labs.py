"""Folded content stays folded until the reader opens it; labs launch on Binder and Colab.

Labs put each exercise's reference solution in a ``<details>`` block under
the exercise's heading; chapters fold code with ``hide-input`` and
``{dropdown}``, which are ``<details>`` too.
"""

import sitecheck
from sitecheck import STATS

# Whether every child of a <details> but its <summary> is rendered
# (checkVisibility sees through the content-visibility that hides closed content).
CONTENT_SHOWN_JS = """d => {
  const content = [...d.children].filter(c => c.tagName !== "SUMMARY");
  return content.length > 0 && content.every(c => c.checkVisibility());
}"""


def test_folded_blocks_are_closed_until_clicked(site_page, open_page):
    page, log = open_page(site_page.path)
    blocks = page.locator("article details")
    for index in range(blocks.count()):
        block = blocks.nth(index)
        name = f"{site_page.path} <details> {index + 1}"
        assert block.evaluate("d => d.open") is False, f"{name} is open on load"
        assert block.evaluate(CONTENT_SHOWN_JS) is False, f"{name}: its content shows before it is opened"
        summary = block.locator(":scope > summary")
        summary.scroll_into_view_if_needed()
        summary.click()
        assert block.evaluate("d => d.open") is True, f"{name} did not open on click"
        assert block.evaluate(CONTENT_SHOWN_JS) is True, f"{name}: content not shown after opening"
        STATS["details"] += 1
    assert not log.problems(), f"{site_page.path}:\n  " + "\n  ".join(log.problems())
    page.close()


def test_every_lab_exercise_has_a_folded_solution(lab_page, desktop_visit):
    exercises = desktop_visit(lab_page)["exercises"]
    missing = [e["heading"] for e in exercises if e["solutions"] == 0]
    assert not missing, f"{lab_page.path}: exercises without a <details> solution: {missing}"


def test_launch_buttons_open_this_lab_on_binder_and_colab(lab_page, desktop_visit):
    expected = sitecheck.expected_launch_links(lab_page.docname, sitecheck.book_config())
    links = desktop_visit(lab_page)["links"]
    for service, url in expected.items():
        assert url in links, (
            f"{lab_page.path}: no {service} launch button for {url}; "
            f"launch links found: {[u for u in links if 'binder' in u or 'colab' in u]}"
        )
