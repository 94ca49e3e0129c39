"""Tests for lab_utils.studies.regularization and newton_method's lambda_."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from lab_utils import (
    compute_cost_logistic,
    compute_gradient_logistic,
    gradient_descent,
    load_tumor_data,
    load_two_feature_data,
)
from lab_utils.newton import hessian_logistic, newton_method
from lab_utils.studies.regularization import (
    circles_split,
    confusion_counts,
    degree_curve,
    fit_regularized,
    lambda_curve,
    max_margin_direction,
    poly_features,
    separable_run,
    threshold_table,
)

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def circles():
    return circles_split(m_train=80, m_val=100, noise=0.25, seed=0)


@pytest.mark.parametrize("lambda_", [0.1, 1.0, 10.0])
def test_regularised_newton_matches_scikit_learn(noisy_data, lambda_):
    X, y = noisy_data
    w, b, _ = newton_method(X, y, np.zeros(3), 0.0, 50, tol=1e-12, lambda_=lambda_)
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b, lambda_)
    assert max(abs(dj_db), np.max(np.abs(dj_dw))) <= 1e-12
    sk = LogisticRegression(C=1 / lambda_, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_.ravel(), atol=1e-6)
    assert b == pytest.approx(sk.intercept_[0], abs=1e-6)


def test_regularisation_gives_separable_data_an_optimum(two_feature_data):
    X, y = two_feature_data
    fit = fit_regularized(X, y, 1.0, tol=1e-12)
    assert fit["converged"] and fit["iterations"] <= 10
    H = hessian_logistic(X, fit["w"], fit["b"], 1.0)
    assert np.linalg.eigvalsh(H).min() > 0.01
    # unregularised, the weights only stop when the gradient underflows the tolerance: they are large
    w0, _, _ = newton_method(X, y, np.zeros(2), 0.0, 100, tol=1e-12)
    assert np.linalg.norm(w0) > 10 * np.linalg.norm(fit["w"])


def test_regularized_hessian_matches_finite_differences_of_the_gradient(noisy_data):
    X, y = noisy_data
    w, b, lam, h = np.array([0.3, -0.2, 0.5]), 0.1, 2.5, 1e-6
    theta = np.append(w, b)

    def grad(t):
        dj_db, dj_dw = compute_gradient_logistic(X, y, t[:-1], t[-1], lam)
        return np.append(dj_dw, dj_db)

    numeric = np.column_stack([(grad(theta + h * e) - grad(theta - h * e)) / (2 * h) for e in np.eye(4)])
    np.testing.assert_allclose(hessian_logistic(X, w, b, lam), numeric, atol=1e-8)


def test_max_margin_of_the_tumour_data_is_the_midpoint():
    x, y = load_tumor_data()
    direction = max_margin_direction(x.reshape(-1, 1), y)
    # min w^2 + b^2 with 2w + b <= -1 and 3w + b >= 1 is (w, b) = (2, -5)
    np.testing.assert_allclose(direction, np.array([2.0, -5.0]) / np.sqrt(29.0), atol=1e-7)


def test_max_margin_refuses_overlapping_classes(noisy_data):
    with pytest.raises(ValueError, match="not linearly separable"):
        max_margin_direction(*noisy_data)


def test_separable_run_matches_one_long_run_and_turns_towards_the_max_margin():
    X, y = load_two_feature_data()
    run = separable_run(X, y, 0.1, [10, 100, 1000])
    w, b, _ = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 1000, verbose=False)
    np.testing.assert_allclose(run["w"][-1], w, rtol=1e-12)
    assert run["b"][-1] == pytest.approx(b, rel=1e-12)
    assert np.all(np.diff(run["norm"]) > 0)
    assert np.all(np.diff(run["cost"]) < 0)
    assert np.all(np.diff(run["angle"]) < 0)
    assert run["cost"][-1] == pytest.approx(compute_cost_logistic(X, y, w, b))


def test_separable_run_rejects_decreasing_checkpoints():
    X, y = load_two_feature_data()
    with pytest.raises(ValueError, match="increase"):
        separable_run(X, y, 0.1, [100, 10])


def test_circles_split_is_reproducible_and_sized():
    a = circles_split(m_train=30, m_val=20, seed=3)
    b = circles_split(m_train=30, m_val=20, seed=3)
    assert [part.shape for part in a] == [(30, 2), (30,), (20, 2), (20,)]
    for first, second in zip(a, b):
        np.testing.assert_array_equal(first, second)
    with pytest.raises(ValueError, match="m_train"):
        circles_split(m_train=1)


def test_poly_features_scale_with_training_statistics(circles):
    X_train, _, X_val, _ = circles
    F_train, F_val = poly_features(X_train, X_val, 3)
    assert F_train.shape == (80, 9) and F_val.shape == (100, 9)
    np.testing.assert_allclose(F_train[:, :2].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(F_train[:, :2].std(axis=0), 1.0, rtol=1e-12)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    np.testing.assert_allclose(F_val[:, :2], (X_val - mu) / sigma, rtol=1e-12)


def test_training_cost_falls_with_degree_and_rises_with_lambda(circles):
    by_degree = degree_curve(*circles, degrees=range(1, 5), lambda_=0.01)
    assert all(row["converged"] for row in by_degree)
    train = [row["train_cost"] for row in by_degree]
    assert all(later <= earlier + 1e-9 for earlier, later in zip(train, train[1:]))
    by_lambda = lambda_curve(*circles, [0.01, 1.0, 100.0], degree=4)
    train = [row["train_cost"] for row in by_lambda]
    assert all(later >= earlier - 1e-9 for earlier, later in zip(train, train[1:]))
    assert by_lambda[0]["norm_w"] > by_lambda[-1]["norm_w"]


def test_confusion_counts_by_hand():
    y = np.array([1, 1, 1, 0, 0, 0, 0])
    p = np.array([0.9, 0.4, 0.2, 0.6, 0.3, 0.1, 0.05])
    at_half = confusion_counts(y, p, 0.5)
    assert (at_half["tp"], at_half["fn"], at_half["fp"], at_half["tn"]) == (1, 2, 1, 3)
    assert at_half["recall"] == pytest.approx(1 / 3) and at_half["precision"] == pytest.approx(1 / 2)
    low = confusion_counts(y, p, 0.15)
    assert (low["tp"], low["fn"], low["fp"], low["tn"]) == (3, 0, 2, 2)
    assert np.isnan(confusion_counts(y, p, 0.95)["precision"])


def test_lowering_the_threshold_never_misses_more():
    rng = np.random.default_rng(5)
    y, p = rng.integers(0, 2, 200), rng.random(200)
    rows = threshold_table(y, p, np.linspace(0.99, 0.01, 50))
    fn = [row["fn"] for row in rows]
    fp = [row["fp"] for row in rows]
    assert all(b <= a for a, b in zip(fn, fn[1:])) and all(b >= a for a, b in zip(fp, fp[1:]))


def test_confusion_counts_rejects_a_threshold_outside_0_1():
    with pytest.raises(ValueError, match="threshold"):
        confusion_counts(np.array([0, 1]), np.array([0.2, 0.8]), 1.5)
