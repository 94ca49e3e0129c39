"""Checks for the lab *The sigmoid and its derivative*.

:func:`check_sigmoid_derivative` and :func:`check_sigmoid` run a learner's
function on single numbers, 1-D and 2-D arrays and extreme inputs, and return
a :class:`~lab_utils.checks.feedback.Feedback` naming the most likely mistake.
They never raise, and any warning the learner's code triggers is recorded and
reported instead of being printed.
"""

from __future__ import annotations

import warnings

import numpy as np

from lab_utils.activation import sigmoid, sigmoid_derivative
from lab_utils.checks.feedback import Feedback, call_safely, not_done
from lab_utils.display import fmt

__all__ = ["check_sigmoid", "check_sigmoid_derivative"]

#: Inputs of moderate size, where every sensible formula is accurate.
MODERATE = np.array([-4.0, -2.0, -0.5, 0.0, 0.5, 2.0, 4.0])
#: A 2-D input: the result must keep its shape.
GRID = np.linspace(-3.0, 3.0, 6).reshape(2, 3)
#: Single numbers (scalar in, scalar out).
SCALARS = (0.0, -1.5)
#: Extreme inputs for the derivative: exp(1000) overflows.
EXTREME_DERIVATIVE = np.array([-1000.0, -40.0, 40.0, 1000.0])
#: Extreme inputs for the sigmoid; at -30 the value is 9.4e-14, tiny but representable.
EXTREME_SIGMOID = np.array([-1000.0, -800.0, -30.0, 30.0, 800.0, 1000.0])


# --- running the learner's function ------------------------------------------------------

