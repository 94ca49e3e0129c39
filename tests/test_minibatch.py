"""Tests for lab_utils.minibatch: mini-batch descent, momentum, schedules."""

import math
import warnings

import numpy as np
import pytest

from lab_utils import (
    DivergenceWarning,
    compute_cost_logistic,
    compute_gradient_logistic,
    gradient_descent,
    load_breast_cancer_data,
    load_two_feature_data,
    minibatch_gradient_descent,
    zscore_normalize_features,
)
from lab_utils.minibatch import (
    epoch_orders,
    heavy_ball_step,
    inverse_time_decay,
    num_batches,
    run_minibatch_gradient_descent,
)


@pytest.fixture(scope="module")
def cancer():
    X, y, _ = load_breast_cancer_data(["mean texture", "mean area", "mean smoothness", "mean symmetry"])
    return zscore_normalize_features(X)[0], y


@pytest.mark.parametrize("lambda_", [0.0, 0.7])
def test_full_batch_is_gradient_descent_exactly(cancer, lambda_):
    X, y = cancer
    w0 = np.array([0.1, -0.2, 0.0, 0.3])
    w_a, b_a, J_a = gradient_descent(X, y, w0, 0.5, 2.0, 150, lambda_, verbose=False)
    w_b, b_b, J_b = minibatch_gradient_descent(X, y, w0, 0.5, 2.0, 150, len(y), lambda_=lambda_, verbose=False)
    assert np.array_equal(w_a, w_b) and b_a == b_b
    assert J_a == J_b  # every one of the 150 costs, bit for bit


def test_full_batch_matches_gradient_descent_on_the_original_data():
    X, y = load_two_feature_data()
    a = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 1000, verbose=False)
    b = minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 1000, len(y), verbose=False)
    assert np.array_equal(a[0], b[0]) and a[1] == b[1] and a[2] == b[2]


def test_same_seed_same_run_different_seed_different_run(cancer):
    X, y = cancer
    runs = [minibatch_gradient_descent(X, y, np.zeros(4), 0.0, 0.3, 3, 16, seed=s, verbose=False) for s in (5, 5, 6)]
    assert np.array_equal(runs[0][0], runs[1][0]) and runs[0][2] == runs[1][2]
    assert not np.array_equal(runs[0][0], runs[2][0])


def test_history_is_full_data_cost_after_each_epoch(cancer):
    X, y = cancer
    run = run_minibatch_gradient_descent(X, y, np.zeros(4), 0.0, 0.2, 4, 50, record_path=True)
    history, path = run.J_history, run.path
    assert len(history) == 4 and len(path) == 5
    for cost, (w, b) in zip(history, path[1:]):
        assert cost == pytest.approx(compute_cost_logistic(X, y, w, b), rel=1e-13)


