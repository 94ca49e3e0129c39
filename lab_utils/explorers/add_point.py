"""``plt_one_addpt_onclick``: add examples to one-feature data and refit, as a course explorer.

The original ``plt_one_addpt_onclick(x, y, w, b, logistic=True)`` drew an
ipympl figure of tumour data where a click added an example (above 0.5 a
malignant one, below a benign one), a button fitted the model again and a
check box shaded both sides of the 0.5 threshold. The same call here builds an
ipywidgets explorer, like the course's other explorers (no ipympl needed):

* a slider and a label choose the next example, *Add example* adds it and
  *Remove added* takes the added ones away again;
* *Run logistic regression* runs :func:`lab_utils.gradient_descent` (learning
  rate 0.1, as the original) from the current model; with ``logistic=False``,
  *Run linear regression* draws the least-squares line, the line the original's
  gradient descent on the squared error moves towards;
* *Show the 0.5 threshold* shades where the model predicts 0 and where 1.

Adding a far-away malignant example shows why a straight line is a poor
classifier: the least-squares line tilts and its 0.5 crossing moves, while the
logistic model's threshold barely does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from lab_utils.activation import sigmoid
from lab_utils.display import fmt
from lab_utils.explorers.base import DescentRun, Explorer, ShowsRunFrames, View, run_descent
from lab_utils.rendering import FigureRenderer, course_style
from lab_utils.style import BOUNDARY, COLORS, NEGATIVE, POSITIVE
from lab_utils.validation import validate_bias, validate_features, validate_labels, validate_weights

__all__ = ["AddPointExplorer", "AddPointState", "AddPointView", "plt_one_addpt_onclick"]

#: The original's learning rate for logistic regression.
ALPHA = 0.1
#: About the original's 8191 iterations in all (it ran 1, 8, 16, ..., 4096 in turn).
NUM_ITERS = 8000


@dataclass(frozen=True)
class AddPointState(ShowsRunFrames):
    """What the add-a-point explorer shows.

    Attributes
    ----------
    x : tuple of float
        The feature of every example, the given ones first.
    y : tuple of int
        Their labels, 0 or 1.
    given : int
        How many examples were given (the rest were added).
    w, b : float
        The model before the last fit (the start of gradient descent).
    logistic : bool
        Logistic regression (True) or a least-squares line (False).
    fit : tuple of float or None
        ``(w, b)`` of the least-squares line after *Run*, for ``logistic=False``.
    run : DescentRun or None
        The last gradient-descent run, for ``logistic=True``.
    frame : int or None
        Show the run only up to this iteration (for animations).
    threshold : bool
        Shade both sides of the 0.5 threshold.
    """

    x: tuple
    y: tuple
    given: int
    w: float = 0.0
    b: float = 0.0
    logistic: bool = True
    fit: tuple | None = None
    run: DescentRun | None = None
    frame: int | None = None
    threshold: bool = False

    @property
    def model(self):
        """``(w, b)`` drawn now: the end of the run (or its shown frame), the fitted line, or the start."""
        k = self.shown_iteration
        if k is not None:
            return float(self.run.w_path[k, 0]), float(self.run.b_path[k])
        if self.fit is not None:
            return self.fit
        return self.w, self.b

    def prediction(self, x):
        """The model's output at ``x``: a probability (logistic) or the line's value."""
        w, b = self.model
        z = w * np.asarray(x, dtype=float) + b
        return sigmoid(z) if self.logistic else z

    @property
    def threshold_x(self):
        """Where the output crosses 0.5 (None when the model is flat)."""
        w, b = self.model
        if w == 0:
            return None
        return -b / w if self.logistic else (0.5 - b) / w


def least_squares_line(x, y):
    """Slope and intercept of the least-squares line through ``(x, y)``.

    Parameters
    ----------
    x, y : array_like of shape (m,)

    Returns
    -------
    (float, float)
        ``(w, b)``; with fewer than two distinct ``x`` the line is flat at the mean of ``y``.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if np.unique(x).size < 2:
        return 0.0, float(y.mean())
    w, b = np.polyfit(x, y, 1)
    return float(w), float(b)


