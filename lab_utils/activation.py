"""The sigmoid (logistic) function and its derivative, evaluated stably."""

from __future__ import annotations

import numpy as np

from lab_utils.validation import _as_float_array, _check_finite

__all__ = ["log_one_plus_exp", "sigmoid", "sigmoid_derivative"]


def _exp_neg_abs(z, out=None):
    """``exp(-|z|)``, in [0, 1]; it underflows to exactly 0 for |z| > ~745, silently.

    ``out``, a float array shaped like ``z``, receives the result when given
    (a loop that calls this every iteration then allocates nothing). Such a
    caller also owns numpy's error state: see :func:`lab_utils.gradient_descent`.
    """
    if out is not None:
        np.abs(z, out=out)
        np.negative(out, out=out)
        return np.exp(out, out=out)
    with np.errstate(under="ignore"):
        return _exp_neg_abs(z, out=np.empty(np.shape(z)))


def _sigmoid_of_array(z, exp_neg_abs_z=None, out=None, scratch=None):
    """Sigmoid of a float array without overflow: ``exp`` only ever sees ``-|z|``.

    With ``e = exp(-|z|)``, ``sigmoid(z) = 1 / (1 + e)`` for ``z >= 0`` and
    ``e / (1 + e)`` for ``z < 0``. The numerator is picked without a branch:
    ``max(e, z >= 0)`` is 1 where ``z >= 0`` (because ``e <= 1``) and ``e``
    elsewhere, which keeps the loop vectorised.

    ``exp_neg_abs_z`` may pass in ``exp(-|z|)`` when the caller already has it;
    ``out`` and ``scratch`` (float arrays shaped like ``z``) spare allocations,
    and a caller that gives ``out`` owns numpy's error state (underflow of
    ``e / (1 + e)`` to 0 is harmless and expected).
    """
    if out is None:
        with np.errstate(under="ignore"):
            return _sigmoid_of_array(z, exp_neg_abs_z, np.empty(np.shape(z)), scratch)
    e = _exp_neg_abs(z) if exp_neg_abs_z is None else exp_neg_abs_z
    np.maximum(e, np.greater_equal(z, 0.0), out=out)
    denominator = np.add(1.0, e, out=scratch)
    return np.divide(out, denominator, out=out)


def _softplus_of_array(z, exp_neg_abs_z=None):
    """``log(1 + exp(z)) = max(z, 0) + log1p(exp(-|z|))`` of a float array, exact and without overflow.

    ``exp_neg_abs_z`` may pass in ``exp(-|z|)`` when the caller already has it.
    The course's one softplus: :func:`log_one_plus_exp` and the log loss
    (:mod:`lab_utils._loss`) both use it.
    """
    e = _exp_neg_abs(z) if exp_neg_abs_z is None else exp_neg_abs_z
    return np.maximum(z, 0.0) + np.log1p(e)


def _softplus_sum(z, exp_neg_abs_z=None, scratch=None):
    """``sum(softplus(z))`` of a 1-D array, as the two sums of :func:`_softplus_of_array`'s terms.

    Summing ``max(z, 0)`` and ``log1p(exp(-|z|))`` separately needs no array
    for their sum: ``scratch`` (shaped like ``z``) is the only work space.
    """
    e = _exp_neg_abs(z) if exp_neg_abs_z is None else exp_neg_abs_z
    total = float(np.add.reduce(np.maximum(z, 0.0, out=scratch)))
    return total + float(np.add.reduce(np.log1p(e, out=scratch)))


def _return_like_input(result, z_in):
    """Give a scalar back for a scalar input, an array otherwise."""
    return result[()] if np.ndim(z_in) == 0 else result


def sigmoid(z):
    """Compute the logistic sigmoid ``1 / (1 + exp(-z))``.

    The naive formula overflows for large negative ``z`` (``exp(1000)`` is
    infinite). Here ``exp`` is only ever evaluated at ``-|z|``, so the result is
    exact to rounding and no warning is raised for any finite ``z``.

    Parameters
    ----------
    z : float or array_like
        Input value(s). Must be finite.

    Returns
    -------
    float or ndarray
        ``sigmoid(z)`` in ``[0, 1]``; a NumPy scalar (shape ``()``) for scalar
        input, otherwise an array with the shape of ``z``.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid(np.array([-1e4, 0.0, 1e4])).tolist()
    [0.0, 0.5, 1.0]
    """
    z_arr = _as_float_array(z, "z")
    _check_finite(z_arr, "z")
    return _return_like_input(_sigmoid_of_array(z_arr), z)


def sigmoid_derivative(z):
    """Compute ``sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)) = sigmoid(z) * sigmoid(-z)``.

    Parameters
    ----------
    z : float or array_like
        Input value(s). Must be finite.

    Returns
    -------
    float or ndarray
        The slope of the sigmoid at ``z``; largest (0.25) at ``z = 0``.
    """
    z_arr = _as_float_array(z, "z")
    _check_finite(z_arr, "z")
    # 1 - sigmoid(z) = sigmoid(-z), computed without cancellation: for z > ~37
    # the subtraction 1 - sigmoid(z) would give exactly 0 instead of ~exp(-z).
    with np.errstate(under="ignore"):
        return _return_like_input(_sigmoid_of_array(z_arr) * _sigmoid_of_array(-z_arr), z)


def log_one_plus_exp(z):
    """Compute ``log(1 + exp(z))`` (the *softplus*) without overflow.

    Uses ``max(z, 0) + log1p(exp(-|z|))``, which is exact for every finite
    ``z``: ``log_one_plus_exp(1000.0)`` is ``1000.0``, not ``inf``.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray
    """
    z_arr = _as_float_array(z, "z")
    _check_finite(z_arr, "z")
    return _return_like_input(_softplus_of_array(z_arr), z)
