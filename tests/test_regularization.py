"""Tests for lab_utils.regularization: the original lab's names, numbers and feature mapping."""

import numpy as np
import pytest

from lab_utils import (
    compute_cost_logistic,
    compute_cost_logistic_reg,
    compute_gradient_logistic,
    compute_gradient_logistic_reg,
    map_feature,
)
from lab_utils.gradcheck import numerical_gradient, relative_error
from lab_utils.regularization import map_feature_terms

pytestmark = pytest.mark.filterwarnings("error")

# Published in the original course's C1_W3_Lab09_Regularization_Soln.ipynb.
PUBLISHED_REG_COST = 0.6850849138741673
PUBLISHED_REG_DJ_DB = 0.341798994972791
PUBLISHED_REG_DJ_DW = [0.17380012933994293, 0.32007507881566943, 0.10776313396851499]


def lab09_cost_example():
    """The original lab's seeded cost example: 5 examples, 6 features, lambda 0.7."""
    np.random.seed(1)  # noqa: NPY002 - the original lab's legacy generator, to reproduce its inputs
    X = np.random.rand(5, 6)  # noqa: NPY002
    w = np.random.rand(X.shape[1]) - 0.5  # noqa: NPY002
    return X, np.array([0, 1, 0, 1, 0]), w, 0.5, 0.7


def lab09_gradient_example():
    """The original lab's seeded gradient example: 5 examples, 3 features, lambda 0.7."""
    np.random.seed(1)  # noqa: NPY002
    X = np.random.rand(5, 3)  # noqa: NPY002
    w = np.random.rand(X.shape[1])  # noqa: NPY002
    return X, np.array([0, 1, 0, 1, 0]), w, 0.5, 0.7


def test_published_regularised_cost():
    X, y, w, b, lambda_ = lab09_cost_example()
    assert compute_cost_logistic_reg(X, y, w, b, lambda_) == pytest.approx(PUBLISHED_REG_COST, rel=1e-14)


def test_published_regularised_gradient():
    X, y, w, b, lambda_ = lab09_gradient_example()
    dj_db, dj_dw = compute_gradient_logistic_reg(X, y, w, b, lambda_)
    assert type(dj_db) is float
    assert dj_db == pytest.approx(PUBLISHED_REG_DJ_DB, rel=1e-14)
    np.testing.assert_allclose(dj_dw, PUBLISHED_REG_DJ_DW, rtol=1e-14)


def test_one_source_of_truth_and_default_lambda_is_one():
    X, y, w, b, _ = lab09_cost_example()
    assert compute_cost_logistic_reg(X, y, w, b) == compute_cost_logistic(X, y, w, b, 1.0)
    assert compute_cost_logistic_reg(X, y, w, b) > compute_cost_logistic(X, y, w, b)
    db, dw = compute_gradient_logistic_reg(X, y, w, b)
    db1, dw1 = compute_gradient_logistic(X, y, w, b, 1.0)
    assert db == db1
    np.testing.assert_array_equal(dw, dw1)


@pytest.mark.parametrize("lambda_", [0.0, 0.7, 5.0])
def test_regularised_gradient_matches_finite_differences(lambda_):
    rng = np.random.default_rng(11)
    X = map_feature(rng.uniform(-1, 1, 30), rng.uniform(-1, 1, 30), degree=3)
    y = rng.integers(0, 2, 30)
    w, b = rng.normal(size=X.shape[1]), 0.2

    def cost(X_, y_, w_, b_):
        return compute_cost_logistic_reg(X_, y_, w_, b_, lambda_)

    analytic = compute_gradient_logistic_reg(X, y, w, b, lambda_)
    assert relative_error(analytic, numerical_gradient(cost, X, y, w, b)) < 1e-9


def test_bias_is_not_regularised():
    X, y, w, b, _ = lab09_gradient_example()
    db0, _ = compute_gradient_logistic_reg(X, y, w, b, 0.0)
    db1, _ = compute_gradient_logistic_reg(X, y, w, b, 100.0)
    assert db0 == db1
    assert compute_cost_logistic_reg(X, y, w, b + 3.0, 2.0) - compute_cost_logistic_reg(
        X, y, w, b + 3.0, 0.0) == pytest.approx(2.0 / 10 * float(w @ w), rel=1e-12)


def test_map_feature_column_order_degree_2():
    np.testing.assert_array_equal(map_feature(2.0, 3.0, degree=2), [[2.0, 3.0, 4.0, 6.0, 9.0]])


def test_map_feature_has_27_columns_for_degree_6_in_the_original_order():
    x1, x2 = np.array([0.5, -1.5, 2.0]), np.array([3.0, 0.25, -1.0])
    mapped = map_feature(x1, x2)
    assert mapped.shape == (3, 27)
    expected = [x1**(i - j) * x2**j for i in range(1, 7) for j in range(i + 1)]
    np.testing.assert_allclose(mapped, np.stack(expected, axis=1), rtol=1e-15)
    assert map_feature_terms(6)[:6] == [(1, 0), (0, 1), (2, 0), (1, 1), (0, 2), (3, 0)]
    assert map_feature_terms(6)[-1] == (0, 6)


@pytest.mark.parametrize("degree", [1, 2, 3, 4, 5, 6, 7])
def test_map_feature_width(degree):
    assert map_feature(np.ones(4), np.ones(4), degree).shape == (4, degree * (degree + 3) // 2)


def test_map_feature_accepts_scalars_and_lists():
    np.testing.assert_array_equal(map_feature([1.0, 2.0], [0.0, 1.0], 1), [[1.0, 0.0], [2.0, 1.0]])
    assert map_feature(1, 1).shape == (1, 27)


@pytest.mark.parametrize("args, message", [
    ((np.ones(3), np.ones(4)), "same length"),
    ((np.ones((3, 2)), np.ones(3)), "X1 must be a number or a 1-D array"),
    ((np.ones(3), [1.0, np.nan, 2.0]), "X2 contains 1 non-finite"),
    ((np.ones(3), np.ones(3), 0), "degree must be a whole number >= 1"),
    ((np.ones(3), np.ones(3), 2.5), "degree must be a whole number >= 1"),
    ((np.ones(3), np.ones(3), True), "degree must be a whole number >= 1"),
    ((["a"], [1.0]), "X1 must contain numbers"),
])
def test_map_feature_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        map_feature(*args)


def test_regularised_functions_reject_negative_lambda():
    X, y, w, b, _ = lab09_cost_example()
    with pytest.raises(ValueError, match="lambda_"):
        compute_cost_logistic_reg(X, y, w, b, -1.0)
    with pytest.raises(ValueError, match="lambda_"):
        compute_gradient_logistic_reg(X, y, w, b, -1.0)
