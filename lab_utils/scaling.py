"""Feature scaling: z-score and min-max normalisation."""

from __future__ import annotations

import numpy as np

from lab_utils.validation import validate_features

__all__ = ["SCALINGS", "apply_scaling", "minmax_scale_features", "scale_features", "zscore_normalize_features"]

#: The three ways of presenting the features that the course compares (one spelling everywhere).
SCALINGS = ("raw", "min-max", "z-score")


def _check_spread(spread, name):
    """Refuse constant features, which cannot be scaled (division by zero)."""
    flat = np.flatnonzero(spread == 0)
    if flat.size:
        raise ValueError(
            f"feature column(s) {flat.tolist()} are constant, so their {name} is 0 "
            "and they cannot be scaled; drop them first"
        )


def zscore_normalize_features(X):
    """Scale every feature to mean 0 and standard deviation 1.

    Parameters
    ----------
    X : array_like of shape (m, n)

    Returns
    -------
    X_norm : ndarray of shape (m, n)
        ``(X - mu) / sigma``.
    mu : ndarray of shape (n,)
        Mean of each feature; keep it to scale new examples the same way.
    sigma : ndarray of shape (n,)
        Standard deviation of each feature (population, ``ddof=0``).

    Raises
    ------
    ValueError
        If a feature is constant (its standard deviation is 0).
    """
    X = validate_features(X)
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    _check_spread(sigma, "standard deviation")
    return (X - mu) / sigma, mu, sigma


def minmax_scale_features(X):
    """Scale every feature to the range [0, 1].

    Parameters
    ----------
    X : array_like of shape (m, n)

    Returns
    -------
    X_scaled : ndarray of shape (m, n)
        ``(X - low) / (high - low)``.
    low : ndarray of shape (n,)
        Minimum of each feature.
    span : ndarray of shape (n,)
        ``high - low`` of each feature.
    """
    X = validate_features(X)
    low = X.min(axis=0)
    span = X.max(axis=0) - low
    _check_spread(span, "range")
    return (X - low) / span, low, span


def apply_scaling(X, shift, scale):
    """Scale new examples with statistics learned on the training set.

    Parameters
    ----------
    X : array_like of shape (m, n)
    shift : array_like of shape (n,)
        ``mu`` from :func:`zscore_normalize_features` or ``low`` from
        :func:`minmax_scale_features`.
    scale : array_like of shape (n,)
        ``sigma`` or ``span`` from the same call.

    Returns
    -------
    ndarray of shape (m, n)
    """
    X = validate_features(X)
    shift = np.asarray(shift, dtype=float)
    scale = np.asarray(scale, dtype=float)
    n = X.shape[1]
    if shift.shape != (n,) or scale.shape != (n,):
        raise ValueError(
            f"shift and scale must have shape ({n},) to match X's {n} features; "
            f"got {shift.shape} and {scale.shape}"
        )
    _check_spread(scale, "scale")
    return (X - shift) / scale


def scale_features(X, method):
    """Scale the features of ``X`` with one of the :data:`SCALINGS`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    method : {"raw", "min-max", "z-score"}
        ``"raw"`` returns the features unchanged (shift 0, scale 1).

    Returns
    -------
    X_scaled : ndarray of shape (m, n)
    shift : ndarray of shape (n,)
        What was subtracted from each feature.
    scale : ndarray of shape (n,)
        What each feature was then divided by. ``apply_scaling(X_new, shift,
        scale)`` scales new examples the same way.

    Raises
    ------
    ValueError
        For an unknown ``method``.
    """
    X = validate_features(X)
    if method == "raw":
        n = X.shape[1]
        return X.copy(), np.zeros(n), np.ones(n)
    if method == "min-max":
        return minmax_scale_features(X)
    if method == "z-score":
        return zscore_normalize_features(X)
    raise ValueError(f"method must be one of {SCALINGS}; got {method!r}")