def test_one_epoch_equals_the_loop_written_out(cancer):
    """One epoch: shuffle with the generator's permutation, slices with a short last batch, one step each."""
    X, y = cancer
    m, alpha, batch = len(y), 0.4, 64
    order = np.random.default_rng(3).permutation(m)
    w, b = np.zeros(4), 0.0
    steps = 0
    for start in range(0, m, batch):
        idx = order[start:start + batch]
        dj_db, dj_dw = compute_gradient_logistic(X[idx], y[idx], w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
        steps += 1
    assert steps == num_batches(m, batch) == math.ceil(m / batch)
    w_ours, b_ours, _ = minibatch_gradient_descent(X, y, np.zeros(4), 0.0, alpha, 1, batch, seed=3, verbose=False)
    np.testing.assert_allclose(w_ours, w, rtol=1e-12, atol=1e-14)
    assert b_ours == pytest.approx(b, rel=1e-12, abs=1e-14)


def test_epoch_orders_are_the_orders_descent_visits(cancer):
    """Two epochs of batches of 100 with momentum, written out with epoch_orders: the library's numbers."""
    X, y = cancer
    m, alpha, beta, batch = len(y), 0.3, 0.5, 100
    orders = epoch_orders(m, 2, seed=7)
    assert orders.shape == (2, m) and all(np.array_equal(np.sort(row), np.arange(m)) for row in orders)
    assert not np.array_equal(orders[0], orders[1])
    w, b, v_w, v_b = np.zeros(4), 0.0, np.zeros(4), 0.0
    for order in orders:
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            dj_db, dj_dw = compute_gradient_logistic(X[idx], y[idx], w, b)
            w, v_w = heavy_ball_step(w, v_w, dj_dw, alpha, beta)
            b, v_b = heavy_ball_step(b, v_b, dj_db, alpha, beta)
    run = run_minibatch_gradient_descent(X, y, np.zeros(4), 0.0, alpha, 2, batch, momentum=beta, seed=7)
    np.testing.assert_allclose(run.w, w, rtol=1e-12, atol=1e-15)
    assert run.b == pytest.approx(b, rel=1e-12, abs=1e-15)
    assert np.array_equal(epoch_orders(m, 3, seed=7)[:2], orders)  # later epochs leave earlier ones alone


def test_epoch_orders_reject_a_bad_count():
    with pytest.raises(ValueError, match="num_epochs"):
        epoch_orders(10, 0)


def test_batch_gradients_of_an_epoch_average_to_the_full_gradient():
    """Equal batches that partition the data: their mean gradient is the full gradient (unbiasedness)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    y = (rng.random(120) < 0.4).astype(float)
    w, b = np.array([0.5, -1.0, 0.25]), 0.3
    order = rng.permutation(120)
    grads = [np.append(*compute_gradient_logistic(X[idx], y[idx], w, b)[::-1])
             for idx in np.split(order, 8)]  # 8 batches of 15
    full = np.append(*compute_gradient_logistic(X, y, w, b)[::-1])
    np.testing.assert_allclose(np.mean(grads, axis=0), full, rtol=1e-12, atol=1e-15)
    assert max(np.abs(g - full).max() for g in grads) > 1e-3  # each batch alone is not the full gradient


def test_momentum_is_the_heavy_ball(cancer):
    """Full batch with momentum = Polyak's w_{k+1} = w_k - alpha grad + beta (w_k - w_{k-1})."""
    X, y = cancer
    alpha, beta = 1.0, 0.6
    w_prev, b_prev = np.zeros(4), 0.0
    w, b = w_prev.copy(), b_prev
    for _ in range(30):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        w, w_prev = w - alpha * dj_dw + beta * (w - w_prev), w
        b, b_prev = b - alpha * dj_db + beta * (b - b_prev), b
    w_ours, b_ours, _ = minibatch_gradient_descent(X, y, np.zeros(4), 0.0, alpha, 30, len(y), momentum=beta,
                                                   verbose=False)
    np.testing.assert_allclose(w_ours, w, rtol=1e-10)
    assert b_ours == pytest.approx(b, rel=1e-10)


def test_heavy_ball_step_and_zero_momentum():
    w, v = heavy_ball_step(np.array([1.0, 2.0]), np.array([0.5, -0.5]), np.array([1.0, 1.0]), 0.1, 0.9)
    np.testing.assert_allclose(v, [0.35, -0.55])
    np.testing.assert_allclose(w, [1.35, 1.45])
    assert heavy_ball_step(3.0, 0.0, 2.0, 0.5, 0.0) == (2.0, -1.0)


def test_schedule_decays_the_step():
    factor = inverse_time_decay(10)
    assert factor(0) == 1.0 and factor(10) == 0.5 and factor(90) == pytest.approx(0.1)
    X, y = load_two_feature_data()
    # With a schedule that is always 1 the run is the constant-alpha run.
    a = minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 5, 2, verbose=False)
    b = minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 5, 2, schedule=lambda t: 1.0, verbose=False)
    assert np.array_equal(a[0], b[0])
    # A schedule that halves every step moves less than the constant rate.
    c = minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 5, 2, schedule=lambda t: 0.5 ** t, verbose=False)
    assert np.linalg.norm(c[0]) < np.linalg.norm(a[0])


def test_decaying_rate_passes_constant_rate_sgd_at_its_noise_floor(cancer):
    X, y = cancer
    runs = {}
    for label, schedule, alpha in (("constant", None, 0.3), ("decaying", inverse_time_decay(100), 0.3)):
        _, _, history = minibatch_gradient_descent(X, y, np.zeros(4), 0.0, alpha, 60, 1, schedule=schedule,
                                                   verbose=False)
        runs[label] = np.array(history)
    assert runs["decaying"][-10:].max() < runs["constant"][-10:].min()


def test_verbose_prints_every_tenth_epoch(capsys):
    X, y = load_two_feature_data()
    minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 20, 3)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10 and lines[0].startswith("Epoch     0: Cost ")


@pytest.mark.parametrize("kwargs, message", [
    ({"batch_size": 0}, "batch_size must be at least 1"),
    ({"batch_size": 7}, "batch_size=7 is larger than the number of examples m=6"),
    ({"batch_size": 2.5}, "batch_size must be a whole number"),
    ({"num_epochs": 0}, "num_epochs must be at least 1"),
    ({"alpha": -1.0}, "alpha"),
    ({"momentum": 1.0}, r"momentum must be a finite number in \[0, 1\); got 1.0"),
    ({"momentum": -0.1}, r"momentum must be a finite number in \[0, 1\); got -0.1"),
    ({"lambda_": -1.0}, "lambda_"),
    ({"schedule": 3}, "schedule must be a function"),
    ({"schedule": lambda t: -1.0}, r"schedule\(0\) must be a finite number > 0"),
    ({"w_in": np.zeros(3)}, r"w_in must have shape \(2,\)"),
    ({"y": np.array([0, 1, 2, 0, 1, 0])}, "only the labels 0 and 1"),
])
def test_invalid_inputs_raise_clear_errors(kwargs, message):
    X, y = load_two_feature_data()
    args = {"X": X, "y": y, "w_in": np.zeros(2), "b_in": 0.0, "alpha": 0.1, "num_epochs": 3, "batch_size": 2}
    args.update(kwargs)
    positional = [args.pop(k) for k in ("X", "y", "w_in", "b_in", "alpha", "num_epochs", "batch_size")]
    with pytest.raises(ValueError, match=message):
        minibatch_gradient_descent(*positional, verbose=False, **args)


def test_divergence_is_reported_like_gradient_descent():
    X, y = load_two_feature_data()
    with pytest.warns(DivergenceWarning, match=r"diverged at epoch .* lower alpha .* scale the features"):
        w, b, history = minibatch_gradient_descent(X * 100, y, np.zeros(2), 0.0, 10.0, 500, 2, verbose=False)
    assert 0 < len(history) < 500
    assert np.all(np.isfinite(w)) and math.isfinite(b) and all(math.isfinite(c) for c in history)


def test_infinite_cost_stops_with_last_finite_parameters():
    X, y = load_two_feature_data()
    # (at alpha = 1e300 the first epoch lands on a separating w, cost 0, which is no divergence)
    with pytest.warns(DivergenceWarning, match="infinite or NaN"):
        w, b, history = minibatch_gradient_descent(X, y, np.zeros(2), 0.0, 1e308, 50, 1, verbose=False)
    assert np.all(np.isfinite(w)) and math.isfinite(b) and all(math.isfinite(c) for c in history)


def test_no_warning_when_converging(cancer):
    X, y = cancer
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, _, history = minibatch_gradient_descent(X, y, np.zeros(4), 0.0, 0.1, 20, 32, momentum=0.5, verbose=False)
    assert history[-1] < compute_cost_logistic(X, y, np.zeros(4), 0.0)


def test_inputs_are_not_modified(cancer):
    X, y = cancer
    X0, y0, w0 = X.copy(), y.copy(), np.array([0.1, 0.2, 0.3, 0.4])
    w_in = w0.copy()
    minibatch_gradient_descent(X, y, w_in, 0.0, 0.1, 2, 10, momentum=0.9, verbose=False)
    assert np.array_equal(X, X0) and np.array_equal(y, y0) and np.array_equal(w_in, w0)
