"""Tests for lab_utils.checks.framework: the pieces every exercise check is made of."""

import warnings

import numpy as np
import pytest

from lab_utils.checks import Case, ErrorHint, Exercise, Feedback, Mistake, Variant, never_raises, run_check
from lab_utils.checks.framework import EPS, as_float_array, broadcast_hint, float64_tolerance, read_tuple


def double(x):
    return 2 * x


DOUBLE = Exercise(
    name="double",
    reference=double,
    arg_names=("x",),
    cases=(Case("a vector", (np.array([1.0, -2.0, 3.0]),)), Case("big", (np.array([1e6]),), kind="big")),
    mistakes=(Mistake("squared", lambda x: x ** 2, "you squared x."),
              Mistake("same_as_right", lambda x: x + x, "never shown: this is the right answer."),
              Mistake("plus_one", lambda x: 2 * x + 1, "you added 1.", only=("ordinary",))),
    error_hints=(ErrorHint("zero", (ZeroDivisionError,), "", "you divided by zero."),),
    variants=(Variant("tripled", lambda x: 3 * x, "tripled is fine too."),),
    success="doubled.",
)


@never_raises
def check_double(func):
    return run_check(DOUBLE, func)


def test_as_float_array_converts_numbers_and_refuses_the_rest():
    assert as_float_array([1, 2]).dtype == np.float64
    assert as_float_array(np.float32(0.5)).shape == ()
    for value in (None, "0.5", b"1", [1, [2, 3]], object()):
        assert as_float_array(value) is None


def test_float64_tolerance_counts_rounding_errors_of_the_given_size():
    assert float64_tolerance(1.0, ulps=1) == EPS
    np.testing.assert_allclose(float64_tolerance([1.0, 800.0], ulps=64), [64 * EPS, 64 * EPS * 800])


def test_right_and_variant_answers_pass():
    assert check_double(lambda x: x * 2).cause == "passed"
    feedback = check_double(lambda x: x * 3)
    assert feedback.passed and feedback.cause == "tripled" and feedback.message == "tripled is fine too."


def test_a_mistake_is_named_only_if_it_differs_from_the_right_answer():
    assert check_double(lambda x: x ** 2).cause == "squared"
    # plus_one is judged on the ordinary cases only: wrong there, so named, whatever happens on "big"
    assert check_double(lambda x: 2 * x + 1 if x.size > 1 else 0 * x).cause == "plus_one"
    assert check_double(lambda x: 2 * x + 0.5).cause == "mismatch"


def test_errors_stub_form_and_non_functions():
    assert check_double(lambda x: 1 / 0).cause == "zero"
    assert check_double(lambda x: [][0]).cause == "raised"
    assert check_double(lambda x: None).cause == "not_done"
    assert check_double(lambda x: "two").cause == "form"
    assert check_double(42).cause == "not_a_function"


def test_changing_an_argument_in_place_is_reported_even_when_right():
    def doubles_in_place(x):
        x *= 2
        return x

    feedback = check_double(doubles_in_place)
    assert not feedback.passed and feedback.cause == "changed_in_place"
    assert "changed the caller's x" in feedback.message


def test_cases_are_never_changed_by_the_learner():
    before = DOUBLE.cases[0].args[0].copy()
    check_double(lambda x: x.fill(0))
    np.testing.assert_array_equal(DOUBLE.cases[0].args[0], before)


def test_forbidden_names_are_found_in_nested_functions_too():
    spec = Exercise(name="double", reference=double, cases=DOUBLE.cases, forbidden=("double",))

    def learner(x):
        def inner(v):
            return double(v)
        return inner(x)

    assert run_check(spec, learner).cause == "forbidden"


def test_warnings_fail_only_when_the_exercise_asks():
    def warns(x):
        np.exp(np.array([1000.0]))
        return 2 * x

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_double(warns).passed
        strict = Exercise(name="double", reference=double, cases=DOUBLE.cases, warning_hint="avoid overflow.")
        feedback = run_check(strict, warns)
    assert feedback.cause == "warning" and "overflow encountered in exp" in feedback.message


def test_never_raises_turns_a_broken_check_into_feedback():
    @never_raises
    def check_broken(func):
        raise RuntimeError("boom")

    feedback = check_broken(len)
    assert isinstance(feedback, Feedback) and not feedback.passed and feedback.cause == "check_failed"
    assert "RuntimeError: boom" in feedback.message


def test_strange_results_never_raise():
    class Hostile:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

        def __len__(self):
            raise RuntimeError("no")

    for result in (Hostile(), (Hostile(), 1), {"a": 1}, np.array([np.nan]), [1, [2]], float("inf")):
        assert not check_double(lambda x, r=result: r).passed


def test_broadcast_hint_names_shape_broadcast_and_fix():
    hint = broadcast_hint("dj_dw", (2, 6), (2,), 6)
    for words in ("shape (2, 6)", "(6, 1)", "(6,)", "(6, 6)", "X @ w", ".ravel()"):
        assert words in hint
    assert broadcast_hint("preds", (6, 6), (6,), 6) is not None
    assert broadcast_hint("dj_dw", (6, 2), (2,), 6) is None  # not summed: a different mistake


def test_multi_part_answers_name_the_part_that_is_wrong():
    spec = Exercise(name="pair", reference=lambda x: (x.sum(), 2 * x), cases=(Case("v", (np.arange(3.0),)),),
                    outputs=("total", "twice"), read=read_tuple(("total", "twice"), "`return total, twice`"),
                    mistakes=(Mistake("negated", lambda x: (-x.sum(), -2 * x), "you negated it."),))
    feedback = run_check(spec, lambda x: (-x.sum(), 2 * x))
    assert feedback.cause == "negated"
    assert feedback.message.startswith("twice is right, but total is not.")
    assert feedback.details == ("case: v", "total: expected 3, got -3", "twice: expected [0 2 4], got [0 2 4]")
    assert run_check(spec, lambda x: x).cause == "form"


@pytest.mark.parametrize("bad", [np.array([1.0, 2.0]), np.ones((3, 1))])
def test_wrong_shapes_are_stated(bad):
    feedback = check_double(lambda x, r=bad: r)
    assert feedback.cause == "shape" and "must have shape (3,)" in feedback.message
