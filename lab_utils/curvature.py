"""Curvature of the two costs the course compares: log loss and squared error.

Both costs average a function of the logit ``z = w . x + b``, so their
Hessians over ``(w, b)`` are ``X1.T @ diag(c) @ X1 / m`` with ``X1 = [X, 1]``
and ``c`` each example's second derivative with respect to ``z``
(:func:`loss_curvature`). For the log loss every ``c`` is positive; for
squared error some can be negative, and so can an eigenvalue of the Hessian.
The formulas live in :mod:`lab_utils._loss`. Used by the chapter *Deriving the
gradient* (``chapters/gradient_derivation.md``) and its figures.
"""

from __future__ import annotations

import numpy as np

from lab_utils._loss import hessian_from_curvature, log_loss_curvature, squared_error_curvature
from lab_utils.cost import _check_loss, _checked_logits, _grid_values
from lab_utils.newton import hessian_logistic
from lab_utils.validation import _as_float_array, validate_features, validate_labels, validate_problem

__all__ = ["cost_hessian", "loss_curvature", "min_hessian_eigenvalue_surface"]


def loss_curvature(z, y, loss="log"):
    """Second derivative of one example's loss with respect to its logit ``z``.

    With ``f = sigmoid(z)``:

    * log loss: ``f (1 - f)``, positive for every ``z`` and either label;
    * squared error: ``f (1 - f) [f (1 - f) + (f - y)(1 - 2 f)]``, which is
      negative when the example is confidently wrong (``f < 1/3`` for
      ``y = 1``, ``f > 2/3`` for ``y = 0``).

    Parameters
    ----------
    z : array_like
    y : array_like
        Labels (0 or 1), broadcastable against ``z``.
    loss : {"log", "squared"}

    Returns
    -------
    ndarray
    """
    z, y = _checked_logits(z, y, loss)
    if loss == "log":
        return log_loss_curvature(z)
    return squared_error_curvature(z, y)


def cost_hessian(X, y, w, b, loss="log"):
    """Hessian of the cost with respect to ``(w_0, ..., w_{n-1}, b)``.

    For the log loss it is :func:`lab_utils.newton.hessian_logistic` and
    positive semi-definite; for squared error it can have a negative eigenvalue.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    loss : {"log", "squared"}

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
        The bias is the last row and column.
    """
    _check_loss(loss)
    X, y, w, b = validate_problem(X, y, w, b)
    if loss == "log":
        return hessian_logistic(X, w, b)
    return hessian_from_curvature(X, loss_curvature(X @ w + b, y, loss))


def min_hessian_eigenvalue_surface(x, y, w_values, b_values, loss="log"):
    """Smallest eigenvalue of the ``2 x 2`` Hessian at every point of a ``(w, b)`` grid.

    A negative value means the cost curves *downwards* in some direction
    there, which a convex function never does.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    w_values, b_values : array_like, 1-D
    loss : {"log", "squared"}

    Returns
    -------
    ndarray of shape (len(b_values), len(w_values))
    """
    _check_loss(loss)
    X = validate_features(np.reshape(_as_float_array(x, "x"), (-1, 1)), "x")
    y = validate_labels(y, X.shape[0])
    W, B = np.meshgrid(_grid_values(w_values, "w_values"), _grid_values(b_values, "b_values"))
    z = W[..., None] * X[:, 0] + B[..., None]
    return np.linalg.eigvalsh(hessian_from_curvature(X, loss_curvature(z, y, loss)))[..., 0]
