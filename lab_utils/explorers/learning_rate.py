"""Learning-rate and scaling explorer: two features, three scalings, any alpha.

Gradient descent on two features of the breast-cancer data ("mean texture",
about 10 to 40, and "mean area", about 140 to 2,500, by default), starting from
``w = 0, b = 0``. Choose the learning rate alpha (logarithmic slider), the
number of iterations and the scaling (raw, min-max or z-score) and see

1. the descent path over the contours of the cost in the ``(w1, w2)`` plane,
   drawn to the same scale on both axes, so that unscaled features show up as a
   long, narrow trench and scaled ones as a round bowl;
2. the cost ``J`` per iteration.

When alpha is too large, :func:`lab_utils.gradient_descent` stops with a
:class:`lab_utils.DivergenceWarning`; the explorer catches it and shows the
divergence in the figure, in red, never as a traceback.

The model has three parameters, so the contours are of the cost with ``b`` set
to its best value for each ``(w1, w2)``: the lowest cost reachable at that
``w``. The path is drawn by its ``(w1, w2)`` alone.

Used by ``labs/feature_scaling_lab.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lab_utils._loss import log_loss_curvature, log_loss_from_logits
from lab_utils.activation import _exp_neg_abs, _sigmoid_of_array
from lab_utils.datasets import load_breast_cancer_data
from lab_utils.descent import gradient_descent
from lab_utils.display import fmt, number_text
from lab_utils.explorers.base import (
    TEXT_BOX,
    TEXT_SIZE,
    DescentRun,
    Explorer,
    ShowsRunFrames,
    View,
    alpha_text,
    contour_colors,
    legend_below,
    run_descent,
)
from lab_utils.explorers.layout import control_row, fit_slider, fit_toggle_buttons, slider_with_value
from lab_utils.newton import hessian_logistic
from lab_utils.rendering import course_style
from lab_utils.scaling import SCALINGS, minmax_scale_features, zscore_normalize_features
from lab_utils.style import COLORS

__all__ = [
    "LearningRateExplorer",
    "LearningRateState",
    "LearningRateView",
    "ScalingProblem",
    "best_bias_cost_grid",
    "show_learning_rate_explorer",
]

#: Features used by default: their ranges differ by a factor of about 80.
DEFAULT_FEATURES = ("mean texture", "mean area")
#: Largest number of iterations offered by the slider.
MAX_ITERS = 1000
#: The alpha slider: (lowest, highest, step) of log10(alpha).
ALPHA_EXPONENTS = (-6.0, 2.0, 0.5)
#: Costs above this switch the "cost per iteration" axis to a log scale (J starts at ln 2).
LINEAR_COST_TOP = 0.75


@dataclass(frozen=True)
class LearningRateState(ShowsRunFrames):
    """What the learning-rate and scaling explorer shows.

    Attributes
    ----------
    scaling : str
        ``"raw"``, ``"min-max"`` or ``"z-score"``.
    alpha : float
        Learning rate.
    num_iters : int
        Iterations.
    run : DescentRun or None
        The descent for these settings (from ``w = 0, b = 0``); the explorer
        fills it in.
    frame : int or None
        Show the run only up to this iteration (for animations); all of it when None.
    """

    scaling: str = "raw"
    alpha: float = 1e-5
    num_iters: int = 500
    run: DescentRun | None = None
    frame: int | None = None


def best_bias_cost_grid(X, y, w1_values, w2_values, tol=1e-10, max_steps=60):
    """The cost over a grid of ``(w1, w2)``, each with the bias that minimises it.

    For each ``w`` the cost is a convex function of ``b`` alone; Newton's method
    on ``b`` (steps limited to 5) finds its minimum for the whole grid at once.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    w1_values, w2_values : ndarray of shape (k1,) and (k2,)
        Grid coordinates.
    tol : float, default=1e-10
        Stop when no Newton step on ``b`` is larger than this.
    max_steps : int, default=60

    Returns
    -------
    W1, W2, J, B : ndarray of shape (k2, k1)
        The grid, the cost and the best bias at each grid point.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    W1, W2 = np.meshgrid(w1_values, w2_values)
    S = np.column_stack([W1.ravel(), W2.ravel()]) @ X.T  # w . x for every grid point and example
    p = y.mean()
    b = np.log(p / (1 - p)) - S.mean(axis=1)
    for _ in range(max_steps):
        z = S + b[:, None]
        f = _sigmoid_of_array(z, _exp_neg_abs(z))
        slope = (f - y).mean(axis=1)
        curvature = log_loss_curvature(z, f).mean(axis=1)
        step = np.clip(slope / np.maximum(curvature, 1e-300), -5.0, 5.0)
        b -= step
        if np.max(np.abs(step)) < tol:
            break
    J = log_loss_from_logits(S + b[:, None], y).mean(axis=1)
    return W1, W2, J.reshape(W1.shape), b.reshape(W1.shape)


