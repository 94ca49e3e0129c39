"""The logistic (log-loss, cross-entropy) cost function."""

from __future__ import annotations

import numpy as np

from lab_utils.activation import _exp_neg_abs
from lab_utils.validation import check_lambda, check_problem

__all__ = ["compute_cost_logistic", "log_loss_from_logits", "mean_log_loss_from_logits"]


def log_loss_from_logits(z, y, exp_neg_abs_z=None):
    """Per-example log loss computed from the logits ``z = X @ w + b``.

    The loss ``-y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z))`` simplifies to
    ``log(1 + exp(z)) - y z``, which is evaluated here without overflow and
    without ever taking ``log(0)``: a positive example with ``z = -1000`` costs
    exactly 1000.

    Parameters
    ----------
    z : ndarray of shape (m,)
        Logits, already validated as finite.
    y : ndarray of shape (m,)
        Labels 0 or 1.
    exp_neg_abs_z : ndarray of shape (m,), optional
        ``exp(-|z|)``, when the caller has already computed it.

    Returns
    -------
    ndarray of shape (m,)
        The loss of every example (each >= 0).
    """
    e = _exp_neg_abs(z) if exp_neg_abs_z is None else exp_neg_abs_z
    return np.maximum(z, 0.0) + np.log1p(e) - y * z


def mean_log_loss_from_logits(z, y, exp_neg_abs_z=None, scratch=None):
    """Mean of :func:`log_loss_from_logits`, with fewer passes over the data.

    Uses ``log(1 + e^z) - y z = max(z, 0) + log1p(e^{-|z|}) - y z``.

    Parameters
    ----------
    z : ndarray of shape (m,)
    y : ndarray of shape (m,)
    exp_neg_abs_z : ndarray of shape (m,), optional
        ``exp(-|z|)``, when the caller already has it.
    scratch : ndarray of shape (m,), optional
        Work space (overwritten), to spare allocations in a loop.

    Returns
    -------
    float
    """
    e = _exp_neg_abs(z) if exp_neg_abs_z is None else exp_neg_abs_z
    total = float(np.add.reduce(np.maximum(z, 0.0, out=scratch)))
    total += float(np.add.reduce(np.log1p(e, out=scratch)))
    total -= float(y @ z)
    return total / z.shape[0]


def compute_cost_logistic(X, y, w, b, lambda_=0.0):
    """Compute the logistic regression cost ``J(w, b)``.

    .. math::

        J(w, b) = \\frac{1}{m} \\sum_{i=1}^{m} \\Big[-y^{(i)} \\log f^{(i)}
        - (1 - y^{(i)}) \\log(1 - f^{(i)})\\Big]
        + \\frac{\\lambda}{2m} \\sum_{j=1}^{n} w_j^2,
        \\qquad f^{(i)} = \\sigma(w \\cdot x^{(i)} + b)

    Parameters
    ----------
    X : array_like of shape (m, n)
        Training examples.
    y : array_like of shape (m,) or (m, 1)
        Targets in [0, 1]: labels 0 and 1, or soft labels (probabilities).
    w : array_like of shape (n,), (n, 1) or (1, n)
        Weights.
    b : float
        Bias (not regularised).
    lambda_ : float, default=0.0
        L2 regularisation strength (>= 0).

    Returns
    -------
    float
        The cost, a finite number >= 0.

    Raises
    ------
    ValueError
        If the shapes disagree, a target is outside [0, 1], or an input is NaN or inf.
    """
    X, y, w, b = check_problem(X, y, w, b)
    lambda_ = check_lambda(lambda_)
    m = X.shape[0]
    return mean_log_loss_from_logits(X @ w + b, y) + lambda_ / (2 * m) * float(w @ w)
