"""Checks for the feature-scaling lab's exercises.

:func:`check_zscore` checks a learner's ``zscore_normalize(X)`` against
:func:`lab_utils.zscore_normalize_features` and names the usual mistakes:
statistics taken along the wrong axis, the mean not subtracted, division by
the variance, ``mu``/``sigma`` of the wrong shape or swapped, the input
changed in place.

The *sample* standard deviation (``ddof=1``, the default of pandas and of
``statistics.stdev``) is **accepted**, with a note: it differs from NumPy's
default population standard deviation (``ddof=0``, what
:func:`lab_utils.zscore_normalize_features` uses) only by the factor
``sqrt(m / (m - 1))``, and gradient descent works equally well with either,
as long as new examples are scaled with the same ``sigma``.

:func:`check_scale_new` checks ``scale_new_examples(X_new, mu, sigma)``
against :func:`lab_utils.apply_scaling`: it must reuse the training statistics.

Used by ``labs/feature_scaling_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils import apply_scaling, zscore_normalize_features
from lab_utils.checks.framework import (
    Case,
    ErrorHint,
    Exercise,
    Mistake,
    Variant,
    as_float_array,
    never_raises,
    read_tuple,
    run_check,
)
from lab_utils.display import fmt

__all__ = ["SCALE_NEW", "ZSCORE", "check_scale_new", "check_zscore"]

# Means and standard deviations are sums of m numbers of the size of the data: a relative 1e-9 and an
# absolute 1e-12 (the data are of order 1 to 1000) leave room for any order of summation.
RTOL, ATOL = 1e-9, 1e-12

#: Training-like data whose columns differ wildly in scale; more rows than columns,
#: so that statistics taken along the wrong axis have the wrong length.
_MATRICES = (
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


# --- zscore_normalize(X) -> (X_norm, mu, sigma) ------------------------------------------------

def _stats(X):
    return X.mean(axis=0), X.std(axis=0)


def _x_norm_mistake(name, compute, hint):
    """A mistake in X_norm alone (whatever mu and sigma came back)."""
    return Mistake(name, lambda X: (compute(X), *_stats(X)), hint, parts=(0,))


def _per_row(X):
    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)


def _min_max(X):
    return (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))


def _by_range(X):
    return (X - X.mean(axis=0)) / (X.max(axis=0) - X.min(axis=0))


def _swapped(X):
    mu, sigma = _stats(X)
    return (X - mu) / sigma, sigma, mu


def _variance_returned(X):
    mu, sigma = _stats(X)
    return (X - mu) / sigma, mu, sigma ** 2


_ZSCORE_MISTAKES = (
    _x_norm_mistake("per_row", _per_row,
                    "you normalised each row (example) instead of each column (feature): compute the "
                    "mean and standard deviation with axis=0, down the columns."),
    _x_norm_mistake("mean_not_subtracted", lambda X: X / X.std(axis=0),
                    "you divided by the standard deviation but forgot to subtract the mean first: "
                    "X_norm = (X - mu) / sigma."),
    _x_norm_mistake("divided_by_variance", lambda X: (X - X.mean(axis=0)) / X.var(axis=0),
                    "you divided by the variance (sigma squared); divide by the standard deviation, "
                    "its square root: np.std(X, axis=0)."),
    _x_norm_mistake("not_divided", lambda X: X - X.mean(axis=0),
                    "you subtracted the mean but did not divide by the standard deviation."),
    _x_norm_mistake("min_max", _min_max,
                    "that is min-max scaling, (X - min) / (max - min); z-score normalisation uses the "
                    "mean and the standard deviation instead."),
    _x_norm_mistake("divided_by_range", _by_range,
                    "you divided by the range (max - min); z-score normalisation divides by the "
                    "standard deviation."),
    Mistake("swapped_stats", _swapped, "mu and sigma are swapped: return X_norm, mu, sigma in that order."),
    Mistake("variance_returned", _variance_returned,
            "sigma holds the variances; return the standard deviations (their square roots), the numbers "
            "you divided by."),
)


def _sample_std(X):
    sigma = X.std(axis=0, ddof=1)
    return (X - X.mean(axis=0)) / sigma, X.mean(axis=0), sigma


_SAMPLE_STD = Variant(
    "sample_std", _sample_std,
    "works, with the sample standard deviation (ddof=1). Accepted: lab_utils uses the population one "
    "(ddof=0, NumPy's default), which differs only by the factor sqrt(m / (m - 1)) (1.118 for m = 5 "
    "examples, closer to 1 as m grows) and trains just as well. Whichever you pick, scale new examples "
    "with the same sigma.")


def _zscore_shape_hint(k, got_shape, expected_shape, case):
    m, n = case.args[0].shape
    if k == 0:
        return f"X_norm has shape {got_shape}; it must have the shape of X, ({m}, {n})."
    name = ("mu", "sigma")[k - 1]
    size = int(np.prod(got_shape))
    if size == n:
        return (f"{name} has shape {got_shape}, but it must be a 1-D array of shape ({n},), one number per "
                "feature (drop keepdims=True, or use .ravel()); lab_utils.apply_scaling needs that shape to "
                "scale new examples.")
    if size == m:
        return (f"{name} has {size} entries, one per example (row): compute it with axis=0, down each "
                "column, to get one per feature.")
    return f"{name} has shape {got_shape}; expected ({n},)."


def _zscore_explain(case, got, expected):
    """Right shapes but wrong values that no mistake explains."""
    X_norm, mu, sigma = got
    if not np.all(np.isfinite(X_norm)):
        return None
    if X_norm.shape == expected[0].shape and not np.allclose(X_norm, expected[0], rtol=RTOL, atol=ATOL):
        with np.errstate(all="ignore"):
            means, stds = fmt(X_norm.mean(axis=0), 4), fmt(X_norm.std(axis=0), 4)
        return "mismatch", ("X_norm has the wrong values: each column should end up with mean 0 and standard "
                            f"deviation 1 (yours have means {means} and standard deviations {stds}).")
    for name, value, want in (("mu", mu, expected[1]), ("sigma", sigma, expected[2])):
        if value.shape == want.shape and not np.allclose(value, want, rtol=RTOL, atol=ATOL):
            return f"wrong_{name}", (f"{name} has the right shape but the wrong values: expected {fmt(want)}, "
                                     f"got {fmt(value)}.")
    return None


ZSCORE = Exercise(
    name="zscore_normalize",
    reference=zscore_normalize_features,
    cases=tuple(Case(f"a {X.shape[0]} x {X.shape[1]} matrix", (X,)) for X in _MATRICES),
    arg_names=("X",),
    outputs=("X_norm", "mu", "sigma"),
    read=read_tuple(("X_norm", "mu", "sigma"), "in this order (`return X_norm, mu, sigma`)"),
    mistakes=_ZSCORE_MISTAKES,
    variants=(_SAMPLE_STD,),
    error_hints=(ErrorHint("wrong_axis_broadcast", (ValueError,), "could not be broadcast",
                           "NumPy could not combine X with your mean or standard deviation: this usually means "
                           "they were computed along the wrong axis (axis=1 gives one per example). Use axis=0, "
                           "one per feature (column)."),),
    shape_hint=_zscore_shape_hint,
    explain=_zscore_explain,
    forbidden=("zscore_normalize_features",),
    details=lambda case, got, expected: (),
    rtol=RTOL,
    atol=ATOL,
    nonfinite_hint="X_norm contains NaN or inf: check for a division by zero.",
    mutation_hint=("your function changed the X it was given (in-place operations such as X -= mu); compute "
                   "a new array instead: X_norm = (X - mu) / sigma."),
    success=("works: every column of X_norm has mean 0 and standard deviation 1, and mu and sigma have one "
             "entry per feature."),
)


@never_raises
def check_zscore(func):
    """Check a learner's ``zscore_normalize(X) -> (X_norm, mu, sigma)``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        Passed, or the most specific hint of :data:`ZSCORE`. The sample
        standard deviation (``ddof=1``) passes with a note (see the module
        docstring). Never raises.
    """
    return run_check(ZSCORE, func)


# --- scale_new_examples(X_new, mu, sigma) -> X_new_norm ----------------------------------------

#: Training statistics and a small batch of new examples.
_NEW_MU = np.array([1624.0, 3.5, 0.30])
_NEW_SIGMA = np.array([700.0, 1.2, 0.10])
_NEW_BATCH = np.array([
    [3100.0, 5.0, 0.50],
    [2800.0, 4.0, 0.45],
    [3500.0, 6.0, 0.55],
])


def _read_scaled(result, case):
    """One array, not a tuple."""
    if isinstance(result, tuple):
        return None, ("return only the scaled array, not a tuple: the statistics come from the training set "
                      "and are already known.")
    array = as_float_array(result)
    if array is None:
        return None, f"return the scaled array; your function returned a {type(result).__name__}."
    return (array,), None


_SCALE_NEW_MISTAKES = (
    Mistake("own_statistics", lambda X, mu, sigma: (X - X.mean(axis=0)) / X.std(axis=0),
            "you computed a new mean and standard deviation from the new examples. Use the training mu and "
            "sigma passed in: the model's weights only make sense on features scaled the way its training "
            "data was."),
    Mistake("own_statistics_ddof1", lambda X, mu, sigma: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1),
            "you computed a new mean and standard deviation from the new examples. Use the training mu and "
            "sigma passed in."),
    Mistake("unscaled", lambda X, mu, sigma: X, "you returned X_new unscaled; subtract mu and divide by sigma."),
    Mistake("not_divided", lambda X, mu, sigma: X - mu, "you subtracted mu but did not divide by sigma."),
    Mistake("mean_not_subtracted", lambda X, mu, sigma: X / sigma,
            "you divided by sigma but did not subtract mu first."),
    Mistake("unscaling", lambda X, mu, sigma: X * sigma + mu,
            "that undoes a scaling (x * sigma + mu); to scale, compute (x - mu) / sigma."),
    Mistake("multiplied", lambda X, mu, sigma: (X - mu) * sigma, "multiply by sigma? Divide: (X_new - mu) / sigma."),
)

SCALE_NEW = Exercise(
    name="scale_new_examples",
    reference=apply_scaling,
    cases=(Case("3 new examples with the training mu and sigma", (_NEW_BATCH, _NEW_MU, _NEW_SIGMA)),),
    arg_names=("X_new", "mu", "sigma"),
    outputs=("X_new_norm",),
    read=_read_scaled,
    mistakes=_SCALE_NEW_MISTAKES,
    forbidden=("apply_scaling",),
    shape_hint=lambda k, got, expected, case: (f"the result must have the shape of X_new, {expected}; "
                                               f"got {got}."),
    details=lambda case, got, expected: (f"expected first row {fmt(expected[0][0], 6)}",
                                         f"got            {fmt(got[0][0], 6)}"),
    rtol=RTOL,
    atol=ATOL,
    fallback="the values are wrong: each entry should be (x - mu) / sigma for its column.",
    mutation_hint=("your function changed its argument {names} in place; compute a new array instead: "
                   "(X_new - mu) / sigma."),
    success=("works: new examples are scaled with the training mean and standard deviation, exactly as the "
             "model saw its training data."),
)


@never_raises
def check_scale_new(func):
    """Check a learner's ``scale_new_examples(X_new, mu, sigma) -> X_new_norm``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        Passed when it equals :func:`lab_utils.apply_scaling` and leaves its
        arguments unchanged; otherwise the most specific hint of
        :data:`SCALE_NEW`. Never raises.
    """
    return run_check(SCALE_NEW, func)
