"""Cost surfaces, curvature and convergence: the figures of the chapter *Deriving the gradient*.

The chapter compares two ways of scoring a sigmoid model: the log loss that
logistic regression uses, and the squared error of linear regression. The
functions here only draw: the costs come from :mod:`lab_utils.cost` and their
curvature from :mod:`lab_utils.curvature`. Throughout, ``loss`` is ``"log"`` or
``"squared"`` (:data:`lab_utils.cost.LOSSES`).

Used by ``chapters/gradient_derivation.md``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.cost import LOSSES, cost_grid, per_example_loss
from lab_utils.curvature import loss_curvature, min_hessian_eigenvalue_surface
from lab_utils.style import COLORS

__all__ = [
    "MAX_MARKED_POINTS",
    "convergence_figure",
    "cost_surfaces_figure",
    "curvature_map_figure",
    "loss_curvature_figure",
]

#: Runs with at most this many iterations are drawn with a marker at every point.
MAX_MARKED_POINTS = 50


def loss_curvature_figure(z_min=-6.0, z_max=6.0, resolution=400):
    """Loss and curvature of one positive example (``y = 1``) as functions of ``z``.

    Left: the log loss and the squared error. Right: their second
    derivatives; the stretch where squared error curves downwards
    (``z < -ln 2``) is shaded.

    Parameters
    ----------
    z_min, z_max : float
        Range of the logit.
    resolution : int, default=400

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    z = np.linspace(z_min, z_max, resolution)
    colours = {"log": COLORS["blue"], "squared": COLORS["vermillion"]}
    fig, (ax_loss, ax_curv) = plt.subplots(1, 2, figsize=(10, 3.8))
    concave_end = -np.log(2.0)
    for ax in (ax_loss, ax_curv):
        ax.axvspan(z_min, concave_end, color=COLORS["orange"], alpha=0.18, lw=0,
                   label="squared error curves downwards" if ax is ax_loss else None)
        ax.set_xlim(z_min, z_max)
        ax.set_xlabel("logit $z = \\mathbf{w}\\cdot\\mathbf{x} + b$ (example with $y = 1$)")
    for loss, colour in colours.items():
        ax_loss.plot(z, per_example_loss(z, 1.0, loss), color=colour, label=LOSSES[loss])
        ax_curv.plot(z, loss_curvature(z, 1.0, loss), color=colour, label=LOSSES[loss])
    ax_curv.axhline(0.0, color=COLORS["black"], lw=0.8)
    ax_loss.set_ylabel("loss of the example")
    ax_loss.set_title("Loss")
    ax_curv.set_ylabel("second derivative $d^2L/dz^2$")
    ax_curv.set_title("Curvature")
    ax_loss.legend(loc="upper right")
    return fig


def cost_surfaces_figure(x, y, w_values, b_values, elev=28, azim=-125):
    """The squared-error and log-loss costs over ``(w, b)``, side by side in 3-D.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    w_values, b_values : array_like, 1-D
        Grid of the weight and the bias.
    elev, azim : float
        Viewing angles (degrees).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    W, B = np.meshgrid(w_values, b_values)
    fig = plt.figure(figsize=(11, 4.8))
    for k, loss in enumerate(["squared", "log"]):
        ax = fig.add_subplot(1, 2, k + 1, projection="3d")
        J = cost_grid(x, y, w_values, b_values, loss)[2]
        ax.plot_surface(W, B, J, cmap="cividis", rstride=2, cstride=2, linewidth=0, antialiased=True)
        ax.view_init(elev=elev, azim=azim)
        ax.set_xlabel("$w$")
        ax.set_ylabel("$b$")
        ax.set_zlabel("$J(w, b)$")
        ax.set_title(f"{LOSSES[loss].capitalize()} with a sigmoid")
    return fig


def curvature_map_figure(x, y, w_values, b_values):
    """Maps of the smallest Hessian eigenvalue over ``(w, b)`` for both costs.

    Both panels share one diverging, symmetric-logarithmic colour scale
    centred on zero, so that tiny values still show their sign: negative
    values (the cost curves downwards in some direction there) are orange,
    positive ones purple, and the zero level is drawn in black.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    w_values, b_values : array_like, 1-D

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import SymLogNorm

    surfaces = {loss: min_hessian_eigenvalue_surface(x, y, w_values, b_values, loss)
                for loss in ["squared", "log"]}
    largest = max(float(np.abs(lam).max()) for lam in surfaces.values())
    norm = SymLogNorm(linthresh=largest * 1e-4, linscale=0.5, vmin=-largest, vmax=largest)
    powers = 10.0 ** np.arange(np.floor(np.log10(largest)), np.log10(norm.linthresh), -2)
    ticks = np.concatenate([-powers, [0.0], powers[::-1]])
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    extent = (w_values[0], w_values[-1], b_values[0], b_values[-1])
    for ax, (loss, lam) in zip(axes, surfaces.items()):
        image = ax.imshow(lam, origin="lower", extent=extent, aspect="auto", cmap="PuOr",
                          norm=norm, interpolation="nearest")
        if lam.min() < 0 < lam.max():
            ax.contour(w_values, b_values, lam, levels=[0.0], colors=COLORS["black"], linewidths=1.5)
        ax.grid(False)
        ax.set_xlabel("$w$")
        ax.set_ylabel("$b$")
        ax.set_title(f"{LOSSES[loss].capitalize()}: smallest eigenvalue\n"
                     f"(min {lam.min():.2g} on this grid)")
        bar = fig.colorbar(image, ax=ax, label="smallest eigenvalue (symmetric log scale)")
        bar.set_ticks(ticks)
        bar.minorticks_off()
    return fig


def convergence_figure(histories, cost_star, tol=None):
    """Distance to the optimal cost, ``J - J*``, against the iteration, on log-log axes.

    Parameters
    ----------
    histories : dict of str to sequence of float
        Cost after each iteration (iteration 1, 2, ...) for each method, keyed
        by the legend label.
    cost_star : float
        The optimal cost.
    tol : float, optional
        Draw this tolerance as a dashed horizontal line.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Iterations where ``J - J*`` is zero or negative (the cost has reached the
    optimum to rounding) cannot be drawn on a log scale and are left out.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    for label, history in histories.items():
        gap = np.asarray(history, dtype=float) - float(cost_star)
        iterations = np.arange(1, gap.size + 1)
        keep = gap > 0
        marker = "o" if gap.size <= MAX_MARKED_POINTS else None  # mark the points of short runs
        ax.plot(iterations[keep], gap[keep], marker=marker, ms=5, label=label)
    if tol is not None:
        ax.axhline(tol, color=COLORS["black"], ls="--", lw=1, label=f"tolerance {tol:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("$J - J^*$ (log scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig
