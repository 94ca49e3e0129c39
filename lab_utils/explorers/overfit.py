"""``overfit_example``: polynomial models that fit noisy data too closely, as a course explorer.

The original ``overfit_example(regularize=False)`` drew an ipympl figure with
two data sets, noisy points around a parabola for regression and two classes
split by a parabola for classification, check boxes for the polynomial
degree (1 to 6) and, with ``regularize=True``, for the regularisation strength
lambda (0 to 1 in steps of 0.2), and a *fit data* button. The same call here
builds an ipywidgets explorer with those controls, like the course's other
explorers (no ipympl needed). The data are generated with the original's recipe and
seeds.

Each fit maps the features to all monomials up to the chosen degree
(:func:`lab_utils.map_feature` for two features), scales them to z-scores
(:func:`lab_utils.zscore_normalize_features`) and fits them with
scikit-learn, as the original did: logistic regression with ``C = 1 / lambda``
(no penalty at lambda = 0), or ridge regression with ``alpha = lambda``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from lab_utils.display import fmt
from lab_utils.explorers.base import Explorer, View
from lab_utils.predict import predict, predict_proba
from lab_utils.regularization import map_feature, map_feature_terms
from lab_utils.rendering import FigureRenderer, course_style
from lab_utils.scaling import apply_scaling, zscore_normalize_features
from lab_utils.style import COLORS, NEGATIVE, POSITIVE

__all__ = [
    "OverfitExplorer",
    "OverfitState",
    "OverfitView",
    "categorical_data",
    "fit_polynomial",
    "overfit_example",
    "regression_data",
]

#: Polynomial degrees offered.
DEGREES = (1, 2, 3, 4, 5, 6)
#: Regularisation strengths offered with ``regularize=True``.
LAMBDAS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
#: The two data sets, by the name shown on the toggle.
KINDS = ("Regression", "Categorical")


def categorical_data():
    """The original's classification data: 50 points, class 1 above a noisy parabola.

    Returns
    -------
    X : ndarray of shape (50, 2)
        Uniform in ``[-1, 1) x [-1, 1)`` (seed 2).
    y : ndarray of shape (50,), dtype int
        1 where ``x1 + 0.5 > x0**2 + 0.5 u`` with ``u`` uniform in ``[0, 1)``.
    """
    rng = np.random.RandomState(2)
    X = 2 * (rng.rand(50, 2) - 0.5)
    y = (X[:, 1] + 0.5 > X[:, 0] ** 2 + 0.5 * rng.rand(50)).astype(int)
    return X, y


def regression_data():
    """The original's regression data: ``x = 0 .. 29`` and ``y = x^2`` with noise of up to 35 %.

    Returns
    -------
    x, y : ndarray of shape (30,)
        ``y = x^2 (1 + 0.7 (u - 0.5))`` with ``u`` uniform in ``[0, 1)`` (seed 1).
    """
    x = np.arange(30.0)
    rng = np.random.RandomState(1)
    return x, x**2 + 0.7 * x**2 * (rng.random_sample(30) - 0.5)


def _powers(x, degree):
    """Columns ``x, x^2, ..., x^degree`` of one feature."""
    return np.column_stack([x**p for p in range(1, degree + 1)])


@lru_cache(maxsize=64)
def fit_polynomial(kind, degree, lambda_):
    """Fit the polynomial model of one data set.

    Parameters
    ----------
    kind : {"Regression", "Categorical"}
    degree : int
        1 to 6.
    lambda_ : float
        Regularisation strength, >= 0.

    Returns
    -------
    dict
        ``"predict"``: a function of the raw features (``x`` for regression, an
        ``(m, 2)`` array for classification) giving the fitted values or the
        probability of class 1; ``"score"``: the training R^2 (regression) or
        accuracy (classification).
    """
    from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

    if kind == "Categorical":
        X, y = categorical_data()
        mapped, mu, sigma = zscore_normalize_features(map_feature(X[:, 0], X[:, 1], degree))
        C = np.inf if lambda_ == 0 else 1.0 / lambda_
        model = LogisticRegression(C=C, max_iter=10_000).fit(mapped, y)
        w, b = model.coef_, model.intercept_  # shapes (1, n) and (1,), taken as they are

        def probability(points):
            points = np.asarray(points, dtype=float)
            return predict_proba(apply_scaling(map_feature(points[:, 0], points[:, 1], degree), mu, sigma), w, b)

        return {"predict": probability, "score": float(np.mean(predict(mapped, w, b) == y))}
    x, y = regression_data()
    mapped, mu, sigma = zscore_normalize_features(_powers(x, degree))
    model = (LinearRegression() if lambda_ == 0 else Ridge(alpha=lambda_)).fit(mapped, y)

    def values(points):
        return model.predict(apply_scaling(_powers(np.asarray(points, dtype=float), degree), mu, sigma))

    return {"predict": values, "score": float(model.score(mapped, y))}


def equation(kind, degree):
    """The model's formula as mathtext, split into lines of at most ten terms.

    Parameters
    ----------
    kind : {"Regression", "Categorical"}
    degree : int

    Returns
    -------
    str
    """
    def power(name, p):
        return "" if p == 0 else name if p == 1 else f"{name}^{{{p}}}"

    if kind == "Categorical":
        terms = [power("x_0", p) + power("x_1", q) for p, q in map_feature_terms(degree)]
        head, tail = "f = \\mathrm{sigmoid}(", ")"
    else:
        terms = [power("x", p) for p in range(1, degree + 1)]
        head, tail = "f = ", ""
    products = [f"w_{{{k}}}{term}" for k, term in enumerate(terms)] + ["b"]
    rows = [" + ".join(products[i:i + 10]) for i in range(0, len(products), 10)]
    rows[0] = head + rows[0]
    rows[-1] = rows[-1] + tail
    return "\n".join(f"${row}$" for row in rows)


@dataclass(frozen=True)
class OverfitState:
    """What the overfitting explorer shows.

    Attributes
    ----------
    kind : {"Regression", "Categorical"}
    degree : int
    lambda_ : float
    fitted : bool
        Draw the fitted model (after *Fit data*).
    """

    kind: str = "Categorical"
    degree: int = 1
    lambda_: float = 0.0
    fitted: bool = False


class OverfitView(View):
    """The data, the ideal boundary or curve, the fitted model and its formula.

    Parameters
    ----------
    dpi : float, default=80
    """

    def __init__(self, dpi=80):
        with course_style():
            self.figure = Figure(figsize=(8, 5.6), dpi=dpi, layout="none")
            self.renderer = FigureRenderer(self.figure)
            self._build()
        self._kind = None

    def _build(self):
        self.ax = self.figure.add_axes((0.1, 0.3, 0.86, 0.63))
        self.formula = self.figure.text(0.05, 0.17, "", fontsize=9, va="top")
        self.status = self.figure.text(0.05, 0.035, "", fontsize=10)
        self.annotations = []
        self._dynamic = []

    def _draw_data(self, kind):
        """Redraw the static part (data and ideal curve) when the data set changes."""
        ax = self.ax
        ax.clear()
        if kind == "Categorical":
            X, y = categorical_data()
            x0 = np.linspace(-1, 1, 200)
            ax.plot(x0, x0**2 - 0.25, ls="--", color=COLORS["black"], lw=1,
                    label="ideal boundary (mean noise)")
            ax.scatter(*X[y == 1].T, marker="x", s=40, c=POSITIVE, lw=2, label="y=1")
            ax.scatter(*X[y == 0].T, marker="o", s=40, facecolors="none", edgecolors=NEGATIVE, lw=1.5,
                       label="y=0")
            ax.set_xlim(-1, 1)
            ax.set_ylim(-1, 1)
            ax.set_xlabel("$x_0$")
            ax.set_ylabel("$x_1$")
            ax.set_title("Overfitting: categorical data with noise")
        else:
            x, y = regression_data()
            ax.scatter(x, y, color=COLORS["blue"], s=25, label="y")
            ax.plot(x, x**2, ls="--", color=COLORS["black"], lw=1, label="ideal $y = x^2$")
            ax.set_xlim(-1, 30)
            ax.set_ylim(-50, 1.3 * float(y.max()))
            ax.set_xlabel("x")
            ax.set_ylabel("y")
            ax.set_title("Overfitting: regression data (a parabola with noise)")
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
        self._kind = kind

    def draw(self, state):
        """Show ``state``: its data set, and its fitted model when there is one.

        Parameters
        ----------
        state : OverfitState
        """
        with course_style():  # artists take their defaults from the style when created
            self._draw(state)

    def _draw(self, state):
        # The fitted model is not a blitted artist: every state is drawn in full.
        self.renderer.invalidate()
        for artist in self._dynamic:
            artist.remove()
        self._dynamic = []
        if state.kind != self._kind:
            self._draw_data(state.kind)
        self.formula.set_text(equation(state.kind, state.degree))
        if not state.fitted:
            self.status.set_text("Choose a degree and press \u201cFit data\u201d.")
            return
        fit = fit_polynomial(state.kind, state.degree, state.lambda_)
        ax = self.ax
        if state.kind == "Categorical":
            g = np.linspace(-1, 1, 161)
            G0, G1 = np.meshgrid(g, g)
            P = fit["predict"](np.column_stack([G0.ravel(), G1.ravel()])).reshape(G0.shape)
            contour = ax.contour(G0, G1, P, levels=[0.5], colors=COLORS["green"], linewidths=2)
            self._dynamic.append(contour)
        else:
            x = np.linspace(0, 29, 300)
            (line,) = ax.plot(x, fit["predict"](x), color=COLORS["vermillion"], lw=2)
            self._dynamic.append(line)
        self.status.set_text(self._score_text(state, fit))

    def _score_text(self, state, fit):
        what = "training accuracy" if state.kind == "Categorical" else "training R\u00b2"
        return (f"Degree {state.degree}, \u03bb = {state.lambda_:g}: {what} "
                f"{fmt(fit['score'], 4)}")

    def readout(self, state):
        """The fit's numbers as HTML, shown above the live figure.

        Parameters
        ----------
        state : OverfitState

        Returns
        -------
        str
        """
        if not state.fitted:
            return f"{state.kind} data, degree {state.degree}, \u03bb = {state.lambda_:g}: not fitted yet."
        return self._score_text(state, fit_polynomial(state.kind, state.degree, state.lambda_)) + "."

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : OverfitState

        Returns
        -------
        str
        """
        if state.kind == "Categorical":
            text = ("Fifty points in the square from -1 to 1, crosses (y = 1) mostly above and circles "
                    "(y = 0) below a dashed parabola.")
            model = "a green decision boundary"
        else:
            text = "Thirty noisy points around the dashed parabola y = x squared, for x from 0 to 29."
            model = "a fitted curve"
        if not state.fitted:
            return text + f" No model is fitted yet (degree {state.degree} chosen)."
        fit = fit_polynomial(state.kind, state.degree, state.lambda_)
        return text + f" The model of degree {state.degree} with lambda {state.lambda_:g} is drawn as " \
                      f"{model}; {self._score_text(state, fit)}."


