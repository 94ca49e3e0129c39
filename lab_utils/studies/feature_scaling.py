"""The numbers the chapter *Feature scaling* quotes (``chapters/feature_scaling.md``) and its lab uses.

Used by ``chapters/feature_scaling.md`` and ``labs/feature_scaling_lab.ipynb``, and by
``chapters/minibatch_momentum.md`` (:func:`optimal_cost`, :func:`scaling_table`) and
``labs/minibatch_momentum_lab.ipynb`` (:func:`optimal_cost`);
the figures of *Feature scaling* are drawn by :mod:`lab_utils.figures.feature_scaling`.

The functions here answer three questions about a training set, each with a
number:

* How *ill-conditioned* is the cost? :func:`condition_number` is the ratio of
  the largest to the smallest eigenvalue of the Hessian of the logistic cost
  (with the bias as an extra parameter).
* How large may the learning rate be? :func:`largest_stable_alpha` searches
  for the largest ``alpha`` for which the cost falls at every iteration.
* How many iterations does gradient descent need? :func:`iterations_to_tolerance`
  counts them until the cost is within ``tol`` of its minimum, which
  :func:`optimal_cost` computes independently with Newton's method.

:func:`scaling_table` runs all three for raw, min-max and z-score features and
:func:`format_table` turns the rows into a Markdown table (with
:func:`lab_utils.display.markdown_table`). Everything is
deterministic and every function is pure (divergence is reported as data;
no :class:`~lab_utils.descent.DivergenceWarning` is ever shown).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from lab_utils.cost import compute_cost_logistic
from lab_utils.descent import DescentMonitor, StopReason, run_gradient_descent
from lab_utils.display import markdown_table, number_text
from lab_utils.newton import fit_newton, hessian_logistic
from lab_utils.scaling import SCALINGS, scale_features
from lab_utils.validation import validate_alpha, validate_data, validate_features, validate_num_iters

__all__ = [
    "condition_number",
    "Convergence",
    "cost_history",
    "descent_is_stable",
    "descent_paths",
    "format_table",
    "iterations_to_tolerance",
    "largest_stable_alpha",
    "optimal_cost",
    "safe_alpha",
    "scaling_table",
]

#: A rise of the cost smaller than this is rounding noise, not instability.
COST_RISE_TOLERANCE = 1e-14

#: Iterations in a row of rising cost (or cost above the start) that mean divergence,
#: the patience of :func:`lab_utils.descent.gradient_descent`.
PATIENCE = 20


def _starting_hessian(X, w=None, b=0.0):
    """:func:`lab_utils.newton.hessian_logistic` at ``(w, b)``, by default at zero."""
    X = validate_features(X)
    w = np.zeros(X.shape[1]) if w is None else w
    return hessian_logistic(X, w, b)


def condition_number(X, w=None, b=0.0):
    """Condition number of the logistic cost's Hessian, bias included.

    The ratio of the largest to the smallest eigenvalue of the Hessian
    ``X̃ᵀSX̃ / m`` (:func:`lab_utils.newton.hessian_logistic`, with
    ``X̃ = [X, 1]``). At the default starting point ``w = 0, b = 0`` every
    ``f (1 - f)`` is 1/4, so this is the condition number of ``X̃ᵀX̃ / m``.
    Gradient descent needs roughly this many iterations to shrink the error
    by a constant factor, so 1 is ideal and 10⁶ is hopeless.

    Parameters
    ----------
    X : array_like of shape (m, n)
    w : array_like of shape (n,), optional
        Where to evaluate the Hessian; zeros when omitted.
    b : float, default=0.0

    Returns
    -------
    float
        ``inf`` when the Hessian is singular (a constant or duplicated feature).
    """
    eigenvalues = np.linalg.eigvalsh(_starting_hessian(X, w, b))
    smallest, largest = float(eigenvalues[0]), float(eigenvalues[-1])
    if smallest <= largest * np.finfo(float).eps:
        return math.inf
    return largest / smallest


def safe_alpha(X):
    """The learning rate below which the cost is *guaranteed* to fall.

    The gradient of the logistic cost is Lipschitz with constant ``L``, the
    largest eigenvalue of the Hessian at ``w = 0, b = 0``, ``X̃ᵀX̃ / (4m)``:
    since ``f (1 - f) <= 1/4``, no Hessian anywhere is larger. Gradient
    descent with any ``alpha < 2 / L`` lowers the cost at every iteration,
    from any start.

    Parameters
    ----------
    X : array_like of shape (m, n)

    Returns
    -------
    float
        ``2 / L``.
    """
    return 2.0 / float(np.linalg.eigvalsh(_starting_hessian(X))[-1])


def optimal_cost(X, y):
    """The smallest value of the logistic cost, ``J* = min J(w, b)``.

    Scaling the features does not change it: a model on scaled features is
    the same model as one on raw features with converted weights.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)

    Returns
    -------
    float
    """
    w, b = fit_newton(X, y)
    return compute_cost_logistic(X, y, w, b)


class Convergence(NamedTuple):
    """How a gradient-descent run approached the optimum.

    Attributes
    ----------
    iterations : int or None
        Iterations until ``J - J*`` first fell to ``tol`` or below; None if it
        never did within the cap (or the run diverged).
    gap : float
        ``J - J*`` when the run stopped.
    diverged : bool
        True when the run diverged by ``gradient_descent``'s rules: the cost
        became infinite or NaN, rose ``PATIENCE`` times in a row, or stayed
        above its starting value for ``PATIENCE`` iterations in a row (changes
        below ``COST_RISE_TOLERANCE`` do not count).
    cost_rose : bool
        True when the cost rose (by more than ``COST_RISE_TOLERANCE``) at some
        iteration before the run stopped.
    """

    iterations: int | None
    gap: float
    diverged: bool
    cost_rose: bool


def _run_from_zero(X, y, alpha, max_iters, cost_star, tol, stop_on_rise=False):
    """Gradient descent from ``w = 0, b = 0`` until ``J - J* <= tol`` or ``max_iters``.

    One :class:`lab_utils.descent.DescentMonitor` watches the whole run: the
    rule of :func:`lab_utils.gradient_descent` (patience ``PATIENCE``), with
    changes below ``COST_RISE_TOLERANCE`` counted as rounding noise, the
    target ``J* + tol`` and, with ``stop_on_rise``, a stop at the first rise.
    Inputs must already be validated.

    The run is made in growing chunks of one monitored run each. Once
    converged to rounding, the parameters often stop changing at all (or
    alternate between two values). When a chunk ends exactly where the
    previous one ended, every later chunk would repeat it, cost for cost, so
    the run stops there and the history is completed by repeating that chunk.

    Returns
    -------
    result : Convergence
    history : list of float
        The cost after each iteration run.
    """
    monitor = DescentMonitor(PATIENCE, COST_RISE_TOLERANCE, cost_star, tol, stop_on_rise)
    w, b = np.zeros(X.shape[1]), 0.0
    costs = []
    done, chunk = 0, 100
    while done < max_iters:
        size = min(chunk, max_iters - done)
        w_before, b_before = w, b
        run = run_gradient_descent(X, y, w, b, alpha, size, monitor=monitor)
        w, b, history = run.w, run.b, run.J_history
        costs.extend(history)
        if monitor.reason is not None:
            break
        done += size
        if b == b_before and np.array_equal(w, w_before):  # a cycle: nothing new will happen
            costs.extend(np.resize(history, max_iters - done).tolist())
            break
        chunk *= 2
    gap = (costs[-1] if costs else monitor.start_cost) - cost_star
    reason = monitor.reason
    iterations = len(costs) if reason is StopReason.CONVERGED else None
    diverged = reason is not None and reason.diverged
    return Convergence(iterations, gap, diverged, monitor.cost_rose), costs


def iterations_to_tolerance(X, y, alpha, tol, max_iters, cost_star=None):
    """Count the iterations gradient descent needs to get within ``tol`` of the optimum.

    Gradient descent starts from ``w = 0, b = 0`` and stops as soon as the
    cost after an iteration is within ``tol`` of ``J*``. The cost gap
    ``J - J*`` is used rather than the size of the gradient because it means
    the same thing whatever the scaling, while the gradient's size depends on
    the units of the weights.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float
        Learning rate.
    tol : float
        Target for ``J - J*`` (> 0).
    max_iters : int
        Cap on the number of iterations.
    cost_star : float, optional
        ``J*``; computed with :func:`optimal_cost` when omitted.

    Returns
    -------
    Convergence
        ``(iterations, gap, diverged, cost_rose)``; ``iterations`` is None
        when the cap was reached first ("more than ``max_iters``").
    """
    X, y = validate_data(X, y)
    alpha = validate_alpha(alpha)
    max_iters = validate_num_iters(max_iters)
    if not tol > 0:
        raise ValueError(f"tol must be > 0; got {tol}")
    if cost_star is None:
        cost_star = optimal_cost(X, y)
    return _run_from_zero(X, y, alpha, max_iters, cost_star, tol)[0]


def descent_is_stable(X, y, alpha, num_iters=200, tol=None, cost_star=None):
    """Whether the cost falls at every iteration of gradient descent from zero.

    "The cost should go down at every iteration" is the course's test of a
    well-chosen learning rate. The run lasts ``num_iters`` iterations, or,
    when ``tol`` is given, stops earlier once ``J - J* <= tol`` (exactly the
    run :func:`iterations_to_tolerance` makes). Rises smaller than
    ``COST_RISE_TOLERANCE`` (rounding noise at the optimum) are ignored.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float
    num_iters : int, default=200
    tol : float, optional
        Stop once the cost is this close to ``J*``.
    cost_star : float, optional
        ``J*``, needed only with ``tol``; computed when omitted.

    Returns
    -------
    bool
    """
    X, y = validate_data(X, y)
    alpha = validate_alpha(alpha)
    num_iters = validate_num_iters(num_iters)
    if tol is None:
        tol, cost_star = -math.inf, 0.0  # never stop early
    elif cost_star is None:
        cost_star = optimal_cost(X, y)
    run = _run_from_zero(X, y, alpha, num_iters, cost_star, tol, stop_on_rise=True)[0]
    return not (run.diverged or run.cost_rose)


def largest_stable_alpha(X, y, num_iters=200, rtol=0.01, tol=None, cost_star=None, max_steps=200):
    """The largest learning rate for which the cost falls at every iteration.

    The search starts at :func:`safe_alpha` (stable in theory), doubles the
    learning rate until :func:`descent_is_stable` says no, then bisects on a
    logarithmic scale (at the geometric mean) until the bracket is narrower
    than a factor ``1 + rtol``. It assumes that stability is lost once, as
    ``alpha`` grows: exactly true for a quadratic cost, and true in practice
    for logistic regression.

    The answer depends on how long the trial runs last: above ``safe_alpha``
    a run can fall for a while and start to oscillate only near the optimum,
    where the limit is ``2 / λ_max`` of the Hessian *at the optimum*. Pass the
    ``tol`` and ``num_iters`` of the runs you plan, and the learning rate
    returned is stable for exactly those runs.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    num_iters : int, default=200
        Iterations of each trial run (at most).
    rtol : float, default=0.01
        Relative width of the final bracket.
    tol, cost_star : float, optional
        Passed to :func:`descent_is_stable`: stop a trial run early once the
        cost is within ``tol`` of ``J*``.
    max_steps : int, default=200
        Safety cap on the number of trial runs.

    Returns
    -------
    float
        A learning rate that was found stable; a learning rate at most
        ``(1 + rtol)`` times larger was found unstable.

    Raises
    ------
    RuntimeError
        If no bracket is found within ``max_steps`` trial runs.
    """
    X, y = validate_data(X, y)
    if tol is not None and cost_star is None:
        cost_star = optimal_cost(X, y)

    def stable(alpha):
        return descent_is_stable(X, y, alpha, num_iters, tol, cost_star)

    low = safe_alpha(X)
    for _ in range(max_steps):  # stable in theory; make sure despite rounding
        if stable(low):
            break
        low /= 2
    high = low * 2
    for _ in range(max_steps):
        if not stable(high):
            break
        low, high = high, high * 2
    else:
        raise RuntimeError(f"the cost still fell at every iteration with alpha={high:g}")
    for _ in range(max_steps):
        if high <= low * (1 + rtol):
            return low
        middle = math.sqrt(low * high)
        if stable(middle):
            low = middle
        else:
            high = middle
    raise RuntimeError("bisection did not converge")


def cost_history(X, y, alpha, num_iters):
    """The cost after each iteration of gradient descent from zero, run quietly.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float
    num_iters : int

    Returns
    -------
    history : ndarray of shape (k,)
        ``k = num_iters`` unless the run diverged and stopped early (by the
        rules of :func:`iterations_to_tolerance`).
    diverged : bool
    """
    X, y = validate_data(X, y)
    result, history = _run_from_zero(X, y, validate_alpha(alpha), validate_num_iters(num_iters), 0.0, -math.inf)
    return np.asarray(history), result.diverged


def descent_paths(x, y, num_iters=100, methods=SCALINGS):
    """Gradient-descent paths over ``(w, b)`` for one feature, scaled each way.

    With a single feature the cost has exactly two parameters, so its contours
    and the path of gradient descent can be drawn without projecting
    anything. Each run starts at ``w = 0, b = 0`` and uses ``alpha = 1/L``,
    half of :func:`safe_alpha` for its own scaling.

    Parameters
    ----------
    x : array_like of shape (m,) or (m, 1)
        The raw feature.
    y : array_like of shape (m,)
    num_iters : int, default=100
    methods : sequence of str, default=SCALINGS

    Returns
    -------
    list of dict
        One per method, with keys ``method``, ``x`` (the scaled feature,
        shape (m,)), ``alpha``, ``path`` (ndarray of shape (num_iters + 1, 2),
        columns ``w`` and ``b``), ``optimum`` (``(w*, b*)``), ``cost_star``
        and ``gap`` (``J - J*`` after the last iteration).
    """
    X, y = validate_data(np.reshape(np.asarray(x, dtype=float), (-1, 1)), y)
    cost_star = optimal_cost(X, y)
    runs = []
    for method in methods:
        X_scaled = scale_features(X, method)[0]
        alpha = safe_alpha(X_scaled) / 2
        run = run_gradient_descent(X_scaled, y, np.zeros(1), 0.0, alpha, num_iters, record_path=True)
        if run.stop_reason is not StopReason.MAX_ITERATIONS:  # 1/L never diverges
            raise RuntimeError(f"gradient descent with alpha = 1/L stopped early: {run.stop_reason}")
        history, path = run.J_history, run.path
        w_star, b_star = fit_newton(X_scaled, y)
        runs.append({
            "method": method,
            "x": X_scaled[:, 0],
            "alpha": alpha,
            "path": np.array([[w[0], b] for w, b in path]),
            "optimum": (float(w_star[0]), b_star),
            "cost_star": cost_star,
            "gap": history[-1] - cost_star,
        })
    return runs


def scaling_table(X, y, tol=1e-4, max_iters=10_000, methods=SCALINGS, rtol=0.02):
    """Compare raw and scaled features: conditioning, learning rate, iterations.

    For each method the features are scaled, then each row records the
    condition number (:func:`condition_number`), the guaranteed-safe and the
    largest stable learning rate, and the iterations gradient descent needs,
    at that largest stable rate, to bring the cost within ``tol`` of ``J*``.
    "Stable" means that the cost falls at every one of ``max_iters``
    iterations, also after it has reached ``tol``: a learning rate that gets
    close and then starts to oscillate does not count. The counted runs are
    the beginnings of those trial runs, so the cost falls at every iteration
    of each of them.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Raw features.
    y : array_like of shape (m,)
    tol : float, default=1e-4
    max_iters : int, default=10_000
        Cap on the iterations of each run.
    methods : sequence of str, default=SCALINGS
    rtol : float, default=0.02
        Precision of :func:`largest_stable_alpha`.

    Returns
    -------
    list of dict
        One per method, with keys ``method``, ``condition_number``,
        ``safe_alpha``, ``alpha``, ``iterations`` (None when more than
        ``max_iters``), ``gap`` (``J - J*`` at the end), ``diverged`` and
        ``max_iters``.
    """
    X, y = validate_data(X, y)
    cost_star = optimal_cost(X, y)
    rows = []
    for method in methods:
        X_scaled = scale_features(X, method)[0]
        alpha = largest_stable_alpha(X_scaled, y, num_iters=max_iters, rtol=rtol)
        result = iterations_to_tolerance(X_scaled, y, alpha, tol, max_iters, cost_star)
        rows.append({
            "method": method,
            "condition_number": condition_number(X_scaled),
            "safe_alpha": safe_alpha(X_scaled),
            "alpha": alpha,
            "iterations": result.iterations,
            "gap": result.gap,
            "diverged": result.diverged,
            "max_iters": max_iters,
        })
    return rows


def format_table(rows, tol=None):
    """Render :func:`scaling_table` rows as a Markdown table.

    Numbers are rounded to three significant digits (powers of ten are
    written ``1.2 × 10⁷``); a run that hit the cap shows as "> cap" with the
    cost gap still left.

    Parameters
    ----------
    rows : list of dict
        From :func:`scaling_table`.
    tol : float, optional
        Shown in the header of the iterations column.

    Returns
    -------
    str
        Markdown source.
    """
    target = "tolerance" if tol is None else f"J − J* ≤ {number_text(tol, 1)}"
    header = ["features", "condition number κ", "guaranteed-safe α = 2/L", "largest stable α",
              f"iterations to {target}"]
    body = []
    for row in rows:
        if row["iterations"] is not None:
            iterations = f"{row['iterations']:,}"
        elif row["diverged"]:
            iterations = f"diverged (J − J* = {number_text(row['gap'], 2)})"
        else:
            iterations = f"> {row['max_iters']:,} (J − J* still {number_text(row['gap'], 2)})"
        body.append([row["method"], number_text(row["condition_number"]), number_text(row["safe_alpha"]),
                     number_text(row["alpha"]), iterations])
    return markdown_table(header, body, align="lrrrr")
