"""Figures for the chapter on over-fitting and regularisation.

Each ``*_figure`` function returns a new :class:`~matplotlib.figure.Figure`;
the ``plot_*`` helpers draw onto a given ``Axes``. Every axis is labelled and
nothing calls ``plt.show()``. The numbers they draw come from
:mod:`lab_utils.studies.regularization`.

Used by ``chapters/regularization.md`` and ``labs/regularization_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.display import number_text
from lab_utils.plotting import data_limits, plot_data
from lab_utils.predict import predict_proba
from lab_utils.studies.regularization import poly_features
from lab_utils.style import BOUNDARY, COLORS

__all__ = [
    "boundaries_by_lambda_figure",
    "boundary_evolution_figure",
    "hessian_eigenvalue_figure",
    "overfitting_curves_figure",
    "plot_poly_boundary",
    "separable_growth_figure",
    "threshold_figure",
]

#: One colour per data set or curve, the same in every figure of the chapter.
SERIES_COLORS = [COLORS["blue"], COLORS["vermillion"], COLORS["green"], COLORS["purple"]]


def separable_growth_figure(runs):
    """Size of the parameters, cost, and angle to the max-margin direction against iterations.

    Parameters
    ----------
    runs : dict of str to dict
        Label to a run from :func:`lab_utils.studies.regularization.separable_run`.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels, all with a logarithmic iteration axis.
    """
    import matplotlib.pyplot as plt

    fig, (ax_norm, ax_cost, ax_angle) = plt.subplots(1, 3, figsize=(13, 4.0), layout="constrained")
    for color, (label, run) in zip(SERIES_COLORS, runs.items()):
        it = run["iterations"]
        ax_norm.plot(it, run["norm"], "-o", ms=3, color=color, label=label)
        ax_cost.loglog(it, run["cost"], "-o", ms=3, color=color, label=label)
        ax_angle.loglog(it, run["angle"], "-o", ms=3, color=color, label=label)
    ax_norm.set_xscale("log")
    ax_norm.set_xlabel("iteration (log scale)")
    ax_norm.set_ylabel(r"$\|(\mathbf{w}, b)\|$")
    ax_norm.set_title("the parameters keep growing")
    ax_cost.set_xlabel("iteration (log scale)")
    ax_cost.set_ylabel("cost $J$ (log scale)")
    ax_cost.set_title("the cost creeps towards 0")
    ax_angle.set_xlabel("iteration (log scale)")
    ax_angle.set_ylabel("angle to max-margin direction (degrees, log scale)")
    ax_angle.set_title("the direction settles, slowly")
    ax_norm.legend(loc="upper left")
    return fig


def boundary_evolution_figure(X, y, run, indices, max_margin):
    """The decision boundary of the six examples at several iterations, with the max-margin line.

    Parameters
    ----------
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
    run : dict
        From :func:`lab_utils.studies.regularization.separable_run`.
    indices : sequence of int
        Which of the run's checkpoints to draw.
    max_margin : array_like of shape (3,)
        ``(w_0, w_1, b)`` direction of the maximum-margin separator.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 5.0), layout="constrained")
    plot_data(X, y, ax, loc=None)
    x0_lo, x0_hi, x1_lo, x1_hi = data_limits(X, margin=0.25)
    x0 = np.array([x0_lo, x0_hi])
    shades = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, len(indices)))
    for shade, k in zip(shades, indices):
        w, b = run["w"][k], run["b"][k]
        ax.plot(x0, -(b + w[0] * x0) / w[1], color=shade, lw=1.6,
                label=f"after {int(run['iterations'][k]):,} iterations")
    mm = np.asarray(max_margin, dtype=float)
    ax.plot(x0, -(mm[2] + mm[0] * x0) / mm[1], "--", color=BOUNDARY, lw=2, label="maximum-margin separator")
    ax.set_xlim(x0_lo, x0_hi)
    ax.set_ylim(x1_lo, x1_hi)
    ax.legend(loc="upper right", fontsize="small")
    return fig


