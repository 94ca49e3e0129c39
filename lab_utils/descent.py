"""Batch gradient descent for logistic regression, and the one rule that says when it stops.

:func:`gradient_descent` keeps the original course's signature and return value
``(w, b, J_history)``. :func:`run_gradient_descent` does the work and returns a
:class:`DescentResult` that also holds the path and the :class:`StopReason`;
:class:`DescentMonitor` is the stopping rule both use, and the one that the
scaling study (:mod:`lab_utils.studies.feature_scaling`) and the explorers
(:mod:`lab_utils.explorers.base`) read, instead of re-implementing it or
parsing warning text.
"""

from __future__ import annotations

import enum
import math
import warnings
from dataclasses import dataclass

import numpy as np

from lab_utils._loss import Workspace, cost_from_logits, gradient_from_logits
from lab_utils.display import fmt
from lab_utils.validation import (
    in_shape_of,
    validate_alpha,
    validate_bias,
    validate_features,
    validate_labels,
    validate_lambda,
    validate_num_iters,
    validate_original_signature,
    validate_weights,
)

__all__ = [
    "DescentMonitor",
    "DescentResult",
    "DivergenceWarning",
    "StopReason",
    "ended_above_start",
    "gradient_descent",
    "run_gradient_descent",
]

#: Iterations of J_history (and of the path) kept at most (the original labs' guard against huge lists).
MAX_HISTORY = 100_000


class DivergenceWarning(RuntimeWarning):
    """Issued when gradient descent stops because the cost blew up or kept rising."""


class StopReason(enum.Enum):
    """Why a gradient-descent run stopped."""

    #: Every iteration asked for was done.
    MAX_ITERATIONS = "max_iterations"
    #: The cost came within the monitor's ``tol`` of ``cost_star``.
    CONVERGED = "converged"
    #: The cost became infinite or NaN; that iterate was not accepted.
    NOT_FINITE = "not_finite"
    #: The cost rose ``patience`` iterations in a row.
    KEPT_RISING = "kept_rising"
    #: The cost stayed above its starting value ``patience`` iterations in a row.
    ABOVE_START = "above_start"
    #: The cost rose once, and the monitor was asked to stop at the first rise.
    ROSE = "rose"

    @property
    def diverged(self):
        """True for the reasons that mean the learning rate is too large."""
        return self in (StopReason.NOT_FINITE, StopReason.KEPT_RISING, StopReason.ABOVE_START)


class DescentMonitor:
    """The stopping rule of gradient descent: watches the cost after every iteration.

    The cost "rises" when it exceeds the previous cost by more than
    ``tolerance``, and is "above the start" when it exceeds the starting cost
    by more than ``tolerance``. The monitor keeps its counts across calls, so
    one monitor can watch a run made of several :func:`run_gradient_descent`
    calls.

    Parameters
    ----------
    patience : int, default=20
        Rises in a row (or iterations above the start in a row) that mean divergence.
    tolerance : float, default=0.0
        Changes of the cost this small are rounding noise, not rises.
    cost_star, tol : float, optional
        Stop with :attr:`StopReason.CONVERGED` once ``cost - cost_star <= tol``
        (both needed; never when omitted).
    stop_on_rise : bool, default=False
        Stop with :attr:`StopReason.ROSE` at the first rise.

    Attributes
    ----------
    start_cost : float or None
        The cost before the first iteration (set by :meth:`start`).
    cost_rose : bool
        Whether the cost has risen at any iteration seen.
    reason : StopReason or None
        Why the run stopped, once it has.
    """

    def __init__(self, patience=20, tolerance=0.0, cost_star=None, tol=None, stop_on_rise=False):
        self.patience = int(patience)
        self.tolerance = float(tolerance)
        self.cost_star, self.tol = cost_star, tol
        self.stop_on_rise = stop_on_rise
        self.start_cost = self.previous = None
        self.rises = self.above_start = 0
        self.cost_rose = False
        self.reason = None

    def start(self, cost):
        """Record the starting cost (only the first call counts)."""
        if self.start_cost is None:
            self.start_cost = self.previous = cost

    def update(self, cost):
        """Judge the cost after one iteration.

        Parameters
        ----------
        cost : float

        Returns
        -------
        StopReason or None
            Why to stop now, or None to go on (also stored in :attr:`reason`).
        """
        if not math.isfinite(cost):
            self.reason = StopReason.NOT_FINITE
            return self.reason
        went_up = cost > self.previous + self.tolerance
        self.cost_rose = self.cost_rose or went_up
        self.previous = cost
        if self.tol is not None and cost - self.cost_star <= self.tol:
            self.reason = StopReason.CONVERGED
            return self.reason
        self.rises = self.rises + 1 if went_up else 0
        self.above_start = self.above_start + 1 if cost > self.start_cost + self.tolerance else 0
        if self.rises >= self.patience:
            self.reason = StopReason.KEPT_RISING
        elif self.above_start >= self.patience:
            self.reason = StopReason.ABOVE_START
        elif went_up and self.stop_on_rise:
            self.reason = StopReason.ROSE
        return self.reason


