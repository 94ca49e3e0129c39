"""Regularised logistic regression under the original course's names, and polynomial features.

The regularised cost and gradient are not computed again here: they are
:func:`lab_utils.compute_cost_logistic` and
:func:`lab_utils.compute_gradient_logistic` with ``lambda_ > 0``. This module
gives them the names and the default ``lambda_ = 1`` of the original course's
regularisation lab, so that code written for that lab runs unchanged, and adds
:func:`map_feature`, the polynomial feature mapping of its graded lab.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np

from lab_utils.cost import compute_cost_logistic
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.validation import validate_feature_pair

__all__ = ["compute_cost_logistic_reg", "compute_gradient_logistic_reg", "map_feature", "map_feature_terms"]


def map_feature_terms(degree=6):
    """The exponents of the monomials :func:`map_feature` builds, in column order.

    Parameters
    ----------
    degree : int, default=6
        Highest total degree, >= 1.

    Returns
    -------
    list of tuple of int
        ``(p, q)`` for each column ``x1**p * x2**q``: for ``i = 1 .. degree``
        and ``j = 0 .. i``, ``(i - j, j)``. There are
        ``degree * (degree + 3) / 2`` of them (27 for degree 6).

    Raises
    ------
    ValueError
        If ``degree`` is not a whole number >= 1.
    """
    if isinstance(degree, bool) or not isinstance(degree, Integral) or degree < 1:
        raise ValueError(f"degree must be a whole number >= 1; got {degree!r}")
    return [(i - j, j) for i in range(1, int(degree) + 1) for j in range(i + 1)]


def map_feature(X1, X2, degree=6):
    """Map two features to every monomial of total degree 1 to ``degree``.

    The columns come in the order of the original course's graded lab:
    ``x1, x2, x1^2, x1 x2, x2^2, x1^3, ...``, that is, for ``i = 1 .. degree``
    and ``j = 0 .. i``, the column ``x1**(i - j) * x2**j``. The constant
    column is left out: the bias ``b`` plays its part.

    Parameters
    ----------
    X1, X2 : float or array_like of shape (m,)
        The two features; scalars count as one example. They must have the
        same number of values.
    degree : int, default=6
        Highest total degree, >= 1.

    Returns
    -------
    ndarray of shape (m, degree * (degree + 3) / 2)
        27 columns for degree 6.

    Raises
    ------
    ValueError
        If the inputs are not 1-D (or scalars), differ in length, hold NaN or
        inf, or ``degree`` is not a whole number >= 1.

    Examples
    --------
    >>> map_feature(2.0, 3.0, degree=2)
    array([[2., 3., 4., 6., 9.]])
    """
    terms = map_feature_terms(degree)
    x1, x2 = validate_feature_pair(X1, X2)
    return np.stack([x1**p * x2**q for p, q in terms], axis=1)


def compute_cost_logistic_reg(X, y, w, b, lambda_=1):
    """Regularised logistic cost, ``J(w, b) + lambda_ / (2 m) * sum(w**2)``.

    The name and the default ``lambda_ = 1`` are the original course's; the
    computation is :func:`lab_utils.compute_cost_logistic`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w : array_like of shape (n,)
    b : float
        Bias (not regularised).
    lambda_ : float, default=1
        Regularisation strength, >= 0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`lab_utils.compute_cost_logistic`.
    """
    return compute_cost_logistic(X, y, w, b, lambda_)


def compute_gradient_logistic_reg(X, y, w, b, lambda_=1):
    """Gradient of :func:`compute_cost_logistic_reg`.

    The name, the default and the order ``(dj_db, dj_dw)`` are the original
    course's; the computation is :func:`lab_utils.compute_gradient_logistic`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    lambda_ : float, default=1
        Regularisation strength, >= 0; adds ``(lambda_ / m) * w`` to ``dj_dw``
        and nothing to ``dj_db``.

    Returns
    -------
    dj_db : float
    dj_dw : ndarray of shape (n,)

    Raises
    ------
    ValueError
        As :func:`lab_utils.compute_gradient_logistic`.
    """
    return compute_gradient_logistic(X, y, w, b, lambda_)
