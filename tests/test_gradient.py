"""Tests for lab_utils.gradient and its loop twin."""

import numpy as np
import pytest

from lab_utils import (
    compute_cost_logistic,
    compute_gradient_logistic,
    compute_gradient_logistic_loop,
)

pytestmark = pytest.mark.filterwarnings("error")
GRADIENTS = [compute_gradient_logistic, compute_gradient_logistic_loop]


def finite_difference_gradient(X, y, w, b, lambda_, h=1e-6):
    """Central differences of the cost, one parameter at a time."""
    def cost(w_, b_):
        return compute_cost_logistic(X, y, w_, b_, lambda_)

    dj_dw = np.array([(cost(w + h * e, b) - cost(w - h * e, b)) / (2 * h) for e in np.eye(len(w))])
    dj_db = (cost(w, b + h) - cost(w, b - h)) / (2 * h)
    return dj_db, dj_dw


@pytest.mark.parametrize("gradient", GRADIENTS)
@pytest.mark.parametrize("lambda_", [0.0, 0.8])
def test_gradient_matches_finite_differences(gradient, lambda_):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(40, 5))
    y = rng.integers(0, 2, 40)
    w, b = rng.normal(size=5), -0.4
    dj_db, dj_dw = gradient(X, y, w, b, lambda_)
    num_db, num_dw = finite_difference_gradient(X, y, w, b, lambda_)
    assert dj_db == pytest.approx(num_db, rel=1e-7, abs=1e-9)
    np.testing.assert_allclose(dj_dw, num_dw, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("gradient", GRADIENTS)
def test_published_gradient_of_the_original_lab(gradient, two_feature_data):
    X, y = two_feature_data
    dj_db, dj_dw = gradient(X, y, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-14)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-14)


@pytest.mark.parametrize("gradient", GRADIENTS)
def test_order_types_and_shapes(gradient, two_feature_data):
    X, y = two_feature_data
    dj_db, dj_dw = gradient(X, y, np.zeros(2), 0.0)
    assert type(dj_db) is float
    assert dj_dw.shape == (2,)


@pytest.mark.parametrize("gradient", GRADIENTS)
def test_regularisation_adds_lambda_over_m_times_w(gradient, two_feature_data):
    X, y = two_feature_data
    w = np.array([1.5, -2.0])
    db0, dw0 = gradient(X, y, w, 0.2)
    db1, dw1 = gradient(X, y, w, 0.2, lambda_=3.0)
    assert db1 == db0
    np.testing.assert_allclose(dw1 - dw0, 3.0 / 6 * w, rtol=1e-12)


@pytest.mark.parametrize("gradient", GRADIENTS)
def test_extreme_logits_give_finite_gradients(gradient):
    with np.errstate(all="raise"):
        dj_db, dj_dw = gradient(np.array([[1.0], [1.0]]), np.array([1, 0]), np.array([-1e4]), 0.0)
    assert dj_db == pytest.approx(-0.5)
    assert dj_dw[0] == pytest.approx(-0.5)


def test_gradient_is_zero_at_the_optimum(noisy_data):
    from sklearn.linear_model import LogisticRegression

    X, y = noisy_data
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    dj_db, dj_dw = compute_gradient_logistic(X, y, model.coef_[0], model.intercept_[0])
    assert abs(dj_db) < 1e-7
    assert np.max(np.abs(dj_dw)) < 1e-7