def ended_above_start(costs):
    """True when the last cost of a run is higher than its first (a run that did not converge).

    Parameters
    ----------
    costs : sequence of float
        The starting cost, then the cost after each iteration.

    Returns
    -------
    bool
    """
    return bool(costs[-1] > costs[0])


@dataclass(frozen=True)
class DescentResult:
    """What :func:`run_gradient_descent` returns.

    Attributes
    ----------
    w : ndarray of shape (n,)
        Final weights: those of the last accepted iterate.
    b : float
        Final bias.
    J_history : list of float
        Cost after each accepted iteration (at most ``MAX_HISTORY`` entries).
    start_cost : float
        Cost at ``(w_in, b_in)``.
    stop_reason : StopReason
    stopped_at : int
        Index of the iteration at which the run stopped (``num_iters - 1`` when
        it did them all).
    path : list of tuple (ndarray, float) or None
        With ``record_path``: ``(w, b)`` before the first and after every
        accepted iteration (at most ``MAX_HISTORY + 1`` entries).
    """

    w: np.ndarray
    b: float
    J_history: list
    start_cost: float
    stop_reason: StopReason
    stopped_at: int
    path: list | None = None

    @property
    def diverged(self):
        """True when the stop reason means divergence or the run ended above its start."""
        return self.stop_reason.diverged or ended_above_start([self.start_cost, *self.J_history[-1:]])


class _RunLog:
    """What one descent run keeps of its iterates, and when it stops: the one rule for every descent loop.

    :func:`run_gradient_descent` and
    :func:`lab_utils.minibatch.run_minibatch_gradient_descent` hand it the
    parameters and cost after each step (an iteration, or an epoch).

    Parameters
    ----------
    monitor : DescentMonitor
    start_cost : float
    w, b : ndarray, float
        The starting parameters (``w`` is copied).
    num_steps : int
    verbose : bool
        Print the cost every ``ceil(num_steps / 10)`` steps.
    record_path : bool
    step : str, default="Iteration"
        What a step is called in the printed lines.
    """

    def __init__(self, monitor, start_cost, w, b, num_steps, verbose, record_path, step="Iteration"):
        monitor.start(start_cost)
        self.monitor, self.start_cost, self.step = monitor, start_cost, step
        self.w, self.b = w, b
        self.J_history = []
        self.path = [(w.copy(), b)] if record_path else None
        self.print_every = math.ceil(num_steps / 10) if verbose else 0
        self.reason, self.stopped_at = StopReason.MAX_ITERATIONS, num_steps - 1

    def advance(self, i, w, b, cost):
        """Judge step ``i``, which reached ``(w, b)`` with ``cost``; return True to go on.

        An iterate whose cost is infinite or NaN is not accepted; any other
        is recorded (``J_history`` and the path keep at most ``MAX_HISTORY``
        entries), including the one at which the monitor says to stop.
        """
        stop = self.monitor.update(cost)
        if stop is StopReason.NOT_FINITE:
            self.reason, self.stopped_at = stop, i
            return False
        self.w, self.b = w, b
        if i < MAX_HISTORY:
            self.J_history.append(cost)
            if self.path is not None:
                self.path.append((w, b))  # a new array at every step: no copy needed
        if self.print_every and i % self.print_every == 0:
            print(f"{self.step} {i:5d}: Cost {fmt(cost)}")
        if stop is not None:
            self.reason, self.stopped_at = stop, i
            return False
        return True

    def result(self):
        """The run as a :class:`DescentResult`."""
        return DescentResult(w=self.w, b=self.b, J_history=self.J_history, start_cost=self.start_cost,
                             stop_reason=self.reason, stopped_at=self.stopped_at, path=self.path)


