"""Input validation shared by every public function of :mod:`lab_utils`.

All checks live here so that a learner who passes the wrong thing gets the
same, specific :class:`ValueError` from every function: the message names the
argument, what was expected and what was received (shapes, values).
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

__all__ = [
    "check_alpha",
    "check_bias",
    "check_count",
    "check_features",
    "check_labels",
    "check_lambda",
    "check_momentum",
    "check_num_iters",
    "check_positive",
    "check_weights",
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


def check_features(X, name="X"):
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


def check_labels(y, m, name="y"):
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


def check_weights(w, n, name="w"):
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


def check_bias(b, name="b"):
    """Validate the scalar bias and return it as a Python float."""
    b_arr = _as_float_array(b, name)
    if b_arr.size != 1:
        raise ValueError(f"{name} must be a single number (a scalar); got shape {b_arr.shape}")
    value = float(b_arr.reshape(()))
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return value


def check_alpha(alpha):
    """Validate a learning rate: a finite number greater than zero."""
    if isinstance(alpha, bool) or not isinstance(alpha, (Real, np.floating, np.integer)):
        raise ValueError(f"alpha (the learning rate) must be a number; got {alpha!r}")
    alpha = float(alpha)
    if not math.isfinite(alpha) or alpha <= 0:
        raise ValueError(f"alpha (the learning rate) must be a finite number > 0; got {alpha}")
    return alpha


def check_lambda(lambda_):
    """Validate a regularisation strength: a finite number >= 0."""
    if isinstance(lambda_, bool) or not isinstance(lambda_, (Real, np.floating, np.integer)):
        raise ValueError(f"lambda_ (the regularisation strength) must be a number; got {lambda_!r}")
    lambda_ = float(lambda_)
    if not math.isfinite(lambda_) or lambda_ < 0:
        raise ValueError(f"lambda_ (the regularisation strength) must be a finite number >= 0; got {lambda_}")
    return lambda_


def check_positive(value, name):
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
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number; got {value!r}")
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value}")
    return value


def check_num_iters(num_iters):
    """Validate an iteration count: a whole number >= 1."""
    if isinstance(num_iters, bool) or not isinstance(num_iters, Integral):
        raise ValueError(f"num_iters must be a whole number; got {num_iters!r}")
    if num_iters < 1:
        raise ValueError(f"num_iters must be at least 1; got {num_iters}")
    return int(num_iters)


def check_problem(X, y, w, b):
    """Validate the four arguments of a cost or gradient call together.

    Returns
    -------
    tuple
        ``(X, y, w, b)`` as float64 arrays and a float.
    """
    X = check_features(X)
    m, n = X.shape
    return X, check_labels(y, m), check_weights(w, n), check_bias(b)


def check_count(value, name, minimum=1):
    """Validate a count (epochs, batch size, ...): a whole number >= ``minimum``.

    Parameters
    ----------
    value : int
    name : str
        Name used in error messages.
    minimum : int, default=1

    Returns
    -------
    int
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}")
    return int(value)


def check_momentum(momentum):
    """Validate a momentum coefficient: a number with ``0 <= momentum < 1``."""
    if isinstance(momentum, bool) or not isinstance(momentum, (Real, np.floating, np.integer)):
        raise ValueError(f"momentum must be a number; got {momentum!r}")
    momentum = float(momentum)
    if not (0.0 <= momentum < 1.0):
        raise ValueError(f"momentum must satisfy 0 <= momentum < 1 (1 or more never settles); got {momentum}")
    return momentum
