"""The explorers' figures are legible: checked on the Agg backend from the artists' extents.

Legends hide no data, the descent path is always in view (or its exit marked),
every drawn line has a contrast of at least 3 : 1 with the figure's background,
every label is at least as large as the tick labels, and numbers have one
format. The live picture is rendered at twice the pixels of its display size.
"""

from __future__ import annotations

import base64
import io
import re

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgb, to_rgba_array
from matplotlib.contour import ContourSet
from matplotlib.lines import Line2D
from PIL import Image

from lab_utils.explorers import (
    CostSurfaceExplorer,
    CostSurfaceState,
    LearningRateExplorer,
    LearningRateState,
    SigmoidState,
)
from lab_utils.explorers.base import alpha_text, run_descent
from lab_utils.explorers.cost_surface import CostSurfaceView, view_around
from lab_utils.explorers.learning_rate import LearningRateView, ScalingProblem
from lab_utils.explorers.sigmoid import SigmoidView


@pytest.fixture(scope="module")
def problem():
    return ScalingProblem()


def relative_luminance(color):
    """WCAG 2 relative luminance of a colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b):
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    low, high = sorted([relative_luminance(a), relative_luminance(b)])
    return (high + 0.05) / (low + 0.05)


def test_contrast_matches_wcag():
    assert contrast("black", "white") == pytest.approx(21)
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)


def drawn(view, state):
    """Draw ``state`` completely (annotations too) so that every extent is known."""
    view.draw(state)
    view.renderer.render()
    return view.renderer.canvas.get_renderer()


def data_points(ax):
    """Display coordinates of everything drawn as data in ``ax`` (lines, markers, scatter, contours)."""
    points = []
    for artist in [*ax.lines, *ax.collections]:
        if not artist.get_visible() or artist in ax.xaxis.get_gridlines() + ax.yaxis.get_gridlines():
            continue
        if isinstance(artist, Line2D):
            xy = np.column_stack(artist.get_data()).astype(float)
            if xy.size:
                points.append(artist.get_transform().transform(xy))
        elif isinstance(artist, (LineCollection, ContourSet)):
            for path in artist.get_paths():
                if len(path.vertices):
                    points.append(artist.get_transform().transform(path.interpolated(5).vertices))
        elif isinstance(artist, PathCollection):
            points.append(ax.transData.transform(artist.get_offsets()))
    points = np.vstack(points) if points else np.empty((0, 2))
    return points[np.all(np.isfinite(points), axis=1)]


def views(problem):
    """(name, view, states) for each explorer: the start, a run, a diverging run."""
    tumor = CostSurfaceView()
    X, y = tumor.X, tumor.y
    cost_states = [
        CostSurfaceState(),
        CostSurfaceState(run=run_descent(X, y, [-1.0], 4.0, 1.0, 1000)),
        CostSurfaceState(w=8.0, b=8.0, alpha=31.6, num_iters=3000,
                         run=run_descent(X, y, [8.0], 8.0, 31.6, 3000)),
    ]
    lr_states = [problem.state("raw", 1e-5, 500),
                 problem.state("z-score", 1.0, 500), problem.state("z-score", 100.0, 500)]
    return [("sigmoid", SigmoidView(), [SigmoidState(z) for z in np.arange(-8.0, 8.01, 0.5)]),
            ("cost surface", tumor, cost_states),
            ("learning rate", LearningRateView(problem), lr_states)]


def test_legends_and_text_boxes_hide_no_data(problem):
    for name, view, states in views(problem):
        for state in states:
            renderer = drawn(view, state)
            for ax in view.figure.axes:
                points = data_points(ax)
                inside_axes = ax.get_window_extent(renderer)
                points = points[(points[:, 0] >= inside_axes.x0) & (points[:, 0] <= inside_axes.x1)
                                & (points[:, 1] >= inside_axes.y0) & (points[:, 1] <= inside_axes.y1)]
                boxes = [ax.get_legend()] if ax.get_legend() else []
                boxes += [t.get_bbox_patch() for t in ax.texts if t.get_bbox_patch() and t.get_text()]
                for box in boxes:
                    extent = box.get_window_extent(renderer)
                    hidden = ((points[:, 0] > extent.x0) & (points[:, 0] < extent.x1)
                              & (points[:, 1] > extent.y0) & (points[:, 1] < extent.y1))
                    assert not hidden.any(), f"{name}, {state}: {hidden.sum()} data points under a box"


def test_legends_are_framed(problem):
    for name, view, _ in views(problem):
        legends = [ax.get_legend() for ax in view.figure.axes if ax.get_legend()]
        assert legends, name
        for legend in legends:
            assert legend.get_frame_on() and legend.get_frame().get_alpha() in (None, 1), name


def test_every_label_at_least_as_large_as_the_tick_labels(problem):
    for name, view, states in views(problem):
        drawn(view, states[-1])
        ticks = [t.get_fontsize() for ax in view.figure.axes
                 for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]]
        smallest_tick = max(ticks)
        texts = [t for t in view.figure.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
                 if t.get_text() and t.get_visible() and t not in set().union(*[
                     {*ax.get_xticklabels(), *ax.get_yticklabels()} for ax in view.figure.axes])]
        small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < smallest_tick]
        assert not small, f"{name}: labels smaller than the tick labels ({smallest_tick} pt): {small}"


def test_contour_labels_lie_inside_their_axes(problem):
    for name, view, states in views(problem):
        for state in states:
            renderer = drawn(view, state)
            for ax in view.figure.axes:
                inside = ax.get_window_extent(renderer)
                for contours in [c for c in ax.collections if isinstance(c, ContourSet)]:
                    assert contours.labelTexts or name == "learning rate", name  # it labels none
                    for label in contours.labelTexts:
                        box = label.get_window_extent(renderer)
                        assert inside.x0 <= box.x0 and box.x1 <= inside.x1, (name, label.get_text())
                        assert inside.y0 <= box.y0 and box.y1 <= inside.y1, (name, label.get_text())


def test_every_drawn_line_has_contrast_3_to_1_with_the_background(problem):
    """Light and dark mode alike: the pictures carry their own opaque white background."""
    for name, view, states in views(problem):
        drawn(view, states[-1])
        background = view.figure.get_facecolor()
        assert background[3] == 1 and contrast(background, "white") == 1, name
        for ax in view.figure.axes:
            assert to_rgb(ax.get_facecolor()) == (1, 1, 1), name
            grid = {*ax.xaxis.get_gridlines(), *ax.yaxis.get_gridlines()}  # decoration, not data
            colours = []
            for artist in [*ax.lines, *ax.collections]:
                if artist in grid:
                    continue
                if isinstance(artist, Line2D):
                    colours += [artist.get_color()]
                    if artist.get_marker() not in (None, "None", "", " "):
                        colours += [c for c in (artist.get_markerfacecolor(), artist.get_markeredgecolor())
                                    if to_rgb(c) != (1, 1, 1)]  # white rims and fills are halos
                else:
                    colours += list(to_rgba_array(artist.get_edgecolor())) + list(
                        to_rgba_array(artist.get_facecolor()))
            for colour in colours:
                if len(colour) == 4 and colour[3] == 0:
                    continue
                assert contrast(colour, "white") >= 3, f"{name}: {colour} has contrast {contrast(colour, 'white'):.2f}"
            if ax.get_legend():
                assert contrast(ax.get_legend().get_frame().get_edgecolor(), "white") >= 3, name


def test_cost_surface_view_holds_the_whole_path():
    view = CostSurfaceView()
    for w, b, alpha in [(8.0, 8.0, 31.6), (8.0, -20.0, 10.0), (-3.0, 8.0, 1.0)]:
        run = run_descent(view.X, view.y, [w], b, alpha, 3000)
        state = CostSurfaceState(w=w, b=b, alpha=alpha, num_iters=3000, run=run)
        view.draw(state)
        ax = view.axes["contour"]
        (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
        assert ((x_lo, x_hi), (y_lo, y_hi)) == view_around((-3, 8), (-20, 8), run)
        assert np.all((run.w_path[:, 0] >= x_lo) & (run.w_path[:, 0] <= x_hi)), (w, b, alpha)
        assert np.all((run.b_path >= y_lo) & (run.b_path <= y_hi)), (w, b, alpha)
        end_x, end_y = view.end_marker.get_data()
        assert x_lo <= end_x[0] <= x_hi and y_lo <= end_y[0] <= y_hi
    # from the default start the path stays inside the sliders' range, which is the view
    run = run_descent(view.X, view.y, [-1.0], 4.0, 1.0, 1000)
    assert view_around((-3, 8), (-20, 8), run) == ((-3.0, 8.0), (-20.0, 8.0))


def test_learning_rate_view_marks_where_a_diverging_path_leaves(problem):
    view = LearningRateView(problem)
    state = problem.state("z-score", 100.0, 500)
    assert state.run.diverged
    view.draw(state)
    ax = view.axes["contour"]
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    exit_x, exit_y = view.exit_marker.get_data()
    assert len(exit_x) == 1 and x_lo - 1e-9 <= exit_x[0] <= x_hi + 1e-9 and y_lo - 1e-9 <= exit_y[0] <= y_hi + 1e-9
    on_edge = min(abs(exit_x[0] - x_lo), abs(exit_x[0] - x_hi), abs(exit_y[0] - y_lo), abs(exit_y[0] - y_hi))
    assert on_edge < 1e-9
    assert np.size(view.end_marker.get_data()[0]) == 0
    k, _ = view.exit_point(state)
    assert f"leaves the view after iteration {k}" in view.alt_text(state)
    assert f"leaves the contour plot after iteration {k}" in view.readout(state)
    # a converging run stays in view: its end is drawn, no exit marker
    state = problem.state("z-score", 1.0, 500)
    view.draw(state)
    assert view.exit_point(state) is None and np.size(view.exit_marker.get_data()[0]) == 0
    assert np.size(view.end_marker.get_data()[0]) == 1


def test_alpha_has_one_format_in_slider_label_readout_and_figure(problem):
    assert [alpha_text(a) for a in (1e-6, 10 ** -4.5, 1e-5, 0.01, 1.0, 100.0)] == [
        "1 × 10⁻⁶", "3.16 × 10⁻⁵", "1 × 10⁻⁵", "0.01", "1", "100"]
    explorer = LearningRateExplorer(LearningRateState(), problem)
    explorer.controls["alpha"].value = 10 ** -4.5
    label = explorer.controls["alpha"].readout, explorer.widget.children[1].children[0].children[1].value
    assert label == (False, "3.16 × 10⁻⁵")
    assert "α = <b>3.16 × 10⁻⁵</b>" in explorer.readout.value
    assert "α = 3.16 × 10⁻⁵" in explorer.view.message.get_text()
    assert "3.16228e-05" not in explorer.readout.value + explorer.view.alt_text(explorer.state)
    cost = CostSurfaceExplorer()
    assert cost.widget.children[1].children[0].children[1].value == "1"


def test_alt_text_states_the_measured_contour_shape(problem):
    view = LearningRateView(problem)
    ratio = problem.contour_axis_ratio("z-score")
    assert 2 < ratio < 3.5  # visibly elongated, not round
    text = view.alt_text(problem.state("z-score", 1.0, 500))
    assert "round" not in text and f"about {ratio:.2g} times as long as they are wide" in text
    assert problem.contour_axis_ratio("raw") > 10
    assert "narrow trench" in view.alt_text(problem.state("raw", 1e-5, 500))


def test_live_picture_has_twice_the_pixels_of_its_display_size(problem):
    explorer = CostSurfaceExplorer()
    (output,) = explorer.output.outputs
    html = output["data"]["text/html"]
    panels = re.findall(r'base64,([^"]+)" alt="" width="(\d+)"', html)
    assert len(panels) == 3 and 'role="img"' in html
    widths = []
    for data, width in panels:
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        assert image.size[0] == 2 * int(width) or abs(image.size[0] - 2 * int(width)) <= 1
        widths.append(image.size[0])
    # the panels together are the whole figure
    full = explorer.view.figure.get_size_inches()[0] * explorer.view.display_dpi * 2
    assert sum(widths) == pytest.approx(full, abs=1)


def test_panels_html_needs_one_width_per_panel():
    from lab_utils.explorers.layout import panels_html

    with pytest.raises(ValueError, match="one width per panel"):
        panels_html([b"png"], [100, 200], "alt")
    html = panels_html([b"a", b"b"], [120, 80], 'a "quoted" alt')
    assert html.count("<img ") == 2 and 'aria-label="a &quot;quoted&quot; alt"' in html
    assert 'width="120"' in html and "flex-wrap: wrap" in html
