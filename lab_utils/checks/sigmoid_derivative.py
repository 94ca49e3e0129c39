"""Checks for the lab *The sigmoid and its derivative*.

:func:`check_sigmoid_derivative` and :func:`check_sigmoid` run a learner's
function on a 1-D array, a 2-D array, two single numbers and extreme inputs,
against :func:`lab_utils.sigmoid_derivative` and :func:`lab_utils.sigmoid`.
Values are judged by what float64 can deliver for each ``z``: every correct
formula passes (the branch on the sign of ``z``, ``np.exp(-np.logaddexp(0, -z))``,
``scipy.special.expit``, ``0.5 * (1 + np.tanh(z / 2))``, a clip of ``z`` to
±500), while a NumPy warning on the way, an overflow, a too-narrow clip and
each usual wrong formula get their own hint.

Used by ``labs/sigmoid_derivative_lab.ipynb``.
"""

from __future__ import annotations

import math

import numpy as np

from lab_utils import sigmoid, sigmoid_derivative
from lab_utils.checks.framework import (
    Case,
    ErrorHint,
    Exercise,
    Mistake,
    float64_tolerance,
    never_raises,
    read_number,
    run_check,
)
from lab_utils.display import fmt

__all__ = ["DERIVATIVE", "SIGMOID", "check_sigmoid", "check_sigmoid_derivative"]

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

# Both functions take values in [0, 1]. Correct formulas that build the result from 1 + something
# (0.5 * (1 + tanh(z / 2)), 1 - sigmoid(-z), s * (1 - s)) are exact to a few rounding errors *of 1*,
# 2.2e-16 each, however small the result: so the absolute tolerance is 8 of them (1.8e-15), and the
# relative one covers formulas built from exp alone.
RTOL = 1e-12
ATOL = float(float64_tolerance(1.0, ulps=8))


def _cases(extreme):
    cases = [Case("a 1-D array", (MODERATE,)), Case("a 2-D array", (GRID,))]
    cases += [Case(f"the single number {fmt(z)}", (z,)) for z in SCALARS]
    return tuple(cases) + (Case(f"extreme values z = {fmt(extreme)}", (extreme,), kind="extreme"),)


def _first_mismatch(case, got, expected):
    """``z = ...: expected ..., got ...`` for the first entry that differs."""
    z, got, expected = case.args[0], got[0], expected[0]
    if got.shape != expected.shape:
        return (f"case: {case.name}",)
    z = np.broadcast_to(z, expected.shape)
    with np.errstate(all="ignore"):
        bad = ~np.isclose(got, expected, rtol=RTOL, atol=ATOL)
    index = tuple(np.argwhere(bad)[0]) if bad.any() else ()
    return (f"z = {fmt(z[index])}: expected {fmt(expected[index])}, got {fmt(got[index])}",)


def _shape_hint(k, got_shape, expected_shape, case):
    """The result must have the shape of z."""
    z = case.args[0]
    if expected_shape == ():
        return (f"a single number in should give a single number out, but z = {fmt(z)} gave an "
                f"array of shape {got_shape}. Don't wrap the result in a list or np.array([...]).")
    if got_shape == ():
        return (f"an array of shape {expected_shape} went in but a single number came out. Work on the "
                "whole array at once (no sum, mean, float() or loop that keeps only one value).")
    return (f"an array of shape {expected_shape} went in but the result has shape {got_shape}; the "
            "result must have one value per entry of z, in the same shape (no reshape or ravel).")


def _first_nonfinite(case, got):
    """``(z, value)`` of the first entry that is NaN or infinite."""
    index = tuple(np.argwhere(~np.isfinite(got))[0])
    return float(np.broadcast_to(case.args[0], got.shape)[index]), float(got[index])


_ARRAY_ERRORS = (
    ErrorHint("math_on_array", (TypeError,), "arrays can be converted to Python scalars",
              "your function works on one number at a time (math.exp, or float(z)), but z can be a NumPy "
              "array. Use NumPy's functions, np.exp instead of math.exp, which work on every entry at once."),
    ErrorHint("if_on_array", (ValueError,), "truth value of an array",
              "`if z < 0:` on a whole array is ambiguous (some entries are negative, some are not). Choose per "
              "entry instead: compute both formulas from e = np.exp(-np.abs(z)) and pick with "
              "np.where(z >= 0, ..., ...)."),
    ErrorHint("math_exp_overflow", (OverflowError,), "",
              "math.exp overflowed (it raises OverflowError above e^709). Use np.exp, and only on -|z|, so "
              "the argument is never positive."),
)


