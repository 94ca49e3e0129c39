"""Figures for the chapter *Feature scaling*.

Each ``*_figure`` function returns a new :class:`~matplotlib.figure.Figure`;
the ``plot_*`` helpers draw onto a given ``Axes``. Every axis is labelled and
nothing calls ``plt.show()``. The numbers they draw come from
:mod:`lab_utils.studies.feature_scaling`.

Used by ``chapters/feature_scaling.md`` and ``labs/feature_scaling_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.cost import cost_grid
from lab_utils.display import number_text
from lab_utils.style import COLORS
from lab_utils.validation import validate_features

__all__ = [
    "contour_paths_figure",
    "cost_gap_figure",
    "eigenvalue_figure",
    "feature_ranges_figure",
    "plot_cost_contours",
    "plot_cost_gap",
    "plot_descent_path",
    "plot_eigenvalues",
    "plot_feature_ranges",
]

#: One colour per scaling method, the same in every figure.
METHOD_COLORS = {"raw": COLORS["vermillion"], "min-max": COLORS["orange"], "z-score": COLORS["blue"]}

#: Gaps below this are drawn at this value (the cost cannot get closer in float64).
GAP_FLOOR = 1e-15


def _color(method, index):
    palette = list(COLORS.values())
    return METHOD_COLORS.get(method, palette[index % len(palette)])


def plot_feature_ranges(ax, X, names, log=False, percentiles=(5, 95)):
    """Draw each feature's typical range as a horizontal bar, with its median.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X : array_like of shape (m, n)
    names : sequence of str
        One per column; the first is drawn at the top.
    log : bool, default=False
        Logarithmic horizontal axis (for raw features spanning many decades;
        the values drawn must then be positive).
    percentiles : (float, float), default=(5, 95)
        The ends of each bar.

    Returns
    -------
    ndarray of shape (n, 3)
        Low end, median and high end of each bar.
    """
    X = validate_features(X)
    if len(names) != X.shape[1]:
        raise ValueError(f"need one name per feature: {X.shape[1]} columns, {len(names)} names")
    stats = np.percentile(X, [percentiles[0], 50, percentiles[1]], axis=0).T
    if log and np.any(stats <= 0):
        raise ValueError("a logarithmic axis needs positive values; the range includes values <= 0")
    rows = np.arange(X.shape[1])[::-1]
    ax.hlines(rows, stats[:, 0], stats[:, 2], color=COLORS["blue"], lw=6, alpha=0.6,
              label=f"middle {percentiles[1] - percentiles[0]:g}% of values")
    ax.plot(stats[:, 1], rows, "|", color=COLORS["black"], ms=14, mew=2, label="median")
    ax.set_yticks(rows, list(names))
    if log:
        ax.set_xscale("log")
    ax.set_xlabel("feature value" + (" (log scale)" if log else ""))
    ax.set_ylabel("feature")
    return stats


def feature_ranges_figure(X, names, X_scaled, scaled_label="z-score"):
    """Raw feature ranges (log scale) next to the same features after scaling.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Raw features (positive in their middle 90%).
    names : sequence of str
    X_scaled : array_like of shape (m, n)
        The same features, scaled.
    scaled_label : str, default="z-score"

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.45 * len(names) + 2.0),
                                      sharey=True, layout="constrained")
    plot_feature_ranges(left, X, names, log=True)
    left.set_title("raw features")
    plot_feature_ranges(right, X_scaled, names)
    right.set_xlabel(f"scaled value ({scaled_label})")
    right.set_ylabel("")
    right.set_title(f"after {scaled_label} scaling")
    left.legend(loc="upper center", bbox_to_anchor=(1.0, -0.18), ncols=2, fontsize="small", frameon=False)
    return fig


def _square_window(points, margin=0.12):
    """Limits of a square window (equal extent in both directions) around points."""
    points = np.asarray(points, dtype=float)
    low, high = points.min(axis=0), points.max(axis=0)
    centre = (low + high) / 2
    half = (1 + 2 * margin) * max(float(np.max(high - low)), 1e-12) / 2
    return centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half


