"""Tests for lab_utils.checks.cost: the check of the exercise compute_cost(X, y, w, b).

The learner functions below are written out independently (not taken from the
check's own list of wrong versions), the way a learner would write them.
"""

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import compute_cost_logistic, sigmoid
from lab_utils.checks.cost import COST_CASES, STABILITY_CASE, WRONG_VERSIONS, check_compute_cost
from lab_utils.checks.feedback import Feedback

# --- correct answers ---------------------------------------------------------------------------

def reference_solution(X, y, w, b):
    """The lab's reference solution (kept in sync with the <details> block)."""
    z = X @ w + b
    losses = np.logaddexp(0, z) - y * z
    return float(np.mean(losses))


def stable_with_where(X, y, w, b):
    """Another stable version: softplus written out with exp(-|z|)."""
    z = X @ w + b
    return np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)


def stable_but_mutates_inputs(X, y, w, b):
    """Correct, but scribbles over its inputs afterwards; later cases must not notice."""
    cost = reference_solution(X, y, w, b)
    X *= 0.0
    y[:] = 0
    w *= -1.0
    return cost


# --- typical wrong answers ---------------------------------------------------------------------

def stub(X, y, w, b):
    ...


def per_example_losses(X, y, w, b):
    z = X @ w + b
    return np.logaddexp(0, z) - y * z


def one_element_array(X, y, w, b):
    return np.array([reference_solution(X, y, w, b)])


def sign_flipped(X, y, w, b):
    f = sigmoid(X @ w + b)
    return np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))


def sigmoid_forgotten(X, y, w, b):
    f = X @ w + b
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def summed_not_averaged(X, y, w, b):
    f = sigmoid(X @ w + b)
    return np.sum(-y * np.log(f) - (1 - y) * np.log(1 - f))


def seed_000_slip(X, y, w, b):
    """The Q&A's cost_function: class-0 term added instead of subtracted."""
    predictions = sigmoid(X @ w + b)
    class1_cost = -y * np.log(predictions)
    class2_cost = (1 - y) * np.log(1 - predictions)
    return (class1_cost + class2_cost).sum() / len(y)


def divided_by_features(X, y, w, b):
    f = sigmoid(X @ w + b)
    return np.sum(-y * np.log(f) - (1 - y) * np.log(1 - f)) / X.shape[1]


def bias_forgotten(X, y, w, b):
    f = sigmoid(X @ w)
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def literal_formula(X, y, w, b):
    f = sigmoid(X @ w + b)
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def naive_sigmoid_formula(X, y, w, b):
    f = 1 / (1 + np.exp(-(X @ w + b)))   # overflows for z = -800
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def clipped_probabilities(X, y, w, b):
    f = np.clip(sigmoid(X @ w + b), 1e-15, 1 - 1e-15)
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def raises(X, y, w, b):
    return 1 / 0


def returns_text(X, y, w, b):
    return "0.37"


def garbage_value(X, y, w, b):
    return 42.0


WRONG_ANSWERS = [
    (stub, "returned None"),
    (per_example_losses, "the loss of every example"),
    (one_element_array, "wrong shape: you returned an array of shape (1,)"),
    (sign_flipped, "sign is flipped"),
    (sigmoid_forgotten, "Apply the sigmoid first"),
    (summed_not_averaged, "summed the losses instead of averaging"),
    (seed_000_slip, "the y = 0 term has the wrong sign"),
    (divided_by_features, "number of features"),
    (bias_forgotten, "ignores b"),
    (literal_formula, "numerically unstable"),
    (naive_sigmoid_formula, "numerically unstable"),
    (clipped_probabilities, "too small for large |z|"),
    (raises, "raised ZeroDivisionError"),
    (returns_text, "return the cost, a number"),
    (garbage_value, "your cost differs from the right one"),
    (3.7, "expected a function"),
]


