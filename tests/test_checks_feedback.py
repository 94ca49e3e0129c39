"""The pieces every exercise check shares: calling the learner's function safely."""

import warnings

import numpy as np

from lab_utils.checks import Feedback, call_quietly, call_safely


def overflowing(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_call_safely_turns_an_exception_into_feedback():
    result, feedback = call_safely("sigmoid", lambda z: 1 / 0, 1.0)
    assert result is None and not feedback.passed
    assert feedback.message == "your function raised ZeroDivisionError: division by zero"


def test_call_safely_rejects_what_is_not_a_function():
    result, feedback = call_safely("sigmoid", 3, 1.0)
    assert result is None and feedback.message == "expected a function, got int"


def test_call_quietly_silences_floating_point_warnings_but_keeps_the_result():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning escaping call_quietly would raise here
        result, feedback = call_quietly("sigmoid", overflowing, np.array([-1000.0, 0.0]))
    assert feedback is None
    np.testing.assert_array_equal(result, [0.0, 0.5])


def test_call_quietly_still_reports_exceptions_and_restores_warnings():
    result, feedback = call_quietly("cost", lambda: [][0])
    assert result is None and isinstance(feedback, Feedback) and "IndexError" in feedback.message
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        overflowing(np.array([-1000.0]))
    assert any("overflow" in str(w.message) for w in caught)


def test_feedback_prints_a_verdict_line_and_its_details():
    feedback = Feedback("cost", False, "the sign is flipped.", ("case: one", "expected 1, got -1"), cause="sign")
    assert str(feedback) == "[NOT YET] cost: the sign is flipped.\n    case: one\n    expected 1, got -1"
    assert repr(feedback) == str(feedback) and not feedback and feedback.cause == "sign"
    assert bool(Feedback("cost", True, "well done.")) and str(Feedback("cost", True, "ok.")) == "[PASSED] cost: ok."
