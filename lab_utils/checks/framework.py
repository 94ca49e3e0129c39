"""The one pattern every exercise check follows: cases, a catalogue of mistakes, a diagnosis.

A check is data, not code. It lists

* the **cases**: arguments for the learner's function (the expected output is
  computed by the exercise's *reference*, a public ``lab_utils`` function);
* the **mistakes**: for each typical mistake, a function computing the
  answer that mistake gives, and the hint that names its cause;
* optional **error hints** (an exception the learner's code raises, and what
  causes it), **accepted variants** (a different but acceptable answer, passed
  with a note) and a few switches (warnings, arguments changed in place, names
  of reference functions the learner must not call).

:func:`run_check` then runs the learner's function on every case and returns
a :class:`~lab_utils.checks.feedback.Feedback`, diagnosing in this order:

1. an exception (named by its error hint when one matches), the stub still
   returning None, a result of the wrong form (the exercise's ``read``);
2. every case right (within the case's tolerance): passed, unless NumPy warned
   or an argument was changed in place;
3. otherwise: the first mistake that reproduces the learner's output on every
   case (shapes included, so a broadcast gone wrong is named by its mistake);
   an output right while the other matches a mistake; a wrong shape (the
   exercise's ``shape_hint``, or :func:`broadcast_hint`); NaN or inf; and
   last the first mismatching case.

:func:`never_raises` wraps a check so that it returns feedback even if the
check itself fails on an answer nobody anticipated.

Tolerances
----------
A correct answer written differently must pass, so each case's tolerance is
what float64 can deliver for that input, not what one formula happens to
give. :func:`float64_tolerance` turns "a few rounding errors on numbers of
this size" into an absolute tolerance; each check says in a comment why its
tolerances are what they are.

Defining a new check
--------------------
>>> import numpy as np
>>> from lab_utils.checks.framework import Case, Exercise, Mistake, never_raises, run_check
>>> def double(x):                      # the reference (normally a lab_utils function)
...     return 2 * x
>>> DOUBLE = Exercise(
...     name="double",
...     reference=double,
...     arg_names=("x",),
...     cases=(Case("a vector", (np.array([1.0, -2.0, 3.0]),)),),
...     mistakes=(Mistake("squared", lambda x: x ** 2, "you squared x: double it, 2 * x."),),
...     success="every entry is doubled.")
>>> @never_raises
... def check_double(func):
...     '''Check a learner's ``double(x)``.'''
...     return run_check(DOUBLE, func)
>>> print(check_double(lambda x: x + x))
[PASSED] double: every entry is doubled.
>>> print(check_double(lambda x: x * x))
[NOT YET] double: you squared x: double it, 2 * x.
    case: a vector
    result: expected [2 -4 6], got [1 4 9]
>>> check_double(lambda x: x * x).cause
'squared'

Write the new check in ``lab_utils/checks/<slug>.py``, and add rows for
every correct variant and every mistake to the table in
``tests/test_checks_<slug>.py``.
"""

from __future__ import annotations

import copy
import functools
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from lab_utils.checks.feedback import Feedback
from lab_utils.display import fmt

__all__ = [
    "EPS",
    "Case",
    "ErrorHint",
    "Exercise",
    "Mistake",
    "Variant",
    "as_float_array",
    "broadcast_hint",
    "float64_tolerance",
    "never_raises",
    "read_number",
    "read_tuple",
    "run_check",
]

#: Machine epsilon of float64, 2.2e-16: the relative spacing of floats near 1.
EPS = float(np.finfo(np.float64).eps)


