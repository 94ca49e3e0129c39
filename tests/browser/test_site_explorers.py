"""On the static website the explorers show a picture, and the descent explorers an animation that plays.

No kernel runs behind the website, so each ``show_*_explorer()`` cell stores a
static picture of the explorer's starting state and, for the two descent
explorers, a JavaScript animation (matplotlib's player with the frames
embedded). These tests press the player's buttons in Chromium and watch the
frames change.
"""

import pytest
import sitecheck

# Labs whose stored outputs hold an explorer, and whether it has an animation.
EXPLORER_LABS = {
    "labs/gradient_descent_lab": True,   # cost-surface explorer
    "labs/feature_scaling_lab": True,    # learning-rate and scaling explorer
    "labs/sigmoid_lab": False,           # sigmoid explorer: a picture only
}

FRAME_JS = """img => ({src: img.getAttribute("src"), alt: img.getAttribute("alt"),
                       width: img.naturalWidth})"""


def test_every_explorer_lab_is_in_the_book(site):
    docnames = {page.docname for page in sitecheck.toc_pages(site)}
    assert set(EXPLORER_LABS) <= docnames, f"missing from the site: {set(EXPLORER_LABS) - docnames}"


@pytest.mark.parametrize("docname", sorted(EXPLORER_LABS))
def test_explorer_shows_a_picture_and_its_animation_plays(docname, open_page):
    page, log = open_page(docname + ".html")
    pictures = page.locator("article figure.lab-explorer-static img")
    assert pictures.count() == 1, f"{docname}: expected one static explorer picture, found {pictures.count()}"
    for index in range(pictures.count()):
        facts = pictures.nth(index).evaluate(FRAME_JS)
        assert facts["width"] > 0, f"{docname}: explorer picture {index + 1} does not load"
        assert len((facts["alt"] or "").strip()) > 20, f"{docname}: explorer picture {index + 1} lacks alt text"

    players = page.locator("article img[id^='_anim_img']")
    if not EXPLORER_LABS[docname]:
        assert players.count() == 0
        return
    assert players.count() == 1, f"{docname}: expected one animation, found {players.count()}"
    frame = players.first
    anim_id = frame.get_attribute("id").removeprefix("_anim_img")
    slider = page.locator(f"#_anim_slider{anim_id}")
    frame.scroll_into_view_if_needed()
    first = frame.evaluate(FRAME_JS)
    assert first["width"] > 0 and len(first["alt"].strip()) > 20
    assert slider.get_attribute("aria-label"), "the frame slider needs a label"

    # Step one frame forward with the button, as a reader would.
    page.locator(f"button[onclick='anim{anim_id}.next_frame()']").click()
    assert slider.input_value() == "1"
    assert frame.get_attribute("src") != first["src"], f"{docname}: the next frame looks the same"

    # Play: the slider must move on by itself.
    page.locator(f"button[onclick='anim{anim_id}.play_animation()']").click()
    page.wait_for_function(f"() => Number(document.getElementById('_anim_slider{anim_id}').value) >= 4",
                           timeout=10_000)
    page.locator(f"button[onclick='anim{anim_id}.pause_animation()']").click()
    assert int(slider.input_value()) >= 4
    last = int(slider.get_attribute("max"))
    assert last >= 10, f"{docname}: only {last + 1} frames"
    assert not log.problems(), f"{docname}:\n  " + "\n  ".join(log.problems())
    page.close()
