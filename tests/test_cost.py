"""Tests for lab_utils.cost and its loop twin."""

import numpy as np
import pytest

from lab_utils import compute_cost_logistic, compute_cost_logistic_loop, load_tumor_data
from lab_utils.cost import cost_grid, squared_error_cost

pytestmark = pytest.mark.filterwarnings("error")


def reference_cost(X, y, w, b, lambda_=0.0):
    """The textbook formula, safe for moderate z only."""
    f = 1 / (1 + np.exp(-(X @ w + b)))
    m = len(y)
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f)) + lambda_ / (2 * m) * np.sum(w**2)


@pytest.mark.parametrize("cost", [compute_cost_logistic, compute_cost_logistic_loop])
def test_matches_textbook_formula(cost, two_feature_data):
    X, y = two_feature_data
    w, b = np.array([1.0, 1.0]), -3.0
    assert cost(X, y, w, b) == pytest.approx(reference_cost(X, y, w, b), rel=1e-14)
    # the value the original course's cost lab publishes for this model
    assert cost(X, y, w, b) == pytest.approx(0.36686678640551745, rel=1e-14)


@pytest.mark.parametrize("cost", [compute_cost_logistic, compute_cost_logistic_loop])
def test_regularisation_adds_lambda_over_2m_sum_w_squared(cost, two_feature_data):
    X, y = two_feature_data
    w, b = np.array([2.0, -1.0]), 0.5
    extra = cost(X, y, w, b, lambda_=0.7) - cost(X, y, w, b)
    assert extra == pytest.approx(0.7 / (2 * 6) * 5.0, rel=1e-12)
    assert cost(X, y, w, b + 10.0, lambda_=1.0) - cost(X, y, w, b + 10.0) == pytest.approx(
        1.0 / 12 * 5.0, rel=1e-12), "b must not be regularised"


@pytest.mark.parametrize("cost", [compute_cost_logistic, compute_cost_logistic_loop])
@pytest.mark.parametrize("label, z, expected", [(1, -1000.0, 1000.0), (0, 1000.0, 1000.0),
                                                (1, 1000.0, 0.0), (0, -1000.0, 0.0),
                                                (1, -40.0, 40.0 + np.log1p(np.exp(-40.0)))])
def test_extreme_logits_give_exact_finite_costs(cost, label, z, expected):
    with np.errstate(all="raise"):
        value = cost(np.array([[1.0]]), np.array([label]), np.array([z]), 0.0)
    assert value == pytest.approx(expected, rel=1e-15, abs=1e-300)


def test_loop_and_vectorised_agree_on_random_data():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 4))
    y = rng.integers(0, 2, 50)
    w, b = rng.normal(size=4), 0.3
    assert compute_cost_logistic_loop(X, y, w, b, 0.5) == pytest.approx(
        compute_cost_logistic(X, y, w, b, 0.5), rel=1e-13)


def test_returns_a_python_float(two_feature_data):
    X, y = two_feature_data
    assert type(compute_cost_logistic(X, y, np.zeros(2), 0.0)) is float
    assert compute_cost_logistic(X, y, np.zeros(2), 0.0) == pytest.approx(np.log(2))


W_GRID = np.linspace(-4.0, 6.0, 41)
B_GRID = np.linspace(-20.0, 10.0, 41)


def plain_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@pytest.fixture
def tumor():
    return load_tumor_data()


def test_cost_grid_matches_the_cost_functions(tumor):
    x, y = tumor
    X = x.reshape(-1, 1)
    log = cost_grid(x, y, W_GRID, B_GRID, "log")[2]
    squared = cost_grid(x, y, W_GRID, B_GRID, "squared")[2]
    assert log.shape == squared.shape == (B_GRID.size, W_GRID.size)
    for i, j in [(0, 0), (5, 31), (40, 40), (17, 3)]:
        w, b = W_GRID[j], B_GRID[i]
        assert log[i, j] == pytest.approx(compute_cost_logistic(X, y, [w], b), rel=1e-12)
        f = plain_sigmoid(w * x + b)
        assert squared[i, j] == pytest.approx(np.sum((f - y) ** 2) / (2 * len(y)), rel=1e-12)
        assert log[i, j] == pytest.approx(compute_cost_logistic_loop(X, y, [w], b), rel=1e-12)


def test_squared_error_cost_by_hand():
    # f = sigmoid(0) = 0.5 for every example: each squared error is 0.25, halved: 0.125.
    assert squared_error_cost(np.array([[1.0], [2.0]]), np.array([0, 1]), [0.0], 0.0) == pytest.approx(0.125)


def test_invalid_arguments_raise_clear_errors(tumor):
    x, y = tumor
    with pytest.raises(ValueError, match="loss must be one of"):
        cost_grid(x, y, W_GRID, B_GRID, "hinge")
    with pytest.raises(ValueError, match="w_values must be a 1-D array"):
        cost_grid(x, y, [[1.0, 2.0]], B_GRID)
    with pytest.raises(ValueError, match="b_values contains 1 non-finite"):
        cost_grid(x, y, W_GRID, [0.0, np.nan])
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        cost_grid(x, y + 1, W_GRID, B_GRID)
