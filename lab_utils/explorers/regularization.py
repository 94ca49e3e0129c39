"""Regularisation explorer: the polynomial degree and lambda, and the decision boundary they give.

The data are the regularisation chapter's two noisy rings (:func:`lab_utils.studies.regularization.circles_split`:
150 training and 400 validation points). For a chosen degree (1 to 6) both raw
features are z-scored on the training set and mapped to every monomial up to that
degree (:func:`~lab_utils.studies.regularization.poly_features`), and the model
with strength ``lambda_`` is fitted to convergence with Newton's method from
``w = 0, b = 0``, exactly as the chapter fits its numbers
(:func:`~lab_utils.studies.regularization.lambda_curve`). The figure shows

1. the training points (and, if asked, the validation points) with the decision
   boundary ``p = 0.5`` of the fitted model;
2. the training and validation cost (average log loss, no penalty) against
   lambda for the chosen degree, with the current lambda marked.

Used by ``labs/regularization_lab.ipynb``; its live form is in
:mod:`lab_utils.explorers.live`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lab_utils.display import fmt, number_text
from lab_utils.explorers.base import TEXT_SIZE, Explorer, View, legend_below
from lab_utils.explorers.layout import control_row, fit_slider
from lab_utils.plotting import data_limits
from lab_utils.predict import predict_proba
from lab_utils.rendering import course_style
from lab_utils.studies.regularization import circles_split, lambda_curve, poly_features
from lab_utils.style import BOUNDARY, COLORS, NEGATIVE, POSITIVE

__all__ = [
    "CirclesProblem",
    "RegularizationExplorer",
    "RegularizationState",
    "RegularizationView",
    "lambda_axis_position",
    "show_regularization_explorer",
]

#: Polynomial degrees offered.
DEGREES = (1, 2, 3, 4, 5, 6)
#: The lambda slider: 0, then 10 ** e for e = -3, -2.5, ..., 4 (the chapter's ``np.logspace(-3, 4, 15)``).
LAMBDA_EXPONENTS = (-3.0, 4.0, 0.5)
#: Grid points per axis of the probabilities the boundary is drawn from.
BOUNDARY_RESOLUTION = 121


def lambda_grid():
    """The lambdas the slider offers: 0 and the chapter's 15 log-spaced values.

    Returns
    -------
    ndarray of shape (16,)
    """
    low, high, step = LAMBDA_EXPONENTS
    return np.concatenate([[0.0], np.logspace(low, high, int(round((high - low) / step)) + 1)])


def lambda_axis_position(lambda_):
    """Where ``lambda_`` lies on the explorers' lambda axis: ``log10(lambda_)``, and 0 one decade left of the grid.

    Parameters
    ----------
    lambda_ : float
        >= 0.

    Returns
    -------
    float
        ``log10(lambda_)``, at least ``LAMBDA_EXPONENTS[0] - 0.5``; ``LAMBDA_EXPONENTS[0] - 1`` for 0.
    """
    low = LAMBDA_EXPONENTS[0]
    if lambda_ < 0 or not np.isfinite(lambda_):
        raise ValueError(f"lambda_ must be a finite number >= 0; got {lambda_!r}")
    return low - 1.0 if lambda_ == 0 else max(low - 0.5, float(np.log10(lambda_)))


class CirclesProblem:
    """The chapter's rings, their polynomial features, and fits remembered by ``(degree, lambda_)``.

    Parameters
    ----------
    m_train, m_val, noise, seed
        As :func:`lab_utils.studies.regularization.circles_split` (the chapter's by default).

    Attributes
    ----------
    X_train, y_train, X_val, y_val : ndarray
        Raw features and labels.
    limits : (float, float, float, float)
        Axis limits holding every point (:func:`lab_utils.plotting.data_limits`, margin 0.05).
    """

    def __init__(self, m_train=150, m_val=400, noise=0.25, seed=0):
        self.X_train, self.y_train, self.X_val, self.y_val = circles_split(m_train, m_val, noise, seed)
        self.limits = data_limits(np.vstack([self.X_train, self.X_val]), margin=0.05)
        self._fits = {}

    def fit(self, degree, lambda_):
        """The fitted model of ``degree`` and ``lambda_`` and its scores, as the chapter computes them.

        Parameters
        ----------
        degree : int
        lambda_ : float

        Returns
        -------
        dict
            A row of :func:`lab_utils.studies.regularization.lambda_curve`: ``w``, ``b``,
            ``train_cost``, ``val_cost``, ``train_error``, ``val_error``, ``converged``, ...
        """
        key = (int(degree), float(lambda_))
        if key not in self._fits:
            (row,) = lambda_curve(self.X_train, self.y_train, self.X_val, self.y_val, [key[1]], degree=key[0])
            self._fits[key] = row
        return self._fits[key]

    def probability_grid(self, degree, lambda_, resolution=BOUNDARY_RESOLUTION):
        """The model's probability over a grid of the raw plane, for drawing its boundary.

        Returns
        -------
        G0, G1, P : ndarray of shape (resolution, resolution)
        """
        x0_lo, x0_hi, x1_lo, x1_hi = self.limits
        G0, G1 = np.meshgrid(np.linspace(x0_lo, x0_hi, resolution), np.linspace(x1_lo, x1_hi, resolution))
        _, F_grid = poly_features(self.X_train, np.column_stack([G0.ravel(), G1.ravel()]), degree)
        fit = self.fit(degree, lambda_)
        return G0, G1, predict_proba(F_grid, fit["w"], fit["b"]).reshape(G0.shape)


@dataclass(frozen=True)
class RegularizationState:
    """What the regularisation explorer shows.

    Attributes
    ----------
    degree : int
        Polynomial degree, 1 to 6.
    lambda_ : float
        Regularisation strength, >= 0.
    show_validation : bool
        Also draw the 400 validation points.
    """

    degree: int = 6
    lambda_: float = 1.0
    show_validation: bool = False

    def __post_init__(self):
        if self.degree not in DEGREES:
            raise ValueError(f"degree must be one of {DEGREES}; got {self.degree!r}")
        lambda_axis_position(self.lambda_)  # raises for a negative or infinite lambda_


def _state_text(state, fit):
    return (f"Degree {state.degree} ({fit['n_features']} features), \u03bb = {number_text(state.lambda_, 3)}: "
            f"training cost {fmt(fit['train_cost'], 4)}, validation cost {fmt(fit['val_cost'], 4)}; "
            f"{100 * fit['val_error']:.1f}% of the validation points misclassified")


class RegularizationView(View):
    """The explorer's figure, drawn from a :class:`RegularizationState` (no widgets).

    Parameters
    ----------
    problem : CirclesProblem, optional
    dpi : float, default=80
    """

    def __init__(self, problem=None, dpi=80):
        self.problem = problem or CirclesProblem()
        self._boundary = None
        with course_style():
            self._make_figure((10.5, 5.0), dpi)
            self._build()

    def _build(self):
        ax_data, ax_cost = self.figure.subplots(
            1, 2, width_ratios=[1, 1.15],
            gridspec_kw={"left": 0.08, "right": 0.97, "bottom": 0.3, "top": 0.93, "wspace": 0.28})
        self.axes = {"data": ax_data, "cost": ax_cost}
        for ax in self.axes.values():
            ax.tick_params(labelsize=TEXT_SIZE)
        p = self.problem
        train_pos, train_neg = p.y_train == 1, p.y_train == 0
        val_pos, val_neg = p.y_val == 1, p.y_val == 0
        self.val_points = [
            ax_data.scatter(*p.X_val[val_pos].T, marker="+", s=22, c=POSITIVE, lw=1, alpha=0.7,
                            label="validation, y = 1"),
            ax_data.scatter(*p.X_val[val_neg].T, marker="s", s=14, facecolors="none", edgecolors=NEGATIVE,
                            lw=0.8, alpha=0.7, label="validation, y = 0"),
        ]
        ax_data.scatter(*p.X_train[train_pos].T, marker="x", s=30, c=POSITIVE, lw=2, label="training, y = 1 (inner)")
        ax_data.scatter(*p.X_train[train_neg].T, marker="o", s=30, facecolors="none", edgecolors=NEGATIVE, lw=1.6,
                        label="training, y = 0 (outer)")
        x0_lo, x0_hi, x1_lo, x1_hi = p.limits
        ax_data.set_xlim(x0_lo, x0_hi)
        ax_data.set_ylim(x1_lo, x1_hi)
        ax_data.set_aspect("equal", adjustable="box")
        ax_data.set_xlabel("$x_1$")
        ax_data.set_ylabel("$x_2$")
        ax_data.plot([], [], color=BOUNDARY, lw=2, label="decision boundary p = 0.5")
        legend_below(ax_data, ncol=2)

        positions = [lambda_axis_position(lam) for lam in lambda_grid()]
        ax_cost.set_xlim(positions[0] - 0.3, positions[-1] + 0.3)
        ax_cost.set_xticks([positions[0], *range(-3, 5)],
                           ["0", *(number_text(10.0 ** e) for e in range(-3, 5))])
        ax_cost.set_ylim(0, 2)
        ax_cost.set_xlabel("\u03bb (log scale; \u03bb = 0 at the left)")
        ax_cost.set_ylabel("average log loss (no penalty)")
        (self.train_line,) = ax_cost.plot([], [], "-o", ms=4, color=COLORS["blue"], label="training cost")
        (self.val_line,) = ax_cost.plot([], [], "-s", ms=4, color=COLORS["vermillion"], label="validation cost")
        self.current = ax_cost.axvline(0, color=COLORS["black"], lw=1, ls=":", label="current \u03bb")
        legend_below(ax_cost, ncol=3)
        self.annotations = []

    def draw(self, state):
        """Update the figure to show ``state`` (nothing is rendered yet).

        Parameters
        ----------
        state : RegularizationState
        """
        self.renderer.invalidate()
        p = self.problem
        for artist in self.val_points:
            artist.set_visible(state.show_validation)
        if self._boundary is not None:
            self._boundary.remove()
        G0, G1, P = p.probability_grid(state.degree, state.lambda_)
        self._boundary = self.axes["data"].contour(G0, G1, P, levels=[0.5], colors=BOUNDARY, linewidths=2)
        rows = [p.fit(state.degree, lam) for lam in lambda_grid()]
        x = [lambda_axis_position(lam) for lam in lambda_grid()]
        self.train_line.set_data(x, [row["train_cost"] for row in rows])
        self.val_line.set_data(x, [row["val_cost"] for row in rows])
        position = lambda_axis_position(state.lambda_)
        self.current.set_xdata([position, position])
        self.axes["cost"].set_title(f"Degree {state.degree}: cost against \u03bb", fontsize=TEXT_SIZE + 1)
        self.axes["data"].set_title(f"Degree {state.degree}, \u03bb = {number_text(state.lambda_, 3)}",
                                    fontsize=TEXT_SIZE + 1)

    def readout(self, state):
        """The fit's numbers as HTML, shown above the live figure.

        Parameters
        ----------
        state : RegularizationState

        Returns
        -------
        str
        """
        fit = self.problem.fit(state.degree, state.lambda_)
        return _state_text(state, fit) + "."

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : RegularizationState

        Returns
        -------
        str
        """
        fit = self.problem.fit(state.degree, state.lambda_)
        shown = "the 150 training points" + (" and the 400 validation points" if state.show_validation else "")
        return (f"Two panels. Left: {shown} of two noisy rings, crosses for the inner ring (y = 1) and "
                f"circles for the outer ring (y = 0), with the black decision boundary p = 0.5 of the model of "
                f"degree {state.degree} fitted with lambda = {number_text(state.lambda_, 3)}. Right: the "
                f"training and validation cost of degree {state.degree} against lambda from 0 to 10,000, "
                f"with the current lambda marked by a dotted line. {_state_text(state, fit)}.")


class RegularizationExplorer(Explorer):
    """A slider over the lambda grid, a slider for the degree and a check box for the validation points.

    Parameters
    ----------
    state : RegularizationState, optional
        Degree 6, lambda = 1, training points only, by default.
    problem : CirclesProblem, optional

    Examples
    --------
    >>> explorer = RegularizationExplorer()
    >>> explorer.controls["lambda_"].value = 100.0
    >>> round(explorer.view.problem.fit(6, 100.0)["val_cost"], 3)
    0.408
    """

    title = "Regularisation explorer"
    live_name = "regularization"

    def __init__(self, state=None, problem=None):
        import ipywidgets as widgets

        self.view = RegularizationView(problem)
        self.state = state or RegularizationState()
        options = [(number_text(lam, 3), float(lam)) for lam in lambda_grid()]
        if self.state.lambda_ not in [value for _, value in options]:
            options = sorted([*options, (number_text(self.state.lambda_, 3), float(self.state.lambda_))],
                             key=lambda option: option[1])
        self.controls = {
            "degree": widgets.IntSlider(value=self.state.degree, min=DEGREES[0], max=DEGREES[-1], step=1,
                                        description="degree", continuous_update=False),
            "lambda_": widgets.SelectionSlider(options=options, value=float(self.state.lambda_),
                                               description="\u03bb", continuous_update=False),
            "show_validation": widgets.Checkbox(value=self.state.show_validation,
                                                description="show the validation points"),
        }
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self.set_state(**{name: change["new"]}), names="value")
        c = self.controls
        self._finish([control_row(fit_slider(c["lambda_"]), fit_slider(c["degree"])),
                      control_row(c["show_validation"])])

    @property
    def problem(self):
        """The data and the fits (:class:`CirclesProblem`)."""
        return self.view.problem


def show_regularization_explorer(element_id=None, **state):
    """Display the regularisation explorer: the widget, or the live web explorer where no kernel runs.

    Parameters
    ----------
    element_id : str, optional
        Id of the live explorer's root element (only needed for two on one page).
    **state
        Starting values: ``degree``, ``lambda_``, ``show_validation``.
    """
    RegularizationExplorer(RegularizationState(**state)).show(element_id=element_id)
