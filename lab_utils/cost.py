"""The costs of a sigmoid model: the logistic log loss (and, for comparison, squared error).

The formulas live in :mod:`lab_utils._loss`; this module validates inputs and
evaluates them at one point (:func:`compute_cost_logistic`, used by every
chapter and lab) or over a grid of ``(w, b)`` for one feature
(:func:`cost_grid`, used by the contour figures and the cost-surface explorer).
"""

from __future__ import annotations

import numpy as np

from lab_utils._loss import cost_from_logits, log_loss_from_logits, squared_error_from_logits
from lab_utils.validation import (
    _as_float_array,
    _check_finite,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_problem,
)

__all__ = ["LOSSES", "compute_cost_logistic", "cost_grid", "per_example_loss", "squared_error_cost"]

#: The two losses the course compares, with the names used in legends and titles.
LOSSES = {"log": "log loss", "squared": "squared error"}


def _check_loss(loss):
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}; got {loss!r}")
    return loss


def _checked_logits(z, y, loss):
    """Validate the arguments of a per-example function of the logits: ``(z, y)`` as float arrays."""
    _check_loss(loss)
    z = _as_float_array(z, "z")
    _check_finite(z, "z")
    return z, _as_float_array(y, "y")


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
    X, y, w, b = validate_problem(X, y, w, b)
    return cost_from_logits(X @ w + b, y, w, validate_lambda(lambda_))


def per_example_loss(z, y, loss="log"):
    """Loss of each example given its logit ``z`` and label ``y``.

    Parameters
    ----------
    z : array_like
        Logits ``w . x + b``; finite.
    y : array_like
        Labels (0 or 1), broadcastable against ``z``.
    loss : {"log", "squared"}

    Returns
    -------
    ndarray
        ``log(1 + exp(z)) - y z`` for the log loss, ``(sigmoid(z) - y) ** 2 / 2``
        for squared error.
    """
    z, y = _checked_logits(z, y, loss)
    if loss == "log":
        return log_loss_from_logits(z, y)
    return squared_error_from_logits(z, y)


def squared_error_cost(X, y, w, b):
    """Squared-error cost of a sigmoid model: ``sum((f - y) ** 2) / (2 m)``.

    This is linear regression's cost with the sigmoid put inside; it is *not*
    what logistic regression uses, and the chapters show why.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float

    Returns
    -------
    float
    """
    X, y, w, b = validate_problem(X, y, w, b)
    return float(np.mean(squared_error_from_logits(X @ w + b, y)))


def _grid_values(values, name):
    """A 1-D array of finite grid values."""
    values = _as_float_array(values, name)
    if values.ndim != 1 or values.size < 1:
        raise ValueError(f"{name} must be a 1-D array of grid values; got shape {values.shape}")
    _check_finite(values, name)
    return values


def cost_grid(x, y, w_values, b_values, loss="log"):
    """The cost ``J(w, b)`` of a one-feature model on a grid of parameters.

    Parameters
    ----------
    x : array_like of shape (m,) or (m, 1)
        The single feature.
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w_values : array_like of shape (p,)
    b_values : array_like of shape (q,)
    loss : {"log", "squared"}, default="log"

    Returns
    -------
    W, B, J : ndarray of shape (q, p)
        Meshgrids of ``w`` and ``b`` (rows follow ``b``, as :func:`numpy.meshgrid`
        arranges them) and the cost at each point; ``J`` equals
        :func:`compute_cost_logistic` (or :func:`squared_error_cost`) there.
    """
    _check_loss(loss)
    X = validate_features(np.reshape(_as_float_array(x, "x"), (-1, 1)), "x")
    y = validate_labels(y, X.shape[0])
    W, B = np.meshgrid(_grid_values(w_values, "w_values"), _grid_values(b_values, "b_values"))
    per_example = log_loss_from_logits if loss == "log" else squared_error_from_logits
    J = np.empty_like(W)
    for row in range(W.shape[0]):  # one row at a time keeps memory small
        J[row] = per_example(W[row, :, None] * X[:, 0] + B[row, :, None], y).mean(axis=-1)
    return W, B, J
