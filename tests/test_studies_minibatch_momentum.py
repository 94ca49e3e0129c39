"""Tests for lab_utils.studies.minibatch_momentum: the numbers chapter 6 quotes."""

import numpy as np
import pytest

from lab_utils import compute_gradient_logistic
from lab_utils.newton import fit_newton
from lab_utils.studies.minibatch_momentum import (
    batch_gradient_variance,
    eigen_errors,
    epoch_gradient_average,
    explorer_observations,
    format_momentum_table,
    full_batch_run,
    momentum_settings,
    momentum_table,
    per_example_spread,
    quadratic_model_errors,
    sgd_histories,
    tail_rates,
)


def test_spread_is_the_variance_of_single_example_gradients(cancer_zscored):
    X, y = cancer_zscored
    w, b = np.array([0.3, -0.2, 0.1, 0.5]), -0.4
    f = 1 / (1 + np.exp(-(X @ w + b)))
    per_example = (f - y)[:, None] * np.column_stack([X, np.ones(len(y))])  # written out here on purpose
    expected = np.mean(np.sum((per_example - per_example.mean(axis=0)) ** 2, axis=1))
    assert per_example_spread(X, y, w, b) == pytest.approx(expected, rel=1e-12)


def test_variance_falls_as_one_over_b_and_matches_the_formula(cancer_zscored):
    X, y = cancer_zscored
    w, b = fit_newton(X, y)
    rows = batch_gradient_variance(X, y, w, b, [1, 4, 16, 64, len(y)], num_epochs=60, seed=0)
    for row in rows[:-1]:
        assert row["measured"] == pytest.approx(row["predicted"], rel=0.15)
    assert rows[0]["measured"] == pytest.approx(rows[0]["spread"], rel=1e-12)  # B = 1 sees every example
    assert rows[0]["measured"] / rows[2]["measured"] == pytest.approx(16 * (len(y) - 1) / (len(y) - 16), rel=0.15)
    assert rows[-1]["predicted"] == 0.0 and rows[-1]["measured"] < 1e-25


def test_epoch_average_is_the_full_gradient(cancer_zscored):
    X, y = cancer_zscored
    weighted, full = epoch_gradient_average(X, y, np.full(4, 0.2), 0.1, batch_size=50, seed=2)
    np.testing.assert_allclose(weighted, full, rtol=1e-12, atol=1e-16)
    dj_db, dj_dw = compute_gradient_logistic(X, y, np.full(4, 0.2), 0.1)
    np.testing.assert_allclose(full, np.append(dj_dw, dj_db))


def test_settings_give_the_textbook_rates(cancer_zscored):
    X, y = cancer_zscored
    s = momentum_settings(X, y)
    mu, L = s.eigenvalues[0], s.eigenvalues[-1]
    assert s.kappa == pytest.approx(L / mu)
    assert s.rate_gd == pytest.approx(max(abs(1 - s.alpha_gd * mu), abs(1 - s.alpha_gd * L)))
    # the heavy ball's iteration matrix for each eigenvalue has spectral radius sqrt(beta)
    for lam in s.eigenvalues:
        matrix = np.array([[1 - s.alpha_hb * lam, s.beta], [-s.alpha_hb * lam, s.beta]])
        assert np.max(np.abs(np.linalg.eigvals(matrix))) == pytest.approx(s.rate_hb, rel=1e-6)


def test_measured_rates_match_predictions_for_scaled_features(cancer_four):
    X, y = cancer_four
    rows = momentum_table(X, y, tols=(1e-4, 1e-10), max_iters=5000, methods=("z-score",))
    row = rows[0]
    assert row["gd"]["rate"] == pytest.approx(row["settings"].rate_gd, abs=2e-3)
    assert row["hb"]["rate"] == pytest.approx(row["settings"].rate_hb, abs=0.03)
    assert row["hb"]["iterations"][1] < row["gd"]["iterations"][1]
    text = format_momentum_table(rows, {"z-score": "57"})
    assert text.count("\n") == 2 and "z-score" in text and "| 57 |" in text


