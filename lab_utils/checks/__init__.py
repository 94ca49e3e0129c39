"""Checks for the labs' coding exercises.

Each ``check_*`` function runs a learner's function on several cases and
returns a :class:`~lab_utils.checks.feedback.Feedback` that says specifically
what is wrong, or confirms that it works. Checks never raise, so a lab runs
top to bottom whether or not the exercise is done.

Every check is written on :mod:`lab_utils.checks.framework` (cases, a
catalogue of mistakes with their hints, one diagnosis); its docstring shows
how to define a new one.
"""

from lab_utils.checks.feedback import Feedback, call_quietly, call_safely
from lab_utils.checks.framework import (
    Case,
    ErrorHint,
    Exercise,
    Mistake,
    Variant,
    as_float_array,
    float64_tolerance,
    never_raises,
    run_check,
)

__all__ = [
    "Case",
    "ErrorHint",
    "Exercise",
    "Feedback",
    "Mistake",
    "Variant",
    "as_float_array",
    "call_quietly",
    "call_safely",
    "float64_tolerance",
    "never_raises",
    "run_check",
]
