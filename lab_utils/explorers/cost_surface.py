"""Cost-surface explorer: one feature (tumour size), parameters w and b.

Choose ``w`` and ``b`` with sliders and see, side by side,

1. the sigmoid through the six tumour examples, each example's loss as a
   dotted vertical segment between the example and the curve (with its value),
   and the total cost ``J(w, b)``;
2. where ``(w, b)`` sits on the contours of the cost surface;
3. after pressing *Run gradient descent*, the path descent takes from that
   point and the cost at every iteration.

The drawing lives in :class:`CostSurfaceView`, which needs no widgets;
:class:`CostSurfaceExplorer` adds the controls and :func:`show_cost_explorer`
displays it; where no kernel runs (the website) its stored output is the live
JavaScript explorer (:mod:`lab_utils.explorers.live`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection

from lab_utils._loss import log_loss_from_logits
from lab_utils.activation import sigmoid
from lab_utils.cost import compute_cost_logistic, cost_grid
from lab_utils.datasets import load_tumor_data
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
    label_contours,
    legend_below,
    run_descent,
)
from lab_utils.explorers.layout import control_row, fit_button, fit_slider, slider_with_value
from lab_utils.plotting import plot_tumor_data
from lab_utils.rendering import course_style
from lab_utils.style import COLORS

__all__ = [
    "CostSurfaceExplorer",
    "CostSurfaceState",
    "CostSurfaceView",
    "show_cost_explorer",
    "view_around",
]

#: Range of w on the contour plot and its slider.
W_RANGE = (-3.0, 8.0)
#: Range of b on the contour plot and its slider.
B_RANGE = (-20.0, 8.0)
#: Grid points along each axis of the contour plot.
GRID_RESOLUTION = 121
#: Step of the w and b sliders.
SLIDER_STEP = 0.1
#: The alpha slider: (lowest, highest, step) of log10(alpha).
ALPHA_EXPONENTS = (-2.0, 1.5, 0.25)
#: The iterations slider: (lowest, highest, step).
ITERATIONS = (10, 3000, 10)
#: Limits of the (logarithmic) cost axis of the "cost per iteration" panel.
COST_LIMITS = (1e-3, 1e2)


@dataclass(frozen=True)
class CostSurfaceState(ShowsRunFrames):
    """What the cost-surface explorer shows.

    Attributes
    ----------
    w, b : float
        The chosen parameters (the start of gradient descent).
    alpha : float
        Learning rate for the next run.
    num_iters : int
        Iterations for the next run.
    run : DescentRun or None
        The last run from ``(w, b)``; None until *Run* is pressed.
    frame : int or None
        Show the run only up to this iteration (for animations); all of it when None.
    """

    w: float = -1.0
    b: float = 4.0
    alpha: float = 1.0
    num_iters: int = 1000
    run: DescentRun | None = None
    frame: int | None = None

    @property
    def model(self):
        """``(w, b)`` of the model drawn in the data panel."""
        k = self.shown_iteration
        if k is None:
            return self.w, self.b
        return float(self.run.w_path[k, 0]), float(self.run.b_path[k])


def _cost_grid(x, y, view):
    """:func:`lab_utils.cost.cost_grid` over ``view`` = ``((w_lo, w_hi), (b_lo, b_hi))``, ``GRID_RESOLUTION`` a side."""
    (w_lo, w_hi), (b_lo, b_hi) = view
    return cost_grid(x, y, np.linspace(w_lo, w_hi, GRID_RESOLUTION), np.linspace(b_lo, b_hi, GRID_RESOLUTION))


class CostSurfaceView(View):
    """The explorer's figure, drawn from a :class:`CostSurfaceState` (no widgets).

    Parameters
    ----------
    x, y : array_like, optional
        One-feature data; the tumour data (:func:`lab_utils.load_tumor_data`) by default.
    dpi : float, default=80
        Resolution at which the figure is shown (CSS pixels per inch); the live
        picture is rendered at :attr:`View.pixel_ratio` times as many pixels.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    axes : dict of str to matplotlib.axes.Axes
        ``"data"``, ``"contour"`` and ``"history"``.
    renderer : lab_utils.rendering.FigureRenderer
    """

    def __init__(self, x=None, y=None, dpi=80):
        if x is None:
            x, y = load_tumor_data()
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=int)
        self.X = self.x.reshape(-1, 1)
        self.grid = _cost_grid(self.x, self.y, (W_RANGE, B_RANGE))
        self._num_iters = None
        self._view = (W_RANGE, B_RANGE)
        with course_style():
            self._make_figure((11.5, 4.4), dpi)
            self._build()

    def _build(self):
        # A fixed layout (no layout engine): every render of a state is then identical,
        # whatever was drawn before and at whatever resolution.
        ax_data, ax_contour, ax_history = self.figure.subplots(
            1, 3, width_ratios=[1.15, 1, 1],
            gridspec_kw={"left": 0.06, "right": 0.98, "bottom": 0.3, "top": 0.93, "wspace": 0.36})
        self.axes = {"data": ax_data, "contour": ax_contour, "history": ax_history}
        for ax in self.axes.values():
            ax.tick_params(labelsize=TEXT_SIZE)

        # Panel 1: data, sigmoid, losses; room above y = 1 for the cost's box, legend below.
        plot_tumor_data(ax_data, self.x, self.y)
        ax_data.set_ylim(-0.12, 1.45)
        ax_data.set_yticks([0, 0.5, 1])
        ax_data.set_title("Model and the loss of each example")
        lo, hi = self.x.min() - 0.6, self.x.max() + 0.6
        ax_data.set_xlim(lo, hi)
        self._curve_x = np.linspace(lo, hi, 200)
        (self.curve,) = ax_data.plot(self._curve_x, np.full_like(self._curve_x, 0.5),
                                     color=COLORS["green"], lw=2, label="model f(x)")
        self.segments = LineCollection([], colors=COLORS["purple"], linestyles=":", linewidths=2,
                                       label="loss of an example")
        ax_data.add_collection(self.segments)
        legend_below(ax_data, ncol=2)
        self.loss_texts = [ax_data.text(xi + 0.15, 0.5, "", fontsize=TEXT_SIZE, color=COLORS["purple"],
                                        va="center") for xi in self.x]
        self.cost_text = ax_data.text(0.02, 0.97, "", transform=ax_data.transAxes, va="top",
                                      fontsize=TEXT_SIZE, bbox=TEXT_BOX)

        # Panel 2: cost contours with the current point and the descent path (legend below).
        ax_contour.set_xlabel("w")
        ax_contour.set_ylabel("b")
        ax_contour.set_title("Cost J(w, b): contours")
        self._contours = None
        self._set_view(self._view)
        (self.path_line,) = ax_contour.plot([], [], color=COLORS["vermillion"], lw=1.5, marker=".",
                                            ms=4, label="gradient descent")
        (self.start_marker,) = ax_contour.plot([], [], "o", color=COLORS["black"], ms=7,
                                               label="chosen (w, b)")
        (self.end_marker,) = ax_contour.plot([], [], "X", color=COLORS["vermillion"], ms=10,
                                             mec="white", label="after descent")
        legend_below(ax_contour, ncol=2)

        # Panel 3: the cost per iteration.
        ax_history.set_yscale("log")
        ax_history.set_ylim(*COST_LIMITS)
        ax_history.set_xlabel("iteration")
        ax_history.set_ylabel("cost J")
        ax_history.set_title("Cost per iteration")
        (self.history_line,) = ax_history.plot([], [], color=COLORS["vermillion"], lw=2)
        (self.history_start,) = ax_history.plot([], [], "o", color=COLORS["black"], ms=6)
        self.history_text = ax_history.text(0.5, 0.5, "", transform=ax_history.transAxes, ha="center",
                                            va="center", fontsize=TEXT_SIZE)

        self.annotations = [*self.loss_texts, self.cost_text, self.history_text]
        self.renderer.animate(self.curve, self.segments, self.path_line, self.start_marker,
                              self.end_marker, self.history_line, self.history_start,
                              *self.annotations)

    def fit(self, state):
        """The model ``state`` shows and how well it fits the data.

        Parameters
        ----------
        state : CostSurfaceState

        Returns
        -------
        w, b : float
            The model's parameters (the chosen point, or a point of the run).
        z : ndarray of shape (m,)
            Its logits, ``w x + b``.
        losses : ndarray of shape (m,)
            The log loss of each example.
        cost : float
            ``J(w, b)``.
        """
        w, b = state.model
        z = w * self.x + b
        return w, b, z, log_loss_from_logits(z, self.y), compute_cost_logistic(self.X, self.y, [w], b)

    def draw(self, state):
        """Update every artist to show ``state`` (nothing is rendered yet).

        Parameters
        ----------
        state : CostSurfaceState
        """
        w, b, z, losses, cost = self.fit(state)
        f = sigmoid(z)

        self.curve.set_ydata(sigmoid(w * self._curve_x + b))
        self.segments.set_segments([[(xi, yi), (xi, fi)] for xi, yi, fi in zip(self.x, self.y, f)])
        for text, yi, fi, loss in zip(self.loss_texts, self.y, f, losses):
            # beside the middle of its segment, or just off the line when the segment is short
            text.set_y((yi + fi) / 2 if abs(fi - yi) > 0.15 else yi + (0.07 if yi == 0 else -0.07))
            text.set_text(_loss_label(loss))
        k = state.shown_iteration
        where = "" if k is None else f"after {k} iterations\n"
        self.cost_text.set_text(f"{where}w = {fmt(w, 3)}, b = {fmt(b, 3)}\nJ(w, b) = {fmt(cost, 4)}")

        self.start_marker.set_data([state.w], [state.b])
        if state.run is not None or self._num_iters is None:
            self._set_iterations(state.num_iters if state.run is None else state.run.num_iters)
        self._set_view(view_around(W_RANGE, B_RANGE, state.run))
        self.renderer.use_background((self._num_iters, self._view))
        if state.run is None:
            self.path_line.set_data([], [])
            self.end_marker.set_data([], [])
            self.history_line.set_data([], [])
            self.history_start.set_data([0], [np.clip(cost, *COST_LIMITS)])
            self.history_text.set_text("Press \u201cRun gradient descent\u201d\nto start from this point.")
            self.history_text.set_color(COLORS["black"])
        else:
            run = state.run
            shown = slice(0, k + 1)
            self.path_line.set_data(run.w_path[shown, 0], run.b_path[shown])
            self.path_line.set_markevery(max(1, k // 40))
            self.end_marker.set_data([run.w_path[k, 0]], [run.b_path[k]])
            self.history_line.set_data(np.arange(k + 1), np.clip(run.costs[shown], *COST_LIMITS))
            self.history_start.set_data([0], [np.clip(run.costs[0], *COST_LIMITS)])
            self.history_text.set_text(_wrap(run.message) if k == run.iterations else "")
            self.history_text.set_color(COLORS["vermillion"] if run.diverged else COLORS["black"])

    def _set_iterations(self, num_iters):
        """Fit the iteration axis to ``num_iters``."""
        if num_iters != self._num_iters:
            self._num_iters = num_iters
            self.axes["history"].set_xlim(0, num_iters)

    def _set_view(self, view):
        """Show the contours over ``view`` = ``((w_lo, w_hi), (b_lo, b_hi))`` (redrawn only when it changes).

        The view is the sliders' range, widened to hold the whole descent path
        (see :func:`view_around`), so the path and where it ended are always in sight.
        """
        if view == self._view and self._contours is not None:
            return
        self._view = view
        ax = self.axes["contour"]
        if self._contours is not None:
            self._contours.remove()  # and its labels
        W, B, J = self.grid if view == (W_RANGE, B_RANGE) else _cost_grid(self.x, self.y, view)
        ax.set_xlim(*view[0])
        ax.set_ylim(*view[1])
        self._contours = label_contours(
            ax, lambda: ax.contour(W, B, J, levels=np.geomspace(0.005, 20, 13), colors=contour_colors(13),
                                   linewidths=1),
            fmt=lambda v: f"{v:.2g}")

    def readout(self, state):
        """The numbers of ``state`` as HTML, shown above the live figure.

        Parameters
        ----------
        state : CostSurfaceState

        Returns
        -------
        str
        """
        w, b, _, losses, cost = self.fit(state)
        losses = ", ".join(number_text(loss, 3) for loss in losses)
        k = state.shown_iteration
        where = "" if k is None else f"After {k} iterations of gradient descent: "
        text = (f"{where}<b>w</b> = {fmt(w, 4)}, <b>b</b> = {fmt(b, 4)}, "
                f"cost <b>J(w, b) = {fmt(cost, 4)}</b>. Loss of each example (x = "
                f"{', '.join(fmt(v) for v in self.x)}): {losses}.")
        if state.run is not None:
            colour = COLORS["vermillion"] if state.run.diverged else "inherit"
            text += f'<br><span style="color: {colour}">{state.run.message}</span>'
        return text

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : CostSurfaceState

        Returns
        -------
        str
        """
        w, b, _, _, cost = self.fit(state)
        text = (f"Three panels. Left: the six tumour examples with the sigmoid for w = {fmt(w, 3)} "
                f"and b = {fmt(b, 3)}, a dotted segment from each example to the curve labelled with "
                f"its loss, and the total cost J = {fmt(cost, 4)}. Middle: contours of the cost over "
                f"w and b, a bowl-shaped valley running towards large w and negative b, with the "
                f"chosen point (w = {fmt(state.w, 3)}, b = {fmt(state.b, 3)}).")
        if state.run is None:
            return text + " Right: the cost per iteration, empty until gradient descent runs."
        (w_lo, w_hi), (b_lo, b_hi) = view_around(W_RANGE, B_RANGE, state.run)
        return text + (f" The path of gradient descent (alpha = {alpha_text(state.run.alpha)}) runs from "
                       f"that point down the valley; the contours span w from {fmt(w_lo, 3)} to "
                       f"{fmt(w_hi, 3)} and b from {fmt(b_lo, 3)} to {fmt(b_hi, 3)}, so the whole path "
                       f"is in view. Right: the cost per iteration on a log scale. {state.run.message}")


