"""Check for the exercise ``compute_cost(X, y, w, b)`` (chapter *Cost versus gradient*).

The learner's function is run on a few ordinary cases and on one case with
large ``|z|``, and compared with :func:`lab_utils.compute_cost_logistic`.
When it disagrees, its answers are compared with those of typical wrong
versions (sign flipped, sigmoid forgotten, not averaged, the y = 0 term's
sign wrong, ...) so that the feedback can name the mistake.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from lab_utils.activation import _sigmoid_of_array
from lab_utils.checks.feedback import Feedback, call_quietly, not_done
from lab_utils.cost import compute_cost_logistic
from lab_utils.datasets import load_two_feature_data
from lab_utils.display import fmt

__all__ = ["COST_CASES", "STABILITY_CASE", "WRONG_VERSIONS", "check_compute_cost"]

EXERCISE = "compute_cost"
RTOL, ATOL = 1e-6, 1e-9


@dataclass(frozen=True)
class CostCase:
    """One input of the check: a short description and ``X, y, w, b``."""

    name: str
    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: float

    def args(self):
        """Fresh copies of the arguments, so a function that changes them in place harms no other case."""
        return self.X.copy(), self.y.copy(), self.w.copy(), self.b


def _ordinary_cases():
    X, y = load_two_feature_data()
    return (
        CostCase("the 6-example data, w = [1, 1], b = -3", X, y, np.array([1.0, 1.0]), -3.0),
        CostCase("the 6-example data, w = [1, 1], b = -4", X, y, np.array([1.0, 1.0]), -4.0),
        # Every z lies in (0, 1) here, so a cost that forgets the sigmoid is finite and recognisable.
        CostCase("the 6-example data, w = [0.1, 0.1], b = 0.05", X, y, np.array([0.1, 0.1]), 0.05),
        CostCase(
            "5 examples with 3 features",
            np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.2], [-1.5, 0.4, 2.0], [2.2, 1.1, 0.0], [-0.7, -0.3, 1.4]]),
            np.array([1, 0, 0, 1, 1]),
            np.array([0.8, -0.5, 0.3]),
            0.2,
        ),
    )


#: The ordinary cases: moderate z, where every correct formula agrees.
COST_CASES = _ordinary_cases()

#: z = -40, 40, 40, -40, -800, 800: confident predictions, right and wrong.
STABILITY_CASE = CostCase(
    "large |z| (z = -40, 40, 40, -40, -800, 800)",
    np.array([[-40.0], [40.0], [40.0], [-40.0], [-800.0], [800.0]]),
    np.array([1, 0, 1, 0, 1, 0]),
    np.array([1.0]),
    0.0,
)


def _literal_terms(X, y, w, b, use_sigmoid=True):
    """``(f, -y log f, -(1 - y) log(1 - f))`` computed literally, as a learner would."""
    z = X @ w + b
    f = _sigmoid_of_array(z) if use_sigmoid else z
    return f, -y * np.log(f), -(1 - y) * np.log(1 - f)


def _sign_flipped(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, b)
    return -np.mean(pos + neg)


def _no_sigmoid(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, b, use_sigmoid=False)
    return np.mean(pos + neg)


def _summed(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, b)
    return np.sum(pos + neg)


def _y0_sign_wrong(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, b)
    return np.mean(pos - neg)


def _divided_by_n(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, b)
    return np.sum(pos + neg) / X.shape[1]


def _bias_ignored(X, y, w, b):
    _, pos, neg = _literal_terms(X, y, w, 0.0)
    return np.mean(pos + neg)


#: Typical wrong versions: (what the learner computed, the hint that explains it).
WRONG_VERSIONS = (
    (_sign_flipped,
     "the sign is flipped: your cost is the negative of the right one. The loss is "
     "-y log(f) - (1 - y) log(1 - f): both logs are of numbers in (0, 1), so they are "
     "negative, and the minus signs make every loss (and the cost) >= 0."),
    (_no_sigmoid,
     "you used z = X @ w + b directly as the probability. Apply the sigmoid first: "
     "f = sigmoid(z) lies in (0, 1), which is what the logs need (log of z <= 0 is NaN)."),
    (_summed,
     "you summed the losses instead of averaging them: divide by m, the number of "
     "examples (X.shape[0]), or use np.mean."),
    (_y0_sign_wrong,
     "the y = 0 term has the wrong sign (the slip in the Q&A's cost_function). It must be "
     "-(1 - y) * log(1 - f): subtracted, like the y = 1 term, so that it is >= 0."),
    (_divided_by_n,
     "you divided by the number of features (X.shape[1]) instead of the number of "
     "examples m (X.shape[0])."),
    (_bias_ignored,
     "your cost ignores b: the model's score is z = X @ w + b, bias included."),
)


def _as_scalar(result, case, expected):
    """``(value, None)`` when ``result`` is one number, else ``(None, Feedback)`` naming the problem."""
    if isinstance(result, (bool, np.bool_, str, bytes)):
        return None, Feedback(EXERCISE, False, f"your function returned {result!r} (a {type(result).__name__}); "
                              "return the cost, a number.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return None, Feedback(EXERCISE, False, f"your function returned a {type(result).__name__}, not a number.")
    if array.ndim != 0:
        return None, _shape_feedback(array, case, expected)
    return float(array), None


def _same(got, expected):
    """True when two costs agree (NaN matches NaN and inf matches inf)."""
    return bool(np.isclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=True))


def _shape_feedback(array, case, expected):
    """Feedback for a function that returned an array instead of one number."""
    details = (f"case: {case.name}", f"expected one number, {fmt(expected)}")
    if array.shape == (case.X.shape[0],):
        with np.errstate(all="ignore"):
            averaged = np.mean(array)
        if _same(averaged, expected):
            return Feedback(EXERCISE, False, f"wrong shape: you returned an array of shape {array.shape}, the "
                            "loss of every example. The cost is their average: return np.mean(...) of it.",
                            details)
    return Feedback(EXERCISE, False, f"wrong shape: you returned an array of shape {array.shape}; the cost is "
                    "a single number (a scalar). Average the per-example losses over the m examples.", details)


def _diagnose(got, expected):
    """Feedback naming the mistake, given the learner's and the right costs on the ordinary cases."""
    for version, hint in WRONG_VERSIONS:
        with np.errstate(all="ignore"):
            wrong = [float(version(*case.args())) for case in COST_CASES]
        if all(_same(g, v) for g, v in zip(got, wrong)):
            return Feedback(EXERCISE, False, hint, _case_details(got, expected))
    bad = _first_mismatch(got, expected)
    if not np.isfinite(got[bad]):
        return Feedback(EXERCISE, False, f"your cost is {fmt(got[bad])} for ordinary inputs. NaN or inf usually "
                        "comes from the log of a number <= 0: take the logs of probabilities f = sigmoid(z), "
                        "and check the brackets around (1 - y) and (1 - f).", _case_details(got, expected))
    return Feedback(EXERCISE, False, "your cost differs from the right one. Compare your code with "
                    "J = (1/m) sum_i [-y log(f) - (1 - y) log(1 - f)], f = sigmoid(X @ w + b), term by term.",
                    _case_details(got, expected))


