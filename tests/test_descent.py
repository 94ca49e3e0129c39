"""Tests for lab_utils.descent.gradient_descent."""

import math
import warnings

import numpy as np
import pytest

from lab_utils import DivergenceWarning, compute_cost_logistic, descent, gradient_descent
from lab_utils.descent import DescentMonitor, StopReason, run_gradient_descent

PUBLISHED_COSTS = [0.684610468560574, 0.1590977666870456, 0.08460064176930081, 0.05705327279402531,
                   0.042907594216820076, 0.034338477298845684, 0.028603798022120097,
                   0.024501569608793, 0.02142370332569295, 0.019030137124109114]


@pytest.fixture(scope="module")
def original_run():
    from lab_utils import load_two_feature_data

    X, y = load_two_feature_data()
    return X, y, gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 10_000, verbose=False)


def test_reproduces_the_published_cost_history(original_run):
    _, _, (_, _, history) = original_run
    assert len(history) == 10_000
    np.testing.assert_allclose(history[::1000], PUBLISHED_COSTS, rtol=1e-10)


def test_reproduces_the_published_parameters(original_run):
    _, _, (w, b, _) = original_run
    np.testing.assert_allclose(w, [5.28123029, 5.07815608], rtol=1e-8)
    assert b == pytest.approx(-14.222409982019837, rel=1e-10)


def test_history_is_the_cost_after_each_update(original_run):
    X, y, (w, b, history) = original_run
    assert history[-1] == pytest.approx(compute_cost_logistic(X, y, w, b), rel=1e-13)
    assert all(later <= earlier for earlier, later in zip(history, history[1:]))


def test_prints_ten_progress_lines(two_feature_data, capsys):
    X, y = two_feature_data
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 95)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Iteration {i:5d}" for i in range(0, 95, 10)]
    w1, b1 = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 1, verbose=False)[:2]
    assert lines[0] == f"Iteration     0: Cost {compute_cost_logistic(X, y, w1, b1):.12g}"


def test_silent_when_asked(two_feature_data, capsys):
    X, y = two_feature_data
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 50, verbose=False)
    assert capsys.readouterr().out == ""


def test_does_not_modify_the_initial_weights(two_feature_data):
    X, y = two_feature_data
    w_in = np.array([0.5, -0.5])
    gradient_descent(X, y, w_in, 0.0, 0.1, 20, verbose=False)
    np.testing.assert_array_equal(w_in, [0.5, -0.5])


def test_reaches_scikit_learns_optimum(noisy_data):
    from sklearn.linear_model import LogisticRegression

    X, y = noisy_data
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    w, b, _ = gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 3000, verbose=False)
    np.testing.assert_allclose(w, model.coef_[0], atol=1e-6)
    assert b == pytest.approx(model.intercept_[0], abs=1e-6)


def test_regularised_optimum_matches_scikit_learn(noisy_data):
    """sklearn minimises C*sum(loss) + |w|^2/2, i.e. ours with lambda_ = 1/C."""
    from sklearn.linear_model import LogisticRegression

    X, y = noisy_data
    model = LogisticRegression(C=0.05, tol=1e-12, max_iter=10_000).fit(X, y)
    w, b, _ = gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 3000, lambda_=1 / 0.05, verbose=False)
    np.testing.assert_allclose(w, model.coef_[0], atol=1e-6)
    assert b == pytest.approx(model.intercept_[0], abs=1e-6)


def test_record_path_returns_every_step(two_feature_data):
    X, y = two_feature_data
    run = run_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 30, record_path=True)
    w, b, history, path = run.w, run.b, run.J_history, run.path
    assert run.stop_reason is StopReason.MAX_ITERATIONS and run.stopped_at == 29
    assert len(path) == 31 and len(history) == 30
    w_gd, b_gd, history_gd = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 30, verbose=False)
    np.testing.assert_array_equal(w, w_gd)
    assert b == b_gd and history == history_gd
    np.testing.assert_array_equal(path[-1][0], w)
    assert path[-1][1] == b and path[0][1] == 0.0


def badly_scaled_data():
    rng = np.random.default_rng(3)
    X = np.column_stack([rng.normal(size=100), 1000 * rng.normal(size=100)])
    y = (X[:, 0] + X[:, 1] / 1000 + rng.normal(size=100) > 0).astype(int)
    return X, y


def test_divergence_stops_with_a_clear_warning_and_keeps_history():
    X, y = badly_scaled_data()
    with pytest.warns(DivergenceWarning, match=r"lower alpha .* scale the features"):
        w, b, history = gradient_descent(X, y, np.zeros(2), 0.0, 10.0, 1000, verbose=False)
    assert 0 < len(history) < 1000
    assert all(math.isfinite(v) for v in history)
    assert np.all(np.isfinite(w)) and math.isfinite(b)
    assert max(history) > 10 * compute_cost_logistic(X, y, np.zeros(2), 0.0)


def test_absurd_alpha_never_returns_nan():
    X, y = badly_scaled_data()
    with pytest.warns(DivergenceWarning):
        w, b, history = gradient_descent(X, y, np.zeros(2), 0.0, 1e300, 50, verbose=False)
    assert np.all(np.isfinite(w)) and math.isfinite(b)
    assert all(math.isfinite(v) for v in history)


def test_no_warning_when_converging(two_feature_data):
    X, y = two_feature_data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 500, verbose=False)


