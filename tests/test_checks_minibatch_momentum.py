"""Tests for lab_utils.checks.minibatch_momentum: the checks of minibatch_epoch and momentum_step.

The learner functions below are written out independently, the way a learner
would write them (not taken from the check's own list of mistakes).
"""

import numpy as np
import pytest

from lab_utils import compute_gradient_logistic, sigmoid
from lab_utils.checks.minibatch_momentum import EPOCH, MOMENTUM, check_minibatch_epoch, check_momentum_step

# --- minibatch_epoch: correct answers ------------------------------------------------------------


def reference_solution(X, y, w, b, alpha, batch_size, rng):
    """The lab's reference solution (kept in sync with its <details> block)."""
    m = X.shape[0]
    order = rng.permutation(m)
    X_shuffled, y_shuffled = X[order], y[order]
    for start in range(0, m, batch_size):
        X_batch = X_shuffled[start:start + batch_size]
        y_batch = y_shuffled[start:start + batch_size]
        dj_db, dj_dw = compute_gradient_logistic(X_batch, y_batch, w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
    return w, b


def own_gradient_with_shuffle(X, y, w, b, alpha, batch_size, rng):
    """Shuffles an index array in place and writes the gradient out."""
    index = np.arange(len(y))
    rng.shuffle(index)
    for k in range(int(np.ceil(len(y) / batch_size))):
        rows = index[k * batch_size:(k + 1) * batch_size]
        error = sigmoid(X[rows] @ w + b) - y[rows]
        w = w - alpha * (X[rows].T @ error) / len(rows)
        b = b - alpha * np.sum(error) / len(rows)
    return w, b


def in_place_updates(X, y, w, b, alpha, batch_size, rng):
    """Updates a copy of w in place; returns a list instead of a tuple."""
    w = w.astype(float).copy()
    order = rng.permutation(X.shape[0])
    for batch in np.array_split(order, range(batch_size, X.shape[0], batch_size)):
        dj_db, dj_dw = compute_gradient_logistic(X[batch], y[batch], w, b)
        w -= alpha * dj_dw
        b -= alpha * dj_db
    return [w, b]


@pytest.mark.parametrize("func", [reference_solution, own_gradient_with_shuffle, in_place_updates])
def test_correct_epochs_pass(func):
    feedback = check_minibatch_epoch(func)
    assert feedback.passed, str(feedback)
    assert feedback.cause == "passed"


# --- minibatch_epoch: typical mistakes ----------------------------------------------------------


def no_shuffle(X, y, w, b, alpha, batch_size, rng):
    for start in range(0, len(y), batch_size):
        dj_db, dj_dw = compute_gradient_logistic(X[start:start + batch_size], y[start:start + batch_size], w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b


def shuffles_labels_separately(X, y, w, b, alpha, batch_size, rng):
    X = X[rng.permutation(len(y))]
    y = y[rng.permutation(len(y))]
    return no_shuffle(X, y, w, b, alpha, batch_size, rng)


def shuffles_in_place_separately(X, y, w, b, alpha, batch_size, rng):
    rng.shuffle(X)
    rng.shuffle(y)
    return no_shuffle(X, y, w, b, alpha, batch_size, rng)


def shuffles_only_X(X, y, w, b, alpha, batch_size, rng):
    return no_shuffle(X[rng.permutation(len(y))], y, w, b, alpha, batch_size, rng)


def drops_last_batch(X, y, w, b, alpha, batch_size, rng):
    order = rng.permutation(len(y))
    for k in range(len(y) // batch_size):
        rows = order[k * batch_size:(k + 1) * batch_size]
        dj_db, dj_dw = compute_gradient_logistic(X[rows], y[rows], w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b


def divides_by_batch_size(X, y, w, b, alpha, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        error = sigmoid(X[rows] @ w + b) - y[rows]
        w, b = w - alpha * X[rows].T @ error / batch_size, b - alpha * error.sum() / batch_size
    return w, b


def divides_by_m(X, y, w, b, alpha, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        error = sigmoid(X[rows] @ w + b) - y[rows]
        w, b = w - alpha * X[rows].T @ error / len(y), b - alpha * error.sum() / len(y)
    return w, b


def gradient_at_start(X, y, w, b, alpha, batch_size, rng):
    order = rng.permutation(len(y))
    w_new, b_new = w, b
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        dj_db, dj_dw = compute_gradient_logistic(X[rows], y[rows], w, b)
        w_new, b_new = w_new - alpha * dj_dw, b_new - alpha * dj_db
    return w_new, b_new


def full_gradient(X, y, w, b, alpha, batch_size, rng):
    for _ in range(0, len(y), batch_size):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b


def returns_in_loop(X, y, w, b, alpha, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        dj_db, dj_dw = compute_gradient_logistic(X[rows], y[rows], w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
        return w, b


def one_step(X, y, w, b, alpha, batch_size, rng):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return w - alpha * dj_dw, b - alpha * dj_db


def global_random(X, y, w, b, alpha, batch_size, rng):
    return reference_solution(X, y, w, b, alpha, batch_size, np.random.default_rng())


def stub(X, y, w, b, alpha, batch_size, rng):
    ...


def calls_rng(X, y, w, b, alpha, batch_size, rng):
    rng(len(y))


def uses_library(X, y, w, b, alpha, batch_size, rng):
    from lab_utils import minibatch_gradient_descent
    return minibatch_gradient_descent(X, y, w, b, alpha, 1, batch_size, seed=rng, verbose=False)[:2]


@pytest.mark.parametrize("func, cause, words", [
    (no_shuffle, "no_shuffle", "not shuffled"),
    (shuffles_labels_separately, "labels_shuffled_separately", "two different random orders"),
    (shuffles_in_place_separately, "labels_shuffled_separately", "changed the caller's X and y"),
    (shuffles_only_X, "labels_not_shuffled", "but not y"),
    (drops_last_batch, "drop_last", "last, smaller batch is missing"),
    (divides_by_batch_size, "wrong_divisor", "divided by batch_size"),
    (divides_by_m, "divided_by_m", "divided by m"),
    (gradient_at_start, "gradients_at_start", "parameters the epoch started with"),
    (full_gradient, "full_gradient_each_step", "gradient of all examples, not of the batch"),
    (returns_in_loop, "first_batch_only", "`return` indented inside the loop"),
    (one_step, "one_full_step", "one iteration of batch gradient descent"),
    (global_random, "not_reproducible", "rng.permutation(m)"),
    (stub, "not_done", "returned None"),
    (calls_rng, "rng_call", "rng.permutation(m)"),
    (uses_library, "forbidden", "minibatch_gradient_descent"),
])
def test_each_mistake_gets_its_hint(func, cause, words):
    feedback = check_minibatch_epoch(func)
    assert not feedback.passed
    assert feedback.cause == cause, str(feedback)
    assert words in str(feedback)


def test_check_never_raises_on_odd_answers():
    for func in (None, 3, lambda *a: "w, b", lambda *a: (1, 2, 3), lambda *a: 1 / 0):
        assert not check_minibatch_epoch(func).passed


def test_every_epoch_mistake_differs_from_the_right_answer():
    """Each catalogued mistake must be wrong on at least one case, or it could name a correct answer."""
    for mistake in EPOCH.mistakes:
        feedback = check_minibatch_epoch(mistake.compute)
        assert feedback.cause == mistake.name, (mistake.name, str(feedback))


# --- momentum_step -------------------------------------------------------------------------------


def momentum_reference(w, v, grad, alpha, beta):
    """The lab's reference solution."""
    v_new = beta * v - alpha * grad
    w_new = w + v_new
    return w_new, v_new


def momentum_written_differently(w, v, grad, alpha, beta):
    velocity = np.multiply(beta, v) + np.multiply(-alpha, grad)
    return np.add(w, velocity), velocity


@pytest.mark.parametrize("func", [momentum_reference, momentum_written_differently])
def test_correct_momentum_steps_pass(func):
    feedback = check_momentum_step(func)
    assert feedback.passed and feedback.cause == "passed", str(feedback)


@pytest.mark.parametrize("func, cause", [
    (lambda w, v, g, a, bt: (w + (bt * v + a * g), bt * v + a * g), "gradient_sign"),
    (lambda w, v, g, a, bt: (w + v, bt * v - a * g), "old_velocity"),
    (lambda w, v, g, a, bt: (w - a * g, -a * g), "no_momentum"),
    (lambda w, v, g, a, bt: (w + bt * v - a * g, v), "velocity_not_updated"),
    (lambda w, v, g, a, bt: (w - (bt * v - a * g), bt * v - a * g), "subtracted_velocity"),
    (lambda w, v, g, a, bt: (w + bt * v - (1 - bt) * a * g, bt * v - (1 - bt) * a * g), "dampened"),
    (lambda w, v, g, a, bt: (w + a * v - bt * g, a * v - bt * g), "swapped"),
    (lambda w, v, g, a, bt: (w + bt * v - 2 * a * g, bt * v - a * g), "gradient_twice"),
    (lambda w, v, g, a, bt: w + bt * v - a * g, "form"),
])
def test_each_momentum_mistake_gets_its_hint(func, cause):
    feedback = check_momentum_step(func)
    assert not feedback.passed
    assert feedback.cause == cause, str(feedback)


def test_every_momentum_mistake_is_named():
    for mistake in MOMENTUM.mistakes:
        assert check_momentum_step(mistake.compute).cause == mistake.name
