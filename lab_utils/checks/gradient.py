"""Checks for the two exercises of the gradient descent lab.

* :func:`check_compute_gradient` checks a learner's
  ``compute_gradient(X, y, w, b) -> (dj_db, dj_dw)``;
* :func:`check_gradient_step` checks a learner's
  ``gradient_step(X, y, w, b, alpha) -> (w, b)``.

Both run the learner's function on a few small cases and compare it with
:func:`lab_utils.compute_gradient_logistic`. When the answer is wrong they
recompute it the way each typical mistake would (forgetting the sigmoid, not
dividing by ``m``, updating the parameters one after another, ...) and, if
one of those explains every case, say which. They never raise.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np

from lab_utils.activation import sigmoid
from lab_utils.checks.feedback import Feedback, call_safely, not_done
from lab_utils.datasets import load_tumor_data, load_two_feature_data
from lab_utils.display import fmt
from lab_utils.gradient import compute_gradient_logistic

__all__ = ["check_compute_gradient", "check_gradient_step"]

#: Relative and absolute tolerances for "the same number" (learners may
#: compute the sigmoid or the sums differently, which changes the last digits).
RTOL, ATOL = 1e-7, 1e-10


@dataclass(frozen=True)
class _Case:
    """One set of arguments for the learner's function, and the right answer."""

    label: str
    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: float
    alpha: float = 0.1
    expected: tuple = ()

    def gradient_args(self):
        """Fresh copies of ``(X, y, w, b)``, so the learner can't change ours."""
        return self.X.copy(), self.y.copy(), self.w.copy(), self.b

    def step_args(self):
        """Fresh copies of ``(X, y, w, b, alpha)``."""
        return (*self.gradient_args(), self.alpha)


def _cases():
    """The cases both checks run: the lab's data first, then two others."""
    X, y = load_two_feature_data()
    x_tumour, y_tumour = load_tumor_data()
    X_mixed = np.array([[0.3, -1.2, 2.0], [1.5, 0.4, -0.7], [-0.8, 1.1, 0.5], [2.2, -0.3, 1.4],
                        [-1.6, -0.9, -1.1], [0.7, 2.3, 0.2], [-0.2, 0.6, -1.8]])
    y_mixed = np.array([1, 0, 1, 1, 0, 1, 0])
    return (
        _Case("the lab's 6 examples, w = [2, 3], b = 1", X.astype(float), y,
              np.array([2.0, 3.0]), 1.0, alpha=0.1),
        _Case("7 examples with 3 features, w = [0.5, -1, 0.8], b = -0.3", X_mixed, y_mixed,
              np.array([0.5, -1.0, 0.8]), -0.3, alpha=0.5),
        _Case("the tumour data (1 feature), w = [1.2], b = -2.5", x_tumour.reshape(-1, 1), y_tumour,
              np.array([1.2]), -2.5, alpha=0.05),
    )


def _never_raises(check):
    """Turn an unexpected error inside a check into feedback (checks never raise)."""
    @functools.wraps(check)
    def wrapper(func):
        try:
            return check(func)
        except Exception as exc:  # noqa: BLE001 - a check must never stop the lab
            return Feedback(check.__name__.removeprefix("check_"), False,
                            f"the check could not understand your function's result ({type(exc).__name__}: {exc})")
    return wrapper


def _describe(value):
    """A short description of a returned value, for messages."""
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    shape = np.shape(value)
    return f"an array of shape {shape}" if shape else f"a single {type(value).__name__}"