@dataclass(frozen=True)
class Landscape:
    """Cost contours for one scaling: grid, costs and the optimum.

    Attributes
    ----------
    W1, W2, J : ndarray of shape (k, k)
        Grid of weights and the cost there (with the best bias for each).
    w_best : ndarray of shape (2,)
        Weights of the optimum in this scaling's units.
    b_best, cost_star : float
        Its bias and cost.
    """

    W1: np.ndarray
    W2: np.ndarray
    J: np.ndarray
    w_best: np.ndarray
    b_best: float
    cost_star: float

    @property
    def extent(self):
        """``(w1_min, w1_max, w2_min, w2_max)`` of the grid."""
        return self.W1.min(), self.W1.max(), self.W2.min(), self.W2.max()


class ScalingProblem:
    """Two breast-cancer features under each scaling, with their cost landscapes.

    Parameters
    ----------
    features : sequence of two str, default=DEFAULT_FEATURES
        Column names for :func:`lab_utils.load_breast_cancer_data`.
    resolution : int, default=45
        Grid points per axis of each landscape.

    Attributes
    ----------
    X : dict of str to ndarray of shape (569, 2)
        The features under each scaling.
    y : ndarray of shape (569,)
    names : list of str
    """

    def __init__(self, features=DEFAULT_FEATURES, resolution=45):
        X, self.y, self.names = load_breast_cancer_data(list(features))
        if X.shape[1] != 2:
            raise ValueError(f"the explorer draws two features; got {len(self.names)}: {self.names}")
        Xz, mu, sigma = zscore_normalize_features(X)
        Xm, low, span = minmax_scale_features(X)
        self.X = {"raw": X, "min-max": Xm, "z-score": Xz}
        self.resolution = resolution
        # The optimum is easy to reach on z-scored features; the same model in the other
        # units follows from x_z = (x - mu) / sigma and x_m = (x - low) / span.
        w_z, b_z, history = gradient_descent(Xz, self.y, np.zeros(2), 0.0, 5.0, 3000, verbose=False)
        w_raw = w_z / sigma
        b_raw = b_z - float(w_raw @ mu)
        self._optimum = {
            "z-score": (w_z, b_z),
            "raw": (w_raw, b_raw),
            "min-max": (w_raw * span, b_raw + float(w_raw @ low)),
        }
        self.cost_star = history[-1]
        self._landscapes = {}
        self._runs = {}

    def landscape(self, scaling):
        """The cost contours for ``scaling`` (computed once, then kept).

        The grid is a square, the same length on both axes, holding the start
        ``w = 0`` and the optimum with a margin.

        Parameters
        ----------
        scaling : str

        Returns
        -------
        Landscape
        """
        if scaling not in self._landscapes:
            w_best, b_best = self._optimum[scaling]
            half = 1.05 * np.max(np.abs(w_best))
            center = w_best / 2
            axes = [np.linspace(c - half, c + half, self.resolution) for c in center]
            W1, W2, J, _ = best_bias_cost_grid(self.X[scaling], self.y, *axes)
            self._landscapes[scaling] = Landscape(W1, W2, J, w_best, b_best, self.cost_star)
        return self._landscapes[scaling]

    def run(self, scaling, alpha, num_iters):
        """Gradient descent from ``w = 0, b = 0`` (remembered, so moving back is instant).

        Parameters
        ----------
        scaling : str
        alpha : float
        num_iters : int

        Returns
        -------
        DescentRun
        """
        key = (scaling, float(alpha))
        cached = self._runs.get(key)
        if cached is None or (cached.stopped_early and num_iters == cached.iterations):
            cached = run_descent(self.X[scaling], self.y, np.zeros(2), 0.0, alpha, num_iters)
        elif cached.num_iters < num_iters:
            # more iterations for the same alpha: the iteration slider is moving, so run
            # them all at once and let later moves take prefixes
            cached = run_descent(self.X[scaling], self.y, np.zeros(2), 0.0, alpha,
                                 max(num_iters, MAX_ITERS))
        self._runs[key] = cached
        return cached.prefix(num_iters)

    def state(self, scaling="raw", alpha=1e-5, num_iters=500):
        """A state with its run filled in.

        Returns
        -------
        LearningRateState
        """
        return LearningRateState(scaling, alpha, num_iters, self.run(scaling, alpha, num_iters))

    def contour_axis_ratio(self, scaling):
        """How elongated the contours of ``scaling`` are near the minimum: their long axis over their short one.

        Near the minimum the cost (with the best ``b`` for each ``w``) is about
        quadratic in ``w``, with the curvature matrix ``H_ww - H_wb H_bb^-1 H_bw``
        (``H`` the Hessian of the cost at the minimum, :func:`lab_utils.newton.hessian_logistic`),
        so its contours are ellipses whose axes are in the ratio
        ``sqrt(largest eigenvalue / smallest)``.

        Parameters
        ----------
        scaling : str

        Returns
        -------
        float
        """
        w_best, b_best = self._optimum[scaling]
        H = hessian_logistic(self.X[scaling], w_best, b_best)
        curvature = H[:2, :2] - np.outer(H[:2, 2], H[2, :2]) / H[2, 2]
        low, high = np.linalg.eigvalsh(curvature)
        return float(np.sqrt(high / low))

    def axis_label(self, j, scaling):
        """Label of the axis of weight ``j`` (0 or 1) under ``scaling``."""
        unit = "" if scaling == "raw" else f", {scaling} scaled"
        return f"$w_{j + 1}$ (weight of {self.names[j]}{unit})"


