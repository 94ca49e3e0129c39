"""Checks for the feature-scaling lab's exercises.

:func:`check_zscore` checks a learner's ``zscore_normalize(X)`` and names the
usual mistakes: statistics taken along the wrong axis, the mean not
subtracted, division by the variance, ``mu``/``sigma`` of the wrong shape or
swapped, the input changed in place.

The *sample* standard deviation (``ddof=1``, the default of pandas and of
``statistics.stdev``) is **accepted**, with a note: it differs from NumPy's
default population standard deviation (``ddof=0``, what
:func:`lab_utils.zscore_normalize_features` uses) only by the factor
``sqrt(m / (m - 1))``, and gradient descent works equally well with either,
as long as new examples are scaled with the same ``sigma``.

:func:`check_scale_new` checks ``scale_new_examples(X_new, mu, sigma)``,
which must reuse the training statistics.
"""

from __future__ import annotations

import numpy as np

from lab_utils.checks.feedback import Feedback, call_quietly, not_done
from lab_utils.display import fmt

__all__ = ["check_scale_new", "check_zscore"]

#: Training-like data whose columns differ wildly in scale; more rows than columns,
#: so that statistics taken along the wrong axis have the wrong length.
_CASES = (
    np.array([
        [2104.0, 5.0, 0.45],
        [1416.0, 3.0, 0.40],
        [852.0, 2.0, 0.35],
        [1534.0, 3.0, 0.30],
        [3000.0, 4.0, 0.12],
        [950.0, 1.0, 0.20],
    ]),
    np.array([
        [14.1, 654.0],
        [20.6, 1326.0],
        [11.4, 386.1],
        [13.5, 566.3],
        [7.8, 170.4],
    ]),
)

#: Training statistics and a small batch of new examples for :func:`check_scale_new`.
_NEW_MU = np.array([1624.0, 3.5, 0.30])
_NEW_SIGMA = np.array([700.0, 1.2, 0.10])
_NEW_BATCH = np.array([
    [3100.0, 5.0, 0.50],
    [2800.0, 4.0, 0.45],
    [3500.0, 6.0, 0.55],
])

_SOLUTION_HINT = "Compare with the reference solution below if you are stuck."


def _same(a, b):
    """True when ``a`` and ``b`` have the same shape and (nearly) the same values."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=False))


def _as_array(value):
    """``value`` as a float array, or None if it cannot be converted."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _zscore_mistakes(X):
    """What ``X_norm`` looks like after each common mistake, with its hint."""
    mu, sigma = X.mean(axis=0), X.std(axis=0)
    row_mu, row_sigma = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    low, span = X.min(axis=0), X.max(axis=0) - X.min(axis=0)
    return [
        ((X - row_mu) / row_sigma,
         "you normalised each row (example) instead of each column (feature): compute the "
         "mean and standard deviation with axis=0, down the columns."),
        (X / sigma,
         "you divided by the standard deviation but forgot to subtract the mean first: "
         "X_norm = (X - mu) / sigma."),
        ((X - mu) / sigma**2,
         "you divided by the variance (sigma squared); divide by the standard deviation, "
         "its square root: np.std(X, axis=0)."),
        (X - mu,
         "you subtracted the mean but did not divide by the standard deviation."),
        ((X - low) / span,
         "that is min-max scaling, (X - min) / (max - min); z-score normalisation uses the "
         "mean and the standard deviation instead."),
        ((X - mu) / span,
         "you divided by the range (max - min); z-score normalisation divides by the "
         "standard deviation."),
    ]


def _check_stat(name, value, X, expected, n):
    """Feedback about ``mu`` or ``sigma``, or None when it is right."""
    exercise = "zscore_normalize"
    value = _as_array(value)
    if value is None:
        return Feedback(exercise, False, f"{name} must be an array of numbers.")
    if value.shape != (n,):
        if value.size == n:
            return Feedback(exercise, False, (
                f"{name} has shape {value.shape}, but it must be a 1-D array of shape ({n},), one "
                "number per feature (drop keepdims=True, or use .ravel()); lab_utils.apply_scaling "
                "needs that shape to scale new examples."))
        if value.size == X.shape[0]:
            return Feedback(exercise, False, (
                f"{name} has {value.size} entries, one per example (row): compute it with axis=0, "
                "down each column, to get one per feature."))
        return Feedback(exercise, False, f"{name} has shape {value.shape}; expected ({n},).")
    if not _same(value, expected):
        return Feedback(exercise, False, f"{name} has the right shape but the wrong values.",
                        (f"expected {fmt(expected)}", f"got      {fmt(value)}"))
    return None


