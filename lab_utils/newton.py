"""Newton's method for logistic regression, the second-order alternative to gradient descent.

Gradient descent looks only at the slope of the cost. Newton's method also
uses its curvature, the Hessian ``H``, and jumps to the minimum of the
quadratic that matches the cost's value, slope and curvature at the current
point: ``theta := theta - H^{-1} grad J`` with ``theta = (w, b)``. Near the
optimum the number of correct digits roughly doubles with every step.
"""

from __future__ import annotations

import numpy as np

from lab_utils._loss import cost_from_logits, gradient_from_logits, hessian_from_logits
from lab_utils.scaling import zscore_normalize_features
from lab_utils.validation import (
    validate_bias,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_num_iters,
    validate_positive,
    validate_weights,
)

__all__ = ["fit_newton", "hessian_logistic", "newton_method"]

#: Halvings of a Newton step tried before giving up on decreasing the cost.
MAX_HALVINGS = 30
#: Relative change of the cost that is rounding, not a rise: a step is accepted when the cost
#: it reaches is at most ``cost * (1 + COST_ROUNDING)``. Near the optimum a Newton step lowers the
#: cost by less than the rounding of a sum of ``m`` losses (about ``g . H^-1 g / 2``, 1e-17 for a
#: gradient of 1e-9); demanding a computed decrease there would reject the step by chance and leave
#: the gradient above ``tol``, in a way that depends on the order of summation.
COST_ROUNDING = 64 * np.finfo(float).eps


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
    X = validate_features(X)
    w = validate_weights(w, X.shape[1])
    b = validate_bias(b)
    return hessian_from_logits(X, X @ w + b, validate_lambda(lambda_))


def _cost_at(X, y, theta, lambda_=0.0):
    """Cost at ``theta = (w, b)`` (with the L2 term) and the logits it used."""
    z = X @ theta[:-1] + theta[-1]
    return cost_from_logits(z, y, theta[:-1], lambda_), z


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
    ``theta - d``. If that full step would raise the cost (possible far
    from the optimum), the step is halved until it does not, so the cost never
    rises by more than rounding (:data:`COST_ROUNDING`, relative).

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
    X = validate_features(X)
    m, n = X.shape
    y = validate_labels(y, m)
    theta = np.append(validate_weights(w_in, n, "w_in"), validate_bias(b_in, "b_in"))
    num_iters = validate_num_iters(num_iters)
    tol = validate_positive(tol, "tol")
    lambda_ = validate_lambda(lambda_)

    J_history = []
    cost, z = _cost_at(X, y, theta, lambda_)
    for _ in range(num_iters):
        dj_db, dj_dw = gradient_from_logits(X, y, theta[:-1], z, lambda_)
        grad = np.append(dj_dw, dj_db)
        if np.max(np.abs(grad)) <= tol:
            break
        direction = _newton_direction(hessian_from_logits(X, z, lambda_), grad)
        step = 1.0
        for _ in range(MAX_HALVINGS):
            candidate = theta - step * direction
            new_cost, new_z = _cost_at(X, y, candidate, lambda_)
            if new_cost <= cost + COST_ROUNDING * abs(cost):
                break
            step /= 2
        else:  # no decrease even for a tiny step: we are at the optimum to rounding
            break
        theta, cost, z = candidate, new_cost, new_z
        J_history.append(cost)
    return theta[:-1].copy(), float(theta[-1]), J_history


def fit_newton(X, y, tol=1e-10, max_iters=100):
    """Minimise the (unregularised) logistic cost with Newton's method.

    Used as an independent reference for the optimum that gradient descent
    approaches. The features are z-scored first, for accuracy, then
    :func:`lab_utils.newton.newton_method` runs and the answer is converted
    back to the units of ``X``, so ``X`` may be badly scaled.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels, 0 or 1.
    tol : float, default=1e-10
        Required size of the gradient's largest component (in z-scored units).
    max_iters : int, default=100

    Returns
    -------
    w : ndarray of shape (n,)
    b : float

    Raises
    ------
    ValueError
        If the gradient is not below ``tol`` after ``max_iters`` iterations.

    Notes
    -----
    When a straight line (hyperplane) separates the classes the cost has no
    minimum, only the infimum 0 approached as the weights grow without bound.
    Newton's method then stops at large weights where the gradient (and the
    cost) are below ``tol``, which is as close to ``J* = 0`` as asked.
    """
    X = validate_features(X)
    y = validate_labels(y, X.shape[0])
    Xz, mu, sigma = zscore_normalize_features(X)
    w_z, b_z, _ = newton_method(Xz, y, np.zeros(X.shape[1]), 0.0, max_iters, tol)
    dj_db, dj_dw = gradient_from_logits(Xz, y, w_z, Xz @ w_z + b_z)
    if max(abs(dj_db), float(np.max(np.abs(dj_dw)))) > tol:
        raise ValueError(
            f"Newton's method did not bring the gradient below tol={tol:g} in {max_iters} iterations"
        )
    return w_z / sigma, b_z - float(w_z @ (mu / sigma))
