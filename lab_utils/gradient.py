"""The gradient of the logistic regression cost, vectorised (formula in :mod:`lab_utils._loss`)."""

from __future__ import annotations

from lab_utils._loss import gradient_from_logits
from lab_utils.validation import in_shape_of, validate_lambda, validate_problem

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
    y : array_like of shape (m,) or (m, 1)
        Targets in [0, 1]: labels 0 and 1, or soft labels.
    w : array_like of shape (n,), (n, 1) or (1, n)
    b : float
    lambda_ : float, default=0.0
        L2 regularisation strength; adds ``(lambda_ / m) * w`` to ``dj_dw``.

    Returns
    -------
    dj_db : float
        Partial derivative with respect to ``b``.
    dj_dw : ndarray of the shape of ``w``
        Partial derivatives with respect to each weight.

    Notes
    -----
    The order ``(dj_db, dj_dw)`` follows the original course labs.
    """
    w_given = w
    X, y, w, b = validate_problem(X, y, w, b)
    lambda_ = validate_lambda(lambda_)
    dj_db, dj_dw = gradient_from_logits(X, y, w, X @ w + b, lambda_)
    return dj_db, in_shape_of(w_given, dj_dw)
