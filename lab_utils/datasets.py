"""The small datasets of the original labs and a loader for real data."""

from __future__ import annotations

import numpy as np

__all__ = ["load_breast_cancer_data", "load_tumor_data", "load_two_feature_data"]


def load_two_feature_data():
    """The six-example, two-feature dataset used throughout the labs.

    Returns
    -------
    X : ndarray of shape (6, 2)
        Features ``x_0`` and ``x_1``.
    y : ndarray of shape (6,), dtype int
        Labels: the first three examples are 0, the last three 1.
    """
    X = np.array([[0.5, 1.5], [1.0, 1.0], [1.5, 0.5], [3.0, 0.5], [2.0, 2.0], [1.0, 2.5]])
    y = np.array([0, 0, 0, 1, 1, 1])
    return X, y


def load_tumor_data():
    """The one-feature "tumour size" dataset of the original labs.

    Returns
    -------
    x : ndarray of shape (6,)
        Tumour size (arbitrary units), 0 to 5.
    y : ndarray of shape (6,), dtype int
        0 for benign, 1 for malignant.
    """
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([0, 0, 0, 1, 1, 1])
    return x, y


def load_breast_cancer_data(features=None):
    """Wisconsin breast-cancer data, bundled with scikit-learn (no download).

    The labels are flipped from scikit-learn's convention so that ``y = 1``
    means *malignant*, the case the course calls positive.

    Parameters
    ----------
    features : sequence of str, optional
        Names of the columns to keep (for example ``["mean radius",
        "mean area"]``); all 30 when omitted.

    Returns
    -------
    X : ndarray of shape (569, n)
    y : ndarray of shape (569,), dtype int
        1 = malignant (212 examples), 0 = benign (357).
    names : list of str
        The feature names, in column order.

    Raises
    ------
    ValueError
        If a requested feature name does not exist.
    """
    from sklearn.datasets import load_breast_cancer  # imported lazily: slow to import

    data = load_breast_cancer()
    names = list(data.feature_names)
    X = data.data
    if features is not None:
        unknown = [f for f in features if f not in names]
        if unknown:
            raise ValueError(f"unknown feature name(s) {unknown}; choose from {names}")
        columns = [names.index(f) for f in features]
        X = X[:, columns]
        names = list(features)
    y = (data.target == 0).astype(int)  # scikit-learn: 0 = malignant
    return X.copy(), y, names