class LearningRateView(View):
    """The explorer's figure, drawn from a :class:`LearningRateState` (no widgets).

    Parameters
    ----------
    problem : ScalingProblem, optional
    dpi : float, default=80
        Resolution at which the figure is shown (CSS pixels per inch); the live
        picture is rendered at :attr:`View.pixel_ratio` times as many pixels.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    axes : dict of str to matplotlib.axes.Axes
        ``"contour"`` and ``"history"``.
    renderer : lab_utils.rendering.FigureRenderer
    """

    def __init__(self, problem=None, dpi=80):
        self.problem = problem or ScalingProblem()
        self._scaling = None
        self._contours = None
        self._history_frame = None
        with course_style():
            self._make_figure((10.5, 5.0), dpi)
            self._build()

    def _build(self):
        # A fixed layout (no layout engine): every render of a state is then identical.
        ax_contour, ax_history = self.figure.subplots(
            1, 2, width_ratios=[1, 1.15],
            gridspec_kw={"left": 0.09, "right": 0.96, "bottom": 0.3, "top": 0.93, "wspace": 0.3})
        self.axes = {"contour": ax_contour, "history": ax_history}
        for ax in self.axes.values():
            ax.tick_params(labelsize=TEXT_SIZE)
        ax_contour.set_aspect("equal", adjustable="box")
        (self.best_marker,) = ax_contour.plot([], [], "*", color=COLORS["black"], ms=13,
                                              label="minimum of the cost")
        (self.path_line,) = ax_contour.plot([], [], color=COLORS["vermillion"], lw=1.5, marker=".",
                                            ms=4, label="gradient descent from w = 0")
        (self.end_marker,) = ax_contour.plot([], [], "X", color=COLORS["vermillion"], mec="white",
                                             ms=10, label="where it stopped")
        (self.exit_marker,) = ax_contour.plot([], [], "D", mfc="white", mec=COLORS["vermillion"],
                                              mew=2, ms=8, label="where the path leaves the view")
        legend_below(ax_contour, ncol=2)

        ax_history.set_xlabel("iteration")
        ax_history.set_ylabel("cost J")
        ax_history.set_title("Cost per iteration")
        self.best_line = ax_history.axhline(self.problem.cost_star, color=COLORS["black"], ls="--", lw=1,
                                            label=f"minimum J = {fmt(self.problem.cost_star, 4)}")
        (self.history_line,) = ax_history.plot([], [], color=COLORS["vermillion"], lw=2,
                                               label="J during descent")
        legend_below(ax_history, ncol=2)
        self.message = ax_history.text(0.97, 0.97, "", transform=ax_history.transAxes, ha="right",
                                       va="top", fontsize=TEXT_SIZE, bbox=TEXT_BOX)
        self.annotations = [self.message]
        self.renderer.animate(self.path_line, self.end_marker, self.exit_marker, self.history_line,
                              self.message)

    def _set_scaling(self, scaling):
        """Draw the contours of ``scaling`` (only when it changes)."""
        if scaling == self._scaling:
            return
        self._scaling = scaling
        ax = self.axes["contour"]
        if self._contours is not None:
            self._contours.remove()
        land = self.problem.landscape(scaling)
        levels = land.cost_star + np.geomspace(0.004, 4, 12)
        self._contours = ax.contour(land.W1, land.W2, land.J, levels=levels,
                                    colors=contour_colors(len(levels)), linewidths=1)
        w1_lo, w1_hi, w2_lo, w2_hi = land.extent
        ax.set_xlim(w1_lo, w1_hi)
        ax.set_ylim(w2_lo, w2_hi)
        ax.set_xlabel(self.problem.axis_label(0, scaling))
        ax.set_ylabel(self.problem.axis_label(1, scaling))
        ax.set_title(f"Cost contours, scaling: {scaling}")
        self.best_marker.set_data([land.w_best[0]], [land.w_best[1]])

    def _set_history_axes(self, run):
        """Fit the cost axis: linear while the cost falls, logarithmic when it blows up."""
        top = float(np.max(run.costs))
        right = _nice_ceiling(run.num_iters)
        if top <= LINEAR_COST_TOP:
            frame = ("linear", 0.2, LINEAR_COST_TOP + 0.15, right)  # room for the message
        else:
            frame = ("log", 0.1, 10.0 ** np.ceil(np.log10(top * 1.5)), right)
        if frame != self._history_frame:
            self._history_frame = frame
            ax = self.axes["history"]
            ax.set_yscale(frame[0])
            ax.set_ylim(frame[1], frame[2])
            ax.set_xlim(0, frame[3])

    def draw(self, state):
        """Update every artist to show ``state`` (nothing is rendered yet).

        Parameters
        ----------
        state : LearningRateState
            Its ``run`` must be filled in (see :meth:`ScalingProblem.state`).
        """
        if state.run is None:
            raise ValueError("the state has no run: build it with ScalingProblem.state(...)")
        self._set_scaling(state.scaling)
        run = state.run
        self._set_history_axes(run)
        # the static part is fixed by these two: its background is drawn once, then reused
        self.renderer.use_background((self._scaling, self._history_frame))
        k = state.shown_iteration
        shown = slice(0, k + 1)
        self.path_line.set_data(run.w_path[shown, 0], run.w_path[shown, 1])
        self.path_line.set_markevery(max(1, k // 40))
        exit_at = self.exit_point(state)
        end = run.w_path[k]
        if exit_at is None:
            self.end_marker.set_data([end[0]], [end[1]])
            self.exit_marker.set_data([], [])
        else:
            self.end_marker.set_data([], [])
            self.exit_marker.set_data([exit_at[1][0]], [exit_at[1][1]])
        self.history_line.set_data(np.arange(k + 1), run.costs[shown])
        finished = k == run.iterations
        text = _wrap(run.message) if finished else f"iteration {k}: J = {fmt(run.costs[k], 4)}"
        if exit_at is not None:
            text += f"\nThe path leaves the view after iteration {exit_at[0]}."
        self.message.set_text(f"{state.scaling}, \u03b1 = {alpha_text(run.alpha)}\n{text}")
        self.message.set_color(COLORS["vermillion"] if run.diverged and finished else COLORS["black"])

    def exit_point(self, state):
        """Where the path shown leaves the contour plot's view, if it does.

        Parameters
        ----------
        state : LearningRateState

        Returns
        -------
        (int, ndarray of shape (2,)) or None
            The last iteration inside the view and the point where the path
            crosses its edge after it (the last point inside, when the next one
            is not finite); None when the whole path shown is in view.
        """
        w1_lo, w1_hi, w2_lo, w2_hi = self.problem.landscape(state.scaling).extent
        lo, hi = np.array([w1_lo, w2_lo]), np.array([w1_hi, w2_hi])
        path = state.run.w_path[: state.shown_iteration + 1]
        with np.errstate(invalid="ignore"):
            inside = np.all(np.isfinite(path) & (path >= lo) & (path <= hi), axis=1)
        if inside.all():
            return None
        first_out = int(np.argmin(inside))
        p = path[first_out - 1] if first_out > 0 else np.clip(path[0], lo, hi)
        q = path[first_out]
        if not np.all(np.isfinite(q)):
            return first_out - 1, p
        step = q - p
        with np.errstate(divide="ignore", invalid="ignore"):
            room = np.where(step > 0, (hi - p) / step, np.where(step < 0, (lo - p) / step, np.inf))
        return first_out - 1, p + min(1.0, float(np.min(room))) * step

    def readout(self, state):
        """The numbers of ``state`` as HTML, shown above the live figure.

        Parameters
        ----------
        state : LearningRateState

        Returns
        -------
        str
        """
        run = state.run
        k = state.shown_iteration
        colour = COLORS["vermillion"] if run.diverged else "inherit"
        exit_at = self.exit_point(state)
        leaves = ("" if exit_at is None else
                  f" The path leaves the contour plot after iteration {exit_at[0]} (the open diamond "
                  "on its edge); where it stopped is outside the view.")
        return (f"Scaling <b>{state.scaling}</b>, \u03b1 = <b>{alpha_text(run.alpha)}</b>: "
                f'<span style="color: {colour}">{run.message}</span> '
                f"Now w = {fmt(run.w_path[k], 4)}, b = {fmt(run.b_path[k], 4)}; the minimum is "
                f"J = {fmt(self.problem.cost_star, 4)}.{leaves}")

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : LearningRateState

        Returns
        -------
        str
        """
        ratio = self.problem.contour_axis_ratio(state.scaling)
        shape = (f"ellipses about {number_text(ratio, 2)} times as long as they are wide near the minimum"
                 + (", a long, narrow trench, because the two features have very different ranges"
                    if ratio > 10 else ""))
        exit_at = self.exit_point(state)
        leaves = ("" if exit_at is None else
                  f" The path leaves the view after iteration {exit_at[0]}, marked by an open diamond "
                  "on the edge; where it stopped lies outside.")
        return (f"Two panels. Left: contours of the cost over the two weights with {state.scaling} "
                f"scaling, drawn to the same scale on both axes; they form {shape}. The path of "
                f"gradient descent with alpha = {alpha_text(state.run.alpha)} starts at w = 0.{leaves} "
                f"Right: the cost per iteration, with the minimum as a dashed line. {state.run.message}")


def _nice_ceiling(value):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is at least ``value``.

    Axis limits snap to these, so that most slider moves keep the axes (and the
    fast redraw) unchanged.
    """
    power = 10.0 ** np.floor(np.log10(value))
    return next(int(step * power) for step in (1, 2, 5, 10) if step * power >= value)


def _wrap(message, width=44):
    """Break a message into lines of about ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(message, width))


class LearningRateExplorer(Explorer):
    """A log slider for alpha, a slider for iterations and buttons for the scaling.

    Every change reruns gradient descent from ``w = 0, b = 0`` and redraws.

    Parameters
    ----------
    state : LearningRateState, optional
        Starting settings (its ``run`` is computed); no scaling, alpha = 1e-5
        and 500 iterations by default.
    problem : ScalingProblem, optional
        The data; two breast-cancer features by default.

    Examples
    --------
    >>> explorer = LearningRateExplorer()
    >>> explorer.controls["scaling"].value = "z-score"
    >>> explorer.controls["alpha"].value = 100.0
    >>> explorer.state.run.diverged
    True
    """

    title = "Learning-rate and scaling explorer"
    live_name = "learning-rate"

    def __init__(self, state=None, problem=None):
        import ipywidgets as widgets

        problem = problem or ScalingProblem()
        self.view = LearningRateView(problem)
        s = state or LearningRateState()
        self.state = problem.state(s.scaling, s.alpha, s.num_iters)
        self.controls = {
            "scaling": widgets.ToggleButtons(options=list(SCALINGS), value=s.scaling,
                                             description="scaling"),
            "alpha": widgets.FloatLogSlider(value=s.alpha, base=10, min=ALPHA_EXPONENTS[0],
                                            max=ALPHA_EXPONENTS[1], step=ALPHA_EXPONENTS[2],
                                            description="\u03b1", readout_format=".2g",
                                            continuous_update=False),
            "num_iters": widgets.IntSlider(value=s.num_iters, min=10, max=MAX_ITERS, step=10,
                                           description="iterations", continuous_update=False),
        }
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        c = self.controls
        self._finish([control_row(fit_toggle_buttons(c["scaling"])),
                      control_row(slider_with_value(c["alpha"], alpha_text), fit_slider(c["num_iters"]))])

    @property
    def problem(self):
        """The data and landscapes (:class:`ScalingProblem`)."""
        return self.view.problem

    def _on_change(self, _change):
        """Any control moved: run descent for the new settings and redraw."""
        c = self.controls
        self.state = self.problem.state(c["scaling"].value, c["alpha"].value, c["num_iters"].value)
        self.redraw()


def show_learning_rate_explorer(element_id=None, features=DEFAULT_FEATURES, **state):
    """Display the learning-rate and scaling explorer: the widget, or the live web explorer without a kernel.

    Parameters
    ----------
    element_id : str, optional
        Id of the live explorer's root element (only needed for two on one page).
    features : sequence of two str, default=DEFAULT_FEATURES
        Breast-cancer columns to use.
    **state
        Starting values: ``scaling``, ``alpha``, ``num_iters``.
    """
    LearningRateExplorer(LearningRateState(**state), ScalingProblem(features)).show(element_id=element_id)
