"""Tests for lab_utils._loss, the one kernel of the loss, gradient and Hessian.

A change to a formula there must reach every public user: the cost, the
gradient, gradient descent's recorded history and Newton's Hessian.
"""

import numpy as np
import pytest

from lab_utils import _loss, compute_cost_logistic, compute_gradient_logistic, gradient_descent
from lab_utils.newton import hessian_logistic

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def problem():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 3))
    y = (rng.random(30) < 0.5).astype(float)
    return X, y, rng.normal(size=3), 0.3


def numerical_gradient(cost, theta, h=1e-6):
    return np.array([(cost(theta + h * e) - cost(theta - h * e)) / (2 * h) for e in np.eye(theta.size)])


@pytest.mark.parametrize("lambda_", [0.0, 0.8])
def test_gradient_matches_finite_differences_of_the_cost(problem, lambda_):
    X, y, w, b = problem
    theta = np.append(w, b)
    expected = numerical_gradient(lambda t: _loss.cost_from_logits(X @ t[:-1] + t[-1], y, t[:-1], lambda_), theta)
    dj_db, dj_dw = _loss.gradient_from_logits(X, y, w, X @ w + b, lambda_)
    np.testing.assert_allclose(np.append(dj_dw, dj_db), expected, rtol=1e-7, atol=1e-9)


def test_hessian_matches_finite_differences_of_the_gradient(problem):
    X, y, w, b = problem
    theta = np.append(w, b)

    def grad(t):
        dj_db, dj_dw = _loss.gradient_from_logits(X, y, t[:-1], X @ t[:-1] + t[-1])
        return np.append(dj_dw, dj_db)

    h = 1e-6
    expected = np.column_stack([(grad(theta + h * e) - grad(theta - h * e)) / (2 * h) for e in np.eye(4)])
    np.testing.assert_allclose(_loss.hessian_from_logits(X, X @ w + b), expected, rtol=1e-6, atol=1e-9)


def test_l2_penalty_and_its_gradient():
    w = np.array([3.0, -4.0])
    assert _loss.l2_penalty(w, 2.0, 10) == pytest.approx(2.0 / 20 * 25.0)
    np.testing.assert_allclose(_loss.l2_gradient(np.zeros(2), w, 2.0, 10), [0.6, -0.8])
    np.testing.assert_array_equal(_loss.l2_gradient(np.ones(2), w, 0.0, 10), [1.0, 1.0])


def test_buffers_change_nothing_but_allocations(problem):
    X, y, w, b = problem
    work = _loss.Workspace(X.shape[0])
    z = work.logits(X, w, b)
    np.testing.assert_array_equal(z, X @ w + b)
    with np.errstate(under="ignore"):
        with_buffers = _loss.gradient_from_logits(X, y, w, z, 0.5, work.e, work.error, work.scratch)
        cost_buffered = _loss.cost_from_logits(z, y, w, 0.5, work.e, work.scratch)
    without = _loss.gradient_from_logits(X, y, w, X @ w + b, 0.5)
    assert with_buffers[0] == without[0]
    np.testing.assert_array_equal(with_buffers[1], without[1])
    assert cost_buffered == _loss.cost_from_logits(X @ w + b, y, w, 0.5)


@pytest.mark.parametrize("lambda_", [0.0, 0.8])
def test_the_public_functions_are_the_kernel(problem, lambda_):
    X, y, w, b = problem
    z = X @ w + b
    assert compute_cost_logistic(X, y, w, b, lambda_) == _loss.cost_from_logits(z, y, w, lambda_)
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b, lambda_)
    k_db, k_dw = _loss.gradient_from_logits(X, y, w, z, lambda_)
    assert dj_db == k_db
    np.testing.assert_array_equal(dj_dw, k_dw)
    np.testing.assert_array_equal(hessian_logistic(X, w, b), _loss.hessian_from_logits(X, z))


@pytest.mark.parametrize("lambda_", [0.0, 0.8])
def test_gradient_descent_records_the_kernels_cost(problem, lambda_):
    X, y, w, b = problem
    w_end, b_end, history = gradient_descent(X, y, w, b, 0.5, 7, lambda_, verbose=False)
    w_one, b_one = w, b
    for cost in history:  # replay the steps with the public gradient
        dj_db, dj_dw = compute_gradient_logistic(X, y, w_one, b_one, lambda_)
        w_one, b_one = w_one - 0.5 * dj_dw, b_one - 0.5 * dj_db
        assert cost == compute_cost_logistic(X, y, w_one, b_one, lambda_)
    np.testing.assert_array_equal(w_end, w_one)
    assert b_end == b_one


def test_log_loss_never_overflows():
    z = np.array([-1000.0, 0.0, 1000.0])
    np.testing.assert_allclose(_loss.log_loss_from_logits(z, np.array([1.0, 1.0, 0.0])), [1000.0, np.log(2), 1000.0])


def test_l2_penalty_is_zero_without_lambda_even_when_the_weights_overflow():
    w = np.array([1e200, 1e200])  # w . w overflows to inf
    assert _loss.l2_penalty(w, 0.0, 10) == 0.0
    with np.errstate(over="ignore"):  # with a penalty, the overflow is reported as inf, not hidden
        assert _loss.l2_penalty(w, 1.0, 10) == np.inf
