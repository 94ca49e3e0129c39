"""Tests for lab_utils.newton: Newton's method and the logistic Hessian."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from lab_utils import (
    compute_cost_logistic,
    compute_gradient_logistic,
    gradient_descent,
    load_breast_cancer_data,
    load_tumor_data,
    zscore_normalize_features,
)
from lab_utils.newton import COST_ROUNDING, fit_newton, hessian_logistic, newton_method

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def cancer_two_features():
    """Two z-scored breast-cancer features: overlapping classes, so a finite optimum."""
    X, y, _ = load_breast_cancer_data(["mean radius", "mean texture"])
    X_norm, _, _ = zscore_normalize_features(X)
    return X_norm, y


def sklearn_unregularised(X, y):
    """The reference optimum: scikit-learn's lbfgs with no penalty, solved tightly."""
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    return model.coef_.ravel(), float(model.intercept_[0])


def finite_difference_hessian(X, y, w, b, h=1e-6):
    """Central differences of the analytic gradient, one parameter at a time."""
    theta = np.append(w, b)

    def grad(t):
        dj_db, dj_dw = compute_gradient_logistic(X, y, t[:-1], t[-1])
        return np.append(dj_dw, dj_db)

    columns = [(grad(theta + h * e) - grad(theta - h * e)) / (2 * h) for e in np.eye(theta.size)]
    return np.array(columns).T


def test_same_optimum_as_scikit_learn_on_breast_cancer(cancer_two_features):
    X, y = cancer_two_features
    w, b, J_history = newton_method(X, y, np.zeros(2), 0.0, 50, tol=1e-12)
    w_ref, b_ref = sklearn_unregularised(X, y)
    np.testing.assert_allclose(w, w_ref, atol=1e-6)
    assert b == pytest.approx(b_ref, abs=1e-6)
    assert J_history[-1] == pytest.approx(compute_cost_logistic(X, y, w_ref, b_ref), abs=1e-12)
    assert len(J_history) <= 10


def test_same_optimum_as_scikit_learn_with_three_features(noisy_data):
    X, y = noisy_data
    w, b, _ = newton_method(X, y, np.zeros(3), 0.0, 50, tol=1e-12)
    w_ref, b_ref = sklearn_unregularised(X, y)
    np.testing.assert_allclose(w, w_ref, atol=1e-6)
    assert b == pytest.approx(b_ref, abs=1e-6)


def test_stops_when_the_gradient_is_below_tol(cancer_two_features):
    X, y = cancer_two_features
    w, b, J_history = newton_method(X, y, np.zeros(2), 0.0, 50, tol=1e-9)
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    assert max(abs(dj_db), np.abs(dj_dw).max()) <= 1e-9
    # Stopped there: more iterations would not have been used.
    _, _, longer = newton_method(X, y, np.zeros(2), 0.0, 500, tol=1e-9)
    assert len(longer) == len(J_history)


def test_converges_quadratically(cancer_two_features):
    X, y = cancer_two_features
    _, _, J_history = newton_method(X, y, np.zeros(2), 0.0, 50, tol=1e-13)
    assert np.all(np.diff(J_history) <= 0)
    gaps = np.array(J_history[:-1]) - J_history[-1]
    gaps = gaps[gaps > 1e-15]
    assert gaps.size >= 4
    # Quadratic convergence: near the optimum the number of correct digits
    # (about -log10 of the gap) roughly doubles with every step.
    digits = -np.log10(gaps)
    assert np.all(digits[-2:] / digits[-3:-1] > 1.6)


def test_already_at_the_optimum_takes_no_step(cancer_two_features):
    X, y = cancer_two_features
    w, b, _ = newton_method(X, y, np.zeros(2), 0.0, 50, tol=1e-12)
    w2, b2, J_history = newton_method(X, y, w, b, 50, tol=1e-8)
    assert J_history == []
    np.testing.assert_array_equal(w2, w)
    assert b2 == b


def test_far_start_is_damped_and_never_raises_the_cost(cancer_two_features):
    X, y = cancer_two_features
    w_start, b_start = np.array([40.0, -35.0]), 12.0
    start_cost = compute_cost_logistic(X, y, w_start, b_start)
    w, b, J_history = newton_method(X, y, w_start, b_start, 100, tol=1e-10)
    costs = np.array([start_cost, *J_history])
    assert np.all(np.diff(costs) <= 0)
    w_ref, b_ref = sklearn_unregularised(X, y)
    np.testing.assert_allclose(np.append(w, b), np.append(w_ref, b_ref), atol=1e-6)


def test_separable_data_drives_the_cost_to_zero_without_warnings():
    x, y = load_tumor_data()
    w, b, J_history = newton_method(x.reshape(-1, 1), y, np.zeros(1), 0.0, 200, tol=1e-8)
    assert np.all(np.diff(J_history) <= 0)
    assert J_history[-1] < 1e-7
    assert w[0] > 10  # the weight grows: there is no finite minimiser
    assert -b / w[0] == pytest.approx(2.5, abs=0.05)  # boundary between the classes


