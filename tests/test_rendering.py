"""Tests of lab_utils.rendering: fast redraws, PNG output and static pictures with alt text."""

import matplotlib

matplotlib.use("Agg")


from explorer_helpers import png_size

from lab_utils.rendering import FigureRenderer, figure_html


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


def test_figure_html_has_alt_text_and_escapes():
    html = figure_html(b"\x89PNG", 'a "quoted" <alt>', caption="x < y")
    assert 'alt="a &quot;quoted&quot; &lt;alt&gt;"' in html
    assert ">x &lt; y</figcaption>" in html and "color: #1a1a1a; background: #ffffff" in html
    assert "data:image/png;base64,iVBORw==" in html
