"""Mini-batch (and stochastic) gradient descent for logistic regression, with momentum.

One *epoch* shuffles the examples, cuts them into consecutive batches of
``batch_size`` (the last one may be smaller) and takes one step per batch,
with the gradient of that batch's average loss. With ``batch_size = m`` there
is one batch, the whole training set, and an epoch is exactly one iteration of
:func:`lab_utils.gradient_descent`; with ``batch_size = 1`` it is stochastic
gradient descent.
"""

from __future__ import annotations

import warnings

import numpy as np

from lab_utils._loss import Workspace, cost_from_logits, gradient_from_logits, l2_gradient
from lab_utils.descent import (
    DescentMonitor,
    DivergenceWarning,
    _divergence_message,
    _RunLog,
)
from lab_utils.validation import (
    validate_alpha,
    validate_bias,
    validate_count,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_momentum,
    validate_positive,
    validate_weights,
)

__all__ = [
    "epoch_orders",
    "heavy_ball_step",
    "inverse_time_decay",
    "minibatch_gradient_descent",
    "num_batches",
    "run_minibatch_gradient_descent",
]


def num_batches(m, batch_size):
    """Updates in one epoch: ``ceil(m / batch_size)`` (the last batch may be smaller).

    Parameters
    ----------
    m : int
        Number of examples.
    batch_size : int

    Returns
    -------
    int
    """
    return -(-validate_count(m, "m") // validate_count(batch_size, "batch_size"))


def _shuffle_generator(seed):
    """The generator that draws each epoch's order: ``numpy.random.default_rng(seed)``."""
    return np.random.default_rng(seed)


def _epoch_order(rng, m):
    """The order in which one epoch visits the ``m`` examples (advances ``rng``)."""
    return rng.permutation(m)


def epoch_orders(m, num_epochs, seed=0):
    """The order of the examples in each epoch of mini-batch descent with ``seed``.

    :func:`run_minibatch_gradient_descent` draws exactly these, one row per
    epoch, whatever the batch size (except ``batch_size = m``, which draws
    none), the learning rate or the momentum. The website's live explorer
    receives them from here instead of reproducing numpy's generator.

    Parameters
    ----------
    m : int
        Number of examples.
    num_epochs : int
    seed : int, default=0
        As for :func:`run_minibatch_gradient_descent`.

    Returns
    -------
    ndarray of shape (num_epochs, m)
        Row ``k`` is a permutation of ``0 .. m - 1``: the examples in the order epoch ``k`` visits them.

    Examples
    --------
    >>> epoch_orders(5, 2, seed=0).shape
    (2, 5)
    """
    m, num_epochs = validate_count(m, "m"), validate_count(num_epochs, "num_epochs")
    rng = _shuffle_generator(seed)
    return np.stack([_epoch_order(rng, m) for _ in range(num_epochs)])


def inverse_time_decay(tau):
    """The learning-rate schedule ``1 / (1 + t / tau)``, for ``schedule=``.

    Update ``t`` (counted from 0 over all epochs) then uses the learning rate
    ``alpha / (1 + t / tau)``: ``alpha`` at first, half of it after ``tau``
    updates, a tenth after ``9 tau``.

    Parameters
    ----------
    tau : float
        Updates until the learning rate has halved, > 0.

    Returns
    -------
    callable
        ``t -> 1 / (1 + t / tau)``.
    """
    tau = validate_positive(tau, "tau")

    def factor(t):
        return 1.0 / (1.0 + t / tau)

    factor.__doc__ = f"Learning-rate factor 1 / (1 + t / {tau:g})."
    return factor


def heavy_ball_step(w, v, grad, alpha, beta):
    """One heavy-ball (momentum) update: ``v := beta v - alpha grad``, then ``w := w + v``.

    Parameters
    ----------
    w : ndarray or float
        Parameters (the weights, or the bias).
    v : ndarray or float
        Their velocity, shaped like ``w`` (0 before the first step).
    grad : ndarray or float
        The gradient at ``w``, shaped like ``w``.
    alpha : float
        Learning rate of this step.
    beta : float
        Momentum coefficient; ``beta = 0`` is a plain gradient step.

    Returns
    -------
    w_new, v_new
        New arrays (or floats); the arguments are not changed.

    Examples
    --------
    >>> heavy_ball_step(1.0, 0.5, 2.0, 0.1, 0.9)
    (1.25, 0.25)
    """
    v_new = beta * v - alpha * grad
    return w + v_new, v_new


def run_minibatch_gradient_descent(
    X,
    y,
    w_in,
    b_in,
    alpha,
    num_epochs,
    batch_size,
    *,
    lambda_=0.0,
    momentum=0.0,
    schedule=None,
    seed=0,
    verbose=False,
    monitor=None,
    record_path=False,
):
    """Run mini-batch gradient descent and say why it stopped; never warns.

    :func:`minibatch_gradient_descent` is this with the course's usual return
    values and a :class:`~lab_utils.DivergenceWarning`; this form returns a
    :class:`~lab_utils.descent.DescentResult` (epochs in place of iterations),
    for studies and explorers that read the stop reason and the path.

    Each epoch draws a random order of the ``m`` examples, cuts it into
    ``ceil(m / batch_size)`` consecutive batches (all of ``batch_size``
    examples except perhaps the last, which keeps the rest) and makes one
    update per batch with the gradient of that batch's *average* loss
    (:func:`lab_utils.gradient.gradient_from_logits`), plus ``lambda_ / m * w``
    when regularised. The update is the heavy-ball method::

        v := momentum * v - alpha_t * gradient
        w := w + v

    for ``w`` and ``b`` alike, with the velocities ``v`` starting at 0 and
    kept from batch to batch and epoch to epoch (:func:`heavy_ball_step`).
    With ``momentum=0`` it is the plain step ``w := w - alpha_t * gradient``.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Training examples.
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w_in : array_like of shape (n,)
        Initial weights (not modified).
    b_in : float
        Initial bias.
    alpha : float
        Learning rate, > 0.
    num_epochs : int
        Passes over the training set, >= 1.
    batch_size : int
        Examples per update, ``1 <= batch_size <= m``. ``1`` is stochastic
        gradient descent, ``m`` batch gradient descent (no shuffling is done:
        one batch of all examples is the same in any order).
    lambda_ : float, default=0.0
        L2 regularisation strength of the full-data cost.
    momentum : float, default=0.0
        Heavy-ball coefficient ``beta``, ``0 <= momentum < 1``.
    schedule : callable, optional
        Learning-rate schedule: update ``t`` (0, 1, 2, ... counted over all
        epochs) uses ``alpha * schedule(t)``, for example
        :func:`inverse_time_decay`. Constant ``alpha`` when omitted.
    seed : int, numpy.random.Generator or None, default=0
        Seed of the shuffling, passed to :func:`numpy.random.default_rng`: the
        same seed gives the same run, number for number. A ``Generator`` is
        used as it is (and advanced): each epoch draws its order with
        ``permutation(m)``. None gives a different run every time.
    verbose : bool, default=False
        Print the cost every ``ceil(num_epochs / 10)`` epochs.
    monitor : lab_utils.descent.DescentMonitor, optional
        The stopping rule of :func:`lab_utils.gradient_descent` (patience 20
        when omitted), applied to the full-data cost after each epoch.
    record_path : bool, default=False
        Also keep the parameters before the first and after every epoch.

    Returns
    -------
    lab_utils.descent.DescentResult
        ``w``, ``b``, ``J_history`` (the full-data cost after each epoch, at
        most ``MAX_HISTORY`` entries), the start cost, the stop reason, the
        epoch it stopped at and, with ``record_path``, the path.

    Raises
    ------
    ValueError
        For invalid inputs (shapes, labels, NaN, ``alpha <= 0``,
        ``batch_size`` out of range, ``momentum`` outside ``[0, 1)``, a
        schedule that returns a non-positive factor, ...).

    Notes
    -----
    With ``batch_size = m``, ``momentum = 0`` and no schedule, every number
    equals that of ``gradient_descent(X, y, w_in, b_in, alpha, num_epochs,
    lambda_)``: the same operations in the same order, including reuse of the
    logits of each epoch's cost for the next gradient. One epoch evaluates
    every example's gradient once, whatever the batch size, plus the cost on
    all examples; smaller batches make more, cheaper updates.

    Examples
    --------
    >>> from lab_utils import load_two_feature_data
    >>> X, y = load_two_feature_data()
    >>> w, b, J = minibatch_gradient_descent(X, y, [0.0, 0.0], 0.0, 0.1, 5, 2, verbose=False)
    >>> len(J)
    5
    """
    X = validate_features(X)
    m, n = X.shape
    y = validate_labels(y, m)
    w = validate_weights(w_in, n, "w_in").copy()
    b = validate_bias(b_in, "b_in")
    alpha = validate_alpha(alpha)
    num_epochs = validate_count(num_epochs, "num_epochs")
    batch_size = validate_count(batch_size, "batch_size")
    if batch_size > m:
        raise ValueError(f"batch_size={batch_size} is larger than the number of examples m={m}; "
                         f"use at most {m} (batch_size=m is batch gradient descent)")
    lambda_ = validate_lambda(lambda_)
    momentum = validate_momentum(momentum)
    if schedule is not None and not callable(schedule):
        raise ValueError(f"schedule must be a function of the update number t; got {schedule!r}")
    rng = _shuffle_generator(seed)
    monitor = DescentMonitor() if monitor is None else monitor

    one_batch = batch_size == m
    v_w, v_b = np.zeros(n), 0.0
    # Each batch's rows are gathered into these small buffers, which stay in the
    # CPU's cache for the two products that follow (gathering all of X first
    # would write and then re-read a shuffled copy of the whole data set).
    if not one_batch:
        X_buffer, y_buffer, z_buffer = np.empty((batch_size, n)), np.empty(batch_size), np.empty(batch_size)
    work = Workspace(m)  # the full-data logits and exp(-|z|), as gradient_descent keeps them
    t = 0
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        start_cost = cost_from_logits(work.logits(X, w, b), y, w, lambda_, work.e, work.scratch)
        log = _RunLog(monitor, start_cost, w, b, num_epochs, verbose, record_path, step="Epoch")
        for epoch in range(num_epochs):
            w_new, b_new = w, b
            order = None if one_batch else _epoch_order(rng, m)
            for start in range(0, m, batch_size):
                if one_batch:
                    # one batch of everything: the logits of the last cost are those of (w, b)
                    X_batch, y_batch, z_batch, e_batch = X, y, work.z, work.e
                else:
                    rows = order[start:start + batch_size]
                    size = len(rows)
                    X_batch = np.take(X, rows, axis=0, out=X_buffer[:size])
                    y_batch = np.take(y, rows, out=y_buffer[:size])
                    z_batch = np.matmul(X_batch, w_new, out=z_buffer[:size])
                    z_batch += b_new
                    e_batch = None
                dj_db, dj_dw = gradient_from_logits(X_batch, y_batch, w_new, z_batch, 0.0, e_batch)
                l2_gradient(dj_dw, w_new, lambda_, m)  # the full-data cost's penalty, whatever the batch
                rate = alpha
                if schedule is not None:
                    rate = alpha * validate_positive(schedule(t), f"schedule({t})")
                if momentum:
                    w_new, v_w = heavy_ball_step(w_new, v_w, dj_dw, rate, momentum)
                    b_new, v_b = heavy_ball_step(b_new, v_b, dj_db, rate, momentum)
                else:
                    w_new, b_new = w_new - rate * dj_dw, b_new - rate * dj_db
                t += 1

            cost = cost_from_logits(work.logits(X, w_new, b_new), y, w_new, lambda_, work.e, work.scratch)
            if not log.advance(epoch, w_new, b_new, cost):
                break
            w, b = w_new, b_new
    return log.result()


def minibatch_gradient_descent(X, y, w_in, b_in, alpha, num_epochs, batch_size, *, lambda_=0.0, momentum=0.0,
                               schedule=None, seed=0, verbose=True, patience=20):
    """Fit logistic regression by mini-batch gradient descent, optionally with momentum.

    Runs :func:`run_minibatch_gradient_descent` (whose docstring describes the
    algorithm and every argument) with the stopping rule of
    :func:`lab_utils.gradient_descent`, and returns what that function
    returns.

    Parameters
    ----------
    X, y, w_in, b_in, alpha, num_epochs, batch_size, lambda_, momentum, schedule, seed
        As for :func:`run_minibatch_gradient_descent`.
    verbose : bool, default=True
        Print the cost every ``ceil(num_epochs / 10)`` epochs.
    patience : int, default=20
        Stop with a :class:`~lab_utils.DivergenceWarning` when, for this many
        epochs in a row, the cost has risen or stayed above its starting value.

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    J_history : list of float
        The full-data cost after each epoch (at most ``MAX_HISTORY`` entries).

    Warns
    -----
    DivergenceWarning
        By the rules of :func:`lab_utils.gradient_descent`, applied to the
        cost after each epoch: it became infinite or NaN, or rose (or stayed
        above its starting value) ``patience`` epochs in a row. Descent stops
        and returns the last finite parameters and the history so far.

    Examples
    --------
    >>> from lab_utils import load_two_feature_data
    >>> X, y = load_two_feature_data()
    >>> w, b, J = minibatch_gradient_descent(X, y, [0.0, 0.0], 0.0, 0.1, 5, 2, verbose=False)
    >>> len(J)
    5
    """
    patience = validate_count(patience, "patience")
    result = run_minibatch_gradient_descent(X, y, w_in, b_in, alpha, num_epochs, batch_size, lambda_=lambda_,
                                            momentum=momentum, schedule=schedule, seed=seed, verbose=verbose,
                                            monitor=DescentMonitor(patience))
    if result.stop_reason.diverged:
        message = _divergence_message(result, patience, validate_alpha(alpha), "mini-batch gradient descent", "epoch")
        warnings.warn(message, DivergenceWarning, stacklevel=2)
    return result.w, result.b, result.J_history