# --- sigma'(z) ------------------------------------------------------------------------

def _slope_mistake(name, compute, hint):
    return Mistake(name, lambda z: compute(z, sigmoid(z)), hint)


_DERIVATIVE_MISTAKES = (
    _slope_mistake("brackets", lambda z, s: np.zeros_like(s),
                   "your function returns 0 everywhere. Check the brackets: `s * 1 - s` means (s * 1) - s = 0; "
                   "write `s * (1 - s)`."),
    _slope_mistake("sigmoid_itself", lambda z, s: s,
                   "your function returns σ(z) itself: the height of the curve, not its slope. "
                   "You forgot the factor (1 - σ(z)): σ'(z) = σ(z)(1 - σ(z))."),
    _slope_mistake("one_minus_sigmoid", lambda z, s: 1 - s,
                   "your function returns 1 - σ(z) (which also equals e^(-z)/(1 + e^(-z)), the "
                   "quotient with its denominator not squared). It is missing the factor σ(z)."),
    _slope_mistake("one_plus_sigmoid", lambda z, s: s * (1 + s),
                   "you used (1 + σ(z)); the derivation gives (1 - σ(z)): σ'(z) = σ(z)(1 - σ(z))."),
    _slope_mistake("sigmoid_squared", lambda z, s: s * s,
                   "you multiplied σ(z) by σ(z); the second factor is 1 - σ(z)."),
    _slope_mistake("one_minus_z", lambda z, s: s * (1 - z),
                   "you used 1 - z; the factor is 1 - σ(z), with the sigmoid applied to z."),
    _slope_mistake("slope_sign", lambda z, s: -s * (1 - s),
                   "right size, wrong sign: σ rises everywhere, so its slope is positive."),
)


def _explain_derivative(case, got, expected):
    if case.kind != "extreme" or np.all(np.isfinite(got[0])):
        return None
    where, value = _first_nonfinite(case, got[0])
    return "overflow", (f"at z = {fmt(where)} your function returned {fmt(value)}: e^(-z) overflowed (e^1000 is "
                        "inf, and inf/inf is nan). Write the slope as σ(z)(1 - σ(z)) using lab_utils' sigmoid, "
                        "which never overflows.")


DERIVATIVE = Exercise(
    name="sigmoid_derivative",
    reference=sigmoid_derivative,
    cases=_cases(EXTREME_DERIVATIVE),
    arg_names=("z",),
    outputs=("σ'(z)",),
    read=read_number("σ'(z)"),
    mistakes=_DERIVATIVE_MISTAKES,
    error_hints=_ARRAY_ERRORS,
    explain=_explain_derivative,
    shape_hint=_shape_hint,
    details=_first_mismatch,
    rtol=RTOL,
    atol=ATOL,
    mutation_hint=None,  # each call gets a copy of z: changing it harms nothing here
    fallback="some values differ from σ(z)(1 - σ(z)); compare your formula with the chapter's derivation.",
    warning_hint="Compute σ(z) with lab_utils' sigmoid, which never overflows.",
    success=("correct! Single numbers give single numbers, arrays keep their shape, and z = ±1000 gives a "
             "slope of 0 without a warning."),
    success_details=(f"σ'(0) = {fmt(sigmoid_derivative(0.0))}, σ'(2) = {fmt(sigmoid_derivative(2.0))}",),
)


@never_raises
def check_sigmoid_derivative(func):
    """Check a learner's ``sigmoid_derivative(z)``.

    Parameters
    ----------
    func : callable
        The learner's function of one argument ``z`` (a float or an array).

    Returns
    -------
    Feedback
        Passed when every value matches ``σ(z)(1 - σ(z))`` (relative tolerance
        1e-12, absolute 1.8e-15), shapes are kept and NumPy did not warn;
        otherwise the most specific hint of :data:`DERIVATIVE`. Never raises.
    """
    return run_check(DERIVATIVE, func)


