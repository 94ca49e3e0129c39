"""Tests for lab_utils.figures.regularization: what is drawn, and that every axis is labelled."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import load_tumor_data, load_two_feature_data, predict_proba
from lab_utils.figures.regularization import (
    boundaries_by_lambda_figure,
    boundary_evolution_figure,
    hessian_eigenvalue_figure,
    overfitting_curves_figure,
    plot_poly_boundary,
    separable_growth_figure,
    threshold_figure,
)
from lab_utils.studies.regularization import (
    circles_split,
    degree_curve,
    lambda_curve,
    max_margin_direction,
    poly_features,
    separable_run,
    threshold_table,
)


def assert_labelled(fig):
    for ax in fig.axes:
        assert ax.get_xlabel().strip(), "x axis has no label"
        assert ax.get_ylabel().strip(), "y axis has no label"


@pytest.fixture(scope="module")
def six_run():
    X, y = load_two_feature_data()
    return X, y, separable_run(X, y, 0.1, [10, 100, 1000])


@pytest.fixture(scope="module")
def circles():
    return circles_split(m_train=60, m_val=60, seed=1)


def test_separable_growth_figure_draws_each_run(six_run):
    X, y, run = six_run
    x, yt = load_tumor_data()
    fig = separable_growth_figure({"six": run, "tumour": separable_run(x.reshape(-1, 1), yt, 0.1, [10, 100])})
    assert len(fig.axes) == 3
    assert all(len(ax.lines) == 2 for ax in fig.axes)
    np.testing.assert_array_equal(fig.axes[0].lines[0].get_ydata(), run["norm"])
    assert_labelled(fig)


def test_boundary_evolution_draws_one_line_per_checkpoint_and_the_max_margin(six_run):
    X, y, run = six_run
    fig = boundary_evolution_figure(X, y, run, [0, 2], max_margin_direction(X, y))
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    # the last line is the max-margin separator: its points satisfy w . x + b = 0
    mm = max_margin_direction(X, y)
    x0, x1 = ax.lines[-1].get_data()
    np.testing.assert_allclose(mm[0] * x0 + mm[1] * x1 + mm[2], 0.0, atol=1e-12)
    assert_labelled(fig)


def test_overfitting_curves_mark_the_lowest_validation_cost(circles):
    by_degree = degree_curve(*circles, degrees=range(1, 4), lambda_=0.1)
    by_lambda = lambda_curve(*circles, [0.1, 10.0], degree=3)
    fig = overfitting_curves_figure(by_degree, by_lambda)
    left, right = fig.axes
    star = left.lines[2]
    best = min(by_degree, key=lambda r: r["val_cost"])
    assert star.get_xdata()[0] == best["degree"] and star.get_ydata()[0] == best["val_cost"]
    assert right.get_xscale() == "log"
    assert_labelled(fig)


def test_poly_boundary_lies_where_the_model_predicts_one_half(circles):
    X_train, y_train, X_val, y_val = circles
    row = lambda_curve(X_train, y_train, X_val, y_val, [1.0], degree=2)[0]
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    contours = plot_poly_boundary(ax, X_train, row["w"], row["b"], 2, (-1.5, 1.5, -1.5, 1.5), resolution=150)
    points = np.vstack([path.vertices for path in contours.get_paths()])
    assert len(points) > 10
    _, F = poly_features(X_train, points, 2)
    np.testing.assert_allclose(predict_proba(F, row["w"], row["b"]), 0.5, atol=0.02)


def test_boundaries_by_lambda_has_one_panel_per_fit(circles):
    rows = lambda_curve(*circles, [0.01, 1.0, 100.0], degree=3)
    fig = boundaries_by_lambda_figure(circles[0], circles[1], rows)
    assert len(fig.axes) == 3
    assert "λ = 100" in fig.axes[2].get_title()
    assert fig.axes[0].get_ylabel()
    assert all(ax.get_xlabel() for ax in fig.axes)


def test_hessian_and_threshold_figures_are_labelled():
    fig = hessian_eigenvalue_figure([1, 10, 100], [0.02, 0.01, 0.001], {"λ = 1": 0.04})
    assert len(fig.axes[0].lines) == 2
    assert_labelled(fig)
    rng = np.random.default_rng(0)
    y, p = rng.integers(0, 2, 50), rng.random(50)
    fig = threshold_figure(threshold_table(y, p, np.linspace(0.05, 0.95, 19)), chosen=[0.5])
    assert len(fig.axes) == 2
    assert_labelled(fig)
