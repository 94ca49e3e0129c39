"""Tests for lab_utils.checks.gradient_derivation: its cases, the lab's reference solutions and the feedback's form.

The reference solutions are read from the lab itself (the ```python blocks inside
its collapsed <details> sections), so the solution a learner unfolds is the one
that is tested. Every learner answer is in the table of ``tests/test_checks_answers.py``.
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from lab_utils import compute_gradient_logistic, compute_gradient_logistic_loop
from lab_utils.checks.gradient_derivation import CASES, STEP_CASES, check_compute_gradient, check_gradient_step

pytestmark = pytest.mark.filterwarnings("error")

LAB = Path(__file__).resolve().parent.parent / "labs" / "gradient_derivation_lab.ipynb"


def solutions_in_lab(name, source=False):
    """Every function called ``name`` defined in a <details> code block of the lab (with its code if asked)."""
    found = []
    for cell in json.loads(LAB.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or "<details" not in text:
            continue
        for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
            namespace = {}
            exec(block, namespace)  # noqa: S102 - the lab's own reference code
            if name in namespace:
                found.append((block, namespace[name]) if source else namespace[name])
    return found


@pytest.mark.parametrize("name, check", [("compute_gradient", check_compute_gradient),
                                         ("gradient_step", check_gradient_step)])
def test_every_reference_solution_in_the_lab_passes(name, check):
    solutions = solutions_in_lab(name)
    assert solutions, f"no reference solution for {name} found in {LAB.name}"
    for solution in solutions:
        feedback = check(solution)
        assert feedback.passed, str(feedback)


def test_the_lab_shows_a_loop_solution_and_it_survives_large_scores():
    loops = [func for code, func in solutions_in_lab("compute_gradient", source=True) if "for i in range" in code]
    assert loops, "the lab's loop solution is missing"
    X, y, w, b = CASES[-1].args
    for loop in loops:
        np.testing.assert_allclose(loop(X, y, w, b)[1], compute_gradient_logistic(X, y, w, b)[1], rtol=1e-12)


def test_stability_case_reaches_beyond_exp_overflow():
    X, y, w, b = CASES[-1].args
    z = X @ w + b
    assert z.min() < -709 and z.max() > 709
    with pytest.raises(OverflowError):
        math.exp(-z.min())


def test_the_library_functions_pass():
    # the loop version is a reference too, so it is forbidden as an answer, but its values are right
    for case in CASES:
        for got, want in zip(compute_gradient_logistic_loop(*case.args), compute_gradient_logistic(*case.args)):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    assert check_compute_gradient(compute_gradient_logistic).passed


def test_step_cases_match_the_gradient_cases():
    assert [c.args[:4] for c in STEP_CASES] == [c.args for c in CASES]


def test_success_quotes_the_published_gradient():
    def vectorised(X, y, w, b):
        err = 1 / (1 + np.exp(-np.clip(X @ w + b, -500, 500))) - y
        return err.mean(), X.T @ err / len(y)

    feedback = check_compute_gradient(vectorised)
    assert feedback.passed
    assert "dj_db = 0.498618065463, dj_dw = [0.498333393279 0.49883942984]" in feedback.message


def test_gradient_feedback_shows_the_failing_case_with_expected_and_received_values():
    def not_divided(X, y, w, b):
        err = 1 / (1 + np.exp(-np.clip(X @ w + b, -500, 500))) - y
        return err.sum(), X.T @ err

    feedback = check_compute_gradient(not_divided)
    assert feedback.details[0] == "case: the lab's 6 examples, w = [2, 3], b = 1"
    assert feedback.details[1] == "dj_db: expected 0.498618065463, got 2.99170839278"


def test_checks_never_raise_on_strange_results():
    for result in [3.0, "abc", (1, 2, 3), ("a", "b"), (None, None), ([1, [2]], 0)]:
        assert not check_compute_gradient(lambda X, y, w, b, r=result: r).passed
        assert not check_gradient_step(lambda X, y, w, b, alpha, r=result: r).passed
    assert not check_compute_gradient("not a function").passed


def test_in_place_and_sequential_reports_both():
    def both(X, y, w, b, alpha):
        for j in range(len(w)):
            w[j] -= alpha * compute_gradient_logistic(X, y, w, b)[1][j]
        return w, b - alpha * compute_gradient_logistic(X, y, w, b)[0]

    feedback = check_gradient_step(both)
    assert feedback.cause == "everything_in_turn"
    assert feedback.details[-1].startswith("also: your function changed the caller's w in place")
