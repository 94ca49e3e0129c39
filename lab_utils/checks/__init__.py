"""Checks for the labs' coding exercises.

Each ``check_*`` function runs a learner's function on several cases and
returns a :class:`~lab_utils.checks.feedback.Feedback` that says specifically
what is wrong, or confirms that it works. Checks never raise, so a lab runs
top to bottom whether or not the exercise is done.

Every check is written on :mod:`lab_utils.checks.framework` (cases, a
catalogue of mistakes with their hints, one diagnosis); its docstring shows
how to define a new one.

Each lab's checks live in the module named by the lab's slug
(``lab_utils.checks.<slug>``, the slug rule of CONTRIBUTING); every
``check_*`` function is also imported here, so a lab imports its checks from
``lab_utils.checks`` whatever module they are in.
"""

from lab_utils.checks.cost_vs_gradient import check_compute_cost
from lab_utils.checks.feature_scaling import check_scale_new, check_zscore
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
from lab_utils.checks.gradient_derivation import check_compute_gradient, check_gradient_step
from lab_utils.checks.minibatch_momentum import check_minibatch_epoch, check_momentum_step
from lab_utils.checks.regularization import check_compute_cost_reg, check_compute_gradient_reg
from lab_utils.checks.sigmoid_derivative import check_sigmoid, check_sigmoid_derivative

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
    "check_compute_cost",
    "check_compute_cost_reg",
    "check_compute_gradient",
    "check_compute_gradient_reg",
    "check_gradient_step",
    "check_minibatch_epoch",
    "check_momentum_step",
    "check_scale_new",
    "check_sigmoid",
    "check_sigmoid_derivative",
    "check_zscore",
    "float64_tolerance",
    "never_raises",
    "run_check",
]
