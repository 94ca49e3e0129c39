"""Cost surfaces, curvature and convergence: the figures of the chapter *Deriving the gradient*.

The chapter compares two ways of scoring a sigmoid model: the log loss that
logistic regression uses, and the squared error of linear regression. The
functions here compute both costs, their second derivatives (per example and
as a Hessian over ``(w, b)``), and draw them.

Throughout, ``loss`` is ``"log"`` or ``"squared"``:

* log loss: ``-y log f - (1 - y) log(1 - f)``;
* squared error: ``(f - y) ** 2 / 2``, so the cost is ``sum((f - y) ** 2) / (2 m)``,
  the convention of linear regression;

with ``f = sigmoid(z)`` and ``z = w . x + b``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.activation import _sigmoid_of_array
from lab_utils.cost import log_loss_from_logits
from lab_utils.newton import hessian_logistic
from lab_utils.style import COLORS
from lab_utils.validation import _as_float_array, _check_finite, check_features, check_labels, check_problem

__all__ = [
    "LOSSES",
    "MAX_MARKED_POINTS",
    "convergence_figure",
    "cost_hessian",
    "cost_surface",
    "cost_surfaces_figure",
    "curvature_map_figure",
    "loss_curvature",
    "loss_curvature_figure",
    "min_hessian_eigenvalue_surface",
    "per_example_loss",
    "squared_error_cost",
]

#: Runs with at most this many iterations are drawn with a marker at every point.
MAX_MARKED_POINTS = 50

#: The two losses compared, with the names used in legends and titles.
LOSSES = {"log": "log loss", "squared": "squared error"}


def _check_loss(loss):
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}; got {loss!r}")
    return loss


def _check_grid(values, name):
    """A 1-D array of finite grid values."""
    values = _as_float_array(values, name)
    if values.ndim != 1 or values.size < 2:
        raise ValueError(f"{name} must be a 1-D array of at least 2 values; got shape {values.shape}")
    _check_finite(values, name)
    return values


def _one_feature(x, y):
    """Validate one-feature data; return ``X`` of shape ``(m, 1)`` and ``y``."""
    X = check_features(np.reshape(_as_float_array(x, "x"), (-1, 1)), "x")
    return X, check_labels(y, X.shape[0])


def per_example_loss(z, y, loss="log"):
    """Loss of each example given its logit ``z`` and label ``y``.

    Parameters
    ----------
    z : array_like
        Logits ``w . x + b``; finite.
    y : array_like
        Labels (0 or 1), broadcastable against ``z``.
    loss : {"log", "squared"}

    Returns
    -------
    ndarray
        ``log(1 + exp(z)) - y z`` for the log loss, ``(sigmoid(z) - y) ** 2 / 2``
        for squared error.
    """
    _check_loss(loss)
    z = _as_float_array(z, "z")
    _check_finite(z, "z")
    y = _as_float_array(y, "y")
    if loss == "log":
        return log_loss_from_logits(z, y)
    return 0.5 * (_sigmoid_of_array(z) - y) ** 2


def loss_curvature(z, y, loss="log"):
    """Second derivative of one example's loss with respect to its logit ``z``.

    With ``f = sigmoid(z)``:

    * log loss: ``f (1 - f)``, positive for every ``z`` and either label;
    * squared error: ``f (1 - f) [f (1 - f) + (f - y)(1 - 2 f)]``, which is
      negative when the example is confidently wrong (``f < 1/3`` for
      ``y = 1``, ``f > 2/3`` for ``y = 0``).

    Parameters
    ----------
    z : array_like
    y : array_like
        Labels (0 or 1), broadcastable against ``z``.
    loss : {"log", "squared"}

    Returns
    -------
    ndarray
    """
    _check_loss(loss)
    z = _as_float_array(z, "z")
    _check_finite(z, "z")
    y = _as_float_array(y, "y")
    f = _sigmoid_of_array(z)
    with np.errstate(under="ignore"):
        slope = f * (1.0 - f)
        if loss == "log":
            return slope
        return slope * (slope + (f - y) * (1.0 - 2.0 * f))


def squared_error_cost(X, y, w, b):
    """Squared-error cost of a sigmoid model: ``sum((f - y) ** 2) / (2 m)``.

    This is linear regression's cost with the sigmoid put inside; it is *not*
    what logistic regression uses, and the chapter shows why.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float

    Returns
    -------
    float
    """
    X, y, w, b = check_problem(X, y, w, b)
    return float(np.mean(per_example_loss(X @ w + b, y, "squared")))


def cost_hessian(X, y, w, b, loss="log"):
    """Hessian of the cost with respect to ``(w_0, ..., w_{n-1}, b)``.

    Both costs average a function of ``z = w . x + b``, so their Hessians are
    ``X1.T @ diag(c) @ X1 / m`` with ``X1 = [X, 1]`` and ``c`` from
    :func:`loss_curvature`. For the log loss every ``c`` is positive and the
    Hessian is positive semi-definite; for squared error some ``c`` can be
    negative, and so can an eigenvalue.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    loss : {"log", "squared"}

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
        The bias is the last row and column.
    """
    _check_loss(loss)
    X, y, w, b = check_problem(X, y, w, b)
    if loss == "log":
        return hessian_logistic(X, w, b)
    X1 = np.hstack([X, np.ones((X.shape[0], 1))])
    c = loss_curvature(X @ w + b, y, loss)
    return X1.T @ (X1 * c[:, None]) / X.shape[0]


def _grid_logits(X, w_values, b_values):
    """Logits of every example at every grid point: shape ``(len(b), len(w), m)``."""
    W, B = np.meshgrid(w_values, b_values)
    return W[..., None] * X[:, 0] + B[..., None]


def cost_surface(x, y, w_values, b_values, loss="log"):
    """Cost of a one-feature model at every point of a ``(w, b)`` grid.

    Parameters
    ----------
    x : array_like of shape (m,)
        The single feature.
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w_values, b_values : array_like, 1-D
        Grid values of the weight and the bias.
    loss : {"log", "squared"}

    Returns
    -------
    ndarray of shape (len(b_values), len(w_values))
        ``J[i, j]`` is the cost at ``w = w_values[j]``, ``b = b_values[i]``
        (rows follow ``b``, as :func:`numpy.meshgrid` arranges them).
    """
    _check_loss(loss)
    X, y = _one_feature(x, y)
    z = _grid_logits(X, _check_grid(w_values, "w_values"), _check_grid(b_values, "b_values"))
    return per_example_loss(z, y, loss).mean(axis=-1)


def min_hessian_eigenvalue_surface(x, y, w_values, b_values, loss="log"):
    """Smallest eigenvalue of the ``2 x 2`` Hessian at every point of a ``(w, b)`` grid.

    A negative value means the cost curves *downwards* in some direction
    there, which a convex function never does.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    w_values, b_values : array_like, 1-D
    loss : {"log", "squared"}

    Returns
    -------
    ndarray of shape (len(b_values), len(w_values))
    """
    _check_loss(loss)
    X, y = _one_feature(x, y)
    z = _grid_logits(X, _check_grid(w_values, "w_values"), _check_grid(b_values, "b_values"))
    c = loss_curvature(z, y, loss)
    X1 = np.hstack([X, np.ones_like(X)])
    hessians = np.einsum("...i,ij,ik->...jk", c, X1, X1) / X.shape[0]
    return np.linalg.eigvalsh(hessians)[..., 0]


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
        J = cost_surface(x, y, w_values, b_values, loss)
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


def convergence_figure(histories, J_star, tol=None):
    """Distance to the optimal cost, ``J - J*``, against the iteration, on log-log axes.

    Parameters
    ----------
    histories : dict of str to sequence of float
        Cost after each iteration (iteration 1, 2, ...) for each method, keyed
        by the legend label.
    J_star : float
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
        gap = np.asarray(history, dtype=float) - float(J_star)
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
