"""Numerical gradient checking: compare an analytic gradient with finite differences.

A gradient derived by hand (or coded by hand) can be checked without any
calculus: nudge one parameter a tiny step ``eps`` up and down, and the change
in the cost divided by ``2 eps`` is the slope in that direction. The central
difference is accurate to ``O(eps**2)``, so with ``eps = 1e-5`` it agrees with
a correct gradient to about ten digits, and a wrong gradient stands out at once.
"""

from __future__ import annotations

import numpy as np

from lab_utils.validation import validate_positive, validate_problem

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(cost_fn, X, y, w, b, eps=1e-5):
    """Estimate the gradient of ``cost_fn`` by central differences.

    .. math::

        \\frac{\\partial J}{\\partial w_j} \\approx
        \\frac{J(\\mathbf w + \\varepsilon \\mathbf e_j, b)
              - J(\\mathbf w - \\varepsilon \\mathbf e_j, b)}{2\\varepsilon},
        \\qquad
        \\frac{\\partial J}{\\partial b} \\approx
        \\frac{J(\\mathbf w, b + \\varepsilon) - J(\\mathbf w, b - \\varepsilon)}{2\\varepsilon}

    Parameters
    ----------
    cost_fn : callable
        ``cost_fn(X, y, w, b)`` returning the cost as a number, for example
        :func:`lab_utils.compute_cost_logistic`.
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    eps : float, default=1e-5
        Half the width of each difference, > 0. Too large and the curvature
        of the cost biases the estimate (error ~ ``eps**2``); too small and
        rounding in the two costs dominates (error ~ ``1e-16 / eps``).

    Returns
    -------
    dj_db : float
    dj_dw : ndarray of shape (n,)
        In the same order as :func:`lab_utils.compute_gradient_logistic`.

    Raises
    ------
    ValueError
        If ``cost_fn`` is not callable, the inputs are invalid or ``eps <= 0``.
    """
    if not callable(cost_fn):
        raise ValueError(f"cost_fn must be a function cost_fn(X, y, w, b); got {cost_fn!r}")
    X, y, w, b = validate_problem(X, y, w, b)
    eps = validate_positive(eps, "eps")

    def slope(w_plus, b_plus, w_minus, b_minus):
        return (float(cost_fn(X, y, w_plus, b_plus)) - float(cost_fn(X, y, w_minus, b_minus))) / (2 * eps)

    steps = np.eye(w.shape[0]) * eps
    dj_dw = np.array([slope(w + step, b, w - step, b) for step in steps])
    dj_db = slope(w, b + eps, w, b - eps)
    return dj_db, dj_dw


def _flatten(gradient):
    """One flat vector from an array or a ``(dj_db, dj_dw)`` pair."""
    if isinstance(gradient, (tuple, list)):
        return np.concatenate([np.ravel(np.asarray(part, dtype=float)) for part in gradient])
    return np.ravel(np.asarray(gradient, dtype=float))


def relative_error(a, b):
    """Relative difference ``||a - b|| / (||a|| + ||b||)`` of two gradients.

    Parameters
    ----------
    a, b : array_like or tuple
        Two gradients of the same shape: arrays, or ``(dj_db, dj_dw)`` pairs
        as returned by :func:`lab_utils.compute_gradient_logistic` and
        :func:`numerical_gradient`.

    Returns
    -------
    float
        0 when they are identical (including both zero), at most 1. As a rule
        of thumb for float64 and ``eps = 1e-5``: below ``1e-7`` the analytic
        gradient is right; above ``1e-3`` it is almost certainly wrong.

    Raises
    ------
    ValueError
        If the gradients have different sizes.
    """
    a, b = _flatten(a), _flatten(b)
    if a.shape != b.shape:
        raise ValueError(f"the two gradients have different sizes: {a.size} and {b.size}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)
