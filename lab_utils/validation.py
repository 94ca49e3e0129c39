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
    "in_shape_of",
    "validate_alpha",
    "validate_bias",
    "validate_count",
    "validate_data",
    "validate_feature_pair",
    "validate_features",
    "validate_labels",
    "validate_lambda",
    "validate_momentum",
    "validate_num_iters",
    "validate_original_signature",
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


def validate_feature_pair(X1, X2):
    """Validate two single features given as numbers or 1-D arrays of one length.

    Parameters
    ----------
    X1, X2 : float or array_like of shape (m,)
        Scalars count as one example.

    Returns
    -------
    tuple of ndarray of shape (m,), dtype float64

    Raises
    ------
    ValueError
        If either is not a number or 1-D, they differ in length, or one holds NaN or inf.
    """
    pair = []
    for name, x in (("X1", X1), ("X2", X2)):
        x = np.atleast_1d(_as_float_array(x, name))
        if x.ndim != 1:
            raise ValueError(f"{name} must be a number or a 1-D array of shape (m,); got shape {x.shape}")
        _check_finite(x, name)
        pair.append(x)
    if pair[0].shape != pair[1].shape:
        raise ValueError(f"X1 and X2 must have the same length; got {pair[0].shape[0]} and {pair[1].shape[0]}")
    return pair[0], pair[1]


def validate_labels(y, m, name="y", soft=False):
    """Validate the targets: one per example, as a flat vector or a column.

    Parameters
    ----------
    y : array_like of shape (m,) or (m, 1)
        Targets. A column (what the original course's labs pass) is accepted
        without a warning and flattened: it is read the same way, so nothing
        can be misunderstood. A row ``(1, m)`` is refused, because it usually
        means a transposed array.
    m : int
        Number of examples the labels must match.
    name : str, default="y"
        Name used in error messages.
    soft : bool, default=False
        Accept any target between 0 and 1 ("soft labels", as the cost and its
        gradient are defined for them: the cross-entropy with a probability as
        target). Functions that need classes (such as plotting the data by
        class) keep the default and accept only 0 and 1.

    Returns
    -------
    ndarray of shape (m,), dtype float64

    Raises
    ------
    ValueError
        If ``y`` has another shape or length, holds NaN or inf, or holds values
        outside [0, 1] (outside {0, 1} when ``soft`` is false).
    """
    y = _as_float_array(y, name)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of shape ({m},) or a column of shape ({m}, 1); "
            f"got shape {y.shape}. Try y.ravel()."
        )
    if y.shape[0] != m:
        raise ValueError(f"{name} has {y.shape[0]} labels but X has {m} examples (rows); they must match")
    _check_finite(y, name)
    if np.all((y == 0.0) | (y == 1.0)):  # fast path: no sort unless something is unusual
        return y
    if soft:
        bad = np.unique(y[(y < 0.0) | (y > 1.0)])
        if bad.size:
            shown = ", ".join(f"{v:g}" for v in bad[:5])
            raise ValueError(
                f"{name} must hold targets between 0 and 1 (class labels 0 and 1, or "
                f"probabilities as soft labels); found {shown}"
            )
        return y
    bad = np.setdiff1d(np.unique(y), [0.0, 1.0])
    shown = ", ".join(f"{v:g}" for v in bad[:5])
    hint = ""
    if np.all((bad > 0.0) & (bad < 1.0)):
        hint = " (soft labels between 0 and 1 work in the cost and the gradient, not where classes are needed)"
    raise ValueError(f"{name} must contain only the labels 0 and 1; found {shown}{hint}")


