"""Tests for lab_utils.checks.regularization: every correct answer passes, every slip gets its own hint.

The learner functions are written out here independently of the check's own
catalogue of mistakes, the way a learner would write them.
"""

import numpy as np
import pytest

from lab_utils import sigmoid
from lab_utils.checks.regularization import (
    COST_MISTAKES,
    GRADIENT_MISTAKES,
    REG_CASES,
    check_compute_cost_reg,
    check_compute_gradient_reg,
)

pytestmark = pytest.mark.filterwarnings("error")


# --- cost: correct answers ----------------------------------------------------------------------

def cost_reference_solution(X, y, w, b, lambda_):
    """The lab's reference solution (kept in sync with its <details> block)."""
    m = X.shape[0]
    z = X @ w + b
    cost = np.mean(np.logaddexp(0, z) - y * z)
    return cost + lambda_ / (2 * m) * np.sum(w ** 2)


def cost_loops(X, y, w, b, lambda_):
    """The original lab's style: loops over examples and weights, literal logs."""
    m, n = X.shape
    cost = 0.0
    for i in range(m):
        f = sigmoid(np.dot(X[i], w) + b)
        cost += -y[i] * np.log(f) - (1 - y[i]) * np.log(1 - f)
    reg = 0.0
    for j in range(n):
        reg += w[j] ** 2
    return cost / m + lambda_ / (2 * m) * reg


def cost_dot(X, y, w, b, lambda_):
    f = sigmoid(X @ w + b)
    return float(-(y @ np.log(f) + (1 - y) @ np.log(1 - f)) / len(y) + lambda_ * (w @ w) / (2 * len(y)))


# --- cost: typical mistakes ---------------------------------------------------------------------

def _data_term(X, y, w, b):
    f = sigmoid(X @ w + b)
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def cost_stub(X, y, w, b, lambda_):
    ...


def cost_no_penalty(X, y, w, b, lambda_):
    return _data_term(X, y, w, b)


def cost_regularises_b(X, y, w, b, lambda_):
    params = np.append(w, b)
    return _data_term(X, y, w, b) + lambda_ / (2 * len(y)) * np.sum(params ** 2)


