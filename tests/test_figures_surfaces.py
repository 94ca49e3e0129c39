"""Tests for lab_utils.figures.surfaces: costs, curvature and the chapter's figures."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import compute_cost_logistic, load_tumor_data
from lab_utils.figures.surfaces import (
    convergence_figure,
    cost_hessian,
    cost_surface,
    cost_surfaces_figure,
    curvature_map_figure,
    loss_curvature,
    loss_curvature_figure,
    min_hessian_eigenvalue_surface,
    per_example_loss,
    squared_error_cost,
)

pytestmark = pytest.mark.filterwarnings("error")

W_GRID = np.linspace(-4.0, 6.0, 41)
B_GRID = np.linspace(-20.0, 10.0, 41)


def plain_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def finite_difference_hessian(cost, theta, h=1e-4):
    """Second derivatives of ``cost(theta)`` by central differences of the cost itself."""
    k = theta.size
    H = np.empty((k, k))
    E = np.eye(k) * h
    for i in range(k):
        for j in range(k):
            H[i, j] = (cost(theta + E[i] + E[j]) - cost(theta + E[i] - E[j])
                       - cost(theta - E[i] + E[j]) + cost(theta - E[i] - E[j])) / (4 * h * h)
    return H


@pytest.fixture
def tumor():
    return load_tumor_data()


def test_squared_error_has_negative_curvature_somewhere_log_loss_nowhere(tumor):
    x, y = tumor
    squared = min_hessian_eigenvalue_surface(x, y, W_GRID, B_GRID, "squared")
    log = min_hessian_eigenvalue_surface(x, y, W_GRID, B_GRID, "log")
    assert squared.shape == log.shape == (B_GRID.size, W_GRID.size)
    assert squared.min() < -0.1  # clearly non-convex
    assert log.min() >= 0.0  # positive semi-definite at every grid point
    # At a grid point where squared error is non-convex, a direction of negative
    # curvature really makes the cost bend downwards.
    i, j = np.unravel_index(squared.argmin(), squared.shape)
    w, b = W_GRID[j], B_GRID[i]
    H = cost_hessian(x.reshape(-1, 1), y, [w], b, "squared")
    eigenvalues, vectors = np.linalg.eigh(H)
    assert eigenvalues[0] == pytest.approx(squared[i, j], rel=1e-10)
    v, t = vectors[:, 0], 1e-3
    J = [squared_error_cost(x.reshape(-1, 1), y, [w + s * t * v[0]], b + s * t * v[1]) for s in (-1, 0, 1)]
    assert J[0] + J[2] - 2 * J[1] < 0


@pytest.mark.parametrize("loss", ["log", "squared"])
def test_cost_hessian_matches_finite_differences(loss):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(12, 2))
    y = rng.integers(0, 2, 12)
    cost_fn = compute_cost_logistic if loss == "log" else squared_error_cost
    for _ in range(3):
        theta = rng.normal(scale=1.5, size=3)
        expected = finite_difference_hessian(lambda t: cost_fn(X, y, t[:2], t[2]), theta)
        np.testing.assert_allclose(cost_hessian(X, y, theta[:2], theta[2], loss), expected,
                                   rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("loss", ["log", "squared"])
def test_surface_hessian_agrees_with_cost_hessian(loss, tumor):
    x, y = tumor
    lam = min_hessian_eigenvalue_surface(x, y, W_GRID, B_GRID, loss)
    for i, j in [(0, 0), (13, 29), (40, 7), (22, 22)]:
        H = cost_hessian(x.reshape(-1, 1), y, [W_GRID[j]], B_GRID[i], loss)
        assert lam[i, j] == pytest.approx(np.linalg.eigvalsh(H)[0], rel=1e-9, abs=1e-18)


def test_log_loss_hessian_is_positive_semi_definite_with_many_features():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(40, 5))
    y = rng.integers(0, 2, 40)
    for _ in range(50):
        H = cost_hessian(X, y, rng.normal(scale=3, size=5), rng.normal(scale=3), "log")
        assert np.linalg.eigvalsh(H).min() >= -1e-15 * np.abs(H).max()


def test_cost_surface_matches_the_cost_functions(tumor):
    x, y = tumor
    X = x.reshape(-1, 1)
    log = cost_surface(x, y, W_GRID, B_GRID, "log")
    squared = cost_surface(x, y, W_GRID, B_GRID, "squared")
    assert log.shape == squared.shape == (B_GRID.size, W_GRID.size)
    for i, j in [(0, 0), (5, 31), (40, 40), (17, 3)]:
        w, b = W_GRID[j], B_GRID[i]
        assert log[i, j] == pytest.approx(compute_cost_logistic(X, y, [w], b), rel=1e-12)
        f = plain_sigmoid(w * x + b)
        assert squared[i, j] == pytest.approx(np.sum((f - y) ** 2) / (2 * len(y)), rel=1e-12)


def test_squared_error_cost_by_hand():
    # f = sigmoid(0) = 0.5 for every example: each squared error is 0.25, halved: 0.125.
    assert squared_error_cost(np.array([[1.0], [2.0]]), np.array([0, 1]), [0.0], 0.0) == pytest.approx(0.125)


@pytest.mark.parametrize("loss", ["log", "squared"])
@pytest.mark.parametrize("label", [0.0, 1.0])
def test_loss_curvature_is_the_second_derivative_of_the_loss(loss, label):
    z = np.linspace(-6, 6, 25)
    h = 1e-4
    second = (per_example_loss(z + h, label, loss) - 2 * per_example_loss(z, label, loss)
              + per_example_loss(z - h, label, loss)) / h**2
    np.testing.assert_allclose(loss_curvature(z, label, loss), second, atol=1e-6)


def test_where_the_squared_error_of_one_example_turns_concave():
    # y = 1: concave exactly where f < 1/3, i.e. z < -ln 2; y = 0: where f > 2/3, z > ln 2.
    ln2 = np.log(2.0)
    assert loss_curvature(-ln2 - 1e-3, 1.0, "squared") < 0 < loss_curvature(-ln2 + 1e-3, 1.0, "squared")
    assert loss_curvature(ln2 + 1e-3, 0.0, "squared") < 0 < loss_curvature(ln2 - 1e-3, 0.0, "squared")
    z = np.linspace(-30, 30, 601)
    assert np.all(loss_curvature(z, 1.0, "log") > 0)
    np.testing.assert_allclose(loss_curvature(z, 1.0, "log"), loss_curvature(z, 0.0, "log"))


def test_invalid_arguments_raise_clear_errors(tumor):
    x, y = tumor
    with pytest.raises(ValueError, match="loss must be one of"):
        cost_surface(x, y, W_GRID, B_GRID, "hinge")
    with pytest.raises(ValueError, match="w_values must be a 1-D array"):
        cost_surface(x, y, [[1.0, 2.0]], B_GRID)
    with pytest.raises(ValueError, match="b_values contains 1 non-finite"):
        min_hessian_eigenvalue_surface(x, y, W_GRID, [0.0, np.nan])
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        cost_surface(x, y + 1, W_GRID, B_GRID)


def test_loss_curvature_figure_labels_and_shading():
    fig = loss_curvature_figure()
    ax_loss, ax_curv = fig.axes
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel()
        assert len(ax.lines) >= 2
        (span,) = ax.patches
        assert span.get_x() + span.get_width() == pytest.approx(-np.log(2.0))
    labels = [t.get_text() for t in ax_loss.get_legend().get_texts()]
    assert labels == ["squared error curves downwards", "log loss", "squared error"]


def test_cost_surfaces_figure_draws_two_labelled_3d_surfaces(tumor):
    x, y = tumor
    fig = cost_surfaces_figure(x, y, W_GRID, B_GRID)
    assert len(fig.axes) == 2
    for ax, title in zip(fig.axes, ["Squared error", "Log loss"]):
        assert ax.name == "3d"
        assert ax.get_title().startswith(title)
        assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == ("$w$", "$b$", "$J(w, b)$")
        assert len(ax.collections) == 1


def test_curvature_map_outlines_the_non_convex_region_only_for_squared_error(tumor):
    x, y = tumor
    fig = curvature_map_figure(x, y, W_GRID, B_GRID)
    ax_squared, ax_log = fig.axes[:2]
    assert len(fig.axes) == 4  # two maps, two colour bars
    assert len(ax_squared.collections) == 1 and len(ax_log.collections) == 0  # the zero contour
    for ax in (ax_squared, ax_log):
        assert ax.get_xlabel() == "$w$" and ax.get_ylabel() == "$b$"
    assert ax_squared.images[0].norm is ax_log.images[0].norm  # one shared colour scale


def test_convergence_figure_log_axes_and_drops_non_positive_gaps():
    fig = convergence_figure({"Newton": [1.5, 1.01, 1.0, 1.0], "GD": [2.0, 1.5, 1.2, 1.1]}, 1.0, tol=1e-8)
    (ax,) = fig.axes
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert ax.get_xlabel() and ax.get_ylabel()
    newton, gd, tolerance = ax.lines
    np.testing.assert_array_equal(newton.get_xdata(), [1, 2])
    np.testing.assert_allclose(newton.get_ydata(), [0.5, 0.01])
    np.testing.assert_array_equal(gd.get_xdata(), [1, 2, 3, 4])
    assert tolerance.get_ydata()[0] == 1e-8