def test_duplicate_features_singular_hessian_still_fits(cancer_two_features):
    X, y = cancer_two_features
    X_dup = np.column_stack([X[:, 0], X[:, 0]])  # the Hessian is singular
    w, b, J_history = newton_method(X_dup, y, np.zeros(2), 0.0, 50, tol=1e-10)
    w_one, b_one, J_one = newton_method(X[:, :1], y, np.zeros(1), 0.0, 50, tol=1e-10)
    assert J_history[-1] == pytest.approx(J_one[-1], abs=1e-12)
    assert w.sum() == pytest.approx(w_one[0], abs=1e-6)
    assert b == pytest.approx(b_one, abs=1e-6)


def test_returns_types_and_leaves_inputs_alone(cancer_two_features):
    X, y = cancer_two_features
    w_in = np.zeros(2)
    w, b, J_history = newton_method(X, y, w_in, 0, 3, tol=1e-10)
    np.testing.assert_array_equal(w_in, 0.0)
    assert w.shape == (2,) and type(b) is float
    assert len(J_history) == 3 and all(type(J) is float for J in J_history)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"tol": 0.0}, "tol must be a finite number > 0"),
        ({"tol": "small"}, "tol must be a number"),
        ({"num_iters": 0}, "num_iters must be at least 1"),
        ({"w_in": np.zeros(3)}, "w_in must have shape (2,)"),
        ({"b_in": np.nan}, "b_in must be finite"),
        ({"y": np.array([0, 2, 1, 0])}, "only the labels 0 and 1"),
    ],
)
def test_invalid_inputs_raise_clear_errors(kwargs, message):
    args = {"X": np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0]]), "y": np.array([0, 1, 0, 1]),
            "w_in": np.zeros(2), "b_in": 0.0, "num_iters": 5, "tol": 1e-8}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        newton_method(**args)


def test_hessian_matches_finite_differences_of_the_gradient(noisy_data):
    X, y = noisy_data
    w, b = np.array([0.7, -1.1, 0.2]), 0.4
    np.testing.assert_allclose(hessian_logistic(X, w, b), finite_difference_hessian(X, y, w, b),
                               rtol=1e-6, atol=1e-9)


def test_hessian_is_xt_s_x_over_m_and_positive_semi_definite():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(30, 4))
    for _ in range(20):
        w, b = rng.normal(scale=3.0, size=4), rng.normal(scale=3.0)
        H = hessian_logistic(X, w, b)
        f = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        s = f * (1 - f)
        np.testing.assert_allclose(H[:4, :4], X.T @ np.diag(s) @ X / 30, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(H[4, 4], s.mean(), rtol=1e-12)
        np.testing.assert_allclose(H, H.T, atol=0)
        assert np.linalg.eigvalsh(H).min() >= -1e-15 * np.abs(H).max()


def test_newton_finds_a_zero_gradient_on_raw_data(badly_scaled):
    X, y = badly_scaled
    w, b = fit_newton(X, y)
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    # gradient in raw units: the large feature's component is tiny only relative to its scale
    assert abs(dj_db) < 1e-9
    assert np.all(np.abs(dj_dw * X.std(axis=0)) < 1e-9)


def test_newton_agrees_with_long_gradient_descent(noisy_data):
    X, y = noisy_data
    w, b = fit_newton(X, y)
    w_gd, b_gd, _ = gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 5000, verbose=False)
    np.testing.assert_allclose(w, w_gd, atol=1e-6)
    assert b == pytest.approx(b_gd, abs=1e-6)


def test_newton_reports_when_it_runs_out_of_iterations(noisy_data):
    X, y = noisy_data
    with pytest.raises(ValueError, match="did not bring the gradient below"):
        fit_newton(X, y, max_iters=1)


def test_a_step_that_changes_the_cost_only_by_rounding_is_taken():
    # Degree-1 features of the regularisation chapter's rings, lambda = 100: after two steps the
    # gradient is about 1e-9 and the next step lowers the cost by about 1e-18, less than its
    # rounding. Demanding a computed decrease rejected it (200 steps at the same point, gradient
    # still above tol); accepted, it brings the gradient below tol at once.
    from lab_utils.studies.regularization import circles_split, poly_features

    X_train, y_train, X_val, _ = circles_split()
    F_train, _ = poly_features(X_train, X_val, 1)
    w, b, history = newton_method(F_train, y_train, np.zeros(2), 0.0, 200, tol=1e-9, lambda_=100.0)
    dj_db, dj_dw = compute_gradient_logistic(F_train, y_train, w, b, 100.0)
    assert len(history) < 10
    assert max(abs(dj_db), np.max(np.abs(dj_dw))) <= 1e-9
    assert all(later <= earlier * (1 + COST_ROUNDING) for earlier, later in zip(history, history[1:]))