def cost_lambda_over_m(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / len(y) * np.sum(w ** 2)


def cost_sums_w(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / (2 * len(y)) * np.sum(w)


def cost_sums_abs_w(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / (2 * len(y)) * np.linalg.norm(w, 1)


def cost_squares_sum(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / (2 * len(y)) * w.sum() ** 2


def cost_forgets_m(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / 2 * np.dot(w, w)


def cost_divides_by_n(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) + lambda_ / (2 * len(w)) * np.sum(w ** 2)


def cost_subtracts_penalty(X, y, w, b, lambda_):
    return _data_term(X, y, w, b) - lambda_ / (2 * len(y)) * np.sum(w ** 2)


def cost_four_arguments(X, y, w, b):
    return _data_term(X, y, w, b)


def cost_returns_array(X, y, w, b, lambda_):
    f = sigmoid(X @ w + b)
    return -y * np.log(f) - (1 - y) * np.log(1 - f) + lambda_ / (2 * len(y)) * np.sum(w ** 2)


@pytest.mark.parametrize("func", [cost_reference_solution, cost_loops, cost_dot])
def test_correct_costs_pass(func):
    feedback = check_compute_cost_reg(func)
    assert feedback.passed, str(feedback)
    assert feedback.cause == "passed"


@pytest.mark.parametrize("func, cause, words", [
    (cost_stub, "not_done", "returned None"),
    (cost_no_penalty, "no_penalty", "no regularisation term"),
    (cost_regularises_b, "regularised_b", "regularised b"),
    (cost_lambda_over_m, "lambda_over_m", "twice too large"),
    (cost_sums_w, "summed_w", "instead of their squares"),
    (cost_sums_abs_w, "summed_abs_w", "L1"),
    (cost_squares_sum, "squared_sum", "squared the sum"),
    (cost_forgets_m, "not_divided_by_m", "not divided by m"),
    (cost_divides_by_n, "divided_by_n", "number of features"),
    (cost_subtracts_penalty, "penalty_subtracted", "subtracted"),
    (cost_four_arguments, "lambda_missing", "five arguments"),
])
def test_each_cost_mistake_gets_its_own_hint(func, cause, words):
    feedback = check_compute_cost_reg(func)
    assert not feedback.passed
    assert feedback.cause == cause, str(feedback)
    assert words in feedback.message


def test_cost_array_instead_of_number_is_named():
    feedback = check_compute_cost_reg(cost_returns_array)
    assert not feedback.passed
    assert feedback.cause == "shape"
    assert "single number" in feedback.message


def test_every_cost_mistake_is_distinguishable_from_the_right_answer():
    for mistake in COST_MISTAKES:
        differs = [not np.isclose(mistake.compute(*case.fresh_args()), cost_reference_solution(*case.fresh_args()),
                                  rtol=1e-3) for case in REG_CASES]
        assert any(differs), mistake.name


# --- gradient: correct answers ------------------------------------------------------------------

def gradient_reference_solution(X, y, w, b, lambda_):
    """The lab's reference solution (kept in sync with its <details> block)."""
    m = X.shape[0]
    err = sigmoid(X @ w + b) - y
    dj_dw = X.T @ err / m + (lambda_ / m) * w
    dj_db = np.mean(err)
    return dj_db, dj_dw


def gradient_loops(X, y, w, b, lambda_):
    """The original lab's style."""
    m, n = X.shape
    dj_dw, dj_db = np.zeros(n), 0.0
    for i in range(m):
        err = sigmoid(np.dot(X[i], w) + b) - y[i]
        for j in range(n):
            dj_dw[j] += err * X[i, j]
        dj_db += err
    dj_dw, dj_db = dj_dw / m, dj_db / m
    for j in range(n):
        dj_dw[j] += (lambda_ / m) * w[j]
    return dj_db, dj_dw


def gradient_as_list(X, y, w, b, lambda_):
    dj_db, dj_dw = gradient_reference_solution(X, y, w, b, lambda_)
    return [float(dj_db), list(dj_dw)]


# --- gradient: typical mistakes -----------------------------------------------------------------

def _data_gradient(X, y, w, b):
    err = sigmoid(X @ w + b) - y
    return np.mean(err), X.T @ err / len(y)


def gradient_stub(X, y, w, b, lambda_):
    ...


def gradient_swapped(X, y, w, b, lambda_):
    dj_db, dj_dw = gradient_reference_solution(X, y, w, b, lambda_)
    return dj_dw, dj_db


def gradient_no_penalty(X, y, w, b, lambda_):
    return _data_gradient(X, y, w, b)


def gradient_regularises_b(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    m = len(y)
    return dj_db + lambda_ / m * b, dj_dw + lambda_ / m * w


def gradient_lambda_over_2m(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    return dj_db, dj_dw + lambda_ / (2 * len(y)) * w


def gradient_forgets_m(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    return dj_db, dj_dw + lambda_ * w


def gradient_squares_w(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    return dj_db, dj_dw + lambda_ / len(y) * w ** 2


def gradient_constant(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    return dj_db, dj_dw + lambda_ / len(y)


def gradient_subtracts(X, y, w, b, lambda_):
    dj_db, dj_dw = _data_gradient(X, y, w, b)
    return dj_db, dj_dw - lambda_ / len(y) * w


def gradient_column(X, y, w, b, lambda_):
    dj_db, dj_dw = gradient_reference_solution(X, y, w, b, lambda_)
    return dj_db, dj_dw.reshape(-1, 1)


def gradient_one_value(X, y, w, b, lambda_):
    return gradient_reference_solution(X, y, w, b, lambda_)[1]


@pytest.mark.parametrize("func", [gradient_reference_solution, gradient_loops, gradient_as_list])
def test_correct_gradients_pass(func):
    feedback = check_compute_gradient_reg(func)
    assert feedback.passed, str(feedback)
    assert feedback.cause == "passed"


@pytest.mark.parametrize("func, cause, words", [
    (gradient_stub, "not_done", "returned None"),
    (gradient_swapped, "swapped", "(dj_db, dj_dw)"),
    (gradient_no_penalty, "no_penalty", "no regularisation term"),
    (gradient_regularises_b, "regularised_b", "regularised b"),
    (gradient_lambda_over_2m, "lambda_over_2m", "half the right size"),
    (gradient_forgets_m, "not_divided_by_m", "divide it by m"),
    (gradient_squares_w, "squared_w", "no square"),
    (gradient_constant, "constant_penalty", "proportional"),
    (gradient_subtracts, "penalty_subtracted", "subtracted"),
    (gradient_column, "shape", "keep it 1-D"),
    (gradient_one_value, "form", "return the 2 values"),
])
def test_each_gradient_mistake_gets_its_own_hint(func, cause, words):
    feedback = check_compute_gradient_reg(func)
    assert not feedback.passed
    assert feedback.cause == cause, str(feedback)
    assert words in feedback.message


def test_every_gradient_mistake_is_distinguishable_from_the_right_answer():
    for mistake in GRADIENT_MISTAKES:
        if mistake.name == "swapped":
            continue
        differs = []
        for case in REG_CASES:
            db, dw = mistake.compute(*case.fresh_args())
            rdb, rdw = gradient_reference_solution(*case.fresh_args())
            differs.append(not (np.isclose(db, rdb, rtol=1e-3) and np.allclose(dw, rdw, rtol=1e-3)))
        assert any(differs), mistake.name


def test_checks_never_raise_on_nonsense():
    for check in (check_compute_cost_reg, check_compute_gradient_reg):
        for answer in (None, 3, lambda *a: "text", lambda *a: {"a": 1}, lambda *a: 1 / 0):
            feedback = check(answer)
            assert not feedback.passed
            assert feedback.message