# --- sigma(z) -------------------------------------------------------------------------

_SIGMOID_MISTAKES = (
    Mistake("exponent_sign", lambda z: sigmoid(-np.asarray(z)),
            "you computed 1/(1 + e^z) = σ(-z), a curve that falls instead of rising: "
            "the exponent needs a minus sign, e^(-z)."),
    Mistake("abs_for_negative", lambda z: sigmoid(np.abs(z)),
            "for negative z you returned σ(|z|), which is at least 1/2. For "
            "z < 0 use e^z/(1 + e^z): the same number, written with e^z = e^(-|z|)."),
    Mistake("denominator", lambda z: 1 + np.exp(-np.asarray(z)),
            "you returned 1 + e^(-z), the denominator: take its reciprocal, 1/(1 + e^(-z))."),
    Mistake("slope", sigmoid_derivative, "you returned σ(z)(1 - σ(z)), the slope, not the sigmoid itself."),
)


def _explain_sigmoid(case, got, expected):
    """At extreme z: an overflow, or a clip of z narrower than float64 needs."""
    if case.kind != "extreme":
        return None
    z, values = case.args[0], got[0]
    if not np.all(np.isfinite(values)):
        where, value = _first_nonfinite(case, values)
        return "overflow", (f"overflow: at z = {fmt(where)} your function returned {fmt(value)}. e^710 is "
                            "already inf in float64, and inf/inf is nan. Only ever take exp of -|z|, which is "
                            "never positive, and choose the formula by the sign of z.")
    top, bottom = values[z == z.max()], values[z == z.min()]
    if 0 < bottom[0] < 1 and 0 < top[0] < 1 and np.all(values[np.abs(z) >= 800] != expected[0][np.abs(z) >= 800]):
        limit = math.log(top[0] / (1 - top[0])) if top[0] < 1 else -math.log(bottom[0])
        return "narrow_clip", (f"you seem to clip z (or the result) at about ±{fmt(limit, 3)}: σ(1000) and "
                               f"σ(-1000) came out as σ(±{fmt(limit, 3)}), which differs from the true value "
                               "by more than float64's rounding. Clipping is fine when the limit is wide "
                               "enough that nothing changes: clip z to ±500, say (σ(-500) is 7e-218).")
    return None


SIGMOID = Exercise(
    name="sigmoid",
    reference=sigmoid,
    cases=_cases(EXTREME_SIGMOID),
    arg_names=("z",),
    outputs=("σ(z)",),
    read=read_number("σ(z)"),
    mistakes=_SIGMOID_MISTAKES,
    error_hints=_ARRAY_ERRORS,
    explain=_explain_sigmoid,
    shape_hint=_shape_hint,
    details=_first_mismatch,
    rtol=RTOL,
    atol=ATOL,
    mutation_hint=None,  # each call gets a copy of z: changing it harms nothing here
    fallback="some values differ from 1/(1 + e^(-z)).",
    warning_hint=("Your code still takes exp of a large positive number somewhere. If you used np.where, "
                  "remember that it computes both branches for every element before choosing; compute "
                  "e = np.exp(-np.abs(z)) once and build both branches from it."),
    success=("correct and stable: right values for single numbers and arrays, and no overflow, NaN or "
             "warning even at z = ±1000."),
    success_details=(f"σ(-30) = {fmt(sigmoid(-30.0))}, σ(1000) = {fmt(sigmoid(1000.0))}",),
)


@never_raises
def check_sigmoid(func):
    """Check a learner's numerically stable ``sigmoid(z)``.

    Parameters
    ----------
    func : callable
        The learner's function of one argument ``z`` (a float or an array).

    Returns
    -------
    Feedback
        Passed when every value matches :func:`lab_utils.sigmoid` to what
        float64 delivers (relative 1e-12, absolute 1.8e-15), shapes are kept
        and NumPy did not warn (the naive formula gets the right values at
        ``z = -1000`` but warns ``overflow encountered in exp``); otherwise the
        most specific hint of :data:`SIGMOID`. Never raises.
    """
    return run_check(SIGMOID, func)
