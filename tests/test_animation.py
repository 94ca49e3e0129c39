"""Tests of lab_utils.animation: fast rendering, reproducible animations, figures with alt text."""

import matplotlib

matplotlib.use("Agg")

import io
import re

import pytest
from explorer_helpers import animation_frames, png_size
from PIL import Image

from lab_utils.animation import (
    FigureRenderer,
    animation_html,
    figure_html,
    fixed_animation_id,
    make_jshtml_reproducible,
)


def test_renderer_blits_after_the_first_draw():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2), dpi=50)
    renderer = FigureRenderer(fig)
    ax = fig.subplots()
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    (line,) = ax.plot([0, 1], [0, 1])
    renderer.animate(line)
    first = renderer.png()
    line.set_ydata([1, 0])
    second = renderer.png()
    assert renderer.full_draws == 1 and first != second
    assert png_size(first) == (150, 100)
    line.set_ydata([0, 1])
    assert renderer.png() == first  # same state, same bytes
    with renderer.at_dpi(25):
        assert png_size(renderer.png()) == (75, 50)
    assert renderer.full_draws == 2


def test_animation_html_is_reproducible_and_self_contained():
    frames = [Image.new("RGB", (8, 6), colour) for colour in ("red", "blue", "green")]
    pngs = []
    for image in frames:
        buffer = io.BytesIO()
        image.save(buffer, format="png")
        pngs.append(buffer.getvalue())
    first = animation_html(pngs, "my anim-1", alt='frames "of" colour')
    assert first == animation_html(pngs, "my anim-1", alt='frames "of" colour')
    assert 'alt="frames &quot;of&quot; colour" style="max-width: 100%; height: auto"' in first
    assert 'id="_anim_imgmy_anim_1"' in first and "animmy_anim_1.set_frame" in first
    assert '<input id="_anim_slidermy_anim_1" aria-label="Animation frame"' in first
    assert not re.search(r"[0-9a-f]{32}", first)
    assert "https://" not in first and "http://" not in first
    assert animation_frames(first) == pngs
    assert fixed_animation_id("a.b c") == "a_b_c"
    with pytest.raises(ValueError, match="no animation id"):
        make_jshtml_reproducible("<div>no animation</div>", "x")
    with pytest.raises(ValueError, match="at least one frame"):
        animation_html([], "x")


def test_figure_html_has_alt_text_and_escapes():
    html = figure_html(b"\x89PNG", 'a "quoted" <alt>', caption="x < y")
    assert 'alt="a &quot;quoted&quot; &lt;alt&gt;"' in html
    assert "<figcaption>x &lt; y</figcaption>" in html
    assert "data:image/png;base64,iVBORw==" in html
