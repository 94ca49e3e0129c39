"""Tests for lab_utils.gradcheck: central differences and the relative error."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import compute_cost_logistic, compute_gradient_logistic, sigmoid
from lab_utils.gradcheck import numerical_gradient, relative_error

pytestmark = pytest.mark.filterwarnings("error")


def test_agrees_with_the_analytic_gradient_on_random_problems():
    rng = np.random.default_rng(11)
    for _ in range(5):
        X = rng.normal(size=(25, 4))
        y = rng.integers(0, 2, 25)
        w, b = rng.normal(size=4), float(rng.normal())
        analytic = compute_gradient_logistic(X, y, w, b)
        numeric = numerical_gradient(compute_cost_logistic, X, y, w, b)
        assert relative_error(analytic, numeric) < 1e-7


def test_agrees_on_the_lab_example(two_feature_data):
    X, y = two_feature_data
    w, b = np.array([2.0, 3.0]), 1.0
    dj_db, dj_dw = numerical_gradient(compute_cost_logistic, X, y, w, b)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-8)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-8)


def test_regularised_cost_through_a_wrapper(two_feature_data):
    X, y = two_feature_data
    w, b = np.array([-1.0, 0.5]), 0.3

    def cost(X_, y_, w_, b_):
        return compute_cost_logistic(X_, y_, w_, b_, lambda_=0.7)

    analytic = compute_gradient_logistic(X, y, w, b, lambda_=0.7)
    assert relative_error(analytic, numerical_gradient(cost, X, y, w, b)) < 1e-7


def test_exact_for_a_quadratic_cost():
    # Central differences have no truncation error on a quadratic.
    X, y = np.zeros((3, 2)), np.array([0, 1, 0])
    w, b = np.array([1.5, -2.0]), 0.25

    def quadratic(X_, y_, w_, b_):
        return float(w_ @ w_ + 3.0 * b_**2 + w_[0] * b_)

    dj_db, dj_dw = numerical_gradient(quadratic, X, y, w, b, eps=1e-3)
    np.testing.assert_allclose(dj_dw, [2 * 1.5 + 0.25, 2 * -2.0], rtol=1e-10)
    assert dj_db == pytest.approx(6 * 0.25 + 1.5, rel=1e-10)


def test_returns_the_course_order_and_types(two_feature_data):
    X, y = two_feature_data
    dj_db, dj_dw = numerical_gradient(compute_cost_logistic, X, y, [0.0, 0.0], 0)
    assert type(dj_db) is float
    assert dj_dw.shape == (2,)


@pytest.mark.parametrize(
    "bug",
    [
        lambda X, y, w, b: ((X @ w + b - y).mean(), X.T @ (X @ w + b - y) / len(y)),  # no sigmoid
        lambda X, y, w, b: ((sigmoid(X @ w + b) - y).sum(), X.T @ (sigmoid(X @ w + b) - y)),  # no 1/m
        lambda X, y, w, b: ((y - sigmoid(X @ w + b)).mean(), X.T @ (y - sigmoid(X @ w + b)) / len(y)),  # sign
    ],
    ids=["missing sigmoid", "missing division by m", "wrong sign"],
)
def test_catches_wrong_gradients(bug, two_feature_data):
    X, y = two_feature_data
    w, b = np.array([0.3, -0.2]), 0.1
    numeric = numerical_gradient(compute_cost_logistic, X, y, w, b)
    assert relative_error(bug(X, y, w, b), numeric) > 0.1


def test_error_is_smallest_for_a_moderate_eps(two_feature_data):
    X, y = two_feature_data
    w, b = np.array([2.0, 3.0]), 1.0
    analytic = compute_gradient_logistic(X, y, w, b)
    errors = {eps: relative_error(analytic, numerical_gradient(compute_cost_logistic, X, y, w, b, eps))
              for eps in [1e-1, 1e-5, 1e-10]}
    assert errors[1e-5] < 1e-9
    assert errors[1e-1] > 100 * errors[1e-5]  # truncation error ~ eps**2
    assert errors[1e-10] > 100 * errors[1e-5]  # rounding error ~ 1e-16 / eps


def test_relative_error_values():
    a = np.array([3.0, 4.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    assert relative_error(a, np.array([3.0, 4.0 + 1e-6])) == pytest.approx(1e-6 / 10)


def test_relative_error_flattens_db_dw_pairs():
    pair = (0.5, np.array([1.0, -2.0]))
    assert relative_error(pair, np.array([0.5, 1.0, -2.0])) == 0.0
    assert relative_error(pair, (0.5, np.array([1.0, -2.0 + 3e-8]))) == pytest.approx(
        3e-8 / (2 * np.sqrt(0.25 + 1 + 4)), rel=1e-6
    )


def test_relative_error_refuses_different_sizes():
    with pytest.raises(ValueError, match="different sizes: 2 and 3"):
        relative_error(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"eps": 0.0}, "eps must be a finite number > 0"),
        ({"eps": -1e-5}, "eps must be a finite number > 0"),
        ({"cost_fn": "cost"}, "cost_fn must be a function"),
        ({"w": np.zeros(3)}, r"w must have shape \(2,\)"),
        ({"y": np.array([0, 1])}, "y has 2 labels but X has 6 examples"),
    ],
)
def test_invalid_inputs_raise_clear_errors(kwargs, message, two_feature_data):
    X, y = two_feature_data
    args = {"cost_fn": compute_cost_logistic, "X": X, "y": y, "w": np.zeros(2), "b": 0.0, "eps": 1e-5}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        numerical_gradient(**args)
