"""Input validation shared by every public function of :mod:`lab_utils`.

All checks live here so that a learner who passes the wrong thing gets the
same, specific :class:`ValueError` from every function: the message names the
argument, what was expected and what was received (shapes, values).

Every function here is called ``validate_*`` and raises; the exercise checks of
:mod:`lab_utils.checks`, called ``check_*``, never raise.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

__all__ = [
    "validate_alpha",
    "validate_bias",
    "validate_features",
    "validate_labels",
    "validate_lambda",
    "validate_num_iters",
    "validate_positive",
    "validate_problem",
    "validate_scalar",
    "validate_weights",
]


def _as_float_array(value, name):
    """Convert ``value`` to a float64 array or raise a clear error."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must contain numbers; got {value!r:.80}") from exc
    return array


def _check_finite(array, name):
    """Raise if ``array`` holds NaN or infinity, saying where."""
    if not np.all(np.isfinite(array)):
        bad = np.argwhere(~np.isfinite(array))
        where = tuple(int(i) for i in bad[0])
        kind = "NaN" if np.isnan(array[where]) else "inf"
        raise ValueError(
            f"{name} contains {len(bad)} non-finite value(s) (first: {kind} at "
            f"index {where if len(where) != 1 else where[0]}); remove or impute "
            "missing values before training"
        )


def validate_features(X, name="X"):
    """Validate a feature matrix.

    Parameters
    ----------
    X : array_like of shape (m, n)
        ``m`` examples, each with ``n`` features.
    name : str, default="X"
        Name used in error messages.

    Returns
    -------
    ndarray of shape (m, n), dtype float64

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, is empty, or contains NaN or infinity.
    """
    X = _as_float_array(X, name)
    if X.ndim != 2:
        hint = " For a single feature use X.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(
            f"{name} must be a 2-D array of shape (m examples, n features); "
            f"got {X.ndim}-D array of shape {X.shape}.{hint}"
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is empty: shape {X.shape}; need at least one example and one feature")
    _check_finite(X, name)
    return X


def validate_labels(y, m, name="y"):
    """Validate a label vector of zeros and ones.

    Parameters
    ----------
    y : array_like of shape (m,)
        Labels, each 0 or 1.
    m : int
        Number of examples the labels must match.
    name : str, default="y"
        Name used in error messages.

    Returns
    -------
    ndarray of shape (m,), dtype float64

    Raises
    ------
    ValueError
        If ``y`` is not 1-D, has the wrong length, or holds values other than 0 and 1.
    """
    y = _as_float_array(y, name)
    if y.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of shape ({m},); got shape {y.shape}. Try y.ravel().")
    if y.shape[0] != m:
        raise ValueError(f"{name} has {y.shape[0]} labels but X has {m} examples (rows); they must match")
    _check_finite(y, name)
    if np.all((y == 0.0) | (y == 1.0)):  # fast path: no sort unless something is wrong
        return y
    bad = np.setdiff1d(np.unique(y), [0.0, 1.0])
    if bad.size:
        shown = ", ".join(f"{v:g}" for v in bad[:5])
        raise ValueError(f"{name} must contain only the labels 0 and 1; found {shown}")
    return y


def validate_weights(w, n, name="w"):
    """Validate a weight vector with one entry per feature.

    Parameters
    ----------
    w : array_like of shape (n,)
    n : int
        Number of features (columns of ``X``).
    name : str, default="w"

    Returns
    -------
    ndarray of shape (n,), dtype float64
    """
    w = _as_float_array(w, name)
    if w.ndim != 1 or w.shape[0] != n:
        raise ValueError(
            f"{name} must have shape ({n},), one weight per feature of X; got shape {w.shape}"
        )
    _check_finite(w, name)
    return w


def validate_bias(b, name="b"):
    """Validate the scalar bias and return it as a Python float."""
    b_arr = _as_float_array(b, name)
    if b_arr.size != 1:
        raise ValueError(f"{name} must be a single number (a scalar); got shape {b_arr.shape}")
    value = float(b_arr.reshape(()))
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return value