def _first_mismatch(got, expected):
    return next(i for i, (g, e) in enumerate(zip(got, expected)) if not _same(g, e))


def _case_details(got, expected, cases=COST_CASES):
    i = _first_mismatch(got, expected)
    return (f"case: {cases[i].name}", f"expected {fmt(expected[i])}, got {fmt(got[i])}")


def _stability_feedback(got, expected):
    """Feedback when the ordinary cases pass but the large-|z| case does not."""
    details = (f"case: {STABILITY_CASE.name}", f"expected {fmt(expected)}, got {fmt(got)}")
    if not np.isfinite(got):
        return Feedback(EXERCISE, False, "your formula is right for ordinary inputs, but it is numerically "
                        f"unstable: for large |z| it returns {fmt(got)}. There sigmoid(z) rounds to exactly 0 or 1, "
                        "log(0) is -inf, and 0 * (-inf) is NaN. Compute the loss from z instead: "
                        "-y log(f) - (1 - y) log(1 - f) = log(1 + e^z) - y z, and np.logaddexp(0, z) computes "
                        "log(1 + e^z) without overflow.", details)
    if got < expected:
        return Feedback(EXERCISE, False, "your formula is right for ordinary inputs, but too small for large |z| "
                        "(clipping f away from 0 and 1 caps each example's loss, at about 34.5 for a 1e-15 clip). "
                        "Compute the loss from z instead: log(1 + e^z) - y z, with np.logaddexp(0, z).", details)
    return Feedback(EXERCISE, False, "your formula is right for ordinary inputs, but wrong for large |z|. "
                    "Compute the loss from z: log(1 + e^z) - y z, with np.logaddexp(0, z), and check that "
                    "nothing in your code caps, rounds or replaces extreme values.", details)


def check_compute_cost(func):
    """Check a learner's ``compute_cost(X, y, w, b)`` against :func:`lab_utils.compute_cost_logistic`.

    Parameters
    ----------
    func : callable
        The learner's function, called as ``func(X, y, w, b)``.

    Returns
    -------
    Feedback
        Passed when it agrees with the reference on every case (to a relative
        tolerance of 1e-6), including large ``|z|``; otherwise the most
        specific hint: the stub still returning None, an exception, an array
        instead of a number, a flipped sign, a forgotten sigmoid, a sum instead
        of a mean, a wrong sign on the y = 0 term, division by the number of
        features, an ignored bias, or numerical instability for large ``|z|``.
        Never raises.
    """
    cases = COST_CASES + (STABILITY_CASE,)
    expected = [compute_cost_logistic(case.X, case.y, case.w, case.b) for case in cases]
    got = []
    for case, right in zip(cases, expected):
        value, problem = _run_case(func, case, right)
        if problem is not None:
            return problem
        got.append(value)
    *got_ordinary, got_stable = got
    *expected_ordinary, expected_stable = expected
    if not all(_same(g, e) for g, e in zip(got_ordinary, expected_ordinary)):
        return _diagnose(got_ordinary, expected_ordinary)
    if not _same(got_stable, expected_stable):
        return _stability_feedback(got_stable, expected_stable)
    return Feedback(EXERCISE, True, f"your cost matches lab_utils.compute_cost_logistic on all "
                    f"{len(cases)} cases, including very large |z|. Well done!",
                    (f"J = {fmt(expected[0])} for {cases[0].name}",))


def _run_case(func, case, expected):
    """Run the learner's function on one case.

    Returns
    -------
    value : float or None
    problem : Feedback or None
        Feedback when the call raised, returned None or did not return one number.
    """
    result, problem = call_quietly(EXERCISE, func, *case.args())
    if problem is not None:
        return None, Feedback(EXERCISE, False, problem.message, (f"case: {case.name}",))
    if result is None:
        return None, not_done(EXERCISE)
    return _as_scalar(result, case, expected)