def validate_weights(w, n, name="w"):
    """Validate a weight vector with one entry per feature.

    Parameters
    ----------
    w : array_like of shape (n,), (n, 1) or (1, n)
        A flat vector, a column (the original course's labs) or a row
        (scikit-learn's ``coef_``) are all read as the same ``n`` weights.
    n : int
        Number of features (columns of ``X``).
    name : str, default="w"

    Returns
    -------
    ndarray of shape (n,), dtype float64
        Flattened; give results back in the caller's shape with
        :func:`in_shape_of`.

    Raises
    ------
    ValueError
        For any other shape, or NaN or inf.
    """
    w = _as_float_array(w, name)
    if w.ndim == 2 and 1 in w.shape and w.size == n:
        w = w.reshape(n)
    if w.ndim != 1 or w.shape[0] != n:
        raise ValueError(
            f"{name} must have shape ({n},), one weight per feature of X (a column ({n}, 1) "
            f"or a row (1, {n}) is also accepted); got shape {w.shape}"
        )
    _check_finite(w, name)
    return w


def in_shape_of(template, values):
    """Give ``values`` (one per weight) the shape the caller gave its weights.

    A gradient or a fitted ``w`` comes back as a column when the weights came
    in as a column (so that ``w - alpha * dj_dw`` keeps its shape), as a row
    when they came as a row, and flat otherwise.

    Parameters
    ----------
    template : array_like
        The weights as the caller passed them (before :func:`validate_weights`).
    values : ndarray of shape (n,)

    Returns
    -------
    ndarray
        ``values`` reshaped to ``np.shape(template)`` when that is 2-D, else ``values``.
    """
    shape = np.shape(template)
    return values.reshape(shape) if len(shape) == 2 else values


def validate_original_signature(lambda_, logistic):
    """Refuse the original labs' ``logistic`` argument where it would be misread.

    The original ``lab_utils_common.gradient_descent`` took ``logistic`` as its
    seventh argument; here the seventh is ``lambda_``. A ``True`` or ``False``
    in that place is refused rather than read as a regularisation strength.

    Parameters
    ----------
    lambda_ : object
        The seventh positional argument (or ``lambda_=``).
    logistic : bool
        ``logistic=`` as given; ``True`` is accepted (this is logistic regression).

    Raises
    ------
    ValueError
        If ``lambda_`` is a bool or ``logistic`` is not True.
    """
    if isinstance(lambda_, (bool, np.bool_)):
        raise ValueError(
            f"the seventh argument of lab_utils.gradient_descent is lambda_ (the regularisation "
            f"strength), not logistic as in the original course's lab_utils_common; got {lambda_}. "
            "Pass logistic=True by name, or leave it out: lab_utils always fits logistic regression"
        )
    if logistic is not True and logistic is not np.True_:
        raise ValueError(
            f"lab_utils.gradient_descent fits logistic regression only; got logistic={logistic!r} "
            "(the original's logistic=False ran linear regression, which lab_utils does not provide)"
        )


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


def validate_data(X, y, *, soft_labels=False):
    """Validate a training set: the features and one label per example.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,) or (m, 1)
    soft_labels : bool, default=False
        Accept any target in [0, 1] (see :func:`validate_labels`); by default
        only the classes 0 and 1.

    Returns
    -------
    tuple
        ``(X, y)`` as float64 arrays of shapes (m, n) and (m,).
    """
    X = validate_features(X)
    return X, validate_labels(y, X.shape[0], soft=soft_labels)


def validate_problem(X, y, w, b, *, soft_labels=True):
    """Validate the four arguments of a cost or gradient call together.

    Parameters
    ----------
    X, y : array_like
        The training set, as for :func:`validate_data`.
    w : array_like of shape (n,)
    b : float
    soft_labels : bool, default=True
        By default the labels may be soft (any target in [0, 1]): the cost and
        its gradient are defined for them. Measurements that need classes pass
        False.

    Returns
    -------
    tuple
        ``(X, y, w, b)`` as float64 arrays and a float.
    """
    X, y = validate_data(X, y, soft_labels=soft_labels)
    return X, y, validate_weights(w, X.shape[1]), validate_bias(b)


def validate_count(value, name, minimum=1):
    """Validate a count (epochs, batch size, ...): a whole number >= ``minimum``."""
    return validate_scalar(value, name, low=minimum, integer=True)


def validate_momentum(momentum):
    """Validate a momentum coefficient: a number with ``0 <= momentum < 1`` (1 or more never settles)."""
    return validate_scalar(momentum, "momentum", low=0.0, high=1.0, include_high=False)
