"""Tests for lab_utils.checks.cost_vs_gradient: its cases, its tolerances, the lab's reference and the feedback's form.

Every learner answer (correct variants and mistakes) is in the table of
``tests/test_checks_answers.py``.
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from lab_utils import compute_cost_logistic
from lab_utils.checks.cost_vs_gradient import COST, COST_CASES, NEGATIVE_CASE, STABILITY_CASE, check_compute_cost

pytestmark = pytest.mark.filterwarnings("error")

LAB = Path(__file__).resolve().parent.parent / "labs" / "cost_vs_gradient_lab.ipynb"


def loop_cost(X, y, w, b):
    """The cost with Python floats and math.log, one example at a time (independent reference)."""
    total = 0.0
    for x_i, y_i in zip(X.tolist(), y.tolist()):
        z = sum(w_j * x_j for w_j, x_j in zip(w.tolist(), x_i)) + b
        f = 1.0 / (1.0 + math.exp(-z))
        total += -y_i * math.log(f) - (1 - y_i) * math.log(1 - f)
    return total / len(y)


def lab_solutions():
    cells = json.loads(LAB.read_text(encoding="utf-8"))["cells"]
    blocks = [block for cell in cells if cell["cell_type"] == "markdown" and "<details" in "".join(cell["source"])
              for block in re.findall(r"```python\n(.*?)```", "".join(cell["source"]), flags=re.S)]
    found = []
    for block in blocks:
        namespace = {"np": np}
        exec(block, namespace)  # noqa: S102 - the lab's own reference code
        if "compute_cost" in namespace:
            found.append(namespace["compute_cost"])
    return found


@pytest.mark.parametrize("case", COST_CASES, ids=lambda c: c.name)
def test_ordinary_cases_reference_values_are_right(case):
    assert compute_cost_logistic(*case.args) == pytest.approx(loop_cost(*case.args), rel=1e-12)


def test_first_case_is_the_published_setting():
    assert compute_cost_logistic(*COST_CASES[0].args) == pytest.approx(0.36686678640551745, rel=1e-12)


def test_stability_cases_have_large_scores_and_known_costs():
    X, y, w, b = STABILITY_CASE.args
    assert np.max(np.abs(X @ w + b)) == 800
    assert compute_cost_logistic(X, y, w, b) == pytest.approx(280.0, rel=1e-15)  # losses 40, 40, ~0, ~0, 800, 800
    X, y, w, b = NEGATIVE_CASE.args
    assert np.max(X @ w + b) < 709  # exp(z) never overflows here
    assert compute_cost_logistic(X, y, w, b) == pytest.approx(800 / 3, rel=1e-15)


def test_sigmoid_forgotten_case_has_every_score_in_zero_one():
    X, y, w, b = COST_CASES[2].args
    z = X @ w + b
    assert np.all((z > 0) & (z < 1))


def test_every_reference_solution_in_the_lab_passes():
    solutions = lab_solutions()
    assert solutions
    for solution in solutions:
        assert check_compute_cost(solution).passed


def test_the_library_function_gives_the_expected_values():
    for case in COST.cases:
        assert float(COST.reference(*case.fresh_args())) == compute_cost_logistic(*case.args)


def test_tolerance_accepts_rounding_and_rejects_a_real_difference():
    """A cost off by a few ulps passes; one off by a relative 1e-9 (far more than float64's error) fails."""
    def nudged(factor):
        def compute_cost(X, y, w, b):
            return compute_cost_logistic_copy(X, y, w, b) * factor
        return compute_cost

    assert check_compute_cost(nudged(1 + 4 * np.finfo(float).eps)).passed
    assert check_compute_cost(nudged(1 + 1e-9)).cause == "mismatch"


def compute_cost_logistic_copy(X, y, w, b):
    z = X @ w + b
    return np.mean(np.logaddexp(0, z) - y * z)


def test_feedback_details_name_the_case_and_the_values():
    def literal(X, y, w, b):
        f = 1 / (1 + np.exp(-(X @ w + b)))
        return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))

    with np.errstate(all="ignore"):
        feedback = check_compute_cost(literal)
    assert feedback.details == ("case: large |z| (z = -40, 40, 40, -40, -800, 800)", "expected 280, got nan")

    def slip(X, y, w, b):
        f = 1 / (1 + np.exp(-(X @ w + b)))
        return np.mean(-y * np.log(f) + (1 - y) * np.log(1 - f))

    feedback = check_compute_cost(slip)
    assert feedback.details == ("case: the 6-example data, w = [1, 1], b = -3",
                                "expected 0.366866786406, got 0.0536050988873")


def test_per_example_losses_show_the_expected_number():
    feedback = check_compute_cost(lambda X, y, w, b: np.logaddexp(0, X @ w + b) - y * (X @ w + b))
    assert feedback.details == ("case: the 6-example data, w = [1, 1], b = -3", "expected one number, 0.366866786406")
