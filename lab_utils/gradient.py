"""The gradient of the logistic regression cost, vectorised (formula in :mod:`lab_utils._loss`)."""

from __future__ import annotations

from lab_utils._loss import gradient_from_logits
from lab_utils.validation import validate_lambda, validate_problem

__all__ = ["compute_gradient_logistic"]


def compute_gradient_logistic(X, y, w, b, lambda_=0.0):
    """Compute the gradient of the logistic cost with respect to ``w`` and ``b``.

    .. math::

        \\frac{\\partial J}{\\partial w_j} = \\frac{1}{m}\\sum_{i=1}^m
        (f^{(i)} - y^{(i)})\\, x_j^{(i)} + \\frac{\\lambda}{m} w_j, \\qquad
        \\frac{\\partial J}{\\partial b} = \\frac{1}{m}\\sum_{i=1}^m (f^{(i)} - y^{(i)})

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    lambda_ : float, default=0.0
        L2 regularisation strength; adds ``(lambda_ / m) * w`` to ``dj_dw``.

    Returns
    -------
    dj_db : float
        Partial derivative with respect to ``b``.
    dj_dw : ndarray of shape (n,)
        Partial derivatives with respect to each weight.

    Notes
    -----
    The order ``(dj_db, dj_dw)`` follows the original course labs.
    """
    X, y, w, b = validate_problem(X, y, w, b)
    return gradient_from_logits(X, y, w, X @ w + b, validate_lambda(lambda_))
