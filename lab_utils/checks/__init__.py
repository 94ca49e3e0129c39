"""Checks for the labs' coding exercises.

Each ``check_*`` function runs a learner's function on several cases and
returns a :class:`~lab_utils.checks.feedback.Feedback` that says specifically
what is wrong, or confirms that it works. Checks never raise, so a lab runs
top to bottom whether or not the exercise is done.
"""

from lab_utils.checks.feedback import Feedback, call_quietly, call_safely

__all__ = ["Feedback", "call_quietly", "call_safely"]