def validate_scalar(value, name, *, low=None, high=None, include_low=True, include_high=True, integer=False):
    """Validate a number and that it lies in an interval (model: ``sklearn.utils.check_scalar``).

    The one interval test behind :func:`validate_alpha`, :func:`validate_lambda`,
    :func:`validate_positive` and :func:`validate_num_iters`.

    Parameters
    ----------
    value : object
        What the caller passed.
    name : str
        Name used in error messages (for example ``"alpha (the learning rate)"``).
    low, high : float, optional
        Bounds of the interval; unbounded on a side that is None.
    include_low, include_high : bool, default=True
        Whether each bound is itself allowed.
    integer : bool, default=False
        Require a whole number (returned as ``int``); otherwise any real
        number, returned as a finite ``float``.

    Returns
    -------
    float or int

    Raises
    ------
    ValueError
        If ``value`` is not a number (booleans are not), not finite, or outside
        the interval; the message names the argument, the interval and the value.
    """
    kinds = (Integral,) if integer else (Real, np.floating, np.integer)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise ValueError(f"{name} must be a {'whole number' if integer else 'number'}; got {value!r}")
    value = int(value) if integer else float(value)
    too_low = low is not None and (value < low if include_low else value <= low)
    too_high = high is not None and (value > high if include_high else value >= high)
    if integer:
        if too_low or too_high:
            raise ValueError(f"{name} must be {_interval(low, high, include_low, include_high, 'at least')}; "
                             f"got {value}")
        return value
    if not math.isfinite(value) or too_low or too_high:
        raise ValueError(f"{name} must be a finite number {_interval(low, high, include_low, include_high, '>=')}"
                         f"; got {value}")
    return value


def _interval(low, high, include_low, include_high, at_least):
    """Words for an interval: ``"> 0"``, ``">= 0"``, ``"at least 1"``, ``"in [0, 1)"``."""
    if low is not None and high is not None:
        return f"in {'[' if include_low else '('}{low:g}, {high:g}{']' if include_high else ')'}"
    if low is not None:
        return f"{at_least if include_low else '>'} {low:g}"
    if high is not None:
        return f"{'<=' if include_high else '<'} {high:g}"
    return ""


def validate_alpha(alpha):
    """Validate a learning rate: a finite number greater than zero."""
    return validate_scalar(alpha, "alpha (the learning rate)", low=0.0, include_low=False)


def validate_lambda(lambda_):
    """Validate a regularisation strength: a finite number >= 0."""
    return validate_scalar(lambda_, "lambda_ (the regularisation strength)", low=0.0)


def validate_positive(value, name):
    """Validate a step size or tolerance: a finite number greater than zero.

    Parameters
    ----------
    value : float
    name : str
        Name used in error messages (for example ``"tol"`` or ``"eps"``).

    Returns
    -------
    float
    """
    return validate_scalar(value, name, low=0.0, include_low=False)


def validate_num_iters(num_iters):
    """Validate an iteration count: a whole number >= 1."""
    return validate_scalar(num_iters, "num_iters", low=1, integer=True)


def validate_problem(X, y, w, b):
    """Validate the four arguments of a cost or gradient call together.

    Returns
    -------
    tuple
        ``(X, y, w, b)`` as float64 arrays and a float.
    """
    X = validate_features(X)
    m, n = X.shape
    return X, validate_labels(y, m), validate_weights(w, n), validate_bias(b)


# The names these functions had before the rename to ``validate_*`` (code written
# against them keeps working; new code uses the ``validate_*`` names).
check_alpha = validate_alpha
check_bias = validate_bias
check_features = validate_features
check_labels = validate_labels
check_lambda = validate_lambda
check_num_iters = validate_num_iters
check_positive = validate_positive
check_problem = validate_problem
check_weights = validate_weights
