"""Tests for lab_utils.figures.cost_vs_gradient (figures of the chapter Cost versus gradient)."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lab_utils import compute_cost_logistic, load_two_feature_data
from lab_utils.figures.cost_vs_gradient import (
    cost_decreases,
    first_small_decrease,
    plot_cost_decrease,
    plot_cost_histories,
    plot_cost_slice,
    plot_loss_curves,
)


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


@pytest.fixture
def data():
    return load_two_feature_data()


def assert_labelled(axes):
    assert axes.get_xlabel().strip() and axes.get_ylabel().strip()


# --- plot_loss_curves --------------------------------------------------------------------------

def test_loss_curves_are_minus_log_f_and_minus_log_one_minus_f(ax):
    assert plot_loss_curves(ax) is None
    positive, negative = ax.get_lines()
    f = positive.get_xdata()
    np.testing.assert_allclose(positive.get_ydata(), [-math.log(v) for v in f], rtol=1e-12)
    np.testing.assert_allclose(negative.get_ydata(), [-math.log(1 - v) for v in f], rtol=1e-12)
    assert f.min() > 0 and f.max() < 1
    assert_labelled(ax)
    assert ax.get_legend() is not None


def test_marked_examples_sit_on_the_curve_of_their_label(ax):
    f = np.array([0.2, 0.9, 0.7, 0.1])
    y = np.array([1, 1, 0, 0])
    losses = plot_loss_curves(ax, f, y)
    np.testing.assert_allclose(losses, [-math.log(0.2), -math.log(0.9), -math.log(0.3), -math.log(0.9)])
    positives, negatives = ax.collections
    np.testing.assert_allclose(positives.get_offsets(), [[0.2, -math.log(0.2)], [0.9, -math.log(0.9)]])
    np.testing.assert_allclose(negatives.get_offsets(), [[0.7, -math.log(0.3)], [0.1, -math.log(0.9)]])


def test_average_of_marked_losses_is_the_cost(ax, data):
    X, y = data
    w, b = np.array([1.0, 1.0]), -3.0
    f = 1 / (1 + np.exp(-(X @ w + b)))
    losses = plot_loss_curves(ax, f, y)
    assert losses.mean() == pytest.approx(compute_cost_logistic(X, y, w, b), rel=1e-12)


@pytest.mark.parametrize("f", [[0.0, 0.5], [0.5, 1.0], [[0.5]], [np.nan, 0.5]])
def test_loss_curves_reject_probabilities_outside_zero_one(ax, f):
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        plot_loss_curves(ax, f, [1] * np.size(f))


def test_loss_curves_reject_bad_labels_and_f_min(ax):
    with pytest.raises(ValueError, match="labels 0 and 1"):
        plot_loss_curves(ax, [0.5, 0.5], [1, 2])
    with pytest.raises(ValueError, match="f_min"):
        plot_loss_curves(ax, f_min=0.6)


# --- plot_cost_slice ---------------------------------------------------------------------------

@pytest.mark.parametrize("param", [0, 1, "b"])
def test_slice_slope_matches_a_finite_difference(ax, data, param):
    X, y = data
    w, b = np.array([1.0, 1.0]), -3.0
    h = 1e-6

    def cost_at(delta):
        if param == "b":
            return compute_cost_logistic(X, y, w, b + delta)
        shifted = w.copy()
        shifted[param] += delta
        return compute_cost_logistic(X, y, shifted, b)

    result = plot_cost_slice(ax, X, y, w, b, param=param)
    assert result["slope"] == pytest.approx((cost_at(h) - cost_at(-h)) / (2 * h), abs=1e-8)
    assert result["cost"] == pytest.approx(compute_cost_logistic(X, y, w, b))
    assert result["value"] == (b if param == "b" else w[param])
    assert "new_value" not in result
    assert_labelled(ax)


def test_slice_curve_and_tangent_are_drawn_correctly(ax, data):
    X, y = data
    w, b = np.array([1.0, 1.0]), -3.0
    result = plot_cost_slice(ax, X, y, w, b, param=0)
    curve, tangent, point = ax.get_lines()[:3]
    for w0, cost in zip(curve.get_xdata()[::50], curve.get_ydata()[::50]):
        assert cost == pytest.approx(compute_cost_logistic(X, y, np.array([w0, 1.0]), b), rel=1e-12)
    (x_a, x_b), (y_a, y_b) = tangent.get_xdata(), tangent.get_ydata()
    assert (y_b - y_a) / (x_b - x_a) == pytest.approx(result["slope"], rel=1e-12)
    assert point.get_xdata()[0] == 1.0 and point.get_ydata()[0] == pytest.approx(result["cost"])


def test_slice_step_goes_against_the_slope_and_lowers_the_cost(ax, data):
    X, y = data
    w, b = np.array([1.0, 1.0]), -3.0
    result = plot_cost_slice(ax, X, y, w, b, param=0, alpha=3.0)
    assert result["slope"] < 0
    assert result["new_value"] == pytest.approx(1.0 - 3.0 * result["slope"], rel=1e-15)
    assert result["new_cost"] == pytest.approx(
        compute_cost_logistic(X, y, np.array([result["new_value"], 1.0]), b), rel=1e-12)
    assert result["new_cost"] < result["cost"]
    low, high = ax.get_lines()[0].get_xdata()[[0, -1]]
    assert low <= result["new_value"] <= high
    assert w.tolist() == [1.0, 1.0]  # the caller's weights are not changed


@pytest.mark.parametrize("param", [2, -1, "w", True, 0.5])
def test_slice_rejects_unknown_parameters(ax, data, param):
    X, y = data
    with pytest.raises(ValueError, match="param must be"):
        plot_cost_slice(ax, X, y, np.array([1.0, 1.0]), -3.0, param=param)


def test_slice_rejects_bad_alpha(ax, data):
    X, y = data
    with pytest.raises(ValueError, match="alpha"):
        plot_cost_slice(ax, X, y, np.array([1.0, 1.0]), -3.0, alpha=-1.0)


# --- plot_cost_histories -----------------------------------------------------------------------

def test_histories_draw_one_line_per_run_from_iteration_one(ax):
    histories = {"slow": [0.69, 0.68, 0.67], "fast": [0.5, 0.3, 0.2, 0.15]}
    lines = plot_cost_histories(ax, histories)
    assert [line.get_label() for line in lines] == ["slow", "fast"]
    np.testing.assert_array_equal(lines[1].get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(lines[1].get_ydata(), histories["fast"])
    assert ax.get_yscale() == "linear"
    assert_labelled(ax)


def test_histories_mark_diverged_runs_and_the_starting_cost(ax):
    histories = {"good": [0.5, 0.4], "too large": [2.0, 3.5, 1.2]}
    plot_cost_histories(ax, histories, diverged={"too large"}, start_cost=math.log(2), log_y=True)
    crosses = [line for line in ax.get_lines() if line.get_marker() == "X"]
    assert len(crosses) == 1
    assert crosses[0].get_xdata()[0] == 3 and crosses[0].get_ydata()[0] == 1.2
    assert any("stopped" in text.get_text() for text in ax.texts)
    start = [line for line in ax.get_lines() if "before training" in line.get_label()]
    assert len(start) == 1 and start[0].get_ydata()[0] == pytest.approx(math.log(2))
    assert ax.get_yscale() == "log"


def test_histories_reject_bad_input(ax):
    with pytest.raises(ValueError, match="empty"):
        plot_cost_histories(ax, {})
    with pytest.raises(ValueError, match="not in histories"):
        plot_cost_histories(ax, {"a": [1.0]}, diverged={"b"})
    with pytest.raises(ValueError, match="non-empty 1-D"):
        plot_cost_histories(ax, {"a": []})


# --- stopping rule -----------------------------------------------------------------------------

def test_cost_decreases_are_successive_differences():
    np.testing.assert_allclose(cost_decreases([1.0, 0.5, 0.6, 0.55]), [0.5, -0.1, 0.05])
    with pytest.raises(ValueError, match="at least two"):
        cost_decreases([1.0])


def test_first_small_decrease_counts_iterations_from_one_and_ignores_rises():
    history = [1.0, 0.5, 0.6, 0.3, 0.29, 0.2899]
    # decreases: it.2 0.5, it.3 -0.1 (a rise: ignored), it.4 0.3, it.5 0.01, it.6 0.0001
    assert first_small_decrease(history, 0.02) == 5
    assert first_small_decrease(history, 0.001) == 6
    assert first_small_decrease(history, 1e-6) is None
    with pytest.raises(ValueError, match="tol"):
        first_small_decrease(history, 0.0)


def test_plot_cost_decrease_marks_the_stop_and_leaves_gaps_for_rises(ax):
    history = [1.0, 0.5, 0.6, 0.3, 0.29, 0.2899]
    stop = plot_cost_decrease(ax, history, 0.02)
    assert stop == 5
    curve = ax.get_lines()[0]
    np.testing.assert_array_equal(curve.get_xdata(), [2, 3, 4, 5, 6])
    assert np.isnan(curve.get_ydata()[1])
    np.testing.assert_allclose(curve.get_ydata()[[0, 2, 3, 4]], [0.5, 0.3, 0.01, 0.0001])
    assert ax.get_yscale() == "log"
    threshold, marker = ax.get_lines()[1:3]
    assert threshold.get_ydata()[0] == 0.02
    assert marker.get_xdata()[0] == 5
    assert_labelled(ax)


def test_plot_cost_decrease_without_a_stop_draws_no_marker(ax):
    assert plot_cost_decrease(ax, [1.0, 0.5, 0.25], 1e-3) is None
    assert len(ax.get_lines()) == 2