def _pair_of_arrays(result):
    """``result`` as two float arrays, or None when it isn't two numeric values."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None
    try:
        return tuple(np.asarray(part, dtype=float) for part in result)
    except (TypeError, ValueError):
        return None


def _close(got, expected):
    """True when two outputs (pairs of arrays) agree in shape and value."""
    return all(np.shape(g) == np.shape(e) and np.allclose(g, e, rtol=RTOL, atol=ATOL)
               for g, e in zip(got, expected))


def _diagnose(results, cases, mistakes, names):
    """Find the typical mistake that explains every result.

    Parameters
    ----------
    results : list of tuple of ndarray
        The learner's outputs, one pair per case (already shape-checked).
    cases : sequence of _Case
    mistakes : sequence of (callable, str)
        ``mistake(case) -> pair`` recomputes the output with one typical
        mistake; the string is the hint for it.
    names : tuple of str
        Names of the two outputs, for hints about only one of them.

    Returns
    -------
    str or None
        The hint of the first mistake that explains every case. When one output
        is right and the other matches a mistake's version of it, the hint is
        prefixed with that output's name. None when nothing explains the results.
    """
    expected = [case.expected for case in cases]
    for mistake, hint in mistakes:
        wrong = [mistake(case) for case in cases]
        if all(_close(r, w) for r, w in zip(results, wrong)):
            return hint
        for k, name in enumerate(names):
            other = 1 - k
            if all(_close(r[k:k + 1], w[k:k + 1]) and _close(r[other:other + 1], e[other:other + 1])
                   for r, w, e in zip(results, wrong, expected)):
                return f"{names[other]} is right, but {name} is not. {hint}"
    return None


def _mismatch_details(case, got, expected, names):
    """Detail lines for the first case whose result is wrong."""
    return (f"case: {case.label}",
            *(f"{name}: expected {fmt(e)}, got {fmt(g)}" for name, g, e in zip(names, got, expected)))


# --------------------------------------------------------------------------- #
# Exercise 1: compute_gradient(X, y, w, b) -> (dj_db, dj_dw)
# --------------------------------------------------------------------------- #

_GRADIENT = "compute_gradient"
_GRADIENT_NAMES = ("dj_db", "dj_dw")


def _gradient_from_errors(X, err, divisor):
    """``(sum(err) / divisor, X.T @ err / divisor)``."""
    return np.asarray(err.sum() / divisor), X.T @ err / divisor


def _gradient_mistakes():
    """Typical wrong gradients, each with the hint that explains it."""
    def f(c):
        return sigmoid(c.X @ c.w + c.b)

    def m(c):
        return c.X.shape[0]

    return (
        (lambda c: _gradient_from_errors(c.X, c.y - f(c), m(c)),
         "The sign is flipped, as if you computed the error as y - f. The gradient uses "
         "f - y (prediction minus label); with y - f, gradient descent would walk uphill."),
        (lambda c: _gradient_from_errors(c.X, c.X @ c.w + c.b - c.y, m(c)),
         "You forgot the sigmoid: the prediction is f = sigmoid(w . x + b), not w . x + b "
         "(that would be linear regression's gradient)."),
        (lambda c: _gradient_from_errors(c.X, sigmoid(-(c.X @ c.w + c.b)) - c.y, m(c)),
         "Your sigmoid has the wrong sign in the exponent: it should be 1 / (1 + exp(-z)), "
         "not 1 / (1 + exp(z))."),
        (lambda c: _gradient_from_errors(c.X, f(c) - c.y, 1),
         "The values are m times too large: divide the sums by m, the number of examples "
         "(the cost is an average, so its gradient is one too)."),
        (lambda c: _gradient_from_errors(c.X, f(c) - c.y, c.X.shape[1]),
         "You divided by n (the number of features) instead of m (the number of examples); "
         "note that m, n = X.shape, in that order."),
        (lambda c: _gradient_from_errors(c.X, sigmoid(c.X @ c.w) - c.y, m(c)),
         "You forgot the bias: the prediction is sigmoid(w . x + b), with + b."),
        (lambda c: (np.asarray((f(c) - c.y).mean()), np.full(c.X.shape[1], (f(c) - c.y).mean())),
         "Each dj_dw[j] must multiply the error of example i by its feature x_j of that example "
         "(X[i, j]) before summing; yours is the same for every feature."),
        (lambda c: _gradient_from_errors(c.X, (f(c) - c.y) * f(c) * (1 - f(c)), m(c)),
         "You multiplied the error by f (1 - f), the sigmoid's slope. With the logistic cost that "
         "factor cancels out (see the chapter's derivation), leaving just (f - y) x_j."),
        (lambda c: (c.X.shape[1] * c.expected[0], c.expected[1]),
         "dj_db is n times too large: you add the error to dj_db inside the loop over the "
         "features. Add it once per example, outside the inner loop."),
    )


def _read_gradient(result, case):
    """The learner's result as ``(dj_db, dj_dw)`` arrays, or a hint about its form."""
    m, n = case.X.shape
    pair = _pair_of_arrays(result)
    if pair is None:
        return None, (f"return the two parts of the gradient, `return dj_db, dj_dw`; you "
                      f"returned {_describe(result)}.")
    dj_db, dj_dw = pair
    if dj_db.shape == (n,) and dj_dw.size == 1 and n > 1:
        return None, ("you returned (dj_dw, dj_db): swap them. This course returns dj_db first, "
                      "`return dj_db, dj_dw`, like lab_utils.compute_gradient_logistic.")
    if dj_db.size != 1:
        how = (" one per example: sum the errors over the examples and divide by m"
               if dj_db.shape == (m,) else "")
        how = f":{how}" if how else ""
        return None, f"dj_db must be a single number; yours has shape {dj_db.shape}{how}."
    if dj_dw.shape != (n,):
        if dj_dw.shape in ((n, 1), (1, n)):
            how = ("use a 1-D w of shape (n,) and a 1-D error of shape (m,), or flatten "
                   "the result with .ravel()")
        elif dj_dw.shape == (m, n):
            how = "one row per example: sum the rows (over the examples) and divide by m"
        elif dj_dw.shape == (m,):
            how = "one value per example instead of per feature: multiply by X.T, not X"
        else:
            how = "one partial derivative per feature"
        return None, f"dj_dw must have shape ({n},), one entry per feature; yours has shape {dj_dw.shape}: {how}."
    if not (np.all(np.isfinite(dj_db)) and np.all(np.isfinite(dj_dw))):
        return None, "your result contains NaN or inf; check for a division by zero or log(0)."
    return (dj_db.reshape(()), dj_dw), None


