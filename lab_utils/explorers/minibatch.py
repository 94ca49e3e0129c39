"""Mini-batch explorer: choose the batch size, the learning rate and the momentum, watch the cost per epoch.

Mini-batch gradient descent with heavy-ball momentum
(:func:`lab_utils.minibatch.run_minibatch_gradient_descent`, seed 0) runs from
``w = 0, b = 0`` for a fixed number of epochs on z-scored breast-cancer
features, and the figure shows ``J - J*`` on all examples after every epoch, on
a log scale, next to batch gradient descent with the same learning rate and
momentum. Every curve has processed the same examples at each epoch, so the
picture answers "what does a smaller batch buy for the same work?".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from lab_utils.cost import compute_cost_logistic
from lab_utils.datasets import load_breast_cancer_data
from lab_utils.descent import DescentMonitor, StopReason
from lab_utils.display import fmt
from lab_utils.explorers.base import Explorer, View, alpha_text
from lab_utils.explorers.layout import control_row, fit_slider, fit_toggle_buttons, slider_with_value
from lab_utils.minibatch import num_batches, run_minibatch_gradient_descent
from lab_utils.rendering import FigureRenderer, course_style
from lab_utils.scaling import zscore_normalize_features
from lab_utils.studies.feature_scaling import optimal_cost
from lab_utils.style import COLORS

__all__ = ["MinibatchExplorer", "MinibatchProblem", "MinibatchState", "MinibatchView", "show_minibatch_explorer",
           "slider_alphas"]

#: Breast-cancer columns used by default (those of the feature-scaling chapter).
DEFAULT_FEATURES = ("mean texture", "mean area", "mean smoothness", "mean concave points",
                    "mean symmetry", "mean fractal dimension")
#: Batch sizes offered (the last is replaced by m, the whole training set).
BATCH_SIZES = (1, 4, 16, 64, 256, None)
#: Epochs of every run.
EPOCHS = 40
#: Seed of the shuffling (the same orders for every batch size, learning rate and momentum).
SEED = 0
#: The learning-rate slider: (lowest, highest, step) of log10(alpha).
ALPHA_EXPONENTS = (-3.0, 2.0, 0.25)
#: The momentum slider: (lowest, highest, step) of beta.
MOMENTUM_RANGE = (0.0, 0.95, 0.05)
#: Gaps are drawn down to this value.
GAP_FLOOR = 1e-10
#: ... and up to this one.
GAP_TOP = 10.0


def slider_alphas():
    """The learning rates the alpha slider offers: ``10**x`` for x on the grid of :data:`ALPHA_EXPONENTS`.

    Returns
    -------
    ndarray
    """
    low, high, step = ALPHA_EXPONENTS
    return 10.0 ** (low + step * np.arange(round((high - low) / step) + 1))


@dataclass(frozen=True)
class MinibatchState:
    """What the explorer shows.

    Attributes
    ----------
    batch_size : int or None
        Examples per update; None means all of them (batch gradient descent).
    alpha : float
        Learning rate, the same for the mini-batch run and the batch-descent reference.
    momentum : float
        Heavy-ball coefficient beta (0: plain steps), the same for both runs.
    """

    batch_size: int | None = 16
    alpha: float = 0.5
    momentum: float = 0.0


@dataclass(frozen=True)
class EpochRun:
    """The cost gap after every epoch of one run.

    Attributes
    ----------
    gaps : ndarray of shape (k + 1,)
        ``J - J*`` at the start and after each of the ``k`` epochs done.
    diverged : bool
        True when the run stopped for divergence or ended above its starting cost
        (:attr:`lab_utils.descent.DescentResult.diverged`).
    stop_reason : lab_utils.descent.StopReason
        Why it stopped.
    """

    gaps: np.ndarray
    diverged: bool
    stop_reason: StopReason = StopReason.MAX_ITERATIONS


class MinibatchProblem:
    """The data and the runs of the explorer (remembered, so moving back is instant).

    Parameters
    ----------
    features : sequence of str, default=DEFAULT_FEATURES
        Breast-cancer columns, z-scored.

    Attributes
    ----------
    raw : ndarray of shape (m, n)
        The features as loaded.
    X : ndarray of shape (m, n)
        Z-scored: ``(raw - mu) / sigma``.
    mu, sigma : ndarray of shape (n,)
        Each feature's mean and standard deviation.
    y : ndarray of shape (m,)
    names : list of str
    m : int
    cost_star : float
        The least cost, ``J*``.
    """

    def __init__(self, features=DEFAULT_FEATURES):
        self.raw, self.y, self.names = load_breast_cancer_data(list(features))
        self.X, self.mu, self.sigma = zscore_normalize_features(self.raw)
        self.m = self.X.shape[0]
        self.cost_star = optimal_cost(self.X, self.y)
        self.start_cost = compute_cost_logistic(self.X, self.y, np.zeros(self.X.shape[1]), 0.0)
        self._runs = {}

    def batch(self, batch_size):
        """``batch_size``, with None meaning m."""
        return self.m if batch_size is None else int(batch_size)

    def run(self, batch_size, alpha, momentum=0.0):
        """``J - J*`` per epoch for ``batch_size``, ``alpha`` and ``momentum`` (seed 0, from ``w = 0, b = 0``).

        The stopping rule is that of :func:`lab_utils.minibatch_gradient_descent`
        (patience 20), read from the run's stop reason.

        Returns
        -------
        EpochRun
        """
        key = (self.batch(batch_size), float(alpha), float(momentum))
        if key not in self._runs:
            result = run_minibatch_gradient_descent(self.X, self.y, np.zeros(self.X.shape[1]), 0.0, key[1],
                                                    EPOCHS, key[0], momentum=key[2], seed=SEED,
                                                    monitor=DescentMonitor())
            gaps = np.array([result.start_cost, *result.J_history]) - self.cost_star
            self._runs[key] = EpochRun(gaps, result.diverged, result.stop_reason)
        return self._runs[key]

    def label(self, batch_size):
        """How a batch size reads in the figure."""
        size = self.batch(batch_size)
        return f"B = {size} (all: batch descent)" if size == self.m else f"B = {size}"


def _updates(m, size):
    count = num_batches(m, size)
    return f"{count} update{'s' if count != 1 else ''} per epoch"


def _describe(run):
    """A few words on how a run ended."""
    epochs = len(run.gaps) - 1
    if run.stop_reason.diverged:
        return f"diverged: descent stopped after {epochs} epochs"
    if run.diverged:
        return f"not converging: after {epochs} epochs J is higher than at the start"
    return f"J - J* = {fmt(max(run.gaps[-1], 0.0), 3)} after {epochs} epochs"


class MinibatchView(View):
    """The explorer's figure: ``J - J*`` per epoch for the chosen batch and for batch descent.

    Parameters
    ----------
    problem : MinibatchProblem, optional
    dpi : float, default=80
    """

    #: Two lines, a grid and text: 16 colours look the same as 64, and keep chapter 6 under 400 KiB.
    fallback_colors = 16

    def __init__(self, problem=None, dpi=80):
        self.problem = problem or MinibatchProblem()
        with course_style():
            self.figure = Figure(figsize=(8, 4.4), dpi=dpi, layout="none")
            self.renderer = FigureRenderer(self.figure)
            self._build()

    def _build(self):
        ax = self.ax = self.figure.subplots(gridspec_kw={"left": 0.11, "right": 0.97, "bottom": 0.12,
                                                         "top": 0.91})
        ax.set_yscale("log")
        ax.set_xlim(0, EPOCHS)
        ax.set_ylim(GAP_FLOOR, GAP_TOP)
        ax.set_xlabel("epoch (passes over the training set)")
        ax.set_ylabel("J − J* on all examples (log scale)")
        ax.set_title("Cost after every epoch, same examples processed")
        (self.reference,) = ax.plot([], [], color=COLORS["black"], lw=1.5, ls="--",
                                    label="batch descent, same α and β")
        (self.curve,) = ax.plot([], [], color=COLORS["vermillion"], lw=2, label="your batch size")
        ax.legend(loc="lower left", fontsize=9)
        self.message = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                               bbox={"boxstyle": "round", "fc": "white", "ec": "0.8"})
        self.annotations = [self.message]
        self.renderer.animate(self.reference, self.curve, self.message)

    def runs(self, state):
        """The chosen run and the batch-descent reference."""
        return (self.problem.run(state.batch_size, state.alpha, state.momentum),
                self.problem.run(None, state.alpha, state.momentum))

    def _setting(self, state):
        """``α = 0.5, β = 0.9`` for ``state``."""
        return f"\u03b1 = {alpha_text(state.alpha)}, \u03b2 = {state.momentum:g}"

    def draw(self, state):
        """Update the curves and the message for ``state``."""
        run, reference = self.runs(state)
        for line, result in ((self.curve, run), (self.reference, reference)):
            line.set_data(np.arange(len(result.gaps)), np.maximum(result.gaps, GAP_FLOOR))
        size = self.problem.batch(state.batch_size)
        self.message.set_text(f"{self.problem.label(state.batch_size)}, {self._setting(state)}: "
                              f"{_updates(self.problem.m, size)}\n"
                              f"{_describe(run)}\nbatch descent: {_describe(reference)}")

    def readout(self, state):
        """The numbers of ``state`` as HTML."""
        run, reference = self.runs(state)
        size = self.problem.batch(state.batch_size)
        return (f"Batch size <b>{size}</b> ({_updates(self.problem.m, size)}), "
                f"\u03b1 = <b>{alpha_text(state.alpha)}</b>, \u03b2 = <b>{state.momentum:g}</b>: "
                f"{_describe(run)}. Batch descent with the same \u03b1 and \u03b2: {_describe(reference)}.")

    def alt_text(self, state):
        """Plain-text description of the figure for ``state``."""
        run, reference = self.runs(state)
        size = self.problem.batch(state.batch_size)
        return (f"Log plot of J minus J star after each of {EPOCHS} epochs of mini-batch gradient descent on "
                f"{len(self.problem.names)} z-scored breast-cancer features, batch size {size}, alpha "
                f"{alpha_text(state.alpha)}, momentum beta {state.momentum:g}: {_describe(run)}. A dashed curve shows "
                f"batch gradient descent with the same alpha and beta: {_describe(reference)}.")


class MinibatchExplorer(Explorer):
    """Buttons for the batch size, a log slider for alpha and a slider for the momentum beta.

    Parameters
    ----------
    state : MinibatchState, optional
    problem : MinibatchProblem, optional

    Examples
    --------
    >>> explorer = MinibatchExplorer()
    >>> explorer.controls["batch_size"].value = 1
    >>> explorer.controls["momentum"].value = 0.5
    >>> explorer.state.batch_size, explorer.state.momentum
    (1, 0.5)
    """

    title = "Mini-batch explorer"
    name = "minibatch_explorer"
    live_name = "minibatch"

    def __init__(self, state=None, problem=None):
        import ipywidgets as widgets

        self.view = MinibatchView(problem)
        self.state = state or MinibatchState()
        m = self.view.problem.m
        options = [(f"all ({m})" if size is None else str(size), size) for size in BATCH_SIZES]
        low, high, step = ALPHA_EXPONENTS
        self.controls = {
            "batch_size": widgets.ToggleButtons(options=options, value=self.state.batch_size,
                                                description="batch size"),
            "alpha": widgets.FloatLogSlider(value=self.state.alpha, base=10, min=low, max=high, step=step,
                                            description="\u03b1", readout_format=".2g",
                                            continuous_update=False),
            "momentum": widgets.FloatSlider(value=self.state.momentum, min=MOMENTUM_RANGE[0],
                                            max=MOMENTUM_RANGE[1], step=MOMENTUM_RANGE[2],
                                            description="momentum \u03b2", readout_format=".2f",
                                            continuous_update=False),
        }
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self.set_state(**{name: change["new"]}), names="value")
        c = self.controls
        self._finish([control_row(fit_toggle_buttons(c["batch_size"])),
                      control_row(slider_with_value(c["alpha"], alpha_text), fit_slider(c["momentum"]))])


def show_minibatch_explorer(batch_size=16, alpha=0.5, *, momentum=0.0, element_id=None):
    """Display the mini-batch explorer: the widget, or the live web explorer without a kernel.

    Parameters
    ----------
    batch_size : int or None, default=16
        One of ``BATCH_SIZES`` (None: all examples).
    alpha : float, default=0.5
    momentum : float, default=0.0
        Heavy-ball coefficient beta, ``0 <= momentum < 1``.
    element_id : str, optional
        Id of the live explorer's root element (only needed for two on one page).
    """
    MinibatchExplorer(MinibatchState(batch_size, alpha, momentum)).show(element_id=element_id)
