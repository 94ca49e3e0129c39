"""Tests of lab_utils.explorers.cost_surface: the view drawn from a state, the sliders and the run button."""

import matplotlib

matplotlib.use("Agg")


import numpy as np
import pytest
from explorer_helpers import live_parts, png_size, shown_png

from lab_utils import (
    compute_cost_logistic,
    load_tumor_data,
    sigmoid,
)
from lab_utils.explorers import (
    CostSurfaceExplorer,
    CostSurfaceState,
)
from lab_utils.explorers.base import WIDGET_VIEW_MIMETYPE
from lab_utils.explorers.cost_surface import CostSurfaceView


@pytest.fixture(scope="module")
def tumor():
    x, y = load_tumor_data()
    return x.reshape(-1, 1), y


def test_cost_surface_view_draws_the_state(tumor):
    X, y = tumor
    view = CostSurfaceView()
    state = CostSurfaceState(w=2.0, b=-5.0)
    view.draw(state)
    np.testing.assert_allclose(view.curve.get_ydata(), sigmoid(2.0 * view._curve_x - 5.0))
    segments = view.segments.get_segments()
    assert len(segments) == 6
    for (x0, y0), (x1, f1) in (segment for segment in segments):
        assert x0 == x1 and f1 == pytest.approx(float(sigmoid(2.0 * x0 - 5.0)))
    cost = compute_cost_logistic(X, y, [2.0], -5.0)
    assert f"J(w, b) = {cost:.4g}" in view.cost_text.get_text()
    assert [t.get_text() for t in view.loss_texts][0] == f"{np.log1p(np.exp(-5.0)):.2f}"
    assert len(view.path_line.get_xdata()) == 0
    for ax in view.figure.axes:
        assert ax.get_xlabel() and ax.get_ylabel()


def test_cost_explorer_sliders_and_run_button(tumor):
    X, y = tumor
    explorer = CostSurfaceExplorer()
    before_png, before_text = shown_png(explorer), explorer.readout.value
    explorer.controls["w"].value = 2.0
    explorer.controls["b"].value = -5.0
    assert (explorer.state.w, explorer.state.b) == (2.0, -5.0)
    assert shown_png(explorer) != before_png and explorer.readout.value != before_text
    assert f"{compute_cost_logistic(X, y, [2.0], -5.0):.4g}" in explorer.readout.value
    assert explorer.view.renderer.full_draws == 1  # slider moves only blit

    explorer.controls["num_iters"].value = 300
    explorer.controls["run"].click()
    run = explorer.state.run
    assert run.iterations == 300 and not run.diverged
    assert len(explorer.view.path_line.get_xdata()) == 301
    assert explorer.view.path_line.get_xdata()[0] == 2.0
    assert explorer.view.axes["history"].get_xlim() == (0, 300)
    assert run.costs[-1] < run.costs[0]
    assert "After 300 iterations" in explorer.readout.value

    explorer.controls["w"].value = 1.0  # a new start: the old path no longer applies
    assert explorer.state.run is None and len(explorer.view.path_line.get_xdata()) == 0


def test_cost_explorer_outputs_for_the_website():
    explorer = CostSurfaceExplorer()
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Cost-surface explorer (interactive: needs a running Python kernel)"
    assert bundle[WIDGET_VIEW_MIMETYPE]["model_id"] == explorer.widget.model_id
    html = explorer.live_html()
    assert html == explorer.live_html()  # stable, so nbval can compare the stored output
    assert html.startswith('<div class="live-explorer" id="live-cost-surface" data-explorer="cost-surface">')
    assert "alt=\"Three panels." in html and "<script" in html and "</script>" in html
    data, png = live_parts(html)
    x, y = load_tumor_data()
    assert data["x"] == x.tolist() and data["y"] == y.tolist()
    assert data["start"] == {"w": -1.0, "b": 4.0, "alpha": 1.0, "num_iters": 1000}
    assert data["alpha_exponents"] == [-2.0, 1.5, 0.25]
    assert len(data["contours"]) == 13 and sum(bool(level["lines"]) for level in data["contours"]) >= 10
    assert all(0 <= v <= 10_000 for level in data["contours"] for line in level["lines"] for v in line)
    assert png_size(png) == (920, 352)
    assert len(html) < 100_000
    assert 'id="other"' in explorer.live_html("other")
    with pytest.raises(ValueError, match="element_id"):
        explorer.live_html("no spaces")
    assert explorer.state == CostSurfaceState()