def _divergence_message(result, patience, alpha, method="gradient descent", step="iteration"):
    """The text of the :class:`DivergenceWarning` for a run of ``method`` that diverged.

    ``step`` names what ``result.stopped_at`` counts (``"iteration"``, or
    ``"epoch"`` for mini-batch descent).
    """
    i, reason = result.stopped_at, result.stop_reason
    if reason is StopReason.NOT_FINITE:
        what = "the cost became infinite or NaN"
        returned = f"the returned w, b and J_history are those of the last {step} before the cost blew up"
    else:
        cost = result.J_history[-1] if result.J_history else result.start_cost
        how = ("rose" if reason is StopReason.KEPT_RISING
               else f"stayed above its starting value {result.start_cost:.4g}")
        what = f"the cost {how} for {patience} {step}s in a row (now {cost:.4g})"
        kept = "ends with its cost" if i < MAX_HISTORY else f"holds the first {MAX_HISTORY} costs"
        returned = f"the returned w, b are those of {step} {i}, the last one done, and J_history {kept}"
    return (
        f"{method} diverged at {step} {i}: {what}. "
        f"The learning rate alpha={alpha:g} is too large for these features: "
        f"lower alpha (try {alpha / 10:g}) or scale the features "
        f"(lab_utils.zscore_normalize_features). Stopped early; {returned}, so you can plot what happened."
    )


def _iterations(num_iters, progress):
    """``range(num_iters)``, with a tqdm progress bar when asked (tqdm is optional)."""
    if not progress:
        return range(num_iters)
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:
        raise ImportError("progress=True needs the optional package tqdm: pip install tqdm") from exc
    return tqdm(range(num_iters), desc="gradient descent")


def run_gradient_descent(X, y, w_in, b_in, alpha, num_iters, lambda_=0.0, *, verbose=False, progress=False,
                         monitor=None, record_path=False):
    """Run batch gradient descent and say why it stopped; never warns.

    Every iteration updates all parameters simultaneously,
    ``w := w - alpha * dJ/dw`` and ``b := b - alpha * dJ/db``, then computes
    the cost of the updated parameters and hands it to ``monitor``. An
    iterate whose cost is infinite or NaN is not accepted; any other is
    (including the one at which the monitor says the cost kept rising).

    Parameters
    ----------
    X, y, w_in, b_in, alpha, num_iters, lambda_
        As for :func:`gradient_descent`.
    verbose : bool, default=False
        Print the cost every ``ceil(num_iters / 10)`` iterations.
    progress : bool, default=False
        Show a tqdm progress bar (needs the optional package tqdm).
    monitor : DescentMonitor, optional
        The stopping rule; ``DescentMonitor()`` (patience 20) when omitted.
        A monitor passed in keeps its state, so successive calls can continue
        one run.
    record_path : bool, default=False
        Also keep ``(w, b)`` before the first and after every iteration.

    Returns
    -------
    DescentResult

    Raises
    ------
    ValueError
        For invalid inputs (shapes, labels, NaN, ``alpha <= 0``, ...).

    Notes
    -----
    Each iteration does two matrix-vector products and one ``exp`` over the
    examples: the logits ``z`` computed for the cost of the updated parameters
    are reused for the next gradient.
    """
    X = validate_features(X)
    m, n = X.shape
    y = validate_labels(y, m, soft=True)
    w = validate_weights(w_in, n, "w_in").copy()
    b = validate_bias(b_in, "b_in")
    alpha = validate_alpha(alpha)
    num_iters = validate_num_iters(num_iters)
    lambda_ = validate_lambda(lambda_)
    monitor = DescentMonitor() if monitor is None else monitor

    # Work space reused by every iteration (see lab_utils._loss.Workspace).
    work = Workspace(m)
    with np.errstate(under="ignore"):
        z = work.logits(X, w, b)
        start_cost = cost_from_logits(z, y, w, lambda_, work.e, work.scratch)
    log = _RunLog(monitor, start_cost, w, b, num_iters, verbose, record_path)
    # A diverging run overflows on its way to an infinite cost, which the
    # monitor detects: numpy need not warn about it as well, nor about exp(-|z|)
    # underflowing to 0 (harmless). Entering the error-state context once, not
    # in every helper at every iteration, also saves time on small problems,
    # where Python overhead dominates.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for i in _iterations(num_iters, progress):
            dj_db, dj_dw = gradient_from_logits(X, y, w, z, lambda_, work.e, work.error, work.scratch)
            w_new = w - alpha * dj_dw
            b_new = b - alpha * dj_db
            z = work.logits(X, w_new, b_new)
            cost = cost_from_logits(z, y, w_new, lambda_, work.e, work.scratch)
            if not log.advance(i, w_new, b_new, cost):
                break
            w, b = w_new, b_new
    return log.result()