@pytest.mark.parametrize("lambda_", [0.0, 0.5])
def test_recorded_cost_is_compute_cost_logistic_at_every_iterate(two_feature_data, lambda_):
    X, y = two_feature_data
    run = run_gradient_descent(X, y, np.array([0.3, -0.2]), 0.1, 0.1, 40, lambda_, record_path=True)
    assert run.start_cost == compute_cost_logistic(X, y, *run.path[0], lambda_)
    for cost, (w, b) in zip(run.J_history, run.path[1:], strict=True):
        assert cost == compute_cost_logistic(X, y, w, b, lambda_)


def test_gradient_descent_returns_three_values_and_has_no_record_path(two_feature_data):
    X, y = two_feature_data
    assert len(gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 3, verbose=False)) == 3
    with pytest.raises(TypeError):
        gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 3, verbose=False, record_path=True)


def test_path_is_capped_like_the_history(two_feature_data, monkeypatch):
    X, y = two_feature_data
    monkeypatch.setattr(descent, "MAX_HISTORY", 5)
    run = run_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 12, record_path=True)
    assert len(run.J_history) == 5 and len(run.path) == 6
    assert run.w is not run.path[-1][0] and run.stopped_at == 11


@pytest.mark.parametrize(("alpha", "reason"), [(1e308, StopReason.NOT_FINITE), (10.0, StopReason.ABOVE_START)])
def test_stop_reason_and_a_truthful_warning(alpha, reason):
    X, y = badly_scaled_data()
    run = run_gradient_descent(X, y, np.zeros(2), 0.0, alpha, 1000, record_path=True)
    assert run.stop_reason is reason and run.diverged
    with pytest.warns(DivergenceWarning) as caught:
        w, b, history = gradient_descent(X, y, np.zeros(2), 0.0, alpha, 1000, verbose=False)
    message = str(caught[0].message)
    assert f"iteration {run.stopped_at}:" in message
    np.testing.assert_array_equal(w, run.w)
    if reason is StopReason.NOT_FINITE:  # the blown-up iterate was rejected
        assert len(history) == run.stopped_at and "last iteration before the cost blew up" in message
    else:  # the iterate at which the patience rule fired was accepted
        assert len(history) == run.stopped_at + 1
        assert f"those of iteration {run.stopped_at}, the last one done" in message
        np.testing.assert_array_equal(run.path[-1][0], w)


def test_monitor_rules():
    def judge(costs, **options):
        monitor = DescentMonitor(**options)
        monitor.start(1.0)
        return next((r for r in map(monitor.update, costs) if r is not None), None)

    assert judge([0.9, 0.8, float("nan")]) is StopReason.NOT_FINITE
    assert judge([0.9, 1.0, 1.1, 1.2], patience=3) is StopReason.KEPT_RISING
    assert judge([2.0, 1.5, 1.2, 1.1], patience=3) is StopReason.ABOVE_START
    assert judge([0.9, 0.5, 0.4], cost_star=0.35, tol=0.1) is StopReason.CONVERGED
    assert judge([0.9, 0.95, 0.5], stop_on_rise=True) is StopReason.ROSE
    assert judge([0.9, 0.9 + 1e-15, 0.8], stop_on_rise=True, tolerance=1e-14) is None
    assert judge([0.9, 0.8]) is None


def test_a_monitor_continues_one_run_across_calls(two_feature_data):
    X, y = two_feature_data
    monitor = DescentMonitor()
    first = run_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 10, monitor=monitor)
    second = run_gradient_descent(X, y, first.w, first.b, 0.1, 10, monitor=monitor)
    assert monitor.start_cost == first.start_cost
    whole = run_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 20)
    assert first.J_history + second.J_history == whole.J_history


def test_progress_bar_goes_to_stderr(two_feature_data, capsys):
    X, y = two_feature_data
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 20, verbose=False, progress=True)
    assert "gradient descent" in capsys.readouterr().err


def test_recorded_path_is_each_iterations_own_weights(two_feature_data):
    X, y = two_feature_data
    path = run_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 12, record_path=True).path
    for k in (0, 1, 5, 12):
        w_k, b_k, _ = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, k, verbose=False) if k else (np.zeros(2), 0.0, [])
        np.testing.assert_array_equal(path[k][0], w_k)
        assert path[k][1] == b_k


def test_numpy_errors_set_to_raise_do_not_break_descent():
    """Underflow and overflow inside descent are handled, even under np.seterr(all="raise")."""
    X, y = badly_scaled_data()
    with np.errstate(all="raise"), pytest.warns(DivergenceWarning):
        w, b, history = gradient_descent(X, y, np.zeros(2), 0.0, 1e300, 50, verbose=False)
    assert np.all(np.isfinite(w)) and all(math.isfinite(v) for v in history)
    X_scaled, y_scaled = X / np.abs(X).max(axis=0), y
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        w, b, history = gradient_descent(X_scaled, y_scaled, np.zeros(2), 0.0, 1.0, 200, verbose=False)
    assert history[-1] < history[0]


def test_progress_without_tqdm_names_the_missing_package(two_feature_data, monkeypatch):
    import sys

    X, y = two_feature_data
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # as if tqdm were not installed
    with pytest.raises(ImportError, match="optional package tqdm"):
        gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 5, verbose=False, progress=True)
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 5, verbose=False)  # needs no tqdm
