"""Figures for the chapter *Mini-batches and momentum*.

Each ``*_figure`` function returns a new :class:`~matplotlib.figure.Figure`,
labels every axis and never calls ``plt.show()``. The numbers they draw come
from :mod:`lab_utils.studies.minibatch_momentum`.

Used by ``chapters/minibatch_momentum.md`` and ``labs/minibatch_momentum_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.style import COLORS

__all__ = ["eigen_decay_figure", "epoch_cost_figure", "gradient_variance_figure"]

#: Gaps and errors below this are drawn at this value (float64 cannot resolve them).
FLOOR = 1e-16

_PALETTE = [COLORS["vermillion"], COLORS["orange"], COLORS["blue"], COLORS["purple"], COLORS["black"]]


def gradient_variance_figure(rows, ax=None):
    """Measured ``E ||g_B - g||²`` against batch size, with the exact value and ``s²/B``.

    Parameters
    ----------
    rows : list of dict
        From :func:`lab_utils.studies.minibatch_momentum.batch_gradient_variance`
        (batch sizes smaller than m: at ``B = m`` the variance is 0, which a
        log axis cannot show).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    else:
        fig = ax.figure
    sizes = np.array([row["batch_size"] for row in rows], dtype=float)
    if np.any([row["predicted"] <= 0 for row in rows]):
        raise ValueError("leave out B = m: its variance is 0 and cannot be drawn on a log scale")
    spread = rows[0]["spread"]
    grid = np.geomspace(sizes.min(), sizes.max(), 100)
    ax.plot(grid, spread / grid, color=COLORS["black"], ls="--", lw=1, label="$s^2/B$")
    ax.plot(sizes, [row["predicted"] for row in rows], color=COLORS["blue"], lw=2,
            label="exact: $\\frac{s^2}{B}\\,\\frac{m-B}{m-1}$")
    ax.plot(sizes, [row["measured"] for row in rows], "o", color=COLORS["vermillion"], ms=7,
            label="measured (random batches)")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("batch size $B$ (log scale)")
    ax.set_ylabel("$E\\,\\|g_B - g\\|^2$ (log scale)")
    ax.legend()
    return fig


def epoch_cost_figure(histories, cost_star, ax=None):
    """``J - J*`` after each epoch for several runs (log scale), all with the same examples processed.

    Parameters
    ----------
    histories : dict of str to array_like
        Label to the cost at the start and after each epoch.
    cost_star : float
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 4.4), layout="constrained")
    else:
        fig = ax.figure
    styles = ["-", "-", "-", "--", ":"]
    for index, (label, history) in enumerate(histories.items()):
        gap = np.maximum(np.asarray(history, dtype=float) - cost_star, FLOOR)
        ax.plot(np.arange(len(gap)), gap, color=_PALETTE[index % len(_PALETTE)],
                ls=styles[index % len(styles)], lw=2, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("epoch (passes over the training set)")
    ax.set_ylabel("$J - J^*$ on all examples (log scale)")
    ax.legend()
    return fig


def eigen_decay_figure(errors, rates, eigenvalues, titles, row_labels=None, num_shown=None):
    """The error in each eigen-direction of the Hessian, step by step: one panel per run.

    Parameters
    ----------
    errors : sequence of sequence of ndarray of shape (k, d)
        ``errors[r][c]``: the run drawn in row ``r``, column ``c`` (from
        :func:`lab_utils.studies.minibatch_momentum.eigen_errors` or
        :func:`~lab_utils.studies.minibatch_momentum.quadratic_model_errors`).
    rates : sequence of float
        Per column, the predicted contraction per step, drawn dashed.
    eigenvalues : array_like of shape (d,)
        In the order of the columns of each error array (ascending).
    titles : sequence of str
        Per column.
    row_labels : sequence of str, optional
        Per row, added to the vertical axis label.
    num_shown : int, optional
        Steps drawn (all when omitted).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    eigenvalues = np.asarray(eigenvalues, dtype=float)
    n_rows, n_cols = len(errors), len(errors[0])
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(11, 3.6 * n_rows + 0.8), layout="constrained",
                             sharey=True, sharex=True, squeeze=False)
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.9, len(eigenvalues)))
    for r in range(n_rows):
        for c in range(n_cols):
            ax = axes[r, c]
            error = np.abs(np.asarray(errors[r][c], dtype=float))[:num_shown]
            steps = np.arange(len(error))
            for j, value in enumerate(eigenvalues):
                ax.plot(steps, np.maximum(error[:, j], FLOOR), color=colors[j], lw=1.5,
                        label=f"direction of λ = {value:.3g}")
            start = float(np.max(error[0]))
            ax.plot(steps, start * rates[c] ** steps, color=COLORS["black"], ls="--", lw=1.5,
                    label="predicted rate per step")
            ax.set_yscale("log")
            ax.set_ylim(1e-13, 100)
            if r == 0:
                ax.set_title(f"{titles[c]}: rate {rates[c]:.3f}")
            if r == n_rows - 1:
                ax.set_xlabel("iteration")
            if c == 0:
                label = "|error along eigenvector|"
                ax.set_ylabel(label if row_labels is None else f"{row_labels[r]}\n{label}")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=4, fontsize="small")
    return fig