def view_around(w_range, b_range, run):
    """The contour plot's view: the sliders' range, widened to hold the whole descent path.

    Parameters
    ----------
    w_range, b_range : (float, float)
        The sliders' ranges (the view when there is no run, or the path stays inside).
    run : DescentRun or None

    Returns
    -------
    ((float, float), (float, float))
        ``((w_lo, w_hi), (b_lo, b_hi))``; widened ends are rounded out to a
        multiple of 1, 2 or 5 times a power of ten, with a margin of 5 %.
    """
    view = (tuple(map(float, w_range)), tuple(map(float, b_range)))
    if run is None:
        return view
    w, b = run.w_path[:, 0], run.b_path
    finite = np.isfinite(w) & np.isfinite(b)
    if not finite.any():
        return view
    return _widen(view[0], w[finite]), _widen(view[1], b[finite])


def _widen(limits, values):
    """``limits`` widened, with a margin, to hold every one of ``values``."""
    lo, hi = limits
    v_lo, v_hi = float(np.min(values)), float(np.max(values))
    if lo <= v_lo and v_hi <= hi:
        return lo, hi
    span = max(hi, v_hi) - min(lo, v_lo)
    power = 10.0 ** np.floor(np.log10(span / 5))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= span / 10)
    margin = 0.05 * span
    new_lo = lo if v_lo >= lo else float(np.floor((v_lo - margin) / step) * step)
    new_hi = hi if v_hi <= hi else float(np.ceil((v_hi + margin) / step) * step)
    return new_lo, new_hi


