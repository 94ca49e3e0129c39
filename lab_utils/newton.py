"""Newton's method for logistic regression, the second-order alternative to gradient descent.

Gradient descent looks only at the slope of the cost. Newton's method also
uses its curvature, the Hessian ``H``, and jumps to the minimum of the
quadratic that matches the cost's value, slope and curvature at the current
point: ``theta := theta - H^{-1} grad J`` with ``theta = (w, b)``. Near the
optimum the number of correct digits roughly doubles with every step.
"""

from __future__ import annotations

import numpy as np

from lab_utils.activation import _exp_neg_abs, _sigmoid_of_array
from lab_utils.cost import log_loss_from_logits
from lab_utils.gradient import gradient_from_logits
from lab_utils.validation import (
    check_bias,
    check_features,
    check_labels,
    check_lambda,
    check_num_iters,
    check_positive,
    check_weights,
)

__all__ = ["hessian_logistic", "newton_method"]

#: Halvings of a Newton step tried before giving up on decreasing the cost.
MAX_HALVINGS = 30


def _with_bias_column(X):
    """``[X, 1]``: the features with a column of ones for the bias."""
    return np.hstack([X, np.ones((X.shape[0], 1))])


def _hessian_from_logits(X, z):
    """Hessian of the mean log loss with respect to ``(w, b)``, given ``z = X @ w + b``.

    Returns the ``(n + 1, n + 1)`` matrix ``X1.T @ S @ X1 / m`` where
    ``X1 = [X, 1]`` and ``S = diag(f * (1 - f))``, the bias last.
    """
    f = _sigmoid_of_array(z)
    X1 = _with_bias_column(X)
    with np.errstate(under="ignore"):
        s = f * (1.0 - f)
    return X1.T @ (X1 * s[:, None]) / X.shape[0]


def _add_penalty_curvature(H, lambda_, m):
    """Add the L2 penalty's ``lambda_ / m`` to the weights' diagonal of ``H`` in place (not the bias's)."""
    n = H.shape[0] - 1
    H[np.arange(n), np.arange(n)] += lambda_ / m
    return H


def hessian_logistic(X, w, b, lambda_=0.0):
    """Hessian of the logistic cost with respect to ``(w_0, ..., w_{n-1}, b)``.

    .. math::

        H = \\frac{1}{m} \\tilde X^\\top S \\tilde X, \\qquad
        \\tilde X = [X \\;\\; \\mathbf{1}], \\qquad
        S = \\operatorname{diag}\\big(f^{(i)} (1 - f^{(i)})\\big)

    The labels do not appear: the curvature of the log loss depends only on
    the predictions. ``H`` is positive semi-definite for every ``w`` and ``b``
    because ``v @ H @ v = mean(s * (X1 @ v) ** 2) >= 0``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    w : array_like of shape (n,)
    b : float
    lambda_ : float, default=0.0
        L2 regularisation strength (>= 0): the penalty
        ``lambda_ / (2 m) * |w|^2`` adds ``lambda_ / m`` to the diagonal
        entries of the weights, and nothing to the bias's. For
        ``lambda_ > 0`` the Hessian is then positive definite.

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
        Second derivatives; the last row and column belong to ``b``. The top
        left ``n x n`` block is ``X.T @ S @ X / m`` (plus ``lambda_ / m * I``).
    """
    X = check_features(X)
    w = check_weights(w, X.shape[1])
    b = check_bias(b)
    lambda_ = check_lambda(lambda_)
    return _add_penalty_curvature(_hessian_from_logits(X, X @ w + b), lambda_, X.shape[0])


def _mean_log_loss(X, y, theta, lambda_=0.0):
    """Cost at ``theta = (w, b)`` (with the penalty ``lambda_ / 2m * |w|^2``) and the logits it used."""
    z = X @ theta[:-1] + theta[-1]
    penalty = lambda_ / (2 * X.shape[0]) * float(theta[:-1] @ theta[:-1])
    return float(np.mean(log_loss_from_logits(z, y, _exp_neg_abs(z)))) + penalty, z


def _newton_direction(H, grad):
    """Solve ``H d = grad``; fall back to least squares if ``H`` is singular."""
    try:
        return np.linalg.solve(H, grad)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(H, grad, rcond=None)[0]


def newton_method(X, y, w_in, b_in, num_iters, tol=1e-10, lambda_=0.0):
    """Fit logistic regression with Newton's method (damped when needed).

    Each iteration computes the gradient ``g`` and the Hessian ``H`` of the
    cost at ``theta = (w, b)``, solves ``H d = g`` and moves to
    ``theta - d``. If that full step would not lower the cost (possible far
    from the optimum), the step is halved until it does, so the cost never
    rises.

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
    num_iters : int
        Maximum number of Newton steps, >= 1.
    tol : float, default=1e-10
        Stop, before taking a step, once every component of the gradient
        (with respect to ``w`` and ``b``) is at most ``tol`` in absolute value.
    lambda_ : float, default=0.0
        L2 regularisation strength (>= 0), as in
        :func:`lab_utils.compute_cost_logistic`: the cost gains
        ``lambda_ / (2 m) * |w|^2`` and the Hessian ``lambda_ / m`` on the
        diagonal of the weights' block (not the bias's).

    Returns
    -------
    w : ndarray of shape (n,)
        Final weights.
    b : float
        Final bias.
    J_history : list of float
        Cost after each step taken; its length is the number of steps.

    Raises
    ------
    ValueError
        For invalid inputs (shapes, labels, NaN, ``tol <= 0``, ...).

    Notes
    -----
    Every step costs ``O(m n^2 + n^3)`` operations (building and solving an
    ``(n + 1) x (n + 1)`` system) against ``O(m n)`` for a gradient-descent
    step, which is why Newton's method suits problems with few features.

    On linearly separable data the cost has no minimum (it keeps falling as
    the weights grow), so the weights grow with every step until the gradient
    falls below ``tol`` or ``num_iters`` is reached. With ``lambda_ > 0`` the
    Hessian is positive definite and the minimum exists on any data.
    """
    X = check_features(X)
    m, n = X.shape
    y = check_labels(y, m)
    theta = np.append(check_weights(w_in, n, "w_in"), check_bias(b_in, "b_in"))
    num_iters = check_num_iters(num_iters)
    tol = check_positive(tol, "tol")
    lambda_ = check_lambda(lambda_)

    J_history = []
    cost, z = _mean_log_loss(X, y, theta, lambda_)
    for _ in range(num_iters):
        dj_db, dj_dw = gradient_from_logits(X, y, theta[:-1], z, lambda_)
        grad = np.append(dj_dw, dj_db)
        if np.max(np.abs(grad)) <= tol:
            break
        H = _add_penalty_curvature(_hessian_from_logits(X, z), lambda_, m)
        direction = _newton_direction(H, grad)
        step = 1.0
        for _ in range(MAX_HALVINGS):
            candidate = theta - step * direction
            new_cost, new_z = _mean_log_loss(X, y, candidate, lambda_)
            if new_cost <= cost:
                break
            step /= 2
        else:  # no decrease even for a tiny step: we are at the optimum to rounding
            break
        theta, cost, z = candidate, new_cost, new_z
        J_history.append(cost)
    return theta[:-1].copy(), float(theta[-1]), J_history
