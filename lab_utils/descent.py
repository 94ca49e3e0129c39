"""Batch gradient descent for logistic regression."""

from __future__ import annotations

import math
import warnings

import numpy as np
from tqdm.auto import tqdm

from lab_utils._loss import Workspace, cost_from_logits, gradient_from_logits
from lab_utils.display import fmt
from lab_utils.validation import (
    validate_alpha,
    validate_bias,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_num_iters,
    validate_weights,
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
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w_in : array_like of shape (n,)
        Initial weights (not modified).
    b_in : float
        Initial bias.
    alpha : float
        Learning rate, > 0.
    num_iters : int
        Number of iterations, >= 1.
    lambda_ : float, default=0.0
        L2 regularisation strength.
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
    w : ndarray of shape (n,)
        Final weights.
    b : float
        Final bias.
    J_history : list of float
        Cost after each iteration (at most ``MAX_HISTORY`` entries).
    path : list of tuple (ndarray, float)
        Only when ``record_path`` is true: ``(w, b)`` before the first and after
        every iteration.

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
    X = validate_features(X)
    m, n = X.shape
    y = validate_labels(y, m)
    w = validate_weights(w_in, n, "w_in").copy()
    b = validate_bias(b_in, "b_in")
    alpha = validate_alpha(alpha)
    num_iters = validate_num_iters(num_iters)
    lambda_ = validate_lambda(lambda_)

    J_history = []
    path = [(w.copy(), b)]
    print_every = math.ceil(num_iters / 10)
    rises = above_start = 0

    # Work space reused by every iteration (see lab_utils._loss.Workspace).
    work = Workspace(m)
    with np.errstate(under="ignore"):
        z = work.logits(X, w, b)
        start_cost = previous = cost_from_logits(z, y, w, lambda_, work.e, work.scratch)
    # A diverging run overflows on its way to an infinite cost, which is
    # detected below: numpy need not warn about it as well, nor about exp(-|z|)
    # underflowing to 0 (harmless). Entering the error-state context once, not
    # in every helper at every iteration, also saves time on small problems,
    # where Python overhead dominates.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for i in tqdm(range(num_iters), disable=not progress, desc="gradient descent"):
            dj_db, dj_dw = gradient_from_logits(X, y, w, z, lambda_, work.e, work.error, work.scratch)
            w_new = w - alpha * dj_dw
            b_new = b - alpha * dj_db
            z = work.logits(X, w_new, b_new)
            cost = cost_from_logits(z, y, w_new, lambda_, work.e, work.scratch)

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
        return w, b, J_history, path
    return w, b, J_history