def hessian_eigenvalue_figure(iterations, smallest, regularized):
    """Smallest eigenvalue of the Hessian along a separable run, against a regularised floor.

    Parameters
    ----------
    iterations : array_like of shape (k,)
    smallest : array_like of shape (k,)
        Smallest eigenvalue of the unregularised Hessian at each iteration.
    regularized : dict of str to float
        Label (e.g. ``"λ = 1, at its optimum"``) to the smallest eigenvalue of a
        regularised Hessian, drawn as a horizontal line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    ax.loglog(iterations, smallest, "-o", ms=3, color=COLORS["blue"], label="λ = 0, along gradient descent")
    for color, (label, value) in zip(SERIES_COLORS[1:], regularized.items()):
        ax.axhline(value, ls="--", color=color, label=label)
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("smallest eigenvalue of the Hessian (log scale)")
    ax.legend(loc="lower left", fontsize="small")
    return fig


def overfitting_curves_figure(degree_rows, lambda_rows):
    """Training and validation cost against the polynomial degree and against λ.

    Parameters
    ----------
    degree_rows : list of dict
        From :func:`lab_utils.studies.regularization.degree_curve`.
    lambda_rows : list of dict
        From :func:`lab_utils.studies.regularization.lambda_curve`.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels; the validation minimum of each is marked.
    """
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11.5, 4.2), layout="constrained")
    for ax, rows, key in ((left, degree_rows, "degree"), (right, lambda_rows, "lambda_")):
        x = np.array([row[key] for row in rows], dtype=float)
        train = np.array([row["train_cost"] for row in rows])
        val = np.array([row["val_cost"] for row in rows])
        ax.plot(x, train, "-o", ms=4, color=COLORS["blue"], label="training cost")
        ax.plot(x, val, "-s", ms=4, color=COLORS["vermillion"], label="validation cost")
        best = int(np.argmin(val))
        ax.plot(x[best], val[best], "*", ms=16, color=COLORS["vermillion"], mec="white",
                label="lowest validation cost")
        ax.set_ylabel("average log loss (no penalty)")
        ax.legend(loc="upper left" if key == "degree" else "upper right", fontsize="small")
    left.set_xlabel(f"polynomial degree (λ = {degree_rows[0]['lambda_']:g})")
    left.set_xticks([row["degree"] for row in degree_rows])
    left.set_title("more features: training cost falls, validation cost falls then rises")
    right.set_xscale("log")
    right.set_xlabel(f"regularisation strength λ (log scale), degree {lambda_rows[0]['degree']}")
    right.set_title("more regularisation: the gap closes")
    return fig


def plot_poly_boundary(ax, X_train, w, b, degree, limits, resolution=200, **contour_kw):
    """Draw the curve where a polynomial-feature model predicts 0.5.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X_train : array_like of shape (m, 2)
        The raw training features, whose statistics scale the grid as they
        scaled the training set (see :func:`~lab_utils.studies.regularization.poly_features`).
    w : array_like
    b : float
    degree : int
    limits : (x0_lo, x0_hi, x1_lo, x1_hi)
    resolution : int, default=200
    **contour_kw
        Passed to :meth:`matplotlib.axes.Axes.contour`.

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    x0_lo, x0_hi, x1_lo, x1_hi = limits
    G0, G1 = np.meshgrid(np.linspace(x0_lo, x0_hi, resolution), np.linspace(x1_lo, x1_hi, resolution))
    _, F_grid = poly_features(X_train, np.column_stack([G0.ravel(), G1.ravel()]), degree)
    P = predict_proba(F_grid, w, b).reshape(G0.shape)
    contour_kw = {"colors": BOUNDARY, "linewidths": 2, **contour_kw}
    return ax.contour(G0, G1, P, levels=[0.5], **contour_kw)


def boundaries_by_lambda_figure(X_train, y_train, rows):
    """The training data and the fitted decision boundary for several λ, side by side.

    Parameters
    ----------
    X_train : array_like of shape (m, 2)
    y_train : array_like of shape (m,)
    rows : list of dict
        From :func:`lab_utils.studies.regularization.lambda_curve` (one panel each).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    limits = data_limits(X_train, margin=0.05)
    fig, axes = plt.subplots(1, len(rows), figsize=(3.9 * len(rows), 4.3), layout="constrained",
                             sharey=True, squeeze=False)
    for ax, row in zip(axes[0], rows):
        plot_data(X_train, y_train, ax, pos_label="y = 1 (inner ring)", neg_label="y = 0 (outer ring)",
                  s=25, loc=None)
        plot_poly_boundary(ax, X_train, row["w"], row["b"], row["degree"], limits)
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
        ax.set_aspect("equal")
        ax.set_title(f"λ = {number_text(row['lambda_'])}: validation cost {row['val_cost']:.3g}", fontsize="medium")
    for ax in axes[0, 1:]:
        ax.set_ylabel("")
    axes[0, 0].legend(loc="lower left", fontsize="x-small")
    return fig


def threshold_figure(rows, chosen=None):
    """Precision, recall and the two kinds of mistake against the decision threshold.

    Parameters
    ----------
    rows : list of dict
        From :func:`lab_utils.studies.regularization.threshold_table`, in
        increasing threshold.
    chosen : sequence of float, optional
        Thresholds to mark with vertical lines.

    Returns
    -------
    matplotlib.figure.Figure
        Left: precision and recall; right: the number of missed malignant
        tumours (false negatives) and of false alarms (false positives).
    """
    import matplotlib.pyplot as plt

    t = np.array([row["threshold"] for row in rows])
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.5, 4.0), layout="constrained")
    left.plot(t, [row["recall"] for row in rows], color=COLORS["vermillion"], lw=2,
              label="recall: malignant tumours caught")
    left.plot(t, [row["precision"] for row in rows], "--", color=COLORS["blue"], lw=2,
              label="precision: alarms that are right")
    left.set_ylabel("fraction")
    right.step(t, [row["fn"] for row in rows], where="post", color=COLORS["vermillion"], lw=2,
               label="false negatives (malignant called benign)")
    right.step(t, [row["fp"] for row in rows], where="post", ls="--", color=COLORS["blue"], lw=2,
               label="false positives (benign called malignant)")
    right.set_ylabel("held-out patients")
    for ax in (left, right):
        for value in chosen or ():
            ax.axvline(value, color=COLORS["black"], lw=0.8, ls=":")
        ax.set_xlabel("threshold: predict malignant when P(malignant) ≥ threshold")
        ax.set_xlim(0, 1)
        ax.legend(loc="lower left" if ax is left else "upper center", fontsize="small")
    return fig