def run_check_quietly(func):
    """Run the check and return its feedback, failing on any warning it lets out."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        feedback = check_compute_cost(func)
    assert not caught, [str(w.message) for w in caught]
    return feedback


# --- the cases themselves ----------------------------------------------------------------------

def loop_cost(X, y, w, b):
    """The cost with Python floats and math.log, one example at a time (independent reference)."""
    total = 0.0
    for x_i, y_i in zip(X.tolist(), y.tolist()):
        z = sum(w_j * x_j for w_j, x_j in zip(w.tolist(), x_i)) + b
        f = 1.0 / (1.0 + math.exp(-z))
        total += -y_i * math.log(f) - (1 - y_i) * math.log(1 - f)
    return total / len(y)


@pytest.mark.parametrize("case", COST_CASES, ids=lambda c: c.name)
def test_ordinary_cases_reference_values_are_right(case):
    assert compute_cost_logistic(case.X, case.y, case.w, case.b) == pytest.approx(
        loop_cost(case.X, case.y, case.w, case.b), rel=1e-12)


def test_first_case_is_the_published_setting():
    case = COST_CASES[0]
    assert compute_cost_logistic(case.X, case.y, case.w, case.b) == pytest.approx(0.36686678640551745, rel=1e-12)


def test_stability_case_has_large_scores_and_known_cost():
    z = STABILITY_CASE.X @ STABILITY_CASE.w + STABILITY_CASE.b
    assert np.max(np.abs(z)) == 800
    # losses 40, 40, ~0, ~0, 800, 800 -> mean 280
    assert compute_cost_logistic(STABILITY_CASE.X, STABILITY_CASE.y, STABILITY_CASE.w,
                                 STABILITY_CASE.b) == pytest.approx(280.0, rel=1e-15)


def test_sigmoid_forgotten_case_has_every_score_in_zero_one():
    z = COST_CASES[2].X @ COST_CASES[2].w + COST_CASES[2].b
    assert np.all((z > 0) & (z < 1))


# --- verdicts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("func", [reference_solution, stable_with_where, stable_but_mutates_inputs,
                                  compute_cost_logistic])
def test_correct_answers_pass(func):
    feedback = run_check_quietly(func)
    assert isinstance(feedback, Feedback)
    assert feedback.passed and bool(feedback)
    assert "matches lab_utils.compute_cost_logistic on all 5 cases" in feedback.message
    assert str(feedback).startswith("[PASSED] compute_cost")


def test_check_leaves_the_cases_unchanged():
    before = [(c.X.copy(), c.y.copy(), c.w.copy(), c.b) for c in COST_CASES]
    run_check_quietly(stable_but_mutates_inputs)
    for case, (X, y, w, b) in zip(COST_CASES, before):
        np.testing.assert_array_equal(case.X, X)
        np.testing.assert_array_equal(case.y, y)
        np.testing.assert_array_equal(case.w, w)
        assert case.b == b


@pytest.mark.parametrize("func, hint", WRONG_ANSWERS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_each_wrong_answer_fails_with_its_hint(func, hint):
    feedback = run_check_quietly(func)
    assert not feedback.passed and not bool(feedback)
    assert hint in feedback.message, feedback.message
    assert str(feedback).startswith("[NOT YET] compute_cost")


def test_hints_are_distinct_for_the_named_mistakes():
    named = WRONG_ANSWERS[:10]  # stub ... literal formula: one distinct mistake each
    hints = {run_check_quietly(func).message for func, _ in named}
    assert len(hints) == len(named)


@pytest.mark.parametrize("version, hint", WRONG_VERSIONS, ids=lambda v: getattr(v, "__name__", "hint"))
def test_every_catalogued_wrong_version_is_recognised(version, hint):
    assert run_check_quietly(version).message == hint


def test_unstable_feedback_names_the_case_and_the_values():
    feedback = run_check_quietly(literal_formula)
    assert feedback.details == ("case: large |z| (z = -40, 40, 40, -40, -800, 800)", "expected 280, got nan")
    assert "np.logaddexp(0, z)" in feedback.message


def test_wrong_value_feedback_shows_expected_and_received():
    feedback = run_check_quietly(seed_000_slip)
    assert feedback.details[0] == "case: the 6-example data, w = [1, 1], b = -3"
    assert feedback.details[1].startswith("expected 0.366866786406, got 0.0536050988873")


def test_check_prints_nothing(capsys):
    for func, _ in WRONG_ANSWERS:
        run_check_quietly(func)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_too_large_for_large_scores_gets_its_own_hint():
    def doubled_when_confident(X, y, w, b):
        z = X @ w + b
        losses = np.logaddexp(0, z) - y * z
        return float(np.mean(np.where(np.abs(z) > 20, 2 * losses, losses)))

    feedback = run_check_quietly(doubled_when_confident)
    assert not feedback.passed
    assert "wrong for large |z|" in feedback.message
    assert feedback.details[1].startswith("expected 280, got 560")