@_never_raises
def check_compute_gradient(func):
    """Check a learner's ``compute_gradient(X, y, w, b) -> (dj_db, dj_dw)``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        Passed, or the most specific hint found: the exercise is not done yet,
        the outputs are swapped or have the wrong shape, or the values match a
        typical mistake (error computed as ``y - f``, sigmoid forgotten or with
        the wrong sign, sums not divided by ``m``, bias or feature forgotten,
        ...). Never raises.
    """
    cases = [_with_expected(case, compute_gradient_logistic(case.X, case.y, case.w, case.b))
             for case in _cases()]
    results = []
    for case in cases:
        args = case.gradient_args()
        result, failure = call_safely(_GRADIENT, func, *args)
        if failure is not None:
            return failure
        if result is None:
            return not_done(_GRADIENT)
        pair, problem = _read_gradient(result, case)
        if problem is not None:
            return Feedback(_GRADIENT, False, problem, (f"case: {case.label}",))
        changed = _changed_arguments(case, args)
        if changed:
            return Feedback(_GRADIENT, False, f"your function changed the caller's {changed}: "
                            "a gradient only reads its inputs, it must not modify them.")
        results.append(pair)
    return _verdict(_GRADIENT, cases, results, _gradient_mistakes(), _GRADIENT_NAMES,
                    success=f"correct on all {len(cases)} cases, including the lab's published "
                            f"gradient dj_db = {fmt(cases[0].expected[0])}, "
                            f"dj_dw = {fmt(cases[0].expected[1])}.")


# --------------------------------------------------------------------------- #
# Exercise 2: gradient_step(X, y, w, b, alpha) -> (w, b)
# --------------------------------------------------------------------------- #

_STEP = "gradient_step"
_STEP_NAMES = ("w", "b")


def _gradient(c, w, b):
    """The reference gradient ``(dj_db, dj_dw)`` of case ``c`` at ``(w, b)``."""
    return compute_gradient_logistic(c.X, c.y, w, b)


def _step(c):
    """The correct, simultaneous step of case ``c``."""
    dj_db, dj_dw = _gradient(c, c.w, c.b)
    return c.w - c.alpha * dj_dw, np.asarray(c.b - c.alpha * dj_db)


def _one_weight_at_a_time(c):
    """Weights updated one by one, each with the gradient at the partly updated w."""
    w = c.w.copy()
    for j in range(w.size):
        w[j] -= c.alpha * _gradient(c, w, c.b)[1][j]
    return w


def _step_mistakes():
    """Typical wrong steps, each with the hint that explains it."""
    not_together = " Compute the whole gradient from the old (w, b) first, then update w and b together."

    def ascend(c):
        dj_db, dj_dw = _gradient(c, c.w, c.b)
        return c.w + c.alpha * dj_dw, np.asarray(c.b + c.alpha * dj_db)

    def no_alpha(c):
        dj_db, dj_dw = _gradient(c, c.w, c.b)
        return c.w - dj_dw, np.asarray(c.b - dj_db)

    def b_after_w(c):
        w_new = _step(c)[0]
        return w_new, np.asarray(c.b - c.alpha * _gradient(c, w_new, c.b)[0])

    def w_after_b(c):
        b_new = _step(c)[1]
        return c.w - c.alpha * _gradient(c, c.w, float(b_new))[1], b_new

    def one_weight_at_a_time(c):
        return _one_weight_at_a_time(c), _step(c)[1]

    def everything_in_turn(c):
        w_new = _one_weight_at_a_time(c)
        return w_new, np.asarray(c.b - c.alpha * _gradient(c, w_new, c.b)[0])

    def returned_gradient(c):
        dj_db, dj_dw = _gradient(c, c.w, c.b)
        return dj_dw, np.asarray(dj_db)

    return (
        (ascend, "Wrong sign: you added alpha times the gradient, which climbs the cost. "
                 "Gradient descent subtracts it: w - alpha * dj_dw and b - alpha * dj_db."),
        (no_alpha, "You forgot the learning rate: multiply the gradient by alpha before "
                   "subtracting it."),
        (b_after_w, "The updates are not simultaneous: you computed dj_db with the w you had "
                    "already updated." + not_together),
        (w_after_b, "The updates are not simultaneous: you computed dj_dw with the b you had "
                    "already updated." + not_together),
        (one_weight_at_a_time, "The updates are not simultaneous: you updated the weights one "
                               "after another, so the gradient for w_1 used the new w_0." + not_together),
        (everything_in_turn, "The updates are not simultaneous: you updated each weight and then b "
                             "one after another, each with a gradient that used the parameters "
                             "already updated." + not_together),
        (returned_gradient, "You returned the gradient (dj_dw, dj_db), not the new parameters: "
                            "return w - alpha * dj_dw, b - alpha * dj_db."),
    )


