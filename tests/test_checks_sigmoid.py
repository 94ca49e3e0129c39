"""Tests for lab_utils.checks.sigmoid: reference solutions pass, typical mistakes get their hint."""

import matplotlib

matplotlib.use("Agg")

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from lab_utils import sigmoid, sigmoid_derivative
from lab_utils.checks import Feedback
from lab_utils.checks.sigmoid import MODERATE, check_sigmoid, check_sigmoid_derivative

pytestmark = pytest.mark.filterwarnings("error")  # a check must never let a warning escape

LAB = Path(__file__).resolve().parent.parent / "labs" / "sigmoid_lab.ipynb"


def _math_sigmoid(z):
    """Independent reference for one moderate number, with the math module."""
    return 1.0 / (1.0 + math.exp(-z))


# --- the reference solutions -------------------------------------------------------------

def _lab_reference_solutions():
    """Python code blocks inside the lab's <details> blocks, in order."""
    cells = json.loads(LAB.read_text(encoding="utf-8"))["cells"]
    blocks = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "<details>" in source:
            blocks += re.findall(r"```python\n(.*?)```", source, flags=re.S)
    return blocks


def _define(code, name):
    """Run a reference solution in a fresh namespace and return the function it defines."""
    namespace = {"np": np, "sigmoid": sigmoid}
    exec(compile(code, f"<reference {name}>", "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace[name]


def test_lab_has_one_reference_solution_per_exercise():
    blocks = _lab_reference_solutions()
    assert len(blocks) == 2
    assert "def sigmoid_derivative" in blocks[0]
    assert "def sigmoid" in blocks[1]


def test_lab_reference_derivative_passes():
    func = _define(_lab_reference_solutions()[0], "sigmoid_derivative")
    feedback = check_sigmoid_derivative(func)
    assert feedback.passed, feedback
    assert "correct" in feedback.message


def test_lab_reference_sigmoid_passes():
    func = _define(_lab_reference_solutions()[1], "sigmoid")
    feedback = check_sigmoid(func)
    assert feedback.passed, feedback
    assert "stable" in feedback.message


def _quotient_derivative(z):
    """e^{-|z|} / (1 + e^{-|z|})^2: correct, stable, and written independently of lab_utils."""
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1 + e) ** 2


@pytest.mark.parametrize("func", [
    sigmoid_derivative,
    lambda z: sigmoid(z) * sigmoid(-z),
    _quotient_derivative,
    lambda z: [sigmoid(v) * (1 - sigmoid(v)) for v in z] if np.ndim(z) else sigmoid(z) * (1 - sigmoid(z)),
], ids=["lab_utils", "sigma(z)sigma(-z)", "stable quotient", "list comprehension"])
def test_other_correct_derivatives_pass(func):
    assert check_sigmoid_derivative(func).passed


def test_lab_utils_sigmoid_passes_its_own_check():
    assert check_sigmoid(sigmoid).passed


def test_passing_feedback_quotes_correct_numbers():
    feedback = check_sigmoid_derivative(sigmoid_derivative)
    s2 = _math_sigmoid(2.0)
    assert f"σ'(2) = {s2 * (1 - s2):.12g}" in str(feedback)
    assert "σ'(0) = 0.25" in str(feedback)


# --- typical mistakes in sigmoid_derivative ----------------------------------------------

def _naive(z):
    return 1 / (1 + np.exp(-z))


def _stub(z):
    ...


def _raises(z):
    raise ValueError("oops")


DERIVATIVE_MISTAKES = [
    ("stub", _stub, "returned None"),
    ("sigma itself", lambda z: sigmoid(z), "forgot the factor (1 - σ(z))"),
    ("only 1 - sigma", lambda z: 1 - sigmoid(z), "missing the factor σ(z)"),
    ("quotient, denominator not squared", lambda z: np.exp(-z) / (1 + np.exp(-z)), "denominator not squared"),
    ("1 + sigma", lambda z: sigmoid(z) * (1 + sigmoid(z)), "you used (1 + σ(z))"),
    ("sigma squared", lambda z: sigmoid(z) * sigmoid(z), "multiplied σ(z) by σ(z)"),
    ("1 - z", lambda z: sigmoid(z) * (1 - z), "you used 1 - z"),
    ("missing brackets", lambda z: sigmoid(z) * 1 - sigmoid(z), "Check the brackets"),
    ("flipped sign", lambda z: -sigmoid(z) * (1 - sigmoid(z)), "wrong sign"),
    ("scalar in, array out", lambda z: np.atleast_1d(sigmoid_derivative(z)),
     "a single number in should give a single number out"),
    ("array in, number out", lambda z: float(np.sum(sigmoid_derivative(z))),
     "but a single number came out"),
    ("flattened", lambda z: np.ravel(sigmoid_derivative(z)), "went in but the result has shape (6,)"),
    ("math.exp", lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2, "works on a single number but fails"),
    ("overflowing quotient", lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2, "overflowed"),
    ("naive sigmoid inside", lambda z: _naive(z) * (1 - _naive(z)), "NumPy warned"),
    ("raises", _raises, "raised ValueError: oops"),
    ("returns text", lambda z: "slope", "returned a str, not numbers"),
    ("something else", lambda z: sigmoid(z) / 2, "some values differ"),
]


@pytest.mark.parametrize("func, hint", [m[1:] for m in DERIVATIVE_MISTAKES],
                         ids=[m[0] for m in DERIVATIVE_MISTAKES])
def test_derivative_mistake_gets_its_hint(func, hint):
    feedback = check_sigmoid_derivative(func)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed
    assert hint in feedback.message, feedback


def test_wrong_values_are_shown_with_the_expected_ones():
    feedback = check_sigmoid_derivative(lambda z: sigmoid(z) * 1 - sigmoid(z))
    s = _math_sigmoid(-4.0)
    assert feedback.details == (f"z = -4: expected {s * (1 - s):.12g}, got 0",)


def test_nan_hint_names_the_input_that_overflowed():
    feedback = check_sigmoid_derivative(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    assert "at z = -1000 your function returned nan" in feedback.message


def test_the_check_passes_copies_of_its_inputs():
    before = MODERATE.copy()

    def correct_but_destructive(z):
        result = sigmoid(z) * (1 - sigmoid(z))
        if np.ndim(z):
            z[...] = 0.0  # ruins its argument
        return result

    assert check_sigmoid_derivative(correct_but_destructive).passed
    np.testing.assert_array_equal(MODERATE, before)


@pytest.mark.parametrize("not_a_function", [None, 3, "sigmoid_derivative"])
def test_non_callables_are_reported(not_a_function):
    for check in (check_sigmoid_derivative, check_sigmoid):
        feedback = check(not_a_function)
        assert not feedback.passed
        assert "expected a function" in feedback.message


# --- typical mistakes in sigmoid -----------------------------------------------------------

def _where_both_branches(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def _one_minus_for_negatives(z):
    z = np.asarray(z, dtype=float)
    positive = 1 / (1 + np.exp(-np.abs(z)))
    return np.where(z >= 0, positive, 1 - positive)


SIGMOID_MISTAKES = [
    ("stub", _stub, "returned None"),
    ("naive", _naive, "NumPy warned"),
    ("np.where, both branches overflow", _where_both_branches, "computes both branches"),
    ("math.exp", lambda z: 1 / (1 + math.exp(-z)), "works on a single number but fails"),
    ("vectorised math.exp", np.vectorize(lambda v: 1 / (1 + math.exp(-v))), "math.exp overflowed"),
    ("e^z / (1 + e^z) everywhere", lambda z: np.exp(z) / (1 + np.exp(z)), "overflow: at z = 800"),
    ("1 - sigma(|z|) for z < 0", _one_minus_for_negatives, "lost precision for very negative z"),
    ("sigma(|z|)", lambda z: 1 / (1 + np.exp(-np.abs(z))), "you returned σ(|z|)"),
    ("exponent sign", lambda z: 1 / (1 + np.exp(np.asarray(z, dtype=float).clip(-700, 700))),
     "the exponent needs a minus sign"),
    ("denominator only", lambda z: 1 + np.exp(-np.asarray(z, dtype=float).clip(-700, 700)),
     "take its reciprocal"),
    ("returned the slope", sigmoid_derivative, "the slope, not the sigmoid"),
    ("flattened", lambda z: np.ravel(sigmoid(z)), "went in but the result has shape (6,)"),
    ("something else", lambda z: sigmoid(z) + 0.01, "some values differ from 1/(1 + e^(-z))"),
]


@pytest.mark.parametrize("func, hint", [m[1:] for m in SIGMOID_MISTAKES],
                         ids=[m[0] for m in SIGMOID_MISTAKES])
def test_sigmoid_mistake_gets_its_hint(func, hint):
    feedback = check_sigmoid(func)
    assert not feedback.passed
    assert hint in feedback.message, feedback


def test_precision_hint_shows_the_tiny_true_value():
    feedback = check_sigmoid(_one_minus_for_negatives)
    assert f"σ(-30) = {_math_sigmoid(-30.0):.3g}" in feedback.message
    assert feedback.details[0].startswith(f"z = -30: expected {_math_sigmoid(-30.0):.12g}")


def test_feedback_prints_as_a_verdict_line():
    text = str(check_sigmoid(sigmoid))
    assert text.startswith("[PASSED] sigmoid: ")
    assert str(check_sigmoid(_stub)).startswith("[NOT YET] sigmoid: ")
