"""Loop versions of the cost and gradient: the code learners write first.

They compute exactly what :func:`lab_utils.compute_cost_logistic` and
:func:`lab_utils.compute_gradient_logistic` compute, one example and one
feature at a time. They are kept for teaching and for the speed comparison in
``benchmarks/``; use the vectorised versions for real work.
"""

from __future__ import annotations

import math

import numpy as np

from lab_utils.validation import in_shape_of, validate_lambda, validate_problem

__all__ = ["compute_cost_logistic_loop", "compute_gradient_logistic_loop"]


def _sigmoid_scalar(z):
    """Stable sigmoid of one Python float."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def compute_cost_logistic_loop(X, y, w, b, lambda_=0.0):
    """Loop version of :func:`lab_utils.compute_cost_logistic`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    lambda_ : float, default=0.0

    Returns
    -------
    float
    """
    X, y, w, b = validate_problem(X, y, w, b)
    lambda_ = validate_lambda(lambda_)
    m, n = X.shape
    total = 0.0
    for i in range(m):
        z_i = b
        for j in range(n):
            z_i += w[j] * X[i, j]
        # log(1 + e^z) - y z, written so that it never overflows
        total += max(z_i, 0.0) + math.log1p(math.exp(-abs(z_i))) - y[i] * z_i
    reg = sum(w[j] ** 2 for j in range(n))
    return total / m + lambda_ / (2 * m) * reg


def compute_gradient_logistic_loop(X, y, w, b, lambda_=0.0):
    """Loop version of :func:`lab_utils.compute_gradient_logistic`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    lambda_ : float, default=0.0

    Returns
    -------
    dj_db : float
    dj_dw : ndarray of the shape of ``w``
    """
    w_given = w
    X, y, w, b = validate_problem(X, y, w, b)
    lambda_ = validate_lambda(lambda_)
    m, n = X.shape
    dj_dw = np.zeros(n)
    dj_db = 0.0
    for i in range(m):
        z_i = b
        for j in range(n):
            z_i += w[j] * X[i, j]
        err_i = _sigmoid_scalar(z_i) - y[i]
        for j in range(n):
            dj_dw[j] += err_i * X[i, j]
        dj_db += err_i
    for j in range(n):
        dj_dw[j] = dj_dw[j] / m + lambda_ / m * w[j]
    return float(dj_db / m), in_shape_of(w_given, dj_dw)
