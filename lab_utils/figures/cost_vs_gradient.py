"""Figures for the chapter *Cost versus gradient*.

Every function draws onto a given matplotlib ``Axes``, labels both axes and
returns what it drew (or the numbers behind it), so a chapter can quote them
and a test can check them. None of them calls ``plt.show()``.

Used by ``chapters/cost_vs_gradient.md`` and ``labs/cost_vs_gradient_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.cost import compute_cost_logistic
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.style import COLORS, NEGATIVE, POSITIVE
from lab_utils.validation import validate_alpha, validate_labels, validate_problem

__all__ = [
    "cost_decreases",
    "first_small_decrease",
    "plot_cost_decrease",
    "plot_cost_histories",
    "plot_cost_slice",
    "plot_loss_curves",
]

#: Label of the horizontal axis for a predicted probability.
PROBABILITY_LABEL = r"predicted probability $f = P(y = 1 \mid \mathbf{x})$"


def plot_loss_curves(ax, f=None, y=None, resolution=400, f_min=0.005):
    """Draw the log loss of one example, one curve for each label.

    The y = 1 curve is ``-log(f)``, the y = 0 curve is ``-log(1 - f)``. When
    predictions ``f`` and labels ``y`` are given, each example is marked on the
    curve of its own label, at the height of its loss.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    f : array_like of shape (m,), optional
        Predicted probabilities in (0, 1) of examples to mark.
    y : array_like of shape (m,), optional
        Their labels, 0 or 1 (required with ``f``).
    resolution : int, default=400
        Points per curve.
    f_min : float, default=0.005
        The curves are drawn for ``f`` in ``[f_min, 1 - f_min]``; both go to
        infinity at the ends of (0, 1).

    Returns
    -------
    ndarray of shape (m,) or None
        The loss of each marked example, or None when nothing was marked.
    """
    if not 0 < f_min < 0.5:
        raise ValueError(f"f_min must be between 0 and 0.5; got {f_min}")
    grid = np.linspace(f_min, 1 - f_min, resolution)
    ax.plot(grid, -np.log(grid), color=POSITIVE, label=r"$y = 1$: loss $= -\log(f)$")
    ax.plot(grid, -np.log1p(-grid), color=NEGATIVE, ls="--", label=r"$y = 0$: loss $= -\log(1 - f)$")
    losses = None
    if f is not None:
        f = np.asarray(f, dtype=float)
        if f.ndim != 1 or np.any((f <= 0) | (f >= 1)) or not np.all(np.isfinite(f)):
            raise ValueError("f must be a 1-D array of probabilities strictly between 0 and 1")
        y = validate_labels(y, f.shape[0])
        losses = np.where(y == 1, -np.log(f), -np.log1p(-f))
        pos, neg = y == 1, y == 0
        ax.scatter(f[pos], losses[pos], marker="x", s=80, c=POSITIVE, lw=2.5, zorder=3,
                   label="examples with $y = 1$")
        ax.scatter(f[neg], losses[neg], marker="o", s=80, facecolors="none", edgecolors=NEGATIVE,
                   lw=2, zorder=3, label="examples with $y = 0$")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, float(-np.log(f_min)) * 1.02)
    ax.set_xlabel(PROBABILITY_LABEL)
    ax.set_ylabel("loss of one example")
    ax.legend(loc="upper center")
    return losses


def _parameter_setter(w, b, param):
    """Return ``(value, set_value)`` for the parameter ``param`` (an index of ``w``, or ``"b"``)."""
    if param == "b":
        return b, lambda v: (w, v)
    if isinstance(param, (int, np.integer)) and not isinstance(param, bool) and 0 <= param < w.shape[0]:
        def set_value(v):
            changed = w.copy()
            changed[param] = v
            return changed, b
        return float(w[param]), set_value
    raise ValueError(f"param must be 'b' or an index of w between 0 and {w.shape[0] - 1}; got {param!r}")


def plot_cost_slice(ax, X, y, w, b, param=0, alpha=None, span=2.0, resolution=201):
    """Draw the cost along one parameter, its tangent, and one gradient step.

    All other parameters stay fixed. The tangent's slope at the current value
    is the partial derivative of the cost with respect to that parameter;
    with ``alpha`` an arrow shows the update ``value - alpha * slope``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    param : int or "b", default=0
        Which parameter varies: an index into ``w``, or ``"b"``.
    alpha : float, optional
        Learning rate of the step to draw.
    span : float, default=2.0
        The parameter is drawn from ``value - span`` to ``value + span``
        (widened if needed so that the step's end is inside).
    resolution : int, default=201

    Returns
    -------
    dict
        ``value`` (the current parameter), ``cost`` (J there), ``slope``
        (the partial derivative), and with ``alpha`` also ``new_value`` and
        ``new_cost`` after one step.
    """
    X, y, w, b = validate_problem(X, y, w, b)
    value, set_value = _parameter_setter(w, b, param)
    name = "b" if param == "b" else f"w_{param}"
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    slope = dj_db if param == "b" else float(dj_dw[param])
    cost = compute_cost_logistic(X, y, w, b)
    result = {"value": value, "cost": cost, "slope": slope}

    low, high = value - span, value + span
    if alpha is not None:
        new_value = value - validate_alpha(alpha) * slope
        result["new_value"] = new_value
        result["new_cost"] = compute_cost_logistic(X, y, *set_value(new_value))
        low, high = min(low, new_value - 0.25 * span), max(high, new_value + 0.25 * span)

    grid = np.linspace(low, high, resolution)
    costs = [compute_cost_logistic(X, y, *set_value(v)) for v in grid]
    ax.plot(grid, costs, color=COLORS["blue"], label=f"$J$ as a function of ${name}$")
    half = 0.4 * span
    ax.plot([value - half, value + half], [cost - half * slope, cost + half * slope], color=COLORS["orange"],
            lw=2.5, label=rf"tangent, slope $\partial J / \partial {name}$ = {slope:.3f}")
    ax.plot([value], [cost], "o", color=COLORS["black"], zorder=3, label=f"current ${name}$ = {value:g}")
    if alpha is not None:
        ax.annotate("", xy=(result["new_value"], result["new_cost"]), xytext=(value, cost),
                    arrowprops={"arrowstyle": "->", "color": COLORS["green"], "lw": 2})
        ax.plot([result["new_value"]], [result["new_cost"]], "o", color=COLORS["green"], zorder=3,
                label=rf"after one step with $\alpha$ = {alpha:g}")
    ax.set_xlabel(f"${name}$ (other parameters fixed)")
    ax.set_ylabel(r"cost $J(\mathbf{w}, b)$")
    ax.legend(loc="upper center")
    return result


def plot_cost_histories(ax, histories, diverged=(), start_cost=None, log_y=False):
    """Draw cost-versus-iteration curves, one per run (for example per learning rate).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    histories : dict of str to sequence of float
        Legend label mapped to that run's ``J_history``.
    diverged : collection of str, default=()
        Labels of runs that stopped with a divergence warning; their last
        point is marked with a cross.
    start_cost : float, optional
        The cost before the first iteration, drawn as a dotted horizontal
        line: a run whose cost stays above it is making things worse.
    log_y : bool, default=False
        Use a logarithmic cost axis.

    Returns
    -------
    list of matplotlib.lines.Line2D
        One line per run, in the order of ``histories`` (not counting the
        ``start_cost`` line).
    """
    if not histories:
        raise ValueError("histories is empty: pass at least one label -> J_history")
    unknown = set(diverged) - set(histories)
    if unknown:
        raise ValueError(f"diverged names runs that are not in histories: {sorted(unknown)}")
    lines = []
    for label, history in histories.items():
        history = np.asarray(history, dtype=float)
        if history.ndim != 1 or history.size == 0:
            raise ValueError(f"the history of {label!r} must be a non-empty 1-D sequence of costs")
        iterations = np.arange(1, history.size + 1)
        (line,) = ax.plot(iterations, history, label=label)
        lines.append(line)
        if label in diverged:
            ax.plot(iterations[-1], history[-1], "X", ms=11, color=line.get_color(), zorder=3)
            ax.annotate("stopped: diverging", (iterations[-1], history[-1]), textcoords="offset points",
                        xytext=(8, 4), color=line.get_color())
    if start_cost is not None:
        ax.axhline(start_cost, color=COLORS["black"], lw=1, ls=":", label=f"cost before training ({start_cost:.3g})")
    if log_y:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel(r"cost $J(\mathbf{w}, b)$ after the iteration")
    ax.legend(loc="upper right")
    return lines


def cost_decreases(J_history):
    """How much the cost fell in each iteration after the first.

    Parameters
    ----------
    J_history : sequence of float
        ``J_history[k - 1]`` is the cost after ``k`` iterations.

    Returns
    -------
    ndarray of shape (len(J_history) - 1,)
        Entry ``k - 2`` is the decrease made by iteration ``k``
        (``J_history[k - 2] - J_history[k - 1]``, for ``k = 2, 3, ...``);
        negative when the cost rose.
    """
    history = np.asarray(J_history, dtype=float)
    if history.ndim != 1 or history.size < 2:
        raise ValueError("J_history must be a 1-D sequence of at least two costs")
    return history[:-1] - history[1:]


def first_small_decrease(J_history, tol):
    """The first iteration that lowers the cost by less than ``tol``.

    A common stopping rule: stop once an iteration improves the cost by less
    than ``tol``. (An iteration that *raises* the cost does not count: that is
    a sign of a too-large learning rate, not of convergence.)

    Parameters
    ----------
    J_history : sequence of float
        ``J_history[k - 1]`` is the cost after ``k`` iterations.
    tol : float
        Threshold, > 0.

    Returns
    -------
    int or None
        The iteration number ``k`` (counted from 1) after which to stop, or
        None if no iteration's decrease fell below ``tol``.
    """
    if not tol > 0:
        raise ValueError(f"tol must be > 0; got {tol}")
    decreases = cost_decreases(J_history)
    small = np.flatnonzero((decreases >= 0) & (decreases < tol))
    return int(small[0]) + 2 if small.size else None


def plot_cost_decrease(ax, J_history, tol):
    """Draw each iteration's cost decrease on a log scale, with a stopping threshold.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    J_history : sequence of float
        Costs of a run; ``J_history[k - 1]`` is the cost after ``k``
        iterations. Iterations that did not lower the cost (rounding noise
        near the minimum, or a too-large learning rate) leave a gap: a log
        scale cannot show them.
    tol : float
        Stopping threshold, drawn as a horizontal line; the first iteration
        below it is marked.

    Returns
    -------
    int or None
        The marked iteration, as from :func:`first_small_decrease`.
    """
    decreases = cost_decreases(J_history)
    decreases = np.where(decreases > 0, decreases, np.nan)
    stop = first_small_decrease(J_history, tol)
    iterations = np.arange(2, decreases.size + 2)
    ax.semilogy(iterations, decreases, color=COLORS["blue"], label="decrease of the cost in the iteration")
    ax.axhline(tol, color=COLORS["vermillion"], ls="--", lw=1.5, label=f"threshold {tol:g}")
    if stop is not None:
        ax.axvline(stop, color=COLORS["black"], lw=1, ls=":", label=f"first below it: iteration {stop}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("decrease of the cost")
    ax.legend(loc="upper right")
    return stop
