"""Checks for the two exercises of the mini-batch and momentum lab.

* :func:`check_minibatch_epoch` checks a learner's
  ``minibatch_epoch(X, y, w, b, alpha, batch_size, rng) -> (w, b)``: one
  epoch of mini-batch gradient descent (shuffle with ``rng.permutation``,
  slice, step);
* :func:`check_momentum_step` checks a learner's
  ``momentum_step(w, v, grad, alpha, beta) -> (w_new, v_new)``: one
  heavy-ball update ``v := beta v - alpha grad``, ``w := w + v``.

Both are written on :mod:`lab_utils.checks.framework`: the learner's function
runs on a few cases, and a wrong answer is compared with what each typical
mistake computes (not shuffling, dropping or mis-dividing the last batch,
shuffling the labels separately, a flipped sign, the old velocity, ...).

Tolerances: every correct epoch does the same arithmetic in perhaps a
different order (``X[order]`` or ``np.take``, a mean or a sum divided by the
batch size), on numbers of size at most about 10, over at most 12 updates, so
correct answers agree to about 1e-14; ``rtol = 1e-9``, ``atol = 1e-12``
leave a wide margin while every mistake below changes the result by more than
1e-3.

Used by ``labs/minibatch_momentum_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.checks.feedback import Feedback, call_quietly
from lab_utils.checks.framework import Case, ErrorHint, Exercise, Mistake, never_raises, read_tuple, run_check
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.minibatch import heavy_ball_step, minibatch_gradient_descent

__all__ = ["EPOCH", "MOMENTUM", "check_minibatch_epoch", "check_momentum_step"]


# --- one epoch of mini-batch descent -------------------------------------------------------------

def reference_epoch(X, y, w, b, alpha, batch_size, rng):
    """One epoch of :func:`lab_utils.minibatch_gradient_descent`, shuffled by ``rng``.

    Returns
    -------
    w : ndarray
    b : float
    """
    w, b, _ = minibatch_gradient_descent(X, y, w, b, alpha, 1, batch_size, seed=rng, verbose=False)
    return w, b


def _batches(m, batch_size, order, keep_last=True):
    stop = m if keep_last else m - m % batch_size
    return [order[start:start + batch_size] for start in range(0, stop, batch_size)]


def _epoch(X, y, w, b, alpha, batch, order_x, order_y=None, keep_last=True, divisor=None,
           at_start=False, full=False):
    """An epoch with the knobs that typical mistakes turn."""
    order_y = order_x if order_y is None else order_y
    w, b = np.array(w, dtype=float), float(b)
    w0, b0 = w.copy(), b
    for idx_x, idx_y in zip(_batches(len(y), batch, order_x, keep_last),
                            _batches(len(y), batch, order_y, keep_last)):
        Xb, yb = (X, y) if full else (X[idx_x], y[idx_y])
        dj_db, dj_dw = compute_gradient_logistic(Xb, yb, w0 if at_start else w, b0 if at_start else b)
        if divisor is not None:  # the sum of the batch's errors divided by `divisor`
            dj_db, dj_dw = dj_db * len(yb) / divisor, dj_dw * len(yb) / divisor
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b


def _no_shuffle(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, np.arange(len(y)))


def _drop_last(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), keep_last=False)


def _wrong_divisor(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), divisor=batch)


def _divided_by_m(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), divisor=len(y))


def _labels_shuffled_separately(X, y, w, b, alpha, batch, rng):
    order_x = rng.permutation(len(y))
    return _epoch(X, y, w, b, alpha, batch, order_x, order_y=rng.permutation(len(y)))


def _labels_not_shuffled(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), order_y=np.arange(len(y)))


def _gradients_at_start(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), at_start=True)


def _full_gradient_each_step(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, batch, rng.permutation(len(y)), full=True)


def _first_batch_only(X, y, w, b, alpha, batch, rng):
    first = rng.permutation(len(y))[:batch]
    dj_db, dj_dw = compute_gradient_logistic(X[first], y[first], w, b)
    return w - alpha * dj_dw, b - alpha * dj_db


def _one_full_step(X, y, w, b, alpha, batch, rng):
    return _epoch(X, y, w, b, alpha, len(y), np.arange(len(y)))


def _epoch_cases():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(10, 2)) * [1.5, 0.7] + [0.2, -0.4]
    y = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 1])
    X3 = rng.normal(size=(7, 3))
    y3 = np.array([0, 1, 1, 0, 1, 0, 0])
    return (
        Case("10 examples, 2 features, batch_size = 4 (batches of 4, 4 and 2), alpha = 0.5",
             (X, y, np.array([0.3, -0.2]), 0.1, 0.5, 4, np.random.default_rng(1))),
        Case("10 examples, 2 features, batch_size = 3 (batches of 3, 3, 3 and 1), alpha = 0.8",
             (X, y, np.array([-0.5, 0.4]), -0.2, 0.8, 3, np.random.default_rng(2))),
        Case("7 examples, 3 features, batch_size = 1 (stochastic gradient descent), alpha = 0.3",
             (X3, y3, np.array([0.2, 0.1, -0.3]), 0.0, 0.3, 1, np.random.default_rng(3))),
        Case("7 examples, 3 features, batch_size = 7 (one batch: batch gradient descent), alpha = 1",
             (X3, y3, np.array([0.2, 0.1, -0.3]), 0.0, 1.0, 7, np.random.default_rng(4))),
    )


#: The exercise ``minibatch_epoch``.
EPOCH = Exercise(
    name="minibatch_epoch",
    reference=reference_epoch,
    cases=_epoch_cases(),
    arg_names=("X", "y", "w", "b", "alpha", "batch_size", "rng"),
    outputs=("w", "b"),
    read=read_tuple(("w", "b"), "`return w, b`"),
    mistakes=(
        Mistake("one_full_step", _one_full_step,
                "you made one step with the gradient of all examples: that is one iteration of batch "
                "gradient descent. An epoch makes one step per batch of batch_size examples."),
        Mistake("no_shuffle", _no_shuffle,
                "the examples were not shuffled: you took the batches in the data's own order. Draw "
                "order = rng.permutation(m) at the start of the epoch and slice X[order] and y[order]."),
        Mistake("labels_shuffled_separately", _labels_shuffled_separately,
                "X and y were shuffled with two different random orders, so each example lost its "
                "label. Draw one order = rng.permutation(m) and use it for both: X[order], y[order]."),
        Mistake("labels_not_shuffled", _labels_not_shuffled,
                "you shuffled X but not y, so the batches pair examples with the wrong labels. Index "
                "both with the same order: X[order], y[order]."),
        Mistake("drop_last", _drop_last,
                "the last, smaller batch is missing: when batch_size does not divide m, the examples "
                "left over must still make one more (smaller) batch. Loop with "
                "for start in range(0, m, batch_size) and slice [start:start + batch_size]."),
        Mistake("wrong_divisor", _wrong_divisor,
                "the last, smaller batch's gradient was divided by batch_size instead of by the number "
                "of examples it really has. Average over the batch you have: len(y_batch) (which "
                "compute_gradient_logistic does for you)."),
        Mistake("divided_by_m", _divided_by_m,
                "each batch's gradient was divided by m, the size of the whole training set, instead "
                "of by the batch's own size, which makes every step m / batch_size times too small."),
        Mistake("gradients_at_start", _gradients_at_start,
                "every batch's gradient was computed at the parameters the epoch started with. Each "
                "step must use the w and b that the previous step left."),
        Mistake("full_gradient_each_step", _full_gradient_each_step,
                "each step used the gradient of all examples, not of the batch. Compute it on the "
                "batch's rows only: compute_gradient_logistic(X_batch, y_batch, w, b)."),
        Mistake("first_batch_only", _first_batch_only,
                "only the first batch made a step: is the `return` indented inside the loop? Return "
                "after the loop over all batches."),
    ),
    error_hints=(
        ErrorHint("rng_call", (TypeError,), "not callable",
                  "rng is a NumPy random generator, not a function: call its method, rng.permutation(m)."),
        ErrorHint("float_slice", (TypeError,), "slice indices must be integers",
                  "a slice bound is not an integer; use integer arithmetic (start + batch_size, range(0, m, "
                  "batch_size)), not /."),
    ),
    success="one epoch (shuffle with rng.permutation, batches of batch_size with the rest as a last batch, "
            "one step each) matches lab_utils.minibatch_gradient_descent on every case.",
    fallback="your parameters after the epoch differ from the right ones. Check the three steps: "
             "order = rng.permutation(m) once; for start in range(0, m, batch_size), slice X[order] and "
             "y[order]; step w, b with that batch's gradient.",
    rtol=1e-9,
    atol=1e-12,
    forbidden=("minibatch_gradient_descent",),
)


def _reproducible(func):
    """Feedback when two calls with identical arguments disagree (the rng was not used), else None."""
    case = EPOCH.cases[0]
    first, problem = call_quietly(EPOCH.name, func, *case.fresh_args())
    second, _ = call_quietly(EPOCH.name, func, *case.fresh_args())
    if problem is not None or first is None or second is None:
        return None  # run_check names these
    try:
        same = all(np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
                   for a, b in zip(first, second))
    except (TypeError, ValueError):
        return None
    if same:
        return None
    return Feedback(EPOCH.name, False, "two calls with the same arguments gave different results, so your "
                    "shuffle does not use the rng it was given (np.random.permutation or random.shuffle use "
                    "a generator of their own). Shuffle with rng.permutation(m), so that a seeded rng "
                    "makes every run reproducible.", (f"case: {case.name}",), cause="not_reproducible")


@never_raises
def check_minibatch_epoch(func):
    """Check a learner's ``minibatch_epoch(X, y, w, b, alpha, batch_size, rng)``.

    Parameters
    ----------
    func : callable
        Returns ``(w, b)`` after one epoch.

    Returns
    -------
    Feedback
        Passed when it matches :func:`lab_utils.minibatch_gradient_descent`
        (one epoch, the same ``rng``) on every case; otherwise the most
        specific hint. Never raises.
    """
    if callable(func):
        unreproducible = _reproducible(func)
        if unreproducible is not None:
            return unreproducible
    return run_check(EPOCH, func)


# --- one momentum step -----------------------------------------------------------------------------

def _gradient_sign(w, v, g, alpha, beta):
    v_new = beta * v + alpha * g
    return w + v_new, v_new


def _old_velocity(w, v, g, alpha, beta):
    return w + v, beta * v - alpha * g


def _no_momentum(w, v, g, alpha, beta):
    return w - alpha * g, -alpha * g


def _velocity_not_updated(w, v, g, alpha, beta):
    return w + beta * v - alpha * g, v


def _subtracted_velocity(w, v, g, alpha, beta):
    v_new = beta * v - alpha * g
    return w - v_new, v_new


def _dampened(w, v, g, alpha, beta):
    v_new = beta * v - (1 - beta) * alpha * g
    return w + v_new, v_new


def _swapped(w, v, g, alpha, beta):
    v_new = alpha * v - beta * g
    return w + v_new, v_new


def _gradient_twice(w, v, g, alpha, beta):
    v_new = beta * v - alpha * g
    return w + v_new - alpha * g, v_new


#: The exercise ``momentum_step``.
MOMENTUM = Exercise(
    name="momentum_step",
    reference=heavy_ball_step,
    cases=(
        Case("w, v and grad of 3 weights, alpha = 0.1, beta = 0.9",
             (np.array([1.0, -2.0, 0.5]), np.array([0.3, -0.1, 0.2]), np.array([0.5, 1.5, -2.0]), 0.1, 0.9)),
        Case("the first step (v = 0), alpha = 0.5, beta = 0.8",
             (np.array([0.4, 0.7]), np.zeros(2), np.array([-1.0, 2.5]), 0.5, 0.8)),
        Case("the bias: scalars b = -1.5, v = 0.25, grad = 0.6, alpha = 0.2, beta = 0.5",
             (-1.5, 0.25, 0.6, 0.2, 0.5)),
    ),
    arg_names=("w", "v", "grad", "alpha", "beta"),
    outputs=("w_new", "v_new"),
    read=read_tuple(("w_new", "v_new"), "`return w_new, v_new`"),
    mistakes=(
        Mistake("gradient_sign", _gradient_sign,
                "the gradient's sign is flipped: v := beta * v + alpha * grad climbs the cost. The velocity "
                "collects -alpha * grad: v_new = beta * v - alpha * grad."),
        Mistake("old_velocity", _old_velocity,
                "you moved w with the old velocity and updated v afterwards, so the current gradient only "
                "acts one step late. Compute v_new first, then w_new = w + v_new."),
        Mistake("no_momentum", _no_momentum,
                "your step ignores the previous velocity: that is plain gradient descent. Keep beta times "
                "the old velocity: v_new = beta * v - alpha * grad."),
        Mistake("velocity_not_updated", _velocity_not_updated,
                "w_new is right but you returned the old v: the next step then has no memory of this one. "
                "Return v_new = beta * v - alpha * grad."),
        Mistake("subtracted_velocity", _subtracted_velocity,
                "you subtracted the velocity, w - v_new; v_new already points downhill (it holds "
                "-alpha * grad), so add it: w_new = w + v_new."),
        Mistake("dampened", _dampened,
                "you scaled the gradient by (1 - beta), the exponential-average form of momentum; the "
                "heavy ball of this lab adds the full -alpha * grad: v_new = beta * v - alpha * grad."),
        Mistake("swapped", _swapped,
                "alpha and beta are swapped: beta multiplies the old velocity and alpha the gradient, "
                "v_new = beta * v - alpha * grad."),
        Mistake("gradient_twice", _gradient_twice,
                "the gradient step is counted twice: v_new already contains -alpha * grad, so "
                "w_new = w + v_new, with nothing else added."),
    ),
    success="v_new = beta * v - alpha * grad and w_new = w + v_new, for arrays and for a scalar bias.",
    fallback="your step differs from the heavy ball's. Compute v_new = beta * v - alpha * grad, then "
             "w_new = w + v_new, and return w_new, v_new.",
    rtol=1e-12,
    atol=1e-14,
    forbidden=("heavy_ball_step",),
)


@never_raises
def check_momentum_step(func):
    """Check a learner's ``momentum_step(w, v, grad, alpha, beta)``.

    Parameters
    ----------
    func : callable
        Returns ``(w_new, v_new)``.

    Returns
    -------
    Feedback
        Passed when it matches ``v_new = beta v - alpha grad``,
        ``w_new = w + v_new`` on every case (arrays and a scalar); otherwise
        the most specific hint. Never raises.
    """
    return run_check(MOMENTUM, func)
