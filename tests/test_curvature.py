"""Tests for lab_utils.curvature: per-example curvature and Hessians of both costs."""

import numpy as np
import pytest

from lab_utils import compute_cost_logistic, load_tumor_data
from lab_utils.cost import per_example_loss, squared_error_cost
from lab_utils.curvature import cost_hessian, loss_curvature, min_hessian_eigenvalue_surface

pytestmark = pytest.mark.filterwarnings("error")

W_GRID = np.linspace(-4.0, 6.0, 41)
B_GRID = np.linspace(-20.0, 10.0, 41)


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