def plot_cost_contours(ax, x, y, window, cost_star, n_levels=10, resolution=160):
    """Contours of ``J(w, b) - J*`` for a one-feature model, on log-spaced levels.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    window : (w_min, w_max, b_min, b_max)
    cost_star : float
        The minimum ``J*``.
    n_levels : int, default=10
        Levels from 10⁻³ up to the largest gap in the window.
    resolution : int, default=160
        Grid points per direction.

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    w_min, w_max, b_min, b_max = window
    W, B, J = cost_grid(x, y, np.linspace(w_min, w_max, resolution), np.linspace(b_min, b_max, resolution))
    gap = np.maximum(J - cost_star, GAP_FLOOR)
    levels = np.geomspace(1e-3, max(float(gap.max()), 2e-3), n_levels)
    contours = ax.contour(W, B, gap, levels=levels, cmap="viridis", linewidths=1.2)
    ax.set_xlim(w_min, w_max)
    ax.set_ylim(b_min, b_max)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("bias $b$")
    return contours


def plot_descent_path(ax, path, optimum=None, color=COLORS["black"]):
    """Draw a gradient-descent path over ``(w, b)``, its start and the optimum.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    path : array_like of shape (k, 2)
        ``(w, b)`` before the first and after each iteration.
    optimum : (float, float), optional
        ``(w*, b*)``, drawn as a star.
    color : str

    Returns
    -------
    list of matplotlib artists
    """
    path = np.asarray(path, dtype=float)
    artists = ax.plot(path[:, 0], path[:, 1], "-o", color=color, ms=2.5, lw=1.2, label="gradient descent")
    artists += ax.plot(*path[0], "s", color=color, ms=7, label="start (0, 0)")
    if optimum is not None:
        artists += ax.plot(*optimum, "*", color=COLORS["vermillion"], ms=15, mec="white",
                           label="minimum")
    return artists


def contour_paths_figure(runs, y, n_levels=10):
    """Cost contours over ``(w, b)`` with the descent path, one panel per scaling.

    Each panel is drawn to true scale (equal units on both axes, in a square
    window around the path and the minimum), so an elongated ellipse really
    is elongated and each step crosses the contours at a right angle.

    Parameters
    ----------
    runs : list of dict
        From :func:`lab_utils.studies.feature_scaling.descent_paths`.
    y : array_like of shape (m,)
    n_levels : int, default=10

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(runs), figsize=(3.7 * len(runs), 4.1), layout="constrained",
                             squeeze=False)
    for ax, run in zip(axes[0], runs):
        points = np.vstack([run["path"], run["optimum"]])
        plot_cost_contours(ax, run["x"], y, _square_window(points), run["cost_star"], n_levels)
        plot_descent_path(ax, run["path"], run["optimum"])
        ax.set_aspect("equal")
        steps = len(run["path"]) - 1
        ax.set_title(f"{run['method']} feature, α = {run['alpha']:.3g}")
        ax.text(0.03, 0.03, f"after {steps} steps:\nJ − J* = {run['gap']:.2g}", transform=ax.transAxes,
                fontsize="small", va="bottom", bbox={"fc": "white", "ec": "0.7", "alpha": 0.9})
    axes[0, 0].legend(loc="upper right", fontsize="small")
    return fig


def cost_gap_figure(histories, cost_star):
    """New figure drawn by :func:`plot_cost_gap`.

    Parameters
    ----------
    histories : dict of str to array_like
    cost_star : float

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
    plot_cost_gap(ax, histories, cost_star)
    return fig


def plot_cost_gap(ax, histories, cost_star):
    """Draw how far the cost is from its minimum, iteration by iteration (log scale).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    histories : dict of str to array_like
        Label (e.g. a scaling method) to the cost after each iteration.
    cost_star : float
        The minimum ``J*``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    for index, (label, history) in enumerate(histories.items()):
        gap = np.maximum(np.asarray(history, dtype=float) - cost_star, GAP_FLOOR)
        ax.plot(np.arange(1, len(gap) + 1), gap, color=_color(label, index), lw=2, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("$J(\\mathbf{w}, b) - J^*$ (log scale)")
    ax.legend(title="features")
    return ax


def eigenvalue_figure(spectra):
    """New figure drawn by :func:`plot_eigenvalues`.

    Parameters
    ----------
    spectra : dict of str to array_like

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    plot_eigenvalues(ax, spectra)
    return fig


def plot_eigenvalues(ax, spectra):
    """Draw the Hessian's eigenvalues for each scaling, on a log scale, with κ.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    spectra : dict of str to array_like
        Label to the eigenvalues (all positive).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    for index, (label, values) in enumerate(spectra.items()):
        values = np.sort(np.asarray(values, dtype=float))
        if np.any(values <= 0):
            raise ValueError(f"eigenvalues of {label!r} must be positive to be drawn on a log scale")
        color = _color(label, index)
        ax.vlines(index, values[0], values[-1], color=color, lw=3, alpha=0.4)
        ax.plot(np.full(values.shape, index), values, "o", color=color, ms=8)
        ax.annotate(f"κ = {number_text(values[-1] / values[0])}", (index, values[-1]), textcoords="offset points",
                    xytext=(0, 10), ha="center", fontsize="small")
    ax.set_xticks(range(len(spectra)), list(spectra))
    ax.set_xlim(-0.6, len(spectra) - 0.4)
    ax.set_yscale("log")
    ax.margins(y=0.15)
    ax.set_xlabel("features")
    ax.set_ylabel("eigenvalue of the Hessian at the start (log scale)")
    return ax
