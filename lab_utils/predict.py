"""Turning a trained model into probabilities and class predictions."""

from __future__ import annotations

from lab_utils.activation import _sigmoid_of_array
from lab_utils.validation import validate_bias, validate_features, validate_weights

__all__ = ["predict", "predict_proba"]


def predict_proba(X, w, b):
    """Probability that each example has label 1, ``sigmoid(X @ w + b)``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    w : array_like of shape (n,), (n, 1) or (1, n)
        A row is what scikit-learn's ``coef_`` holds for a binary problem.
    b : float
        A number or an array of size 1 (such as ``intercept_``).

    Returns
    -------
    ndarray of shape (m,)
    """
    X = validate_features(X)
    w = validate_weights(w, X.shape[1])
    return _sigmoid_of_array(X @ w + validate_bias(b))


def predict(X, w, b, threshold=0.5):
    """Predict labels: 1 where the probability is at least ``threshold``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    w : array_like of shape (n,), (n, 1) or (1, n)
    b : float
    threshold : float, default=0.5
        Strictly between 0 and 1.

    Returns
    -------
    ndarray of shape (m,), dtype int
        Predicted labels, 0 or 1.
    """
    threshold = float(threshold)
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1; got {threshold}")
    return (predict_proba(X, w, b) >= threshold).astype(int)