def test_eigen_errors_rebuild_the_error(cancer_zscored):
    X, y = cancer_zscored
    s = momentum_settings(X, y)
    _, thetas, diverged = full_batch_run(X, y, s.alpha_hb, s.beta, 40)
    assert not diverged
    errors = eigen_errors(thetas, s)
    np.testing.assert_allclose(errors @ s.eigenvectors.T, thetas - s.theta_star, atol=1e-12)


def test_sgd_histories_start_at_log_2(cancer_zscored):
    X, y = cancer_zscored
    histories = sgd_histories(X, y, {"a": {"alpha": 0.1, "batch_size": 32}}, 3)
    assert histories["a"][0] == pytest.approx(np.log(2)) and len(histories["a"]) == 4


def test_quadratic_model_follows_the_closed_form(cancer_zscored):
    X, y = cancer_zscored
    s = momentum_settings(X, y)
    start = np.zeros(X.shape[1] + 1)
    errors = quadratic_model_errors(s, start, s.alpha_gd, 0.0, 30)
    e0 = (start - s.theta_star) @ s.eigenvectors
    np.testing.assert_allclose(errors[30], (1 - s.alpha_gd * s.eigenvalues) ** 30 * e0, rtol=1e-9, atol=1e-15)
    rates = tail_rates(errors, last=20)
    assert rates[0] == pytest.approx(s.rate_gd) and rates[-1] == pytest.approx(s.rate_gd)
    # momentum: every direction's 2x2 matrix has spectral radius sqrt(beta), so the error is at most
    # a polynomial factor above rate_hb ** k
    hb = quadratic_model_errors(s, start, s.alpha_hb, s.beta, 200)
    assert np.max(np.abs(hb[200])) < 200 * 2 * s.rate_hb ** 200 * np.max(np.abs(e0)) * 10


@pytest.mark.parametrize(("y_change", "b", "message"), [
    (0.5, 0.0, "only the labels 0 and 1"),          # the study measures classes, not soft targets
    (None, float("nan"), "b must be finite; got nan"),
    (None, [0.0, 1.0], "b must be a single number"),  # float(b) raised a bare TypeError here
])
def test_measurements_validate_their_inputs_with_the_validators(cancer_zscored, y_change, b, message):
    X, y = cancer_zscored
    if y_change is not None:
        y = y.astype(float)  # a copy; the labels are integers
        y[0] = y_change
    w = np.zeros(X.shape[1])
    for measure in (per_example_spread, lambda *a: epoch_gradient_average(*a, batch_size=50, seed=0)):
        with pytest.raises(ValueError, match=message):
            measure(X, y, w, b)
    with pytest.raises(ValueError, match=message):
        batch_gradient_variance(X, y, w, b, [1, 8], num_epochs=2)
class _Run:
    def __init__(self, gap, diverged):
        self.gaps, self.diverged = np.array([1.0, gap]), diverged


class _RuleProblem:
    """Stands in for the explorer's problem: batch size 1 diverges from alpha 4 (2 with momentum), all from 8."""

    def run(self, batch_size, alpha, momentum):
        limit = (8.0 if batch_size is None else 4.0) / (2.0 if momentum else 1.0)
        return _Run(gap=alpha * (batch_size or 100) + momentum, diverged=alpha >= limit)


def test_explorer_observations_read_the_runs():
    seen = explorer_observations(_RuleProblem(), [1.0, 2.0, 4.0, 8.0], alpha=0.5, batch_size=16, momentum=0.9)
    assert seen == {"gap_all_0": 50.0, "gap_16_0": 8.0, "sgd_diverges_0": 4.0, "batch_at_0": False,
                    "gap_all_9": 50.9, "gap_16_9": 8.9, "sgd_diverges_9": 2.0, "batch_at_9": False}
    assert explorer_observations(_RuleProblem(), [1.0, 8.0])["batch_at_0"] is True
    assert explorer_observations(_RuleProblem(), [1.0])["sgd_diverges_0"] is None
