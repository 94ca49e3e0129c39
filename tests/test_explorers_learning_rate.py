"""Tests of lab_utils.explorers.learning_rate: the landscapes, the optimum in every scaling, the controls."""

import matplotlib

matplotlib.use("Agg")


import numpy as np
import pytest
from explorer_helpers import live_parts, shown_png

from lab_utils import (
    compute_cost_logistic,
    compute_gradient_logistic,
)
from lab_utils.explorers import (
    LearningRateExplorer,
)
from lab_utils.explorers.learning_rate import ScalingProblem, best_bias_cost_grid


@pytest.fixture(scope="module")
def problem():
    """The two-feature breast-cancer problem (built once: it fits the optimum)."""
    return ScalingProblem()


def test_best_bias_cost_grid_minimises_over_b(problem):
    X, y = problem.X["z-score"], problem.y
    W1, W2, J, B = best_bias_cost_grid(X, y, np.array([-1.0, 0.5, 2.0]), np.array([0.0, 3.0]))
    for i in range(2):
        for j in range(3):
            w = np.array([W1[i, j], W2[i, j]])
            # the bias found is a stationary point: dJ/db = 0 ...
            dj_db, _ = compute_gradient_logistic(X, y, w, B[i, j])
            assert abs(dj_db) < 1e-9
            # ... its cost is the cost there, and no nearby bias does better
            assert J[i, j] == pytest.approx(compute_cost_logistic(X, y, w, B[i, j]), rel=1e-12)
            for db in (-0.05, 0.05):
                assert compute_cost_logistic(X, y, w, B[i, j] + db) > J[i, j]


@pytest.mark.parametrize("scaling", ["raw", "min-max", "z-score"])
def test_optimum_is_the_same_model_in_every_scaling(problem, scaling):
    w_best, b_best = problem._optimum[scaling]
    dj_db, dj_dw = compute_gradient_logistic(problem.X[scaling], problem.y, w_best, b_best)
    # the gradient vanishes (relative to each feature's size) and the cost is the same
    scale = np.abs(problem.X[scaling]).max(axis=0)
    assert np.all(np.abs(dj_dw) * scale < 1e-7) and abs(dj_db) < 1e-7
    assert compute_cost_logistic(problem.X[scaling], problem.y, w_best, b_best) == pytest.approx(
        problem.cost_star, rel=1e-9)


def test_landscape_contains_start_and_optimum_on_a_square(problem):
    for scaling in ("raw", "z-score"):
        land = problem.landscape(scaling)
        w1_lo, w1_hi, w2_lo, w2_hi = land.extent
        assert w1_hi - w1_lo == pytest.approx(w2_hi - w2_lo)  # same scale on both axes
        for point in (np.zeros(2), land.w_best):
            assert w1_lo < point[0] < w1_hi and w2_lo < point[1] < w2_hi
        assert land.J.min() >= problem.cost_star - 1e-12


def test_learning_rate_explorer_controls(problem):
    explorer = LearningRateExplorer(problem=problem)
    state = explorer.state
    assert state == problem.state("raw", 1e-5, 500)
    assert not state.run.diverged and state.run.iterations == 500
    png = shown_png(explorer)

    explorer.controls["scaling"].value = "z-score"
    explorer.controls["alpha"].value = 1.0
    run = explorer.state.run
    assert explorer.state.scaling == "z-score" and not run.diverged
    assert run.costs[-1] == pytest.approx(problem.cost_star, abs=1e-6)
    assert "z-score scaled" in explorer.view.axes["contour"].get_xlabel()
    assert shown_png(explorer) != png

    explorer.controls["num_iters"].value = 50
    assert len(explorer.view.history_line.get_xdata()) == 51
    assert explorer.view.axes["history"].get_xlim() == (0, 50)


def test_learning_rate_explorer_shows_divergence(problem):
    explorer = LearningRateExplorer(problem=problem)
    explorer.controls["alpha"].value = 100.0  # far too large for unscaled features
    run = explorer.state.run
    assert run.diverged and run.iterations < 500
    assert "Diverged" in explorer.readout.value and "#D55E00" in explorer.readout.value
    assert explorer.view.message.get_color() == "#D55E00"
    assert explorer.view.axes["history"].get_yscale() == "log"
    assert explorer.view.axes["history"].get_ylim()[1] > run.costs.max()
    # back to a small alpha: the axis is linear again and the run converges steadily
    explorer.controls["alpha"].value = 1e-5
    assert not explorer.state.run.diverged
    assert explorer.view.axes["history"].get_yscale() == "linear"


def test_learning_rate_live_data_reproduce_the_scalings(problem):
    explorer = LearningRateExplorer(problem=problem)
    data, png = live_parts(explorer.live_html())
    X = np.array(data["X"])
    assert np.array_equal(X, problem.X["raw"]) and data["y"] == problem.y.tolist()
    for scaling in ("min-max", "z-score"):  # the page scales the raw features itself, exactly
        shift, scale = (np.array(data["scalings"][scaling][k]) for k in ("shift", "scale"))
        assert np.array_equal((X - shift) / scale, problem.X[scaling])
    assert set(data["landscapes"]) == {"raw", "min-max", "z-score"}
    assert data["axis_labels"]["z-score"][0] == "w1 (weight of mean texture, z-score scaled)"
    # shown to ten significant digits, so that every CPU stores the same page
    assert data["cost_star"] == pytest.approx(problem.cost_star, rel=1e-9)
    assert data["start"]["scaling"] == "raw"
    assert explorer.view._scaling == "raw"


def test_numbers_the_figure_only_shows_are_stored_to_ten_digits():
    from lab_utils.explorers.live import SHOWN_DIGITS, shown

    assert SHOWN_DIGITS == 10
    assert shown(0.42708281471185167) == shown(0.4270828147118516) == 0.4270828147  # one bit apart, one page
    assert shown(np.array([1.0, 2 / 3])) == [1.0, 0.6666666667]