def _check_one_zscore(func, X):
    """Check ``func`` on one matrix; return Feedback (passed, possibly with a ddof note)."""
    exercise = "zscore_normalize"
    m, n = X.shape
    X_given = X.copy()
    result, failure = call_quietly(exercise, func, X_given)
    if failure is not None:
        if "broadcast" in failure.message:
            return Feedback(exercise, False, failure.message + " (this usually means the mean or "
                            "standard deviation was computed along the wrong axis: use axis=0.)")
        return failure
    if result is None:
        return not_done(exercise)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return Feedback(exercise, False, "return three things, in this order: X_norm, mu, sigma "
                        "(e.g. `return X_norm, mu, sigma`).")
    if not np.array_equal(X_given, X):
        return Feedback(exercise, False, "your function changed the X it was given (in-place "
                        "operations such as X -= mu); compute a new array instead: "
                        "X_norm = (X - mu) / sigma.")
    X_norm, mu, sigma = (_as_array(part) for part in result)
    if X_norm is None:
        return Feedback(exercise, False, "X_norm must be an array of numbers.")
    if X_norm.shape != (m, n):
        return Feedback(exercise, False, f"X_norm has shape {X_norm.shape}; it must have the shape "
                        f"of X, ({m}, {n}).")
    if np.isnan(X_norm).any():
        return Feedback(exercise, False, "X_norm contains NaN: check for a division by zero.")

    mean, std, std1 = X.mean(axis=0), X.std(axis=0), X.std(axis=0, ddof=1)
    sample_std = _same(X_norm, (X - mean) / std1)
    if not (_same(X_norm, (X - mean) / std) or sample_std):
        for wrong, hint in _zscore_mistakes(X):
            if _same(X_norm, wrong):
                return Feedback(exercise, False, hint)
        return Feedback(exercise, False, "X_norm has the wrong values: each column should end up "
                        "with mean 0 and standard deviation 1.",
                        (f"column means of your X_norm: {fmt(X_norm.mean(axis=0), 4)}",
                         f"column standard deviations: {fmt(X_norm.std(axis=0), 4)}"))
    if (_as_array(mu) is not None and _as_array(sigma) is not None and np.shape(mu) == (n,)
            and _same(mu, std) and _same(sigma, mean)):
        return Feedback(exercise, False, "mu and sigma are swapped: return X_norm, mu, sigma in "
                        "that order.")
    if (_as_array(sigma) is not None and np.shape(sigma) == (n,) and _same(sigma, std**2)):
        return Feedback(exercise, False, "sigma holds the variances; return the standard "
                        "deviations (their square roots), the numbers you divided by.")
    for name, value, expected in (("mu", mu, mean), ("sigma", sigma, std1 if sample_std else std)):
        problem = _check_stat(name, value, X, expected, n)
        if problem is not None:
            return problem
    if sample_std:
        factor = np.sqrt(m / (m - 1))
        return Feedback(exercise, True, (
            "works, with the sample standard deviation (ddof=1). Accepted: lab_utils uses the "
            "population one (ddof=0, NumPy's default), which differs only by the factor "
            f"sqrt(m / (m - 1)) = {fmt(factor, 4)} here (m = {m}) and trains just as well. "
            "Whichever you pick, scale new examples with the same sigma."))
    return Feedback(exercise, True, "works: every column of X_norm has mean 0 and standard "
                    "deviation 1, and mu and sigma have one entry per feature.")


def check_zscore(func):
    """Check a learner's ``zscore_normalize(X) -> (X_norm, mu, sigma)``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        Passed, or the most specific hint about what is wrong. The sample
        standard deviation (``ddof=1``) passes with a note (see the module
        docstring).
    """
    feedback = None
    for X in _CASES:
        feedback = _check_one_zscore(func, X)
        if not feedback.passed:
            return feedback
    return feedback


def check_scale_new(func):
    """Check a learner's ``scale_new_examples(X_new, mu, sigma) -> X_new_norm``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
    """
    exercise = "scale_new_examples"
    X_new, mu, sigma = _NEW_BATCH.copy(), _NEW_MU.copy(), _NEW_SIGMA.copy()
    result, failure = call_quietly(exercise, func, X_new, mu, sigma)
    if failure is not None:
        return failure
    if result is None:
        return not_done(exercise)
    if isinstance(result, tuple):
        return Feedback(exercise, False, "return only the scaled array, not a tuple: the statistics "
                        "come from the training set and are already known.")
    if not (np.array_equal(X_new, _NEW_BATCH) and np.array_equal(mu, _NEW_MU)
            and np.array_equal(sigma, _NEW_SIGMA)):
        return Feedback(exercise, False, "your function changed one of its arguments in place; "
                        "compute a new array instead: (X_new - mu) / sigma.")
    scaled = _as_array(result)
    expected = (_NEW_BATCH - _NEW_MU) / _NEW_SIGMA
    if scaled is None or scaled.shape != expected.shape:
        shape = None if scaled is None else scaled.shape
        return Feedback(exercise, False, f"the result must have the shape of X_new, {expected.shape}; "
                        f"got {shape}.")
    if _same(scaled, expected):
        return Feedback(exercise, True, "works: new examples are scaled with the training mean and "
                        "standard deviation, exactly as the model saw its training data.")
    own_mu, own_sigma = _NEW_BATCH.mean(axis=0), _NEW_BATCH.std(axis=0)
    mistakes = [
        ((_NEW_BATCH - own_mu) / own_sigma,
         "you computed a new mean and standard deviation from the new examples. Use the training "
         "mu and sigma passed in: the model's weights only make sense on features scaled the way "
         "its training data was."),
        ((_NEW_BATCH - own_mu) / _NEW_BATCH.std(axis=0, ddof=1),
         "you computed a new mean and standard deviation from the new examples. Use the training "
         "mu and sigma passed in."),
        (_NEW_BATCH, "you returned X_new unscaled; subtract mu and divide by sigma."),
        (_NEW_BATCH - _NEW_MU, "you subtracted mu but did not divide by sigma."),
        (_NEW_BATCH / _NEW_SIGMA, "you divided by sigma but did not subtract mu first."),
        (_NEW_BATCH * _NEW_SIGMA + _NEW_MU,
         "that undoes a scaling (x * sigma + mu); to scale, compute (x - mu) / sigma."),
        ((_NEW_BATCH - _NEW_MU) * _NEW_SIGMA, "multiply by sigma? Divide: (X_new - mu) / sigma."),
    ]
    for wrong, hint in mistakes:
        if _same(scaled, wrong):
            return Feedback(exercise, False, hint)
    return Feedback(exercise, False, "the values are wrong: each entry should be (x - mu) / sigma "
                    "for its column.", (f"expected first row {fmt(expected[0], 6)}",
                                        f"got            {fmt(scaled[0], 6)}"))