def gradient_descent(X, y, w_in, b_in, alpha, num_iters, lambda_=0.0, *, logistic=True, verbose=True,
                     progress=False, patience=20):
    """Fit logistic regression by batch gradient descent.

    Every iteration updates all parameters simultaneously,
    ``w := w - alpha * dJ/dw`` and ``b := b - alpha * dJ/db``, then records
    the cost of the updated parameters. To get the path of the parameters or
    the reason descent stopped, call :func:`run_gradient_descent`, which this
    function wraps.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Training examples.
    y : array_like of shape (m,) or (m, 1)
        Targets in [0, 1]: labels 0 and 1, or soft labels.
    w_in : array_like of shape (n,), (n, 1) or (1, n)
        Initial weights (not modified); the returned ``w`` has the same shape.
    b_in : float
        Initial bias.
    alpha : float
        Learning rate, > 0.
    num_iters : int
        Number of iterations, >= 1.
    lambda_ : float, default=0.0
        L2 regularisation strength.
    logistic : bool, default=True
        Accepted by name for code written for the original course, whose
        ``gradient_descent`` took ``logistic`` as its seventh argument. Only
        ``True`` is allowed, and a bool in seventh place (where ``lambda_``
        is here) is refused with a ``ValueError`` rather than misread.
    verbose : bool, default=True
        Print the cost every ``ceil(num_iters / 10)`` iterations, as the
        original lab does.
    progress : bool, default=False
        Show a tqdm progress bar (useful for long runs; needs tqdm installed).
    patience : int, default=20
        Stop with a :class:`DivergenceWarning` when, for this many iterations in
        a row, the cost has risen or has stayed above its starting value
        (:class:`DescentMonitor`).

    Returns
    -------
    w : ndarray of the shape of ``w_in``
        Final weights.
    b : float
        Final bias.
    J_history : list of float
        Cost after each iteration (at most ``MAX_HISTORY`` entries).

    Warns
    -----
    DivergenceWarning
        When the cost becomes infinite or NaN, rises ``patience`` times in a
        row, or stays above the starting cost for ``patience`` iterations in a
        row. (A learning rate that is too large for logistic regression usually
        makes the cost jump around far above where it started rather than grow
        without bound, because the gradient's size is limited.) Descent stops
        there. After an infinite or NaN cost it returns the last iterate before
        it; after the patience rule it returns the iterate at which the rule
        fired, whose cost ends ``J_history``. Turn the warning into an
        exception with ``warnings.simplefilter("error", DivergenceWarning)``.

    Raises
    ------
    ValueError
        For invalid inputs (shapes, labels, NaN, ``alpha <= 0``, ...).
    """
    validate_original_signature(lambda_, logistic)
    result = run_gradient_descent(X, y, w_in, b_in, alpha, num_iters, lambda_, verbose=verbose,
                                  progress=progress, monitor=DescentMonitor(patience))
    if result.stop_reason.diverged:
        warnings.warn(_divergence_message(result, patience, validate_alpha(alpha)), DivergenceWarning,
                      stacklevel=2)
    return in_shape_of(w_in, result.w), result.b, result.J_history
