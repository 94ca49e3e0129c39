"""``plt_quad_logistic``: the original gradient-descent lab's explorer, as a course explorer.

The original ``plt_quad_logistic(x_train, y_train, w_range, b_range)`` drew an
ipympl figure: the data with the sigmoid and each example's loss, the cost's
contours (click to choose ``w`` and ``b``), its 3-D surface, and the cost per
iteration after pressing a button that ran gradient descent (learning rate
0.1) from the chosen point. Here the same call builds the course's
cost-surface explorer (:mod:`lab_utils.explorers.cost_surface`) on the given
data and ranges: sliders choose ``w`` and ``b`` instead of a click, and the
3-D panel is left out (the contours show the same surface). Like the course's
other explorers it needs no ipympl, and it leaves a static picture for
readers without a kernel.
"""

from __future__ import annotations

import numpy as np

from lab_utils.cost import cost_grid
from lab_utils.explorers.cost_surface import CostSurfaceExplorer, CostSurfaceState, CostSurfaceView
from lab_utils.validation import validate_features, validate_labels

__all__ = ["QuadLogisticView", "plt_quad_logistic"]

#: The original's learning rate.
ALPHA = 0.1
#: Grid points along each axis of the contour plot.
GRID_RESOLUTION = 121
#: About the original's 8191 iterations in all (it ran 1, 8, 16, ..., 4096 in turn).
NUM_ITERS = 8000


def _range(values, name):
    """A (low, high) pair from a two-number range given in either order."""
    low, high = sorted(float(v) for v in np.ravel(values))
    if not low < high:
        raise ValueError(f"{name} must hold two different numbers (low, high); got {values!r}")
    return low, high


class QuadLogisticView(CostSurfaceView):
    """The cost-surface view on any one-feature data, over chosen ranges of ``w`` and ``b``.

    Parameters
    ----------
    x_train : array_like of shape (m,) or (m, 1)
    y_train : array_like of shape (m,) or (m, 1)
        Labels, 0 or 1.
    w_range, b_range : pair of float
        Ranges of the contour plot and the sliders, in either order.
    dpi : float, default=80
    """

    def __init__(self, x_train, y_train, w_range, b_range, dpi=80):
        X = validate_features(np.reshape(np.asarray(x_train, dtype=float), (-1, 1)), "x_train")
        y = validate_labels(y_train, X.shape[0], "y_train")
        self.w_range, self.b_range = _range(w_range, "w_range"), _range(b_range, "b_range")
        super().__init__(X[:, 0], y, dpi=dpi)

    def _build(self):
        """Draw the figure on this view's ranges (the parent's grid covers its own)."""
        w_values = np.linspace(*self.w_range, GRID_RESOLUTION)
        b_values = np.linspace(*self.b_range, GRID_RESOLUTION)
        self.grid = cost_grid(self.x, self.y, w_values, b_values)
        super()._build()

    def alt_text(self, state):
        """Describe the figure, naming this data's size rather than the tumour data's.

        Parameters
        ----------
        state : CostSurfaceState

        Returns
        -------
        str
        """
        return super().alt_text(state).replace("the six tumour examples", f"the {len(self.x)} examples")


def plt_quad_logistic(x_train, y_train, w_range, b_range):
    """Show the original lab's gradient-descent explorer for one-feature data.

    Same call as the original; the explorer starts at ``w = b = 0`` and runs
    gradient descent with the original's learning rate 0.1.

    Parameters
    ----------
    x_train : array_like of shape (m,)
    y_train : array_like of shape (m,)
        Labels, 0 or 1.
    w_range, b_range : pair of float
        Ranges of ``w`` and ``b`` shown (the original lab uses ``[-1, 7]`` and ``[1, -14]``).

    Returns
    -------
    CostSurfaceExplorer
        The displayed explorer (``.controls`` drives it from code).
    """
    view = QuadLogisticView(x_train, y_train, w_range, b_range)
    explorer = CostSurfaceExplorer(CostSurfaceState(w=0.0, b=0.0, alpha=ALPHA, num_iters=NUM_ITERS), view=view)
    controls = explorer.controls
    controls["num_iters"].max = 10_000
    controls["num_iters"].value = NUM_ITERS
    for name, (low, high) in (("w", view.w_range), ("b", view.b_range)):
        # widen first, then narrow, so the value is never outside the slider's range meanwhile
        controls[name].min, controls[name].max = min(low, controls[name].min), max(high, controls[name].max)
        controls[name].min, controls[name].max = low, high
    explorer.live_name = None  # the web explorer knows only the tumour data: leave the still picture
    explorer.show()
    return explorer
