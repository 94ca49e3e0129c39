"""Batch gradient descent for logistic regression."""

from __future__ import annotations

import math
import warnings

import numpy as np
from tqdm.auto import tqdm

from lab_utils.activation import _exp_neg_abs, _sigmoid_of_array
from lab_utils.cost import mean_log_loss_from_logits
from lab_utils.display import fmt
from lab_utils.validation import (
    check_alpha,
    check_bias,
    check_features,
    check_labels,
    check_lambda,
    check_num_iters,
    check_original_signature,
    check_weights,
    in_shape_of,
)

__all__ = ["DivergenceWarning", "gradient_descent"]

#: Iterations of J_history kept at most (the original labs' guard against huge lists).
MAX_HISTORY = 100_000


class DivergenceWarning(RuntimeWarning):
    """Issued when gradient descent stops because the cost blew up or kept rising."""


def _divergence_message(iteration, reason, alpha):
    return (
        f"gradient descent diverged at iteration {iteration}: {reason}. "
        f"The learning rate alpha={alpha:g} is too large for these features: "
        f"lower alpha (try {alpha / 10:g}) or scale the features "
        "(lab_utils.zscore_normalize_features). Stopped early; the returned w, b "
        "and J_history are those of the last iteration before the cost blew up, "
        "so you can plot what happened."
    )


def gradient_descent(
    X,
    y,
    w_in,
    b_in,
    alpha,
    num_iters,
    lambda_=0.0,
    *,
    logistic=True,
    verbose=True,
    progress=False,
    patience=20,
    record_path=False,
):
    """Fit logistic regression by batch gradient descent.

    Every iteration updates all parameters simultaneously,
    ``w := w - alpha * dJ/dw`` and ``b := b - alpha * dJ/db``, then records
    the cost of the updated parameters.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Training examples.
    y : array_like of shape (m,) or (m, 1)
        Targets in [0, 1]: labels 0 and 1, or soft labels.
    w_in : array_like of shape (n,), (n, 1) or (1, n)
        Initial weights (not modified); the returned ``w`` has the same shape.
    b_in : float
        Initial bias.
    alpha : float
        Learning rate, > 0.
    num_iters : int
        Number of iterations, >= 1.
    lambda_ : float, default=0.0
        L2 regularisation strength.
    logistic : bool, default=True
        Accepted by name for code written for the original course, whose
        ``gradient_descent`` took ``logistic`` as its seventh argument. Only
        ``True`` is allowed, and a bool in seventh place (where ``lambda_``
        is here) is refused with a ``ValueError`` rather than misread.
    verbose : bool, default=True
        Print the cost every ``ceil(num_iters / 10)`` iterations, as the
        original lab does.
    progress : bool, default=False
        Show a tqdm progress bar (useful for long runs).
    patience : int, default=20
        Stop with a :class:`DivergenceWarning` when, for this many iterations in
        a row, the cost has risen or has stayed above its starting value.
    record_path : bool, default=False
        Also return the parameters after every iteration (for drawing the
        descent path on a contour plot).

    Returns
    -------
    w : ndarray of the shape of ``w_in``
        Final weights.
    b : float
        Final bias.
    J_history : list of float
        Cost after each iteration (at most ``MAX_HISTORY`` entries).
    path : list of tuple (ndarray, float)
        Only when ``record_path`` is true: ``(w, b)`` before the first and after
        every iteration (each ``w`` flat, of shape (n,)).

    Warns
    -----
    DivergenceWarning
        When the cost becomes infinite or NaN, rises ``patience`` times in a
        row, or stays above the starting cost for ``patience`` iterations in a
        row. (A learning rate that is too large for logistic regression usually
        makes the cost jump around far above where it started rather than grow
        without bound, because the gradient's size is limited.) Descent stops
        there and returns the last finite parameters and the history so far,
        so the divergence can be plotted. Turn the warning into an exception
        with ``warnings.simplefilter("error", DivergenceWarning)``.

    Raises
    ------
    ValueError
        For invalid inputs (shapes, labels, NaN, ``alpha <= 0``, ...).

    Notes
    -----
    Each iteration does two matrix-vector products and one ``exp`` over the
    examples: the logits ``z`` computed for the cost of the updated parameters
    are reused for the next gradient.
    """
    check_original_signature(lambda_, logistic)
    X = check_features(X)
    m, n = X.shape
    y = check_labels(y, m, soft=True)
    w = check_weights(w_in, n, "w_in").copy()
    b = check_bias(b_in, "b_in")
    alpha = check_alpha(alpha)
    num_iters = check_num_iters(num_iters)
    lambda_ = check_lambda(lambda_)

    J_history = []
    path = [(w.copy(), b)]
    print_every = math.ceil(num_iters / 10)
    rises = above_start = 0

    # Work space reused by every iteration: logits z, exp(-|z|) e, the error,
    # and scratch. Allocating fresh arrays of m floats each time costs page
    # faults that, for large m, rival the arithmetic itself.
    z, e, error, scratch = (np.empty(m) for _ in range(4))
    with np.errstate(under="ignore"):
        np.matmul(X, w, out=z)
        z += b
        _exp_neg_abs(z, out=e)
        start_cost = previous = mean_log_loss_from_logits(z, y, e, scratch) + lambda_ / (2 * m) * float(w @ w)
    # A diverging run overflows on its way to an infinite cost, which is
    # detected below: numpy need not warn about it as well, nor about exp(-|z|)
    # underflowing to 0 (harmless). Entering the error-state context once, not
    # in every helper at every iteration, also saves time on small problems,
    # where Python overhead dominates.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for i in tqdm(range(num_iters), disable=not progress, desc="gradient descent"):
            _sigmoid_of_array(z, e, out=error, scratch=scratch)
            error -= y
            dj_dw = X.T @ error
            dj_dw /= m
            if lambda_:
                dj_dw += (lambda_ / m) * w
            w_new = w - alpha * dj_dw
            b_new = b - alpha * (float(np.add.reduce(error)) / m)

            np.matmul(X, w_new, out=z)
            z += b_new
            _exp_neg_abs(z, out=e)
            cost = mean_log_loss_from_logits(z, y, e, scratch)
            cost += lambda_ / (2 * m) * float(w_new @ w_new)

            if not math.isfinite(cost):
                warnings.warn(_divergence_message(i, "the cost became infinite or NaN", alpha),
                              DivergenceWarning, stacklevel=2)
                break
            w, b = w_new, b_new
            if i < MAX_HISTORY:
                J_history.append(cost)
            if record_path:
                path.append((w, b))  # w_new is a new array every iteration: no copy needed
            rises = rises + 1 if cost > previous else 0
            above_start = above_start + 1 if cost > start_cost else 0
            previous = cost
            if verbose and i % print_every == 0:
                print(f"Iteration {i:5d}: Cost {fmt(cost)}")
            if max(rises, above_start) >= patience:
                how = "rose" if rises >= patience else f"stayed above its starting value {start_cost:.4g}"
                warnings.warn(
                    _divergence_message(
                        i, f"the cost {how} for {patience} iterations in a row (now {cost:.4g})", alpha
                    ),
                    DivergenceWarning,
                    stacklevel=2,
                )
                break

    if record_path:
        return in_shape_of(w_in, w), b, J_history, path
    return in_shape_of(w_in, w), b, J_history