def float64_tolerance(magnitude, ulps=64):
    """An absolute tolerance for a result computed from numbers of size ``magnitude``.

    Different correct formulas round differently; each rounding step errs by
    at most half an ulp of the numbers it handles, so two correct results
    differ by a few ulps of the *largest intermediate*, which may be much
    larger than the result (``log(1 + e^z) - y z`` subtracts two numbers of
    size ``|z|``; ``0.5 * (1 + tanh(z / 2))`` adds numbers of size 1).

    Parameters
    ----------
    magnitude : float or array_like
        Size of the largest intermediate value (for example ``max |z|``, or 1
        for a probability computed as ``1 - something``).
    ulps : float, default=64
        How many rounding errors of that size to allow.

    Returns
    -------
    float or ndarray
        ``ulps * EPS * magnitude``.

    Examples
    --------
    >>> float(float64_tolerance(1.0, ulps=4)) == 4 * EPS
    True
    """
    return ulps * EPS * np.asarray(magnitude, dtype=float)


def as_float_array(value):
    """``value`` as a float ndarray, or None when it does not hold numbers.

    Strings and bytes give None (NumPy would parse ``"0.5"``), as do ragged
    lists, ``None`` and objects NumPy cannot convert.

    Parameters
    ----------
    value : object

    Returns
    -------
    ndarray or None

    Examples
    --------
    >>> as_float_array([1, 2]).dtype
    dtype('float64')
    >>> as_float_array("0.5") is None, as_float_array([1, [2, 3]]) is None
    (True, True)
    """
    if value is None or isinstance(value, (str, bytes)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return array


def _describe(value):
    """A few words naming what a function returned (for hints about the form)."""
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    shape = np.shape(value) if as_float_array(value) is not None else None
    if shape:
        return f"an array of shape {shape}"
    return f"a {type(value).__name__}"


def read_number(name):
    """A reader for exercises whose answer is one number.

    Parameters
    ----------
    name : str
        Name of the number in messages (for example ``"the cost"``).

    Returns
    -------
    callable
        ``read(result, case) -> (parts, hint)``: ``parts`` is a 1-tuple of a
        float array (of any shape: a wrong shape is diagnosed later, against the
        mistakes), or None with ``hint`` saying what is wrong with the form.
    """
    def read(result, case):
        if isinstance(result, (bool, np.bool_, str, bytes)) or isinstance(result, (tuple, list, dict)):
            return None, f"your function returned {_describe(result)}; return {name}, one number."
        array = as_float_array(result)
        if array is None:
            return None, f"your function returned {_describe(result)}, not a number; return {name}."
        return (array,), None
    return read


def read_tuple(names, how):
    """A reader for exercises whose answer is a tuple of arrays, such as ``(dj_db, dj_dw)``.

    Parameters
    ----------
    names : tuple of str
        Names of the parts, in order.
    how : str
        How to return them (for example ``"`return dj_db, dj_dw`"``).

    Returns
    -------
    callable
        ``read(result, case) -> (parts, hint)``, as for :func:`read_number`.
    """
    def read(result, case):
        if not isinstance(result, (tuple, list)) or len(result) != len(names):
            return None, f"return the {len(names)} values {', '.join(names)}, {how}; you returned {_describe(result)}."
        parts = tuple(as_float_array(part) for part in result)
        for name, part in zip(names, parts):
            if part is None:
                return None, f"{name} must hold numbers; yours is {_describe(result[names.index(name)])}."
        return parts, None
    return read


@dataclass(frozen=True)
class Case:
    """One input of a check.

    Attributes
    ----------
    name : str
        Shown to the learner when this case fails.
    args : tuple
        Arguments for the learner's function. Each call gets deep copies, so a
        function that changes its arguments harms no other case (and the
        change is detected).
    rtol, atol : float or None
        Tolerance for this case; None uses the exercise's.
    """

    name: str
    args: tuple
    rtol: float | None = None
    atol: float | None = None

    def fresh_args(self):
        """Deep copies of the arguments."""
        return copy.deepcopy(self.args)


@dataclass(frozen=True)
class Mistake:
    """A typical mistake: what it computes, and the hint naming its cause.

    Attributes
    ----------
    name : str
        Short identifier, reported as ``Feedback.cause`` (tests use it).
    compute : callable
        Called with a case's arguments; returns what the mistaken function
        returns (same form as the reference's output).
    hint : str
        The message: what the learner did, why it is wrong, how to fix it.
    """

    name: str
    compute: Callable
    hint: str


@dataclass(frozen=True)
class Variant:
    """A different answer that is also acceptable: it passes, with a note.

    Attributes
    ----------
    name : str
    compute : callable
        Called with a case's arguments, like :attr:`Mistake.compute`.
    note : str
        Passing message explaining the difference.
    """

    name: str
    compute: Callable
    note: str


@dataclass(frozen=True)
class ErrorHint:
    """The cause of an exception a learner's code typically raises.

    Attributes
    ----------
    name : str
        Short identifier, reported as ``Feedback.cause``.
    types : tuple of type
        Exception classes that match.
    contains : str
        Text the exception's message must contain (empty: any message).
    hint : str
        The message (the exception's own text is added as a detail).
    """

    name: str
    types: tuple
    contains: str
    hint: str

    def matches(self, exc):
        """True when ``exc`` is this error."""
        return isinstance(exc, self.types) and self.contains in str(exc)


@dataclass(frozen=True)
class Exercise:
    """Everything a check knows about one exercise.

    Attributes
    ----------
    name : str
        The learner's function name, shown in the feedback.
    reference : callable
        Computes the right answer from a case's arguments (a public ``lab_utils`` function).
    cases : tuple of Case
    arg_names : tuple of str
        Names of the arguments, for the "changed in place" hint.
    outputs : tuple of str
        Names of the parts of the answer (one name for a single value).
    read : callable or None
        ``read(result, case) -> (parts, hint)``; default :func:`read_number`.
    mistakes : tuple of Mistake
        Tried in order; the first that reproduces every case is named.
    error_hints : tuple of ErrorHint
    variants : tuple of Variant
    success : str
        Message when every case passes.
    success_details : tuple of str
    fallback : str
        Hint when nothing in the catalogue explains a wrong answer.
    rtol, atol : float
        Default tolerance of the cases.
    shape_hint : callable or None
        ``shape_hint(part_index, got_shape, expected_shape, case) -> str or None``,
        for wrong shapes no mistake explains; None uses :func:`broadcast_hint`
        and then a plain statement of the two shapes.
    nonfinite_hint : str
        Hint when the answer holds NaN or inf and no mistake explains it.
    warning_hint : str or None
        If set, correct values computed with a NumPy warning fail with this hint;
        if None, floating-point warnings are silenced.
    mutation_hint : str or None
        If set, changing an argument in place fails with this hint (``{names}``
        is replaced by the changed arguments' names).
    forbidden : tuple of str
        Names the learner's function must not use (the reference it should
        write itself).
    """

    name: str
    reference: Callable
    cases: tuple
    arg_names: tuple = ()
    outputs: tuple = ("result",)
    read: Callable | None = None
    mistakes: tuple = ()
    error_hints: tuple = ()
    variants: tuple = ()
    success: str = "correct on every case."
    success_details: tuple = ()
    fallback: str = "your values differ from the right ones; compare your code with the formula, step by step."
    rtol: float = 1e-9
    atol: float = 1e-12
    shape_hint: Callable | None = None
    nonfinite_hint: str = ("your result contains NaN or inf: look for a log of a number <= 0, "
                           "a division by zero or an overflowing exp.")
    warning_hint: str | None = None
    mutation_hint: str | None = ("your function changed the caller's {names} in place; compute new "
                                 "arrays instead and leave its arguments as they were.")
    forbidden: tuple = ()

    def tolerance(self, case):
        """``(rtol, atol)`` for ``case``."""
        return (self.rtol if case.rtol is None else case.rtol,
                self.atol if case.atol is None else case.atol)


def broadcast_hint(name, got_shape, expected_shape, m):
    """A hint when a shape shows that an (m, 1) column was broadcast against an (m,) vector.

    ``z = X @ w + b`` with ``w`` of shape ``(n, 1)`` (or an ``f[:, None]``)
    gives predictions of shape ``(m, 1)``; ``f - y`` with ``y`` of shape
    ``(m,)`` then broadcasts to an ``(m, m)`` table of every prediction against
    every label, and whatever is built from it has an extra axis of length m.

    Parameters
    ----------
    name : str
        The output's name.
    got_shape, expected_shape : tuple of int
    m : int
        Number of examples in the case.

    Returns
    -------
    str or None
        None when the shape does not look like that broadcast.

    Examples
    --------
    >>> print(broadcast_hint("dj_dw", (2, 6), (2,), 6)[:39])
    dj_dw has shape (2, 6) instead of (2,):
    """
    got_shape, expected_shape = tuple(got_shape), tuple(expected_shape)
    extra_m = len(got_shape) == len(expected_shape) + 1 and got_shape.count(m) >= expected_shape.count(m) + 1
    if not extra_m:
        return None
    return (f"{name} has shape {got_shape} instead of {expected_shape}: an extra axis of length m = {m}. "
            f"This is what happens when predictions of shape ({m}, 1) meet labels of shape ({m},): "
            f"f - y broadcasts to an ({m}, {m}) table of every prediction against every label. "
            f"Keep everything 1-D: compute z = X @ w + b with w of shape (n,), or flatten a column "
            f"with .ravel().")


def _close(got, expected, rtol, atol, equal_nan=False):
    """Same shape and values within ``atol + rtol * |expected|`` (NaN only equals NaN if asked)."""
    if got.shape != expected.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.all(np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def _all_close(got_parts, expected_parts, rtol, atol, equal_nan=False):
    return all(_close(g, e, rtol, atol, equal_nan) for g, e in zip(got_parts, expected_parts))


def _call(exercise, func, args):
    """Call ``func(*args)``; return ``(result, exception, warning messages)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        settings = ({"over": "warn", "divide": "warn", "invalid": "warn", "under": "ignore"}
                    if exercise.warning_hint else {"all": "ignore"})
        with np.errstate(**settings):
            try:
                result, exc = func(*args), None
            except Exception as error:  # noqa: BLE001 - any learner error becomes feedback
                result, exc = None, error
    messages = [f"{w.category.__name__}: {w.message}" for w in caught
                if exercise.warning_hint or not issubclass(w.category, RuntimeWarning)]
    return result, exc, messages


def _expected(exercise, case):
    """The reference's output on ``case``, read like a learner's answer."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        parts, _ = _reader(exercise)(exercise.reference(*case.fresh_args()), case)
    return parts


def _reader(exercise):
    return exercise.read or read_number("the answer")


def _computed(exercise, compute, case):
    """What ``compute`` (a mistake or variant) gives on ``case``, as parts, or None."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            parts, _ = _reader(exercise)(compute(*case.fresh_args()), case)
        except Exception:  # noqa: BLE001 - a mistake undefined on this case simply doesn't match
            return None
    return parts


def _changed(exercise, case, args):
    """Names of the arguments the call changed."""
    names = exercise.arg_names or tuple(f"argument {k + 1}" for k in range(len(args)))
    changed = []
    for name, before, after in zip(names, case.args, args):
        if isinstance(before, np.ndarray) and (np.shape(after) != before.shape
                                               or not np.array_equal(after, before, equal_nan=True)):
            changed.append(name)
    return " and ".join(changed)


def _uses_forbidden(func, names):
    """The first of ``names`` that ``func``'s code (or a function nested in it) refers to."""
    code = getattr(func, "__code__", None)
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        for name in names:
            if name in current.co_names:
                return name
        stack += [const for const in current.co_consts if hasattr(const, "co_names")]
    return None


def _show(part):
    """A part for a detail line: one number, or the array."""
    return fmt(float(part)) if part.size == 1 and part.ndim == 0 else fmt(part)


def _mismatch_details(exercise, case, got, expected):
    lines = [f"case: {case.name}"]
    for name, g, e in zip(exercise.outputs, got, expected):
        if g.shape != e.shape:
            lines.append(f"{name}: expected shape {e.shape}, got shape {g.shape}")
        else:
            lines.append(f"{name}: expected {_show(e)}, got {_show(g)}")
    return tuple(lines)


def _fail(exercise, cause, message, details=()):
    return Feedback(exercise.name, False, message, tuple(details), cause=cause)


def run_check(exercise, func):
    """Run the learner's ``func`` on every case of ``exercise`` and diagnose the result.

    Parameters
    ----------
    exercise : Exercise
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        ``cause`` names the diagnosis: ``"passed"``, a variant's or mistake's
        name, an error hint's name, or one of ``"not_a_function"``,
        ``"not_done"``, ``"raised"``, ``"form"``, ``"forbidden"``,
        ``"warning"``, ``"changed_in_place"``, ``"shape"``, ``"nonfinite"``,
        ``"mismatch"``.
    """
    if not callable(func):
        return _fail(exercise, "not_a_function", f"expected a function, got {type(func).__name__}.")
    forbidden = _uses_forbidden(func, exercise.forbidden)
    if forbidden:
        return _fail(exercise, "forbidden", f"your function calls {forbidden}, the course's own version: "
                     f"the exercise is to write {exercise.name} yourself, from the formula.")
    read = _reader(exercise)
    results, expected, caught, mutated = [], [], [], ""
    for case in exercise.cases:
        args = case.fresh_args()
        result, exc, messages = _call(exercise, func, args)
        caught += messages
        if exc is not None:
            return _exception_feedback(exercise, exc, case)
        if result is None:
            return _fail(exercise, "not_done", "your function returned None: replace the `...` placeholder "
                         "with your code (and end it with `return ...`), then run the cell again.")
        parts, hint = read(result, case)
        if hint is not None:
            return _fail(exercise, "form", hint, (f"case: {case.name}",))
        mutated = mutated or _changed(exercise, case, args)
        results.append(parts)
        expected.append(_expected(exercise, case))
    feedback = _diagnose(exercise, results, expected)
    if mutated and exercise.mutation_hint:
        in_place = exercise.mutation_hint.format(names=mutated)
        if feedback.passed:
            return _fail(exercise, "changed_in_place", f"the values are right, but {in_place}")
        return Feedback(exercise.name, False, feedback.message, (*feedback.details, f"also: {in_place}"),
                        cause=feedback.cause)
    if feedback.passed and caught and exercise.warning_hint:
        warned = "; ".join(dict.fromkeys(caught))
        return _fail(exercise, "warning", f"the values are right, but NumPy warned on the way ({warned}). "
                     f"{exercise.warning_hint}")
    return feedback


def _exception_feedback(exercise, exc, case):
    text = f"{type(exc).__name__}: {exc}"
    for error in exercise.error_hints:
        if error.matches(exc):
            return _fail(exercise, error.name, error.hint, (f"case: {case.name}", f"your function raised {text}"))
    return _fail(exercise, "raised", f"your function raised {text}", (f"case: {case.name}",))


def _diagnose(exercise, results, expected):
    """Passed, a variant, or the most specific hint for wrong results."""
    cases = exercise.cases
    tolerances = [exercise.tolerance(case) for case in cases]
    wrong = [k for k, (g, e, (rtol, atol)) in enumerate(zip(results, expected, tolerances))
             if not (_all_close(g, e, rtol, atol) and all(np.all(np.isfinite(p)) for p in g))]
    if not wrong:
        return Feedback(exercise.name, True, exercise.success, exercise.success_details, cause="passed")
    for variant in exercise.variants:
        if _explains(exercise, variant.compute, results, tolerances):
            return Feedback(exercise.name, True, variant.note, cause=variant.name)
    first = wrong[0]
    details = _mismatch_details(exercise, cases[first], results[first], expected[first])
    for mistake in exercise.mistakes:
        found = _explains(exercise, mistake.compute, results, tolerances)
        if found:
            return _fail(exercise, mistake.name, mistake.hint, details)
    partial = _partly_explained(exercise, results, expected, tolerances)
    if partial is not None:
        return _fail(exercise, partial[0], partial[1], details)
    case, got, want = cases[first], results[first], expected[first]
    for k, (name, g, e) in enumerate(zip(exercise.outputs, got, want)):
        if g.shape != e.shape:
            return _fail(exercise, "shape", _shape_message(exercise, k, name, g.shape, e.shape, case), details)
    if not all(np.all(np.isfinite(p)) for p in got):
        return _fail(exercise, "nonfinite", exercise.nonfinite_hint, details)
    if len(cases) > 1:
        message = (f"{exercise.fallback} (Right on {len(cases) - len(wrong)} of {len(cases)} cases; "
                   "the first wrong one is below.)")
    else:
        message = exercise.fallback
    return _fail(exercise, "mismatch", message, details)


def _explains(exercise, compute, results, tolerances):
    """True when ``compute`` reproduces the learner's output on every case (shapes and values)."""
    for case, got, (rtol, atol) in zip(exercise.cases, results, tolerances):
        wrong = _computed(exercise, compute, case)
        if wrong is None or len(wrong) != len(got):
            return False
        if not _all_close(got, wrong, max(rtol, 1e-9), atol, equal_nan=True):
            return False
    return True


def _partly_explained(exercise, results, expected, tolerances):
    """For multi-part answers: one part right, another matching a mistake's version of it."""
    if len(exercise.outputs) < 2:
        return None
    for mistake in exercise.mistakes:
        computed = [_computed(exercise, mistake.compute, case) for case in exercise.cases]
        if any(c is None or len(c) != len(exercise.outputs) for c in computed):
            continue
        for k, name in enumerate(exercise.outputs):
            ok = True
            for got, want, wrong, (rtol, atol) in zip(results, expected, computed, tolerances):
                others = [j for j in range(len(got)) if j != k]
                if not (_close(got[k], wrong[k], max(rtol, 1e-9), atol, equal_nan=True)
                        and not _close(wrong[k], want[k], rtol, atol)
                        and all(_close(got[j], want[j], rtol, atol) for j in others)):
                    ok = False
                    break
            if ok:
                right = ", ".join(exercise.outputs[j] for j in range(len(exercise.outputs)) if j != k)
                return mistake.name, f"{right} is right, but {name} is not. {mistake.hint}"
    return None


def _shape_message(exercise, k, name, got_shape, expected_shape, case):
    if exercise.shape_hint is not None:
        message = exercise.shape_hint(k, got_shape, expected_shape, case)
        if message:
            return message
    m = _examples(case)
    message = broadcast_hint(name, got_shape, expected_shape, m) if m else None
    if message:
        return message
    if expected_shape == ():
        return f"{name} must be a single number; yours has shape {got_shape}."
    return f"{name} must have shape {expected_shape}; yours has shape {got_shape}."


def _examples(case):
    """m, the number of rows of the case's first 2-D argument (None without one)."""
    for arg in case.args:
        if isinstance(arg, np.ndarray) and arg.ndim == 2:
            return arg.shape[0]
    return None


def never_raises(check):
    """Decorate a check so that it returns feedback instead of raising.

    Parameters
    ----------
    check : callable
        ``check(func) -> Feedback``, named ``check_<exercise>``.

    Returns
    -------
    callable
        The same check; an exception inside it (a case of a learner's answer
        nobody anticipated) becomes a failing :class:`Feedback` with cause
        ``"check_failed"``.
    """
    @functools.wraps(check)
    def wrapper(func, *args, **kwargs):
        try:
            return check(func, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a check must never stop the lab
            return Feedback(check.__name__.removeprefix("check_"), False,
                            f"the check could not understand your function's result ({type(exc).__name__}: "
                            f"{exc}). Compare your function with the exercise's instructions.",
                            cause="check_failed")
    return wrapper