class OverfitExplorer(Explorer):
    """Toggles for the data set, the degree and lambda, and a *Fit data* button.

    Parameters
    ----------
    regularize : bool, default=False
        Offer lambda (0 to 1); without it every fit is unregularised.
    state : OverfitState, optional
    """

    title = "Overfitting explorer"
    name = "overfit_example"

    def __init__(self, regularize=False, state=None):
        import ipywidgets as widgets

        self.regularize = bool(regularize)
        self.view = OverfitView()
        self.state = state or OverfitState()
        self.controls = {
            "kind": widgets.ToggleButtons(options=KINDS, value=self.state.kind, description="data"),
            "degree": widgets.ToggleButtons(options=DEGREES, value=self.state.degree, description="degree",
                                            style={"button_width": "3em"}),
            "fit": widgets.Button(description="Fit data", icon="play", button_style="primary"),
        }
        rows = [self.controls["kind"], self.controls["degree"]]
        if self.regularize:
            self.controls["lambda_"] = widgets.ToggleButtons(options=LAMBDAS, value=self.state.lambda_,
                                                             description="\u03bb",
                                                             style={"button_width": "3em"})
            rows.append(self.controls["lambda_"])
        for name in ("kind", "degree", "lambda_"):
            if name in self.controls:
                self.controls[name].observe(self._on_change, names="value")
        self.controls["fit"].on_click(lambda _button: self.set_state(fitted=True))
        rows.append(self.controls["fit"])
        self._finish(rows)

    def _on_change(self, change):
        """A new data set, degree or lambda: the old fit no longer applies."""
        field = next(name for name, control in self.controls.items() if control is change["owner"])
        self.set_state(**{field: change["new"]}, fitted=False)


def overfit_example(regularize=False):
    """Show the overfitting explorer (the original lab's call).

    Parameters
    ----------
    regularize : bool, default=False
        Also offer the regularisation strength lambda.

    Returns
    -------
    OverfitExplorer
        The displayed explorer (``.controls`` drives it from code).
    """
    explorer = OverfitExplorer(regularize)
    explorer.show()
    return explorer
