"""The static figures of the original course's logistic-loss lab, in this course's style.

The names and arguments are those of the original ``plt_logistic_loss``
module, and so is the module's (it draws no chapter's figures, so it is not in
:mod:`lab_utils.figures`), so that a lab written for it runs after changing its
import line to ``from lab_utils.plt_logistic_loss import ...``. Like
the originals, each function draws a new pyplot figure and returns nothing
(:func:`plt_logistic_cost` returns the cost grid it drew): a notebook shows the
figure once, at the end of the cell. Get the figure with
``matplotlib.pyplot.gcf()`` to restyle or save it.

The surfaces are computed by :func:`lab_utils.cost.cost_grid`,
the same costs the chapters use: squared error ``sum((f - y) ** 2) / (2 m)``
and the log loss, with ``f = sigmoid(w x + b)``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.cost import cost_grid
from lab_utils.plotting import plt_tumor_data
from lab_utils.style import COLORS, NEGATIVE, POSITIVE

__all__ = [
    "B_RANGE_LOG_LOSS",
    "B_RANGE_SQUARED",
    "W_RANGE",
    "plt_logistic_cost",
    "plt_logistic_squared_error",
    "plt_simple_example",
    "plt_two_logistic_loss_curves",
    "soup_bowl",
]

#: Grid of w shown by both cost surfaces (50 values, as in the original).
W_RANGE = (-6.0, 12.0, 50)
#: Grid of b for the squared-error surface (40 values, from 10 down to -20).
B_RANGE_SQUARED = (10.0, -20.0, 40)
#: Grid of b for the log-loss surface (40 values, from 0 down to -20).
B_RANGE_LOG_LOSS = (0.0, -20.0, 40)

_SURFACE_MAP = "cividis"


def _surface_axes(fig, position, title, zlabel):
    """A 3-D axes with the course's labels and transparent panes."""
    ax = fig.add_subplot(*position, projection="3d")
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_zlabel(zlabel)
    ax.set_title(title)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_pane_color((1.0, 1.0, 1.0, 0.0))
    return ax


def soup_bowl():
    """Draw the bowl-shaped surface ``J(w, b) = w^2 + b^2``, the shape of linear regression's cost.

    A convex quadratic has a single minimum and no flat or curved-down
    stretches: the picture the lab contrasts with the sigmoid's squared error.
    """
    import matplotlib.pyplot as plt

    w = np.linspace(-20.0, 20.0, 100)
    W, B = np.meshgrid(w, w)
    J = W**2 + B**2
    fig = plt.figure(figsize=(4.5, 4.5))
    ax = _surface_axes(fig, (1, 1, 1), "A convex cost: $J = w^2 + b^2$", "cost $J$")
    ax.plot_surface(W, B, J, cmap=_SURFACE_MAP, alpha=0.8, linewidth=0, antialiased=False)
    ax.plot_wireframe(W, B, J, color=COLORS["black"], alpha=0.1, rstride=5, cstride=5)
    ax.view_init(15, -120)


def plt_logistic_squared_error(X, y):
    """Draw the squared-error cost of a sigmoid model over ``(w, b)``.

    Parameters
    ----------
    X : array_like of shape (m,) or (m, 1)
        The single feature (tumour size in the lab).
    y : array_like of shape (m,)
        Labels, 0 or 1.
    """
    import matplotlib.pyplot as plt

    w_values, b_values = np.linspace(*W_RANGE), np.linspace(*B_RANGE_SQUARED)
    W, B, J = cost_grid(np.ravel(X), y, w_values, b_values, "squared")
    fig = plt.figure(figsize=(6, 5))
    ax = _surface_axes(fig, (1, 1, 1), "Squared error with a sigmoid: not convex", "cost $J(w, b)$")
    ax.plot_surface(W, B, J, cmap=_SURFACE_MAP, alpha=0.8, linewidth=0)


def plt_logistic_cost(X, y):
    """Draw the log-loss cost over ``(w, b)``, and its logarithm beside it.

    Parameters
    ----------
    X : array_like of shape (m,) or (m, 1)
        The single feature.
    y : array_like of shape (m,)
        Labels, 0 or 1.

    Returns
    -------
    ndarray of shape (40, 50)
        The cost at every grid point: ``cost[i, j]`` is at ``w = w_j`` (50
        values from -6 to 12) and ``b = b_i`` (40 values from 0 down to -20),
        the arrangement the original returns.
    """
    import matplotlib.pyplot as plt

    w_values, b_values = np.linspace(*W_RANGE), np.linspace(*B_RANGE_LOG_LOSS)
    W, B, J = cost_grid(np.ravel(X), y, w_values, b_values, "log")
    fig = plt.figure(figsize=(10, 5))
    ax = _surface_axes(fig, (1, 2, 1), "Log loss: convex", "cost $J(w, b)$")
    ax.plot_surface(W, B, J, cmap=_SURFACE_MAP, alpha=0.8, linewidth=0)
    ax = _surface_axes(fig, (1, 2, 2), "log of the cost: the valley near the minimum", "$\\log J(w, b)$")
    ax.plot_surface(W, B, np.log(J), cmap=_SURFACE_MAP, alpha=0.8, linewidth=0)
    return J


def plt_simple_example(x, y):
    """Plot one-feature data against its label: the tumour example.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
        Labels, 0 or 1.
    """
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(5.5, 3.2))
    plt_tumor_data(x, y, ax, xlabel="Tumour size", ylabel="y")
    ax.set_title("Logistic regression on categorical data")


def plt_two_logistic_loss_curves():
    """Draw the log loss of one example against the prediction, one panel per label.

    Left (``y = 1``): ``-log(f)``, zero at ``f = 1``. Right (``y = 0``):
    ``-log(1 - f)``, zero at ``f = 0``. Each panel marks where the prediction
    matches the target and where the loss grows.
    """
    import matplotlib.pyplot as plt

    f = np.linspace(0.01, 0.99, 200)
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.2), sharey=True)
    panels = [
        (axes[0], -np.log(f), POSITIVE, "$y = 1$: loss $= -\\log f$", 1.0, 0.1),
        (axes[1], -np.log1p(-f), NEGATIVE, "$y = 0$: loss $= -\\log(1 - f)$", 0.0, 0.9),
    ]
    for ax, loss, colour, title, match, far in panels:
        ax.plot(f, loss, color=colour, lw=2.5)
        ax.set_title(title)
        ax.set_xlabel("prediction $f_{w,b}(x)$")
        inward = 1 if match == 0.0 else -1
        ax.annotate("prediction\nmatches target", xy=(match, 0.0), xytext=(25 * inward, 35),
                    textcoords="offset points", ha="left" if inward > 0 else "right",
                    arrowprops={"arrowstyle": "->", "color": COLORS["black"], "lw": 1.5})
        far_loss = float(-np.log(far)) if match == 1.0 else float(-np.log1p(-far))
        ax.annotate("loss grows as the\nprediction moves away", xy=(far, far_loss),
                    xytext=(-15 * inward, 20), textcoords="offset points",
                    ha="right" if inward > 0 else "left",
                    arrowprops={"arrowstyle": "->", "color": COLORS["black"], "lw": 1.5})
    axes[0].set_ylabel("loss of one example")
    fig.suptitle("The log loss for each of the two labels")
    fig.tight_layout()