class AddPointView(View):
    """The explorer's figure: the examples, the model and its 0.5 threshold.

    Parameters
    ----------
    x_limits : (float, float)
        Horizontal range shown (room for added examples).
    logistic : bool, default=True
        Draw a sigmoid and its logit line (True) or a straight line (False).
    dpi : float, default=80
    """

    def __init__(self, x_limits, logistic=True, dpi=80):
        self.x_limits, self.logistic = x_limits, logistic
        with course_style():
            self.figure = Figure(figsize=(8, 4), dpi=dpi, layout="none")
            self.renderer = FigureRenderer(self.figure)
            self._build()

    def _build(self):
        ax = self.ax = self.figure.subplots(gridspec_kw={"left": 0.09, "right": 0.98, "bottom": 0.13,
                                                         "top": 0.91})
        ax.set_xlim(*self.x_limits)
        ax.set_ylim(-0.25, 1.25)
        ax.set_xlabel("Tumour size")
        ax.set_ylabel("y")
        self._grid = np.linspace(*self.x_limits, 200)
        self.bands = [Rectangle((0, 0), 0, 1, transform=ax.get_xaxis_transform(), facecolor=colour,
                                alpha=0.18, edgecolor="none") for colour in (NEGATIVE, POSITIVE)]
        for band in self.bands:
            ax.add_patch(band)
        (self.threshold_line,) = ax.plot([], [], color=BOUNDARY, lw=1, ls="--")
        self.positives = ax.scatter([], [], marker="x", s=80, c=POSITIVE, lw=2.5, label="malignant (y=1)")
        self.negatives = ax.scatter([], [], marker="o", s=80, facecolors="none", edgecolors=NEGATIVE, lw=2,
                                    label="benign (y=0)")
        (self.curve,) = ax.plot([], [], color=COLORS["blue"], lw=2.5,
                                label="sigmoid(wx + b)" if self.logistic else "least-squares line wx + b")
        (self.logit,) = ax.plot([], [], color=COLORS["orange"], lw=1,
                                label="z = wx + b" if self.logistic else None)
        ax.legend(loc="lower right", fontsize=9)
        self.title = ax.set_title("")
        self.label = ax.text(0.02, 0.96, "", transform=ax.transAxes, va="top", fontsize=9,
                             bbox={"boxstyle": "round", "fc": "white", "ec": "0.8"})
        self.annotations = [self.label]
        self.renderer.animate(*self.bands, self.threshold_line, self.positives, self.negatives, self.curve,
                              self.logit, self.title, self.label)

    def draw(self, state):
        """Update every artist to show ``state`` (nothing is rendered yet).

        Parameters
        ----------
        state : AddPointState
        """
        x, y = np.asarray(state.x, dtype=float), np.asarray(state.y)
        self.positives.set_offsets(np.column_stack([x[y == 1], y[y == 1]]).reshape(-1, 2))
        self.negatives.set_offsets(np.column_stack([x[y == 0], y[y == 0]]).reshape(-1, 2))
        w, b = state.model
        self.curve.set_data(self._grid, state.prediction(self._grid))
        self.logit.set_data((self._grid, w * self._grid + b) if state.logistic else ([], []))
        kind = "Logistic" if state.logistic else "Linear"
        self.title.set_text(f"{kind} regression on categorical data")
        t = state.threshold_x
        lo, hi = self.x_limits
        shown = state.threshold and t is not None
        edge = min(max(t, lo), hi) if shown else lo
        below_is_left = not shown or w > 0
        left, right = (self.bands if below_is_left else self.bands[::-1])
        left.set_bounds(lo, 0, edge - lo, 1)
        right.set_bounds(edge, 0, hi - edge, 1)
        for band in self.bands:
            band.set_visible(shown)
        self.threshold_line.set_data(([t, t], [-0.25, 1.25]) if shown else ([], []))
        self.label.set_text(self._summary(state))

    def _summary(self, state):
        w, b = state.model
        t = state.threshold_x
        lines = [f"{len(state.x)} examples ({len(state.x) - state.given} added)",
                 f"w = {fmt(w, 3)}, b = {fmt(b, 3)}"]
        k = state.shown_iteration
        if k is not None:
            lines.append(f"after {k} iterations")
        lines.append("no 0.5 crossing (flat model)" if t is None else f"0.5 crossed at x = {fmt(t, 3)}")
        return "\n".join(lines)

    def readout(self, state):
        """The numbers of ``state`` as HTML, shown above the live figure.

        Parameters
        ----------
        state : AddPointState

        Returns
        -------
        str
        """
        text = self._summary(state).replace("\n", "; ")
        if state.run is not None:
            text += f"<br>{state.run.message}"
        return text

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : AddPointState

        Returns
        -------
        str
        """
        y = np.asarray(state.y)
        curve = "an S-shaped sigmoid" if state.logistic else "a straight line"
        t = state.threshold_x
        where = "never reaches 0.5" if t is None else f"crosses 0.5 at tumour size {fmt(t, 3)}"
        text = (f"Tumour sizes against labels: {int((y == 1).sum())} malignant examples (crosses) at "
                f"y = 1 and {int((y == 0).sum())} benign ones (circles) at y = 0, with the model drawn as "
                f"{curve} that {where}.")
        if state.threshold and t is not None:
            text += " The two sides of that threshold are shaded in the colours of the two classes."
        return text


class AddPointExplorer(Explorer):
    """Controls to add examples, refit and show the threshold.

    Parameters
    ----------
    state : AddPointState
    view : AddPointView
    """

    title = "Add-an-example explorer"
    name = "plt_one_addpt_onclick"

    def __init__(self, state, view):
        import ipywidgets as widgets

        self.state, self.view = state, view
        lo, hi = view.x_limits
        kind = "logistic" if state.logistic else "linear"
        self.controls = {
            "new_x": widgets.FloatSlider(value=round((lo + hi) / 2, 1), min=lo, max=hi, step=0.1,
                                         description="new x", readout_format=".1f"),
            "new_label": widgets.ToggleButtons(options=[("benign (y=0)", 0), ("malignant (y=1)", 1)],
                                               value=1, description="label"),
            "add": widgets.Button(description="Add example", icon="plus"),
            "remove": widgets.Button(description="Remove added", icon="undo"),
            "run": widgets.Button(description=f"Run {kind} regression", icon="play", button_style="primary",
                                  layout=widgets.Layout(width="auto")),
            "threshold": widgets.Checkbox(value=state.threshold, description="Show the 0.5 threshold"),
        }
        c = self.controls
        c["add"].on_click(lambda _button: self.add(c["new_x"].value, c["new_label"].value))
        c["remove"].on_click(lambda _button: self.remove_added())
        c["run"].on_click(lambda _button: self.run())
        c["threshold"].observe(lambda change: self.set_state(threshold=change["new"]), names="value")
        self._finish([widgets.HBox([c["new_x"], c["new_label"]]),
                      widgets.HBox([c["add"], c["remove"], c["run"], c["threshold"]])])

    def add(self, x, label):
        """Add one example (the model is kept until the next *Run*).

        Parameters
        ----------
        x : float
        label : {0, 1}
        """
        if label not in (0, 1):
            raise ValueError(f"label must be 0 or 1; got {label!r}")
        s = self.state
        self.set_state(x=(*s.x, float(x)), y=(*s.y, int(label)))

    def remove_added(self):
        """Keep only the examples given at the start."""
        s = self.state
        self.set_state(x=s.x[: s.given], y=s.y[: s.given])

    def _fitted(self, state):
        """``state`` after fitting the model to its examples."""
        if not state.logistic:
            return replace(state, fit=least_squares_line(state.x, state.y))
        w, b = state.model
        X = np.reshape(state.x, (-1, 1))
        run = run_descent(X, np.asarray(state.y, dtype=float), [w], b, ALPHA, NUM_ITERS)
        return replace(state, w=w, b=b, run=run, frame=None)

    def run(self):
        """Fit the model to the current examples and draw it."""
        self.state = self._fitted(self.state)
        self.redraw()


def plt_one_addpt_onclick(x, y, w, b, logistic=True):
    """Show the add-an-example explorer for one-feature data (the original lab's call).

    Parameters
    ----------
    x : array_like of shape (m,)
        Tumour sizes.
    y : array_like of shape (m,)
        Labels, 0 or 1.
    w : array_like of shape (1,)
        Starting weight (the original lab passes ``np.zeros(1)``).
    b : float
        Starting bias.
    logistic : bool, default=True
        Fit logistic regression; False draws a least-squares line instead.

    Returns
    -------
    AddPointExplorer
        The displayed explorer (``.add(x, label)`` and ``.run()`` drive it from code).
    """
    X = validate_features(np.reshape(np.asarray(x, dtype=float), (-1, 1)), "x")
    labels = validate_labels(y, X.shape[0])
    w0 = float(validate_weights(w, 1)[0])
    x_values = X[:, 0]
    low, high = float(x_values.min()), float(x_values.max())
    span = max(high - low, 1.0)
    x_limits = (low - 0.1 * span, high + 1.1 * span)  # room on the right for added examples, as the original
    state = AddPointState(x=tuple(x_values.tolist()), y=tuple(int(v) for v in labels), given=len(x_values),
                          w=w0, b=validate_bias(b), logistic=bool(logistic))
    explorer = AddPointExplorer(state, AddPointView(x_limits, logistic=state.logistic))
    explorer.show()
    return explorer
