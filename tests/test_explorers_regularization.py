"""Tests of lab_utils.explorers.regularization and its live data: the chapter's fits, the figure, the controls."""

import base64

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from explorer_helpers import live_parts, png_size, shown_png

from lab_utils.explorers import RegularizationExplorer, RegularizationState
from lab_utils.explorers.live import float64_base64, live_explorer_html
from lab_utils.explorers.regularization import (
    CirclesProblem,
    RegularizationView,
    lambda_axis_position,
    lambda_grid,
)
from lab_utils.predict import predict_proba
from lab_utils.studies.regularization import circles_split, degree_curve, lambda_curve, poly_features


@pytest.fixture(scope="module")
def problem():
    return CirclesProblem()


def test_lambda_grid_is_zero_and_the_chapters_logspace():
    grid = lambda_grid()
    assert grid[0] == 0.0 and np.array_equal(grid[1:], np.logspace(-3, 4, 15))


def test_lambda_axis_puts_zero_left_of_the_grid():
    assert lambda_axis_position(0.0) == -4.0
    assert lambda_axis_position(100.0) == 2.0
    assert lambda_axis_position(1e-6) == -3.5  # below the grid, but right of lambda = 0
    for bad in (-1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="lambda_"):
            lambda_axis_position(bad)


def test_state_refuses_bad_settings():
    with pytest.raises(ValueError, match="degree"):
        RegularizationState(degree=7)
    with pytest.raises(ValueError, match="lambda_"):
        RegularizationState(lambda_=-0.1)


def test_problem_fits_are_the_chapters_numbers(problem):
    X_train, y_train, X_val, y_val = circles_split(150, 400, 0.25, 0)
    assert np.array_equal(problem.X_train, X_train) and np.array_equal(problem.y_val, y_val)
    chapter = lambda_curve(X_train, y_train, X_val, y_val, [1e-3, 100.0], degree=6)
    chapter += degree_curve(X_train, y_train, X_val, y_val, degrees=[1, 2], lambda_=0.0)
    for row in chapter:
        fit = problem.fit(row["degree"], row["lambda_"])
        assert fit["train_cost"] == row["train_cost"] and fit["val_cost"] == row["val_cost"]
        assert np.array_equal(fit["w"], row["w"]) and fit["converged"]
    assert problem.fit(6, 100.0) is problem.fit(6, 100.0)  # remembered


def test_probability_grid_is_the_model_on_the_raw_plane(problem):
    G0, G1, P = problem.probability_grid(2, 1.0, resolution=7)
    fit = problem.fit(2, 1.0)
    _, F = poly_features(problem.X_train, np.column_stack([G0.ravel(), G1.ravel()]), 2)
    assert np.array_equal(P.ravel(), predict_proba(F, fit["w"], fit["b"]))
    assert (G0.min(), G0.max(), G1.min(), G1.max()) == pytest.approx(problem.limits)
    points = np.vstack([problem.X_train, problem.X_val])
    x0_lo, x0_hi, x1_lo, x1_hi = problem.limits
    assert x0_lo < points[:, 0].min() and points[:, 0].max() < x0_hi
    assert x1_lo < points[:, 1].min() and points[:, 1].max() < x1_hi


def test_view_draws_boundary_costs_and_validation_points(problem):
    view = RegularizationView(problem)
    view.draw(RegularizationState(degree=6, lambda_=100.0, show_validation=True))
    assert all(points.get_visible() for points in view.val_points)
    assert len(view._boundary.allsegs[0]) >= 1  # the p = 0.5 line is drawn
    x, costs = view.val_line.get_data()
    assert list(x) == [lambda_axis_position(lam) for lam in lambda_grid()]
    assert costs[11] == problem.fit(6, 100.0)["val_cost"]
    assert view.current.get_xdata()[0] == 2.0
    view.draw(RegularizationState(degree=2, lambda_=0.0))
    assert not any(points.get_visible() for points in view.val_points)
    assert view.current.get_xdata()[0] == -4.0
    assert view.train_line.get_data()[1][0] == problem.fit(2, 0.0)["train_cost"]
    text = view.alt_text(RegularizationState(degree=2, lambda_=0.0))
    assert "degree 2" in text and "lambda = 0" in text and "validation cost 0.3" in text
    for ax in view.axes.values():
        assert ax.get_xlabel() and ax.get_ylabel()


def test_explorer_controls_change_the_state_and_the_picture(problem):
    explorer = RegularizationExplorer(problem=problem)
    assert explorer.state == RegularizationState()
    png = shown_png(explorer)
    explorer.controls["lambda_"].value = 100.0
    explorer.controls["degree"].value = 5
    explorer.controls["show_validation"].value = True
    assert explorer.state == RegularizationState(5, 100.0, True)
    assert "Degree 5 (20 features)" in explorer.readout.value and "100" in explorer.readout.value
    assert shown_png(explorer) != png
    # a starting lambda off the grid is offered on the slider too
    other = RegularizationExplorer(RegularizationState(lambda_=0.5), problem=problem)
    assert 0.5 in [value for _, value in other.controls["lambda_"].options]


def test_live_data_hold_the_exact_points_and_the_chapters_settings(problem):
    html = live_explorer_html("regularization")
    assert html.startswith('<div class="live-explorer" id="live-regularization" data-explorer="regularization">')
    assert html == live_explorer_html("regularization")  # stable, for nbval
    data, png = live_parts(html)
    for name, X in (("X_train", problem.X_train), ("X_val", problem.X_val)):
        decoded = np.frombuffer(base64.b64decode(data[name]), dtype="<f8").reshape(-1, 2)
        assert np.array_equal(decoded, X)
    assert data["y_train"] == "".join(map(str, problem.y_train)) and len(data["y_val"]) == 400
    mu, sigma = problem.X_train.mean(axis=0), problem.X_train.std(axis=0)
    assert data["scaling"] == {"shift": mu.tolist(), "scale": sigma.tolist()}
    assert data["lambdas"] == pytest.approx(lambda_grid().tolist(), rel=1e-9) and data["degrees"] == [1, 2, 3, 4, 5, 6]
    assert (data["tol"], data["max_iters"]) == (1e-9, 200)  # fit_regularized's, as the chapter fits
    assert data["start"] == {"degree": 6, "lambda": 1.0, "show_validation": False}
    assert png_size(png) == (840, 400)
    assert len(html) < 50_000  # the chapter's page weight is tight


def test_float64_base64_is_exact():
    values = np.array([[0.1, -1e-300], [np.pi, 2.0**60]])
    text = float64_base64(values)
    assert np.array_equal(np.frombuffer(base64.b64decode(text), dtype="<f8"), values.ravel())