def _run(exercise, func, z):
    """Call ``func`` on a fresh copy of ``z``, recording warnings instead of printing them.

    Returns
    -------
    result : object or None
    feedback : Feedback or None
        Set when ``func`` raised.
    caught : list of str
        Messages of the warnings raised during the call.
    """
    arg = float(z) if np.ndim(z) == 0 else np.array(z, dtype=float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # NumPy's defaults, whatever the notebook set: underflow (exp(-1000) = 0) is harmless.
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            result, feedback = call_safely(exercise, func, arg)
    return result, feedback, [f"{w.category.__name__}: {w.message}" for w in caught]


def _as_numbers(result):
    """``result`` as a float array, or None if it does not hold numbers."""
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return None


def _shape_message(z, got):
    """A hint when the output's shape differs from the input's, else None."""
    z_shape, got_shape = np.shape(z), np.shape(got)
    if z_shape == got_shape:
        return None
    if z_shape == ():
        return (f"a single number in should give a single number out, but z = {fmt(z)} gave an "
                f"array of shape {got_shape}. Don't wrap the result in a list or np.array([...]).")
    if got_shape == ():
        return (f"an array of shape {z_shape} went in but a single number came out. Work on the "
                "whole array at once (no sum, mean, float() or loop that keeps only one value).")
    return (f"an array of shape {z_shape} went in but the result has shape {got_shape}; the "
            "result must have one value per entry of z, in the same shape (no reshape or ravel).")


def _first_mismatch(z, expected, got, rtol, atol):
    """Detail lines for the first entry where ``got`` and ``expected`` differ."""
    z, expected, got = (np.broadcast_to(a, np.shape(expected)) for a in (z, expected, got))
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    index = tuple(np.argwhere(bad)[0]) if bad.any() else ()
    return (f"z = {fmt(z[index])}: expected {fmt(expected[index])}, got {fmt(got[index])}",)


def _first_nonfinite(z, got):
    """(z, value) of the first entry of ``got`` that is NaN or infinite."""
    index = tuple(np.argwhere(~np.isfinite(got))[0])
    return float(np.broadcast_to(z, got.shape)[index]), float(got[index])


def _diagnose(exercise, z, got, expected, mistakes, fallback, rtol, atol):
    """Name the first catalogued mistake that reproduces ``got``, or use ``fallback``.

    ``mistakes`` is a sequence of ``(wrong_values, message)`` pairs, each
    ``wrong_values`` computed on ``z`` by a typical wrong formula.
    """
    details = _first_mismatch(z, expected, got, rtol, atol)
    for wrong_values, message in mistakes:
        if np.allclose(got, wrong_values, rtol=1e-6, atol=1e-12):
            return Feedback(exercise, False, message, details)
    return Feedback(exercise, False, fallback, details)


def _evaluate(exercise, func, z, expected, diagnose, rtol, atol, on_array_error=None):
    """Run one case: call, check for None / non-numbers / shape / values.

    Returns
    -------
    feedback : Feedback or None
        None when the case passed.
    caught : list of str
        Warnings raised during the call.
    """
    result, failure, caught = _run(exercise, func, z)
    if failure is not None:
        if on_array_error is not None and np.ndim(z) > 0:
            failure = on_array_error(failure)
        return failure, caught
    if result is None:
        return not_done(exercise), caught
    got = _as_numbers(result)
    if got is None:
        return Feedback(exercise, False, f"your function returned a {type(result).__name__}, "
                        "not numbers; return the computed value(s)."), caught
    shape_hint = _shape_message(z, got)
    if shape_hint is not None:
        return Feedback(exercise, False, shape_hint), caught
    if np.all(np.isfinite(got)) and np.allclose(got, expected, rtol=rtol, atol=atol):
        return None, caught
    return diagnose(z, got), caught


def _array_error(exercise, func):
    """Turn an error on array input into a hint, when single numbers work."""
    def convert(failure):
        """Replace ``failure`` by the array hint when a single number works."""
        result, scalar_failure, _ = _run(exercise, func, 0.5)
        if scalar_failure is None and result is not None:
            return Feedback(exercise, False, "your function works on a single number but fails on "
                            "a NumPy array. Use NumPy's functions (np.exp, not math.exp) and avoid "
                            "`if z < 0:` tests on the whole array.", (failure.message,))
        return failure
    return convert


def _warning_feedback(exercise, caught, advice):
    """Feedback for correct values computed with a warning on the way."""
    warned = "; ".join(dict.fromkeys(caught))  # each distinct warning once, in order
    return Feedback(exercise, False, f"the values are right, but NumPy warned on the way "
                    f"({warned}). {advice}")


def _run_cases(exercise, func, cases, diagnose, rtol, atol):
    """Evaluate ``(z, expected)`` cases in order; stop at the first failure.

    Returns
    -------
    feedback : Feedback or None
    caught : list of str
        Every warning recorded, in order.
    """
    all_caught = []
    for z, expected in cases:
        feedback, caught = _evaluate(exercise, func, z, expected, diagnose, rtol, atol,
                                     on_array_error=_array_error(exercise, func))
        all_caught += caught
        if feedback is not None:
            return feedback, all_caught
    return None, all_caught


def _standard_cases(reference):
    """The moderate, 2-D and single-number cases with their expected values."""
    cases = [(MODERATE, reference(MODERATE)), (GRID, reference(GRID))]
    return cases + [(z, reference(z)) for z in SCALARS]


# --- sigma'(z) ------------------------------------------------------------------------

_DERIVATIVE = "sigmoid_derivative"
_DERIVATIVE_RTOL, _DERIVATIVE_ATOL = 1e-7, 1e-12


def _derivative_mistakes(z):
    """Typical wrong formulas for the slope, with the hint each one deserves."""
    s = sigmoid(z)
    return (
        (np.zeros_like(s), "your function returns 0 everywhere. Check the brackets: "
         "`s * 1 - s` means (s * 1) - s = 0; write `s * (1 - s)`."),
        (s, "your function returns σ(z) itself: the height of the curve, not its slope. "
         "You forgot the factor (1 - σ(z)): σ'(z) = σ(z)(1 - σ(z))."),
        (1 - s, "your function returns 1 - σ(z) (which also equals e^(-z)/(1 + e^(-z)), the "
         "quotient with its denominator not squared). It is missing the factor σ(z)."),
        (s * (1 + s), "you used (1 + σ(z)); the derivation gives (1 - σ(z)): σ'(z) = σ(z)(1 - σ(z))."),
        (s * s, "you multiplied σ(z) by σ(z); the second factor is 1 - σ(z)."),
        (s * (1 - z), "you used 1 - z; the factor is 1 - σ(z), with the sigmoid applied to z."),
        (-s * (1 - s), "right size, wrong sign: σ rises everywhere, so its slope is positive."),
    )


def _diagnose_derivative(z, got):
    """Feedback for wrong slopes on moderate inputs."""
    return _diagnose(_DERIVATIVE, z, got, sigmoid_derivative(z), _derivative_mistakes(z),
                     "some values differ from σ(z)(1 - σ(z)); compare your formula with the "
                     "chapter's derivation.", _DERIVATIVE_RTOL, _DERIVATIVE_ATOL)


def _diagnose_derivative_extreme(z, got):
    """Feedback for wrong slopes at z = ±40, ±1000: NaN/inf first, then the usual mistakes."""
    if np.all(np.isfinite(got)):
        return _diagnose_derivative(z, got)
    where, value = _first_nonfinite(z, got)
    return Feedback(_DERIVATIVE, False, f"at z = {fmt(where)} your function returned {fmt(value)}: "
                    "e^(-z) overflowed (e^1000 is inf, and inf/inf is nan). Write the slope as "
                    "σ(z)(1 - σ(z)) using lab_utils' sigmoid, which never overflows.")


def check_sigmoid_derivative(func):
    """Check a learner's ``sigmoid_derivative(z)``.

    The function is run on a 1-D array, a 2-D array, two single numbers and
    the extreme values ``z = ±40`` and ``±1000``. The feedback names the first
    problem found: the stub (returns None), an exception, a wrong shape, one of
    the usual wrong formulas (``σ`` itself, only ``1 - σ``, ``1 + σ``, ``σ²``,
    missing brackets, a flipped sign), NaN from an overflow, or a warning.

    Parameters
    ----------
    func : callable
        The learner's function of one argument ``z`` (a float or an array).

    Returns
    -------
    Feedback
        Passed when every value matches ``σ(z)(1 - σ(z))`` (relative tolerance
        1e-7, absolute 1e-12), shapes are kept and no warning was raised.
    """
    cases = _standard_cases(sigmoid_derivative)
    feedback, caught = _run_cases(_DERIVATIVE, func, cases, _diagnose_derivative,
                                  _DERIVATIVE_RTOL, _DERIVATIVE_ATOL)
    if feedback is not None:
        return feedback
    extreme, more = _evaluate(_DERIVATIVE, func, EXTREME_DERIVATIVE,
                              sigmoid_derivative(EXTREME_DERIVATIVE), _diagnose_derivative_extreme,
                              _DERIVATIVE_RTOL, _DERIVATIVE_ATOL)
    if extreme is not None:
        return extreme
    if caught + more:
        return _warning_feedback(_DERIVATIVE, caught + more,
                                 "Compute σ(z) with lab_utils' sigmoid, which never overflows.")
    return Feedback(_DERIVATIVE, True, "correct! Single numbers give single numbers, arrays keep "
                    "their shape, and z = ±1000 gives a slope of 0 without a warning.",
                    (f"σ'(0) = {fmt(sigmoid_derivative(0.0))}, "
                     f"σ'(2) = {fmt(sigmoid_derivative(2.0))}",))


# --- sigma(z) -------------------------------------------------------------------------

_SIGMOID = "sigmoid"
_SIGMOID_RTOL, _SIGMOID_ATOL = 1e-9, 1e-300


def _sigmoid_mistakes(z):
    """Typical wrong formulas for the sigmoid, with the hint each one deserves."""
    s = sigmoid(z)
    with np.errstate(over="ignore"):
        one_plus = 1 + np.exp(-z)
    return (
        (1 - s, "you computed 1/(1 + e^z) = σ(-z), a curve that falls instead of rising: "
         "the exponent needs a minus sign, e^(-z)."),
        (sigmoid(np.abs(z)), "for negative z you returned σ(|z|), which is at least 1/2. For "
         "z < 0 use e^z/(1 + e^z): the same number, written with e^z = e^(-|z|)."),
        (one_plus, "you returned 1 + e^(-z), the denominator: take its reciprocal, 1/(1 + e^(-z))."),
        (sigmoid_derivative(z), "you returned σ(z)(1 - σ(z)), the slope, not the sigmoid itself."),
    )


def _diagnose_sigmoid(z, got):
    """Feedback for wrong sigmoid values on moderate inputs."""
    return _diagnose(_SIGMOID, z, got, sigmoid(z), _sigmoid_mistakes(z),
                     "some values differ from 1/(1 + e^(-z)).", _SIGMOID_RTOL, _SIGMOID_ATOL)


def _diagnose_sigmoid_extreme(z, got):
    """Feedback at extreme inputs: overflow (NaN/inf), then lost precision, then the usual mistakes."""
    if not np.all(np.isfinite(got)):
        where, value = _first_nonfinite(z, got)
        return Feedback(_SIGMOID, False, f"overflow: at z = {fmt(where)} your function returned "
                        f"{fmt(value)}. e^710 is already inf in float64, and inf/inf is nan. Only "
                        "ever take exp of -|z|, which is never positive, and choose the formula by "
                        "the sign of z.")
    expected = sigmoid(z)
    tiny = (z < 0) & ~np.isclose(got, expected, rtol=_SIGMOID_RTOL, atol=_SIGMOID_ATOL)
    if np.any(tiny) and np.all(np.isclose(got[~tiny], expected[~tiny], rtol=_SIGMOID_RTOL,
                                          atol=_SIGMOID_ATOL)):
        where = float(z[np.argmax(tiny)])
        return Feedback(_SIGMOID, False, f"lost precision for very negative z: σ({fmt(where)}) = "
                        f"{fmt(sigmoid(where), 3)}, a tiny number you can store exactly. Computing it "
                        "as 1 - σ(|z|) subtracts two nearly equal numbers and keeps only rounding "
                        "error; use e^z/(1 + e^z) for z < 0.",
                        _first_mismatch(z, expected, got, _SIGMOID_RTOL, _SIGMOID_ATOL))
    return _diagnose_sigmoid(z, got)


def _sigmoid_array_or_overflow_error(failure):
    """A specific hint when math.exp overflowed."""
    if "OverflowError" in failure.message:
        return Feedback(_SIGMOID, False, "math.exp overflowed (it raises OverflowError above "
                        "e^709). Use np.exp, and only on -|z|, so the argument is never positive.",
                        (failure.message,))
    return failure


def check_sigmoid(func):
    """Check a learner's numerically stable ``sigmoid(z)``.

    The function is run on a 1-D array, a 2-D array, two single numbers and
    the extreme values ``z = ±30, ±800, ±1000``. The feedback names the first
    problem found: the stub, an exception (``math.exp`` overflowing, or code
    that only works on single numbers), a wrong shape, a wrong formula, NaN or
    inf from an overflow, lost precision for very negative ``z``, or a
    ``RuntimeWarning`` (the naive formula gets the right values at
    ``z = -1000`` but warns ``overflow encountered in exp``).

    Parameters
    ----------
    func : callable
        The learner's function of one argument ``z`` (a float or an array).

    Returns
    -------
    Feedback
        Passed when every value matches (relative tolerance 1e-9), shapes are
        kept and no warning was raised.
    """
    cases = _standard_cases(sigmoid)
    feedback, caught = _run_cases(_SIGMOID, func, cases, _diagnose_sigmoid,
                                  _SIGMOID_RTOL, _SIGMOID_ATOL)
    if feedback is not None:
        return _sigmoid_array_or_overflow_error(feedback)
    extreme, more = _evaluate(_SIGMOID, func, EXTREME_SIGMOID, sigmoid(EXTREME_SIGMOID),
                              _diagnose_sigmoid_extreme, _SIGMOID_RTOL, _SIGMOID_ATOL)
    if extreme is not None:
        return _sigmoid_array_or_overflow_error(extreme)
    if caught + more:
        return _warning_feedback(_SIGMOID, caught + more,
                                 "Your code still takes exp of a large positive number somewhere. "
                                 "If you used np.where, remember that it computes both branches "
                                 "for every element before choosing; compute e = np.exp(-np.abs(z)) "
                                 "once and build both branches from it.")
    return Feedback(_SIGMOID, True, "correct and stable: right values for single numbers and "
                    "arrays, and no overflow, NaN or warning even at z = ±1000.",
                    (f"σ(-30) = {fmt(sigmoid(-30.0))}, σ(1000) = {fmt(sigmoid(1000.0))}",))