def _loss_label(loss):
    """A short label for one example's loss: two decimals, or "<0.01" when it is tiny."""
    return "<0.01" if loss < 0.005 else f"{loss:.2f}" if loss < 10 else f"{loss:.1f}"


def _wrap(message, width=34):
    """Break a message into lines of about ``width`` characters for a narrow panel."""
    import textwrap

    return "\n".join(textwrap.wrap(message, width))


class CostSurfaceExplorer(Explorer):
    """Sliders for ``w``, ``b``, ``alpha`` and iterations, and a *Run gradient descent* button.

    Parameters
    ----------
    state : CostSurfaceState, optional
        Starting state; ``CostSurfaceState()`` (w = -1, b = 4, alpha = 1, 1000 iterations) by default.
    view : CostSurfaceView, optional

    Examples
    --------
    >>> explorer = CostSurfaceExplorer()
    >>> explorer.controls["w"].value = 2.0      # moves the point, redraws
    >>> explorer.controls["run"].click()        # runs gradient descent from (2, b)
    >>> explorer.state.run.iterations
    1000
    """

    title = "Cost-surface explorer"
    live_name = "cost-surface"

    def __init__(self, state=None, view=None):
        import ipywidgets as widgets

        self.view = view or CostSurfaceView()
        self.state = state or CostSurfaceState()
        s = self.state
        self.controls = {
            "w": widgets.FloatSlider(value=s.w, min=W_RANGE[0], max=W_RANGE[1], step=SLIDER_STEP,
                                     description="w", readout_format=".1f"),
            "b": widgets.FloatSlider(value=s.b, min=B_RANGE[0], max=B_RANGE[1], step=SLIDER_STEP,
                                     description="b", readout_format=".1f"),
            "alpha": widgets.FloatLogSlider(value=s.alpha, base=10, min=ALPHA_EXPONENTS[0],
                                            max=ALPHA_EXPONENTS[1], step=ALPHA_EXPONENTS[2],
                                            description="\u03b1", readout_format=".3g"),
            "num_iters": widgets.IntSlider(value=s.num_iters, min=ITERATIONS[0], max=ITERATIONS[1],
                                           step=ITERATIONS[2], description="iterations"),
            "run": widgets.Button(description="Run gradient descent", icon="play",
                                  button_style="primary",
                                  layout=widgets.Layout(width="auto")),
        }
        for name in ("w", "b", "alpha", "num_iters"):
            self.controls[name].observe(self._on_change, names="value")
        self.controls["run"].on_click(lambda _button: self.run())
        c = self.controls
        self._finish([control_row(fit_slider(c["w"]), fit_slider(c["b"])),
                      control_row(slider_with_value(c["alpha"], alpha_text), fit_slider(c["num_iters"]),
                                  fit_button(c["run"]))])

    def _on_change(self, change):
        """A slider moved: a new start or new settings, so the old path no longer applies."""
        field = next(name for name, control in self.controls.items() if control is change["owner"])
        self.set_state(**{field: change["new"]}, run=None, frame=None)

    def run(self):
        """Run gradient descent from the chosen point and draw its path."""
        s = self.state
        run = run_descent(self.view.X, self.view.y, [s.w], s.b, s.alpha, s.num_iters)
        self.set_state(run=run, frame=None)


def show_cost_explorer(element_id=None, **state):
    """Display the cost-surface explorer: the widget, or the live web explorer where no kernel runs.

    Parameters
    ----------
    element_id : str, optional
        Id of the live explorer's root element (only needed for two on one page).
    **state
        Starting values, fields of :class:`CostSurfaceState` (``w``, ``b``,
        ``alpha``, ``num_iters``).
    """
    CostSurfaceExplorer(CostSurfaceState(**state)).show(element_id=element_id)
