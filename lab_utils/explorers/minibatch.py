"""Mini-batch explorer: choose the batch size and the learning rate, watch the cost per epoch.

Mini-batch gradient descent (:func:`lab_utils.minibatch_gradient_descent`,
seed 0) runs from ``w = 0, b = 0`` for a fixed number of epochs on z-scored
breast-cancer features, and the figure shows ``J - J*`` on all examples after
every epoch, on a log scale, next to batch gradient descent with the same
learning rate. Every curve has processed the same examples at each epoch, so
the picture answers "what does a smaller batch buy for the same work?".
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from lab_utils.cost import compute_cost_logistic
from lab_utils.datasets import load_breast_cancer_data
from lab_utils.descent import DivergenceWarning
from lab_utils.display import fmt
from lab_utils.explorers.base import Explorer, View
from lab_utils.minibatch import minibatch_gradient_descent, num_batches
from lab_utils.rendering import FigureRenderer, course_style
from lab_utils.scaling import zscore_normalize_features
from lab_utils.studies.feature_scaling import optimal_cost
from lab_utils.style import COLORS

__all__ = ["MinibatchExplorer", "MinibatchProblem", "MinibatchState", "MinibatchView", "show_minibatch_explorer"]

#: Breast-cancer columns used by default (those of the feature-scaling chapter).
DEFAULT_FEATURES = ("mean texture", "mean area", "mean smoothness", "mean concave points",
                    "mean symmetry", "mean fractal dimension")
#: Batch sizes offered (the last is replaced by m, the whole training set).
BATCH_SIZES = (1, 4, 16, 64, 256, None)
#: Epochs of every run.
EPOCHS = 40
#: Gaps are drawn down to this value.
GAP_FLOOR = 1e-10


@dataclass(frozen=True)
class MinibatchState:
    """What the explorer shows.

    Attributes
    ----------
    batch_size : int or None
        Examples per update; None means all of them (batch gradient descent).
    alpha : float
        Learning rate, the same for the mini-batch run and the batch-descent reference.
    """

    batch_size: int | None = 16
    alpha: float = 0.5


@dataclass(frozen=True)
class EpochRun:
    """The cost gap after every epoch of one run.

    Attributes
    ----------
    gaps : ndarray of shape (k + 1,)
        ``J - J*`` at the start and after each of the ``k`` epochs done.
    diverged : bool
        True when the run stopped with a :class:`~lab_utils.DivergenceWarning`.
    """

    gaps: np.ndarray
    diverged: bool


class MinibatchProblem:
    """The data and the runs of the explorer (remembered, so moving back is instant).

    Parameters
    ----------
    features : sequence of str, default=DEFAULT_FEATURES
        Breast-cancer columns, z-scored.
    """

    def __init__(self, features=DEFAULT_FEATURES):
        X, self.y, self.names = load_breast_cancer_data(list(features))
        self.X = zscore_normalize_features(X)[0]
        self.m = self.X.shape[0]
        self.cost_star = optimal_cost(self.X, self.y)
        self.start_cost = compute_cost_logistic(self.X, self.y, np.zeros(self.X.shape[1]), 0.0)
        self._runs = {}

    def batch(self, batch_size):
        """``batch_size``, with None meaning m."""
        return self.m if batch_size is None else int(batch_size)

    def run(self, batch_size, alpha):
        """``J - J*`` per epoch for ``batch_size`` and ``alpha`` (seed 0, from ``w = 0, b = 0``).

        Returns
        -------
        EpochRun
        """
        key = (self.batch(batch_size), float(alpha))
        if key not in self._runs:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DivergenceWarning)
                _, _, history = minibatch_gradient_descent(self.X, self.y, np.zeros(self.X.shape[1]), 0.0,
                                                           alpha, EPOCHS, key[0], seed=0, verbose=False)
            gaps = np.array([self.start_cost, *history]) - self.cost_star
            self._runs[key] = EpochRun(gaps, any(issubclass(w.category, DivergenceWarning) for w in caught))
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
    if run.diverged:
        return f"diverged after {len(run.gaps) - 1} epochs"
    return f"J - J* = {fmt(max(run.gaps[-1], 0.0), 3)} after {len(run.gaps) - 1} epochs"


class MinibatchView(View):
    """The explorer's figure: ``J - J*`` per epoch for the chosen batch and for batch descent.

    Parameters
    ----------
    problem : MinibatchProblem, optional
    dpi : float, default=80
    """

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
        ax.set_ylim(GAP_FLOOR, 10.0)
        ax.set_xlabel("epoch (passes over the training set)")
        ax.set_ylabel("J − J* on all examples (log scale)")
        ax.set_title("Cost after every epoch, same examples processed")
        (self.reference,) = ax.plot([], [], color=COLORS["black"], lw=1.5, ls="--",
                                    label="batch descent, same α")
        (self.curve,) = ax.plot([], [], color=COLORS["vermillion"], lw=2, label="your batch size")
        ax.legend(loc="lower left", fontsize=9)
        self.message = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                               bbox={"boxstyle": "round", "fc": "white", "ec": "0.8"})
        self.annotations = [self.message]
        self.renderer.animate(self.reference, self.curve, self.message)

    def runs(self, state):
        """The chosen run and the batch-descent reference."""
        return (self.problem.run(state.batch_size, state.alpha),
                self.problem.run(None, state.alpha))

    def draw(self, state):
        """Update the curves and the message for ``state``."""
        run, reference = self.runs(state)
        for line, result in ((self.curve, run), (self.reference, reference)):
            line.set_data(np.arange(len(result.gaps)), np.maximum(result.gaps, GAP_FLOOR))
        size = self.problem.batch(state.batch_size)
        self.message.set_text(f"{self.problem.label(state.batch_size)}, \u03b1 = {state.alpha:g}: "
                              f"{_updates(self.problem.m, size)}\n"
                              f"{_describe(run)}\nbatch descent: {_describe(reference)}")

    def readout(self, state):
        """The numbers of ``state`` as HTML."""
        run, reference = self.runs(state)
        size = self.problem.batch(state.batch_size)
        return (f"Batch size <b>{size}</b> ({_updates(self.problem.m, size)}), "
                f"\u03b1 = <b>{state.alpha:g}</b>: {_describe(run)}. Batch descent with the same "
                f"\u03b1: {_describe(reference)}.")

    def alt_text(self, state):
        """Plain-text description of the figure for ``state``."""
        run, reference = self.runs(state)
        size = self.problem.batch(state.batch_size)
        return (f"Log plot of J minus J star after each of {EPOCHS} epochs of mini-batch gradient descent on "
                f"{len(self.problem.names)} z-scored breast-cancer features, batch size {size}, alpha "
                f"{state.alpha:g}: {_describe(run)}. A dashed curve shows batch gradient descent with the "
                f"same alpha: {_describe(reference)}.")


class MinibatchExplorer(Explorer):
    """Buttons for the batch size and a log slider for alpha.

    Parameters
    ----------
    state : MinibatchState, optional
    problem : MinibatchProblem, optional

    Examples
    --------
    >>> explorer = MinibatchExplorer()
    >>> explorer.controls["batch_size"].value = 1
    >>> explorer.state.batch_size
    1
    """

    title = "Mini-batch explorer"
    name = "minibatch_explorer"

    def __init__(self, state=None, problem=None):
        import ipywidgets as widgets

        self.view = MinibatchView(problem)
        self.state = state or MinibatchState()
        m = self.view.problem.m
        options = [(f"all ({m})" if size is None else str(size), size) for size in BATCH_SIZES]
        self.controls = {
            "batch_size": widgets.ToggleButtons(options=options, value=self.state.batch_size,
                                                description="batch size"),
            "alpha": widgets.FloatLogSlider(value=self.state.alpha, base=10, min=-3, max=2, step=0.25,
                                            description="\u03b1", readout_format=".2g",
                                            continuous_update=False),
        }
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self.set_state(**{name: change["new"]}), names="value")
        self._finish([self.controls["batch_size"], self.controls["alpha"]])


def show_minibatch_explorer(batch_size=16, alpha=0.5):
    """Display the mini-batch explorer, plus a static picture for the website.

    Parameters
    ----------
    batch_size : int or None, default=16
        One of ``BATCH_SIZES`` (None: all examples).
    alpha : float, default=0.5
    """
    MinibatchExplorer(MinibatchState(batch_size, alpha)).show()
