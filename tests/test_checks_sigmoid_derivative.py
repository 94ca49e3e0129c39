"""Tests for lab_utils.checks.sigmoid_derivative: the lab's references, the tolerances, the feedback's form.

Every learner answer (clip, tanh, expit, ... and each mistake) is in the table of
``tests/test_checks_answers.py``.
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from lab_utils import sigmoid, sigmoid_derivative
from lab_utils.checks.sigmoid_derivative import (
    ATOL,
    EXTREME_SIGMOID,
    MODERATE,
    RTOL,
    check_sigmoid,
    check_sigmoid_derivative,
)

pytestmark = pytest.mark.filterwarnings("error")  # a check must never let a warning escape

LAB = Path(__file__).resolve().parent.parent / "labs" / "sigmoid_derivative_lab.ipynb"


def lab_reference_solutions():
    """Python code blocks inside the lab's <details> blocks, in order."""
    blocks = []
    for cell in json.loads(LAB.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "<details>" in source:
            blocks += re.findall(r"```python\n(.*?)```", source, flags=re.S)
    return blocks


def define(code, name):
    namespace = {"np": np, "sigmoid": sigmoid}
    exec(compile(code, f"<reference {name}>", "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace[name]


def test_lab_reference_solutions_pass():
    blocks = lab_reference_solutions()
    assert len(blocks) == 2
    assert check_sigmoid_derivative(define(blocks[0], "sigmoid_derivative")).passed
    assert check_sigmoid(define(blocks[1], "sigmoid")).passed


def test_lab_utils_functions_pass_their_own_checks():
    assert check_sigmoid(sigmoid).passed
    assert check_sigmoid_derivative(sigmoid_derivative).passed


def test_the_tolerance_is_what_float64_delivers():
    """The tanh form is exact to rounding errors of 1, not relative to tiny values; the check allows that."""
    tanh_form = 0.5 * (1 + np.tanh(EXTREME_SIGMOID / 2))
    exact = sigmoid(EXTREME_SIGMOID)
    assert np.max(np.abs(tanh_form - exact) / np.maximum(exact, 1e-300)) > RTOL  # a relative test would reject it
    assert np.max(np.abs(tanh_form - exact)) <= ATOL
    assert ATOL < 1e-14  # while sigma(-30) = 9.4e-14, what a clip at ±30 gets wrong, is still caught
    assert sigmoid(-30.0) > 10 * ATOL


def test_passing_feedback_quotes_correct_numbers():
    feedback = check_sigmoid_derivative(sigmoid_derivative)
    s2 = 1 / (1 + math.exp(-2.0))
    assert f"σ'(2) = {s2 * (1 - s2):.12g}" in str(feedback)
    assert "σ'(0) = 0.25" in str(feedback)


def test_wrong_values_are_shown_with_the_expected_ones():
    feedback = check_sigmoid_derivative(lambda z: sigmoid(z) * 1 - sigmoid(z))
    s = 1 / (1 + math.exp(4.0))
    assert feedback.details == (f"z = -4: expected {s * (1 - s):.12g}, got 0",)


def test_the_check_passes_copies_of_its_inputs():
    before = MODERATE.copy()

    def correct_but_destructive(z):
        result = sigmoid(z) * (1 - sigmoid(z))
        if np.ndim(z):
            z[...] = 0.0
        return result

    assert check_sigmoid_derivative(correct_but_destructive).passed
    np.testing.assert_array_equal(MODERATE, before)


@pytest.mark.parametrize("not_a_function", [None, 3, "sigmoid_derivative"])
def test_non_callables_are_reported(not_a_function):
    for check in (check_sigmoid_derivative, check_sigmoid):
        feedback = check(not_a_function)
        assert not feedback.passed and "expected a function" in feedback.message


def test_the_naive_formula_message_stays_what_the_lab_shows():
    feedback = check_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert str(feedback) == (
        "[NOT YET] sigmoid: the values are right, but NumPy warned on the way (RuntimeWarning: overflow "
        "encountered in exp). Your code still takes exp of a large positive number somewhere. If you used "
        "np.where, remember that it computes both branches for every element before choosing; compute "
        "e = np.exp(-np.abs(z)) once and build both branches from it.")
