"""Tests for lab_utils.studies.feature_scaling: conditioning, stable learning rates, iteration counts."""

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import (
    DivergenceWarning,
    compute_cost_logistic,
    gradient_descent,
)
from lab_utils.display import markdown_table
from lab_utils.newton import fit_newton
from lab_utils.scaling import SCALINGS, scale_features
from lab_utils.studies.feature_scaling import (
    condition_number,
    cost_history,
    descent_is_stable,
    descent_paths,
    format_table,
    iterations_to_tolerance,
    largest_stable_alpha,
    optimal_cost,
    safe_alpha,
    scaling_table,
)


def _descend(X, y, alpha, num_iters):
    """Plain gradient descent from zero, warnings recorded (an independent reference run)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, _, history = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters, verbose=False)
    return np.array(history), caught


# --- scaling -----------------------------------------------------------------


# --- Hessian and conditioning ------------------------------------------------

def test_condition_number_at_zero_is_that_of_the_gram_matrix(badly_scaled):
    X, _ = badly_scaled
    A = np.column_stack([X, np.ones(len(X))])
    eig = np.linalg.eigvalsh(A.T @ A / len(X))
    assert condition_number(X) == pytest.approx(eig[-1] / eig[0], rel=1e-8)


def test_condition_number_at_another_point_uses_that_hessian(noisy_data):
    X, y = noisy_data
    w, b = np.array([0.3, -0.7, 1.1]), 0.4
    f = 1 / (1 + np.exp(-(X @ w + b)))
    A = np.column_stack([X, np.ones(len(X))])
    eig = np.linalg.eigvalsh((A * (f * (1 - f))[:, None]).T @ A / len(X))
    assert condition_number(X, w, b) == pytest.approx(eig[-1] / eig[0], rel=1e-8)


def test_condition_number_of_an_orthogonal_design_is_one():
    X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])  # X~ᵀX~/m = identity
    assert condition_number(X) == pytest.approx(1.0, abs=1e-12)
    # Shifting one feature away from zero couples it with the bias: 1 + 50 + 50² = λmax + λmin.
    shifted = X + [50.0, 0.0]
    eig = np.linalg.eigvalsh(np.array([[1.0, 50.0], [50.0, 2501.0]]))
    assert condition_number(shifted) == pytest.approx(eig[-1] / eig[0], rel=1e-9)
    assert condition_number(shifted) > 1e4


def test_condition_number_is_infinite_for_a_constant_feature():
    X = np.array([[1.0, 3.0], [2.0, 3.0], [4.0, 3.0]])  # column 1 duplicates the bias
    assert condition_number(X) == math.inf


def test_scaling_lowers_the_condition_number(badly_scaled):
    X, _ = badly_scaled
    raw, minmax, zscore = (condition_number(scale_features(X, m)[0]) for m in SCALINGS)
    assert raw > 1e4 > minmax > zscore
    assert zscore < 2  # the two z-scored features are nearly uncorrelated


def test_safe_alpha_is_two_over_the_lipschitz_constant(badly_scaled):
    X, _ = badly_scaled
    A = np.column_stack([np.ones(len(X)), X])
    L = np.linalg.norm(A, 2) ** 2 / (4 * len(X))  # largest singular value squared
    assert safe_alpha(X) == pytest.approx(2 / L, rel=1e-10)


# --- the optimum ---------------------------------------------------------------


def test_optimal_cost_does_not_depend_on_the_scaling(badly_scaled):
    X, y = badly_scaled
    costs = [optimal_cost(scale_features(X, m)[0], y) for m in SCALINGS]
    assert costs[0] < math.log(2)
    np.testing.assert_allclose(costs, costs[0], rtol=1e-12)


def test_newton_on_separable_data_approaches_zero_cost():
    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
    w, b = fit_newton(X, y)
    assert w[0] > 10 and -b / w[0] == pytest.approx(1.5, abs=0.01)  # boundary between the classes
    assert optimal_cost(X, y) < 1e-9


# --- iterations to a tolerance --------------------------------------------------

def test_iteration_count_matches_an_independent_run(noisy_data):
    X, y = noisy_data
    cost_star = optimal_cost(X, y)
    result = iterations_to_tolerance(X, y, 1.0, 1e-6, 2000)
    history, caught = _descend(X, y, 1.0, 2000)
    assert not caught
    gaps = history - cost_star
    k = result.iterations
    assert k is not None and 1 < k < 2000
    assert gaps[k - 1] <= 1e-6 < gaps[k - 2]
    assert result.gap == pytest.approx(gaps[k - 1], abs=1e-15)
    assert not result.diverged and not result.cost_rose


def test_chunked_runs_equal_one_long_run(noisy_data):
    """The count crosses several chunk boundaries (100, 200, 400, ...) yet matches exactly."""
    X, y = noisy_data
    cost_star = optimal_cost(X, y)
    result = iterations_to_tolerance(X, y, 0.02, 1e-3, 5000, cost_star)
    history, _ = _descend(X, y, 0.02, 5000)
    assert result.iterations > 300
    assert result.iterations == int(np.flatnonzero(history - cost_star <= 1e-3)[0]) + 1


def test_z_score_needs_far_fewer_iterations_than_raw(badly_scaled):
    X, y = badly_scaled
    cost_star = optimal_cost(X, y)
    counts = {}
    for method in ("raw", "z-score"):
        X_s = scale_features(X, method)[0]
        counts[method] = iterations_to_tolerance(X_s, y, safe_alpha(X_s) / 2, 1e-4, 3000, cost_star)
    assert counts["z-score"].iterations < 100
    assert counts["raw"].iterations is None  # not within the cap
    assert counts["raw"].gap > 1e-4 and not counts["raw"].diverged


def test_a_huge_learning_rate_is_reported_as_diverged(badly_scaled):
    X, y = badly_scaled
    result = iterations_to_tolerance(X, y, 1.0, 1e-4, 1000)
    assert result.iterations is None
    assert result.diverged and result.cost_rose


def test_iterations_to_tolerance_rejects_a_bad_tolerance(noisy_data):
    X, y = noisy_data
    with pytest.raises(ValueError, match="tol must be > 0"):
        iterations_to_tolerance(X, y, 1.0, 0.0, 10)


# --- stable learning rates -------------------------------------------------------

def test_the_safe_learning_rate_is_stable(badly_scaled):
    X, y = badly_scaled
    for method in SCALINGS:
        X_s = scale_features(X, method)[0]
        assert descent_is_stable(X_s, y, safe_alpha(X_s))


def test_largest_stable_alpha_is_stable_and_twice_it_diverges(badly_scaled):
    X, y = badly_scaled
    for method in SCALINGS:
        X_s = scale_features(X, method)[0]
        alpha = largest_stable_alpha(X_s, y, num_iters=200)
        assert alpha >= safe_alpha(X_s) * 0.999
        assert descent_is_stable(X_s, y, alpha, 200)
        history, caught = _descend(X_s, y, alpha, 200)
        assert not caught and np.all(np.diff(history) <= 1e-14)
        assert not descent_is_stable(X_s, y, 2 * alpha, 200)
        with pytest.warns(DivergenceWarning):
            gradient_descent(X_s, y, np.zeros(2), 0.0, 2 * alpha, 2000, verbose=False)


def test_largest_stable_alpha_brackets_to_rtol(noisy_data):
    X, y = noisy_data
    alpha = largest_stable_alpha(X, y, num_iters=100, rtol=0.01)
    assert descent_is_stable(X, y, alpha, 100)
    assert not descent_is_stable(X, y, alpha * 1.02, 100)


def test_stability_until_convergence_is_stricter_than_for_a_few_iterations(noisy_data):
    X, y = noisy_data
    cost_star = optimal_cost(X, y)
    short = largest_stable_alpha(X, y, num_iters=20)
    converged = largest_stable_alpha(X, y, num_iters=5000, tol=1e-12, cost_star=cost_star)
    assert converged <= short * 1.03
    history, _ = _descend(X, y, converged, 5000)
    assert history[-1] - cost_star < 1e-10


# --- helpers for the chapter ---------------------------------------------------

def test_cost_history_matches_gradient_descent_and_stays_quiet(noisy_data):
    X, y = noisy_data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history, diverged = cost_history(X, y, 0.5, 50)
        _, diverged_big = cost_history(X * 1000, y, 100.0, 50)
    reference, _ = _descend(X, y, 0.5, 50)
    np.testing.assert_array_equal(history, reference)
    assert not diverged and diverged_big


def test_cost_history_shortcut_at_a_fixed_point_is_exact(noisy_data, monkeypatch):
    """Once the parameters stop changing, the history is completed without running; it must
    equal what a single long run records."""
    import lab_utils.studies.feature_scaling as study

    X, y = noisy_data
    chunks = []
    descend = study.run_gradient_descent

    def spy(*args, **kwargs):
        chunks.append(args[5])
        return descend(*args, **kwargs)

    monkeypatch.setattr(study, "run_gradient_descent", spy)
    history, diverged = cost_history(X, y, 3.0, 6000)
    assert sum(chunks) < 6000  # the shortcut was taken
    _, _, reference = gradient_descent(X, y, np.zeros(3), 0.0, 3.0, 6000, verbose=False, patience=6001)
    assert not diverged and len(history) == 6000
    np.testing.assert_array_equal(history, reference)


def test_descent_paths_start_at_zero_and_z_score_gets_closest(badly_scaled):
    X, y = badly_scaled
    runs = descent_paths(X[:, 1], y, num_iters=40)
    assert [r["method"] for r in runs] == list(SCALINGS)
    for run in runs:
        assert run["path"].shape == (41, 2)
        np.testing.assert_array_equal(run["path"][0], [0, 0])
        X_s = scale_features(X[:, [1]], run["method"])[0]
        np.testing.assert_array_equal(run["x"], X_s[:, 0])
        assert run["alpha"] == pytest.approx(safe_alpha(X_s) / 2)
        w, b = run["path"][-1]
        assert run["gap"] == pytest.approx(compute_cost_logistic(X_s, y, [w], b) - run["cost_star"], abs=1e-14)
    gaps = [r["gap"] for r in runs]
    assert gaps[2] < gaps[1] < gaps[0]


def test_scaling_table_rows(badly_scaled):
    X, y = badly_scaled
    rows = scaling_table(X, y, tol=1e-4, max_iters=2000)
    assert [r["method"] for r in rows] == list(SCALINGS)
    raw, _, zscore = rows
    assert raw["condition_number"] > 1e4 and zscore["condition_number"] < 2
    assert raw["iterations"] is None and raw["max_iters"] == 2000
    assert zscore["iterations"] < 100
    cost_star = optimal_cost(X, y)
    for row in rows:
        X_s = scale_features(X, row["method"])[0]
        assert row["alpha"] >= row["safe_alpha"] * 0.999
        history, caught = _descend(X_s, y, row["alpha"], row["iterations"] or 2000)
        assert not caught
        assert np.all(np.diff(history) <= 1e-14)  # the counted run never raised the cost
        if row["iterations"] is not None:
            assert history[-1] - cost_star <= 1e-4


def test_markdown_table_and_format_table():
    assert markdown_table(["a", "b"], [["1", "2"]], align="lr") == "| a | b |\n| --- | ---: |\n| 1 | 2 |"
    with pytest.raises(ValueError):
        markdown_table(["a", "b"], [["1"]])
    rows = [
        {"method": "raw", "condition_number": 1.2e7, "safe_alpha": 1.4e-5, "alpha": 1.5e-5,
         "iterations": None, "gap": 0.24, "diverged": False, "max_iters": 10_000},
        {"method": "z-score", "condition_number": 1.95, "safe_alpha": 6.06, "alpha": 21.5,
         "iterations": 21, "gap": 9e-5, "diverged": False, "max_iters": 10_000},
    ]
    lines = format_table(rows, tol=1e-4).splitlines()
    assert "J − J* ≤ 1 × 10⁻⁴" in lines[0]
    assert lines[2] == "| raw | 1.2 × 10⁷ | 1.4 × 10⁻⁵ | 1.5 × 10⁻⁵ | > 10,000 (J − J* still 0.24) |"
    assert lines[3] == "| z-score | 1.95 | 6.06 | 21.5 | 21 |"
