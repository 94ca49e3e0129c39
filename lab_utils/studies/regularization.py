"""Experiments on separable data, over-fitting, regularisation and decision thresholds.

Pure functions: each takes data (or a seed) and returns numbers, which
:mod:`lab_utils.figures.regularization` draws. Every fit of a regularised
model is Newton's method run until the gradient vanishes
(:func:`fit_regularized`), so a cost reported here is the cost at the
optimum, not after an arbitrary number of gradient-descent steps.

Used by ``chapters/regularization.md`` and ``labs/regularization_lab.ipynb``.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np

from lab_utils.cost import compute_cost_logistic
from lab_utils.descent import gradient_descent
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.newton import newton_method
from lab_utils.predict import predict_proba
from lab_utils.regularization import map_feature
from lab_utils.scaling import apply_scaling, zscore_normalize_features
from lab_utils.validation import (
    validate_alpha,
    validate_data,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_num_iters,
)

__all__ = [
    "circles_split",
    "confusion_counts",
    "degree_curve",
    "fit_regularized",
    "lambda_curve",
    "max_margin_direction",
    "poly_features",
    "separable_run",
    "threshold_table",
]


#: Decimals kept of each generated point (far below the noise, 0.25, and the same on every CPU).
DECIMALS = 10


def circles_split(m_train=150, m_val=400, noise=0.25, seed=0):
    """Two rings of points (scikit-learn's ``make_circles``), split into training and validation.

    Parameters
    ----------
    m_train, m_val : int, default=150, 400
        Examples in each part; the first ``m_train`` generated go to training.
    noise : float, default=0.25
        Standard deviation of the Gaussian noise added to each point; at 0.25
        the rings overlap, so no curve separates the classes exactly.
    seed : int, default=0
        ``random_state`` of ``make_circles``: the same seed, the same points.

    Returns
    -------
    X_train : ndarray of shape (m_train, 2)
    y_train : ndarray of shape (m_train,)
    X_val : ndarray of shape (m_val, 2)
    y_val : ndarray of shape (m_val,)
        Label 1 for the inner ring.

    Notes
    -----
    The coordinates are rounded to :data:`DECIMALS` decimals: ``make_circles``
    draws the rings with numpy's ``cos`` and ``sin``, whose last bit can differ
    between CPUs, and rounded points are the same on every machine (the labs
    store them in their outputs).
    """
    from sklearn.datasets import make_circles  # imported lazily: slow to import

    for name, value in (("m_train", m_train), ("m_val", m_val)):
        if isinstance(value, bool) or not isinstance(value, Integral) or value < 2:
            raise ValueError(f"{name} must be a whole number >= 2; got {value!r}")
    X, y = make_circles(n_samples=m_train + m_val, noise=noise, factor=0.5, random_state=seed)
    X = np.round(X, DECIMALS)
    return X[:m_train], y[:m_train], X[m_train:], y[m_train:]


def poly_features(X_train, X_val, degree):
    """Z-score two raw features on the training set, then map both parts with :func:`map_feature`.

    Parameters
    ----------
    X_train, X_val : array_like of shape (m, 2)
    degree : int

    Returns
    -------
    F_train, F_val : ndarray of shape (m, degree * (degree + 3) / 2)
    """
    X_train, X_val = validate_features(X_train, "X_train"), validate_features(X_val, "X_val")
    if X_train.shape[1] != 2 or X_val.shape[1] != 2:
        raise ValueError("poly_features maps exactly two features; X_train and X_val need 2 columns")
    Z_train, mu, sigma = zscore_normalize_features(X_train)
    Z_val = apply_scaling(X_val, mu, sigma)
    return (map_feature(Z_train[:, 0], Z_train[:, 1], degree),
            map_feature(Z_val[:, 0], Z_val[:, 1], degree))


def fit_regularized(X, y, lambda_, tol=1e-9, max_iters=200):
    """Minimise the regularised cost with Newton's method, from ``w = 0, b = 0``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    lambda_ : float
        Regularisation strength, >= 0.
    tol : float, default=1e-9
        Converged when every partial derivative is at most ``tol`` in size.
    max_iters : int, default=200

    Returns
    -------
    dict
        ``w``, ``b``, ``iterations`` (Newton steps), ``gradient`` (largest
        partial derivative at the end) and ``converged`` (gradient <= tol).
        On separable data with ``lambda_ = 0`` there is no optimum:
        ``converged`` may still be true, because the gradient falls below
        ``tol`` once the weights are large enough, although the cost has no
        minimum (``w`` then depends on ``tol``).
    """
    X, y = validate_data(X, y)
    w, b, history = newton_method(X, y, np.zeros(X.shape[1]), 0.0, max_iters, tol=tol, lambda_=lambda_)
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b, lambda_)
    gradient = float(max(abs(dj_db), np.max(np.abs(dj_dw))))
    return {"w": w, "b": b, "iterations": len(history), "gradient": gradient,
            "converged": gradient <= 10 * tol}


def _fit_and_score(F_train, y_train, F_val, y_val, lambda_):
    fit = fit_regularized(F_train, y_train, lambda_)
    w, b = fit["w"], fit["b"]
    return {
        "lambda_": float(lambda_),
        "n_features": F_train.shape[1],
        "train_cost": compute_cost_logistic(F_train, y_train, w, b),
        "val_cost": compute_cost_logistic(F_val, y_val, w, b),
        "train_error": float(np.mean((predict_proba(F_train, w, b) >= 0.5) != y_train)),
        "val_error": float(np.mean((predict_proba(F_val, w, b) >= 0.5) != y_val)),
        "norm_w": float(np.linalg.norm(w)),
        "converged": fit["converged"],
        "w": w,
        "b": b,
    }


def degree_curve(X_train, y_train, X_val, y_val, degrees=range(1, 7), lambda_=0.0):
    """Training and validation cost of the fitted model for each polynomial degree.

    Both costs are the plain average log loss (no penalty term), so they
    measure the fit alone and are comparable for every ``lambda_``.

    Parameters
    ----------
    X_train, y_train, X_val, y_val : array_like
        Two raw features and labels, as from :func:`circles_split`.
    degrees : iterable of int, default=range(1, 7)
    lambda_ : float, default=0.0

    Returns
    -------
    list of dict
        One per degree: ``degree``, ``n_features``, ``train_cost``,
        ``val_cost``, ``train_error`` and ``val_error`` (fractions
        misclassified at threshold 0.5), ``norm_w``, ``converged``, ``w``, ``b``.
    """
    lambda_ = validate_lambda(lambda_)
    rows = []
    for degree in degrees:
        F_train, F_val = poly_features(X_train, X_val, degree)
        rows.append({"degree": int(degree), **_fit_and_score(F_train, y_train, F_val, y_val, lambda_)})
    return rows


def lambda_curve(X_train, y_train, X_val, y_val, lambdas, degree=6):
    """Training and validation cost of the fitted degree-``degree`` model for each ``lambda_``.

    Parameters
    ----------
    X_train, y_train, X_val, y_val : array_like
    lambdas : iterable of float
        Each >= 0.
    degree : int, default=6

    Returns
    -------
    list of dict
        As :func:`degree_curve`, one per ``lambda_`` (with ``degree``).
    """
    F_train, F_val = poly_features(X_train, X_val, degree)
    return [{"degree": int(degree), **_fit_and_score(F_train, y_train, F_val, y_val, validate_lambda(lam))}
            for lam in lambdas]


def max_margin_direction(X, y):
    """Unit direction of the maximum-margin separator of ``(w, b)``, the bias counted as a weight.

    Solves ``min |theta|^2`` subject to ``s_i theta . [x_i, 1] >= 1`` for every
    example, with ``s_i = +1`` for ``y = 1`` and ``-1`` for ``y = 0``. Gradient
    descent on the unregularised logistic cost, which updates ``b`` like a
    weight of a constant feature, turns towards this direction on separable
    data (Soudry et al., 2018).

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)

    Returns
    -------
    ndarray of shape (n + 1,)
        ``theta / |theta|``, the bias last.

    Raises
    ------
    ValueError
        If the data are not linearly separable (no ``theta`` meets the constraints).
    """
    from scipy.optimize import minimize  # imported lazily: slow to import

    X, y = validate_data(X, y)
    A = (2 * y - 1)[:, None] * np.hstack([X, np.ones((X.shape[0], 1))])
    start = np.linalg.lstsq(A, np.ones(X.shape[0]), rcond=None)[0]
    result = minimize(lambda t: 0.5 * t @ t, start, jac=lambda t: t, method="SLSQP",
                      constraints={"type": "ineq", "fun": lambda t: A @ t - 1, "jac": lambda t: A},
                      options={"ftol": 1e-14, "maxiter": 1000})
    if not result.success or np.min(A @ result.x) < 1 - 1e-6:
        raise ValueError("the data are not linearly separable: no separator has every example on its side")
    return result.x / np.linalg.norm(result.x)


def separable_run(X, y, alpha, checkpoints):
    """Run gradient descent on separable data and record the weights at chosen iterations.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float
        Learning rate.
    checkpoints : sequence of int
        Increasing iteration counts (>= 1) at which to record.

    Returns
    -------
    dict of ndarray
        ``iterations``; ``cost`` (unregularised); ``norm`` (``|(w, b)|``);
        ``norm_w`` (``|w|``); ``w`` and ``b`` at each checkpoint; ``angle``,
        the angle in degrees between ``(w, b)`` and :func:`max_margin_direction`.
    """
    X, y = validate_data(X, y)
    alpha = validate_alpha(alpha)
    checkpoints = [validate_num_iters(int(c)) for c in checkpoints]
    if any(b <= a for a, b in zip(checkpoints, checkpoints[1:])):
        raise ValueError("checkpoints must increase")
    target = max_margin_direction(X, y)
    w, b, done = np.zeros(X.shape[1]), 0.0, 0
    records = {"iterations": [], "cost": [], "norm": [], "norm_w": [], "w": [], "b": [], "angle": []}
    for stop in checkpoints:
        w, b, _ = gradient_descent(X, y, w, b, alpha, stop - done, verbose=False)
        done = stop
        theta = np.append(w, b)
        cosine = float(theta @ target / np.linalg.norm(theta))
        records["iterations"].append(stop)
        records["cost"].append(compute_cost_logistic(X, y, w, b))
        records["norm"].append(float(np.linalg.norm(theta)))
        records["norm_w"].append(float(np.linalg.norm(w)))
        records["w"].append(w.copy())
        records["b"].append(b)
        records["angle"].append(float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))))
    return {key: np.array(value) for key, value in records.items()}


def confusion_counts(y_true, probabilities, threshold=0.5):
    """Confusion matrix, precision and recall of the decision ``p >= threshold``.

    Parameters
    ----------
    y_true : array_like of shape (m,)
        Labels, 1 for the positive class (malignant).
    probabilities : array_like of shape (m,)
        Predicted ``P(y = 1)``.
    threshold : float, default=0.5
        Predict 1 when the probability is at least this.

    Returns
    -------
    dict
        ``tp``, ``fp``, ``tn``, ``fn`` (ints), ``precision`` = tp / (tp + fp)
        (NaN when nothing is predicted positive), ``recall`` = tp / (tp + fn)
        and ``threshold``.
    """
    p = np.asarray(probabilities, dtype=float)
    y_true = validate_labels(y_true, p.shape[0])
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must lie between 0 and 1; got {threshold}")
    predicted = p >= threshold
    positive = y_true == 1
    tp, fp = int(np.sum(predicted & positive)), int(np.sum(predicted & ~positive))
    fn, tn = int(np.sum(~predicted & positive)), int(np.sum(~predicted & ~positive))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return {"threshold": float(threshold), "tp": tp, "fp": fp, "tn": tn, "fn": fn,
            "precision": precision, "recall": recall}


def threshold_table(y_true, probabilities, thresholds):
    """:func:`confusion_counts` for each threshold.

    Parameters
    ----------
    y_true : array_like of shape (m,)
    probabilities : array_like of shape (m,)
    thresholds : iterable of float

    Returns
    -------
    list of dict
    """
    return [confusion_counts(y_true, probabilities, t) for t in thresholds]