def _read_step(result, case):
    """The learner's result as ``(w, b)`` arrays, or a hint about its form."""
    n = case.X.shape[1]
    pair = _pair_of_arrays(result)
    if pair is None:
        return None, f"return the new parameters, `return w, b`; you returned {_describe(result)}."
    w, b = pair
    if w.size == 1 and b.shape == (n,) and n > 1:
        return None, "you returned (b, w): return them in the order (w, b)."
    if b.shape == (n,) and n > 1:
        return None, ("your b is an array with one value per feature. Did you unpack "
                      "compute_gradient_logistic as dj_dw, dj_db? It returns (dj_db, dj_dw), "
                      "in that order.")
    if b.size != 1:
        return None, f"b must be a single number; yours has shape {b.shape}."
    if w.shape != (n,):
        return None, f"w must keep its shape ({n},); yours has shape {w.shape}."
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
        return None, "your result contains NaN or inf."
    return (w, b.reshape(())), None


@_never_raises
def check_gradient_step(func):
    """Check a learner's ``gradient_step(X, y, w, b, alpha) -> (w, b)``.

    Parameters
    ----------
    func : callable
        The learner's function: one step of gradient descent.

    Returns
    -------
    Feedback
        Passed, or the most specific hint found: not done yet, the outputs in
        the wrong order or shape, parameters updated one after another instead
        of together, the wrong sign, alpha forgotten, or the caller's ``w``
        modified in place. Never raises.
    """
    cases = [_with_expected(case, _step(case)) for case in _cases()]
    results, changed_any = [], ""
    for case in cases:
        args = case.step_args()
        result, failure = call_safely(_STEP, func, *args)
        if failure is not None:
            return failure
        if result is None:
            return not_done(_STEP)
        pair, problem = _read_step(result, case)
        if problem is not None:
            return Feedback(_STEP, False, problem, (f"case: {case.label}",))
        changed_any = changed_any or _changed_arguments(case, args)
        results.append(pair)
    in_place = (f"your function changed the caller's {changed_any} in place (with w -= ... or "
                "w[j] = ...). Build a new array instead, w = w - alpha * dj_dw, so the caller's "
                "starting point stays as it was.") if changed_any else ""
    feedback = _verdict(_STEP, cases, results, _step_mistakes(), _STEP_NAMES,
                        success=f"correct on all {len(cases)} cases: w and b move together, "
                                "against the gradient, by alpha times its size.")
    if not in_place:
        return feedback
    if feedback.passed:
        return Feedback(_STEP, False, f"the values are right, but {in_place}")
    return Feedback(_STEP, False, feedback.message, (*feedback.details, f"also: {in_place}"))


# --------------------------------------------------------------------------- #
# Shared steps
# --------------------------------------------------------------------------- #

def _with_expected(case, expected):
    """``case`` with its reference output attached (both parts as arrays)."""
    return replace(case, expected=tuple(np.asarray(part, dtype=float) for part in expected))


def _changed_arguments(case, args):
    """Names of the arrays among ``(X, y, w)`` that the learner's call modified."""
    originals = {"X": case.X, "y": case.y, "w": case.w}
    passed = dict(zip(("X", "y", "w"), args[:3]))
    changed = [name for name, original in originals.items()
               if np.shape(passed[name]) != original.shape or not np.array_equal(passed[name], original)]
    return " and ".join(changed)


def _verdict(exercise, cases, results, mistakes, names, success):
    """Passed if every result matches; otherwise the best hint available."""
    wrong = [(case, got) for case, got in zip(cases, results) if not _close(got, case.expected)]
    if not wrong:
        return Feedback(exercise, True, success)
    case, got = wrong[0]
    details = _mismatch_details(case, got, case.expected, names)
    hint = _diagnose(results, cases, mistakes, names)
    if hint is None:
        right = len(cases) - len(wrong)
        hint = (f"your values differ from the reference in {len(wrong)} of {len(cases)} cases "
                f"({right} right). Compare your steps with the formulas in the lab.")
    return Feedback(exercise, False, hint, details)
