"""Tests for lab_utils.figures.feature_scaling: what is drawn, and that every axis is labelled."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lab_utils import zscore_normalize_features
from lab_utils.figures.feature_scaling import (
    GAP_FLOOR,
    contour_paths_figure,
    cost_gap_figure,
    eigenvalue_figure,
    feature_ranges_figure,
    plot_cost_contours,
    plot_descent_path,
    plot_feature_ranges,
)
from lab_utils.studies.feature_scaling import descent_paths


@pytest.fixture(scope="module")
def one_feature():
    rng = np.random.default_rng(3)
    x = rng.normal(20.0, 4.0, size=80)
    y = (rng.random(80) < 1 / (1 + np.exp(-(x - 20.0) / 2))).astype(int)
    return x, y


def assert_labelled(ax):
    assert ax.get_xlabel().strip(), "x axis has no label"
    assert ax.get_ylabel().strip(), "y axis has no label"


def test_feature_ranges(one_feature):
    x, _ = one_feature
    X = np.column_stack([x, x * 100])
    fig, ax = plt.subplots()
    stats = plot_feature_ranges(ax, X, ["small", "large"], log=True)
    np.testing.assert_allclose(stats[:, 1], np.median(X, axis=0))
    np.testing.assert_allclose(stats[:, 0], np.percentile(X, 5, axis=0))
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["small", "large"]
    assert_labelled(ax)
    with pytest.raises(ValueError, match="one name per feature"):
        plot_feature_ranges(ax, X, ["only one"])
    with pytest.raises(ValueError, match="positive"):
        plot_feature_ranges(ax, X - 1000, ["a", "b"], log=True)


def test_feature_ranges_figure_has_two_labelled_panels(one_feature):
    x, _ = one_feature
    X = np.column_stack([x, x * 100])
    fig = feature_ranges_figure(X, ["a", "b"], zscore_normalize_features(X)[0])
    left, right = fig.axes
    assert left.get_xscale() == "log" and right.get_xscale() == "linear"
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_title()
    assert left.get_ylabel() == "feature"


def test_contours_and_path(one_feature):
    x, y = one_feature
    fig, ax = plt.subplots()
    contours = plot_cost_contours(ax, x, y, (-1, 1, -3, 3), cost_star=0.3, n_levels=6)
    assert len(contours.levels) == 6 and contours.levels[0] == pytest.approx(1e-3)
    assert ax.get_xlim() == (-1, 1) and ax.get_ylim() == (-3, 3)
    path = np.array([[0.0, 0.0], [0.2, -0.5], [0.3, -0.8]])
    artists = plot_descent_path(ax, path, optimum=(0.4, -1.0))
    np.testing.assert_array_equal(artists[0].get_xdata(), path[:, 0])
    assert len(artists) == 3
    assert ax.get_xlabel() == "weight $w$" and ax.get_ylabel() == "bias $b$"


def test_contour_paths_figure_draws_each_run_to_true_scale(one_feature):
    x, y = one_feature
    runs = descent_paths(x, y, num_iters=20)
    fig = contour_paths_figure(runs, y, n_levels=5)
    assert len(fig.axes) == 3
    for ax, run in zip(fig.axes, runs):
        assert ax.get_aspect() == 1.0
        assert run["method"] in ax.get_title()
        low_w, high_w = ax.get_xlim()
        low_b, high_b = ax.get_ylim()
        assert high_w - low_w == pytest.approx(high_b - low_b)  # square window
        assert low_w <= run["optimum"][0] <= high_w and low_b <= run["optimum"][1] <= high_b
        assert_labelled(ax)
        path_line = ax.lines[0]
        np.testing.assert_array_equal(path_line.get_xdata(), run["path"][:, 0])


def test_cost_gap_figure(one_feature):
    histories = {"raw": [0.7, 0.6, 0.55], "z-score": [0.5, 0.3, 0.3]}
    fig = cost_gap_figure(histories, cost_star=0.3)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    raw, zscore = ax.lines
    np.testing.assert_allclose(raw.get_ydata(), [0.4, 0.3, 0.25])
    np.testing.assert_allclose(zscore.get_ydata(), [0.2, GAP_FLOOR, GAP_FLOOR])  # floored
    np.testing.assert_array_equal(raw.get_xdata(), [1, 2, 3])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["raw", "z-score"]
    assert_labelled(ax)


def test_eigenvalue_figure_annotates_condition_numbers():
    fig = eigenvalue_figure({"raw": [1e-4, 1.0, 100.0], "z-score": [0.5, 1.0]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["κ = 1 × 10⁶", "κ = 2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["raw", "z-score"]
    assert_labelled(ax)
    with pytest.raises(ValueError, match="positive"):
        eigenvalue_figure({"bad": [0.0, 1.0]})
