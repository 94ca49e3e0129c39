"""The feedback object every exercise check returns, and helpers to build it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Feedback", "call_safely", "not_done"]


@dataclass(frozen=True)
class Feedback:
    """The verdict of an exercise check.

    Attributes
    ----------
    exercise : str
        Name of the function that was checked.
    passed : bool
        True when every case agreed with the reference.
    message : str
        What went right, or the most specific hint about what went wrong.
    details : tuple of str
        Extra lines (the failing case, expected versus received values).
    cause : str
        Short name of the diagnosis (``"passed"``, a mistake's name, ``"not_done"``, ...),
        for tests and tools; learners read ``message``.
    """

    exercise: str
    passed: bool
    message: str
    details: tuple = field(default=())
    cause: str = ""

    def __str__(self):
        mark = "PASSED" if self.passed else "NOT YET"
        lines = [f"[{mark}] {self.exercise}: {self.message}"]
        lines += [f"    {line}" for line in self.details]
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def __bool__(self):
        return self.passed


def not_done(exercise):
    """Feedback for a function that still returns ``None`` (the exercise stub)."""
    return Feedback(exercise, False, "your function returned None: replace the `...` "
                    "placeholder with your code and run the cell again.")


def call_safely(exercise, func, *args):
    """Call the learner's function, turning an exception into feedback.

    Parameters
    ----------
    exercise : str
        Name used in the feedback.
    func : callable
        The learner's function.
    *args
        Its arguments.

    Returns
    -------
    result : object or None
        What ``func`` returned, or None when it raised.
    feedback : Feedback or None
        None when the call succeeded; otherwise feedback naming the exception.
    """
    if not callable(func):
        return None, Feedback(exercise, False, f"expected a function, got {type(func).__name__}")
    try:
        return func(*args), None
    except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
        return None, Feedback(exercise, False, f"your function raised {type(exc).__name__}: {exc}")


def call_quietly(exercise, func, *args):
    """:func:`call_safely` with floating-point warnings silenced.

    A learner's half-finished function often overflows or takes ``log(0)``;
    NumPy's ``RuntimeWarning`` would clutter the lab, and the check says what
    matters (a NaN, an inf, a wrong value) in its own words.

    Parameters
    ----------
    exercise : str
    func : callable
    *args

    Returns
    -------
    result : object or None
    feedback : Feedback or None
        As for :func:`call_safely`.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return call_safely(exercise, func, *args)
