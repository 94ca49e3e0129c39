"""Tests for lab_utils.checks.gradient: right answers pass, each typical mistake gets its hint.

The reference solutions are read from the lab itself (the ```python blocks inside
its collapsed <details> sections), so the solution a learner unfolds is the one
that is tested.
"""

import json
import math
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import compute_gradient_logistic
from lab_utils.checks import Feedback
from lab_utils.checks.gradient import check_compute_gradient, check_gradient_step

pytestmark = pytest.mark.filterwarnings("error")

LAB = Path(__file__).resolve().parent.parent / "labs" / "gradient_descent_lab.ipynb"


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --------------------------------------------------------------------------- #
# Reference solutions
# --------------------------------------------------------------------------- #

def solutions_in_lab(name):
    """Every function called ``name`` defined in a <details> code block of the lab."""
    cells = json.loads(LAB.read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or "<details" not in text:
            continue
        for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
            namespace = {}
            exec(block, namespace)  # noqa: S102 - the lab's own reference code
            if name in namespace:
                found.append(namespace[name])
    return found


@pytest.mark.parametrize("name, check", [("compute_gradient", check_compute_gradient),
                                         ("gradient_step", check_gradient_step)])
def test_every_reference_solution_in_the_lab_passes(name, check):
    solutions = solutions_in_lab(name)
    assert solutions, f"no reference solution for {name} found in {LAB.name}"
    for solution in solutions:
        feedback = check(solution)
        assert isinstance(feedback, Feedback)
        assert feedback.passed, str(feedback)
        assert "PASSED" in str(feedback)


def gradient_loop(X, y, w, b):
    m, n = X.shape
    dj_dw, dj_db = np.zeros(n), 0.0
    for i in range(m):
        err = 1 / (1 + math.exp(-(X[i] @ w + b))) - y[i]
        for j in range(n):
            dj_dw[j] += err * X[i, j]
        dj_db += err
    return dj_db / m, dj_dw / m


def test_a_loop_solution_with_a_plain_sigmoid_passes():
    assert check_compute_gradient(gradient_loop).passed


def test_the_library_function_itself_passes():
    assert check_compute_gradient(compute_gradient_logistic).passed


def test_a_step_returning_lists_and_numpy_scalars_passes():
    def step(X, y, w, b, alpha):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return list(w - alpha * dj_dw), np.float64(b - alpha * dj_db)

    assert check_gradient_step(step).passed


# --------------------------------------------------------------------------- #
# Exercise 1: wrong gradients
# --------------------------------------------------------------------------- #

def make_gradient(error, divisor="m", db_factor=1.0):
    """A vectorised gradient whose error term and divisor can be wrong."""
    def gradient(X, y, w, b):
        m, n = X.shape
        err = error(X, y, w, b)
        d = {"m": m, "n": n, "1": 1}[divisor]
        return db_factor * err.sum() / d, X.T @ err / d
    return gradient


def right_error(X, y, w, b):
    return sigmoid(X @ w + b) - y


def stub(X, y, w, b):
    ...


def swapped(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return dj_dw, dj_db


def column_gradient(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return dj_db, dj_dw.reshape(-1, 1)


def unsummed_gradient(X, y, w, b):
    err = right_error(X, y, w, b)
    return err.mean(), X * err[:, None] / len(y)


def per_example_gradient(X, y, w, b):
    err = right_error(X, y, w, b)
    return err.mean(), err / len(y)


def unsummed_bias(X, y, w, b):
    err = right_error(X, y, w, b)
    return err / len(y), X.T @ err / len(y)


def raises(X, y, w, b):
    return X @ np.append(w, 0.0)  # shapes (m, n) and (n + 1,) do not match


def modifies_w(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    w *= 0
    return dj_db, dj_dw


def db_in_inner_loop(X, y, w, b):
    m, n = X.shape
    dj_dw, dj_db = np.zeros(n), 0.0
    for i in range(m):
        err = sigmoid(X[i] @ w + b) - y[i]
        for j in range(n):
            dj_dw[j] += err * X[i, j]
            dj_db += err
    return dj_db / m, dj_dw / m


def only_db_sign_wrong(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return -dj_db, dj_dw


def nonsense(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return dj_db + 0.01, dj_dw


GRADIENT_MISTAKES = {
    "stub": (stub, "returned None"),
    "swapped outputs": (swapped, "you returned (dj_dw, dj_db): swap them"),
    "column dj_dw": (column_gradient, "dj_dw must have shape (2,)"),
    "not summed over examples": (unsummed_gradient, "one row per example"),
    "per example, not per feature": (per_example_gradient, "multiply by X.T, not X"),
    "dj_db per example": (unsummed_bias, "dj_db must be a single number"),
    "raises": (raises, "your function raised ValueError"),
    "modifies w": (modifies_w, "changed the caller's w"),
    "y - f": (make_gradient(lambda X, y, w, b: y - sigmoid(X @ w + b)), "as if you computed the error as y - f"),
    "no sigmoid": (make_gradient(lambda X, y, w, b: X @ w + b - y), "You forgot the sigmoid"),
    "sigmoid sign": (make_gradient(lambda X, y, w, b: 1 / (1 + np.exp(X @ w + b)) - y),
                     "wrong sign in the exponent"),
    "not divided by m": (make_gradient(right_error, divisor="1"), "m times too large"),
    "divided by n": (make_gradient(right_error, divisor="n"), "divided by n (the number of features)"),
    "no bias": (make_gradient(lambda X, y, w, b: sigmoid(X @ w) - y), "You forgot the bias"),
    "feature forgotten": (lambda X, y, w, b: (right_error(X, y, w, b).mean(),
                                              np.full(X.shape[1], right_error(X, y, w, b).mean())),
                          "same for every feature"),
    "extra sigmoid slope": (make_gradient(lambda X, y, w, b: right_error(X, y, w, b)
                                          * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))),
                            "f (1 - f), the sigmoid's slope"),
    "dj_db added in the inner loop": (db_in_inner_loop, "inside the loop over the features"),
    "only dj_db negated": (only_db_sign_wrong, "dj_dw is right, but dj_db is not. The sign is flipped"),
    "unexplained": (nonsense, "differ from the reference in 3 of 3 cases"),
}


@pytest.mark.parametrize("mistake", GRADIENT_MISTAKES)
def test_each_gradient_mistake_gets_its_hint(mistake):
    func, hint = GRADIENT_MISTAKES[mistake]
    feedback = check_compute_gradient(func)
    assert not feedback.passed
    assert hint in feedback.message, feedback.message
    assert "NOT YET" in str(feedback)


def test_gradient_feedback_shows_the_failing_case_with_expected_and_received_values():
    feedback = check_compute_gradient(make_gradient(right_error, divisor="1"))
    assert feedback.details[0] == "case: the lab's 6 examples, w = [2, 3], b = 1"
    assert feedback.details[1] == "dj_db: expected 0.498618065463, got 2.99170839278"


def test_checks_never_raise_on_strange_results():
    for result in [3.0, "abc", (1, 2, 3), ("a", "b"), (None, None)]:
        feedback = check_compute_gradient(lambda X, y, w, b, r=result: r)
        assert not feedback.passed
        feedback = check_gradient_step(lambda X, y, w, b, alpha, r=result: r)
        assert not feedback.passed
    assert not check_compute_gradient("not a function").passed


def test_gradient_nan_is_reported():
    feedback = check_compute_gradient(lambda X, y, w, b: (np.nan, np.zeros(X.shape[1])))
    assert "NaN or inf" in feedback.message


# --------------------------------------------------------------------------- #
# Exercise 2: wrong steps
# --------------------------------------------------------------------------- #

def gradient_at(X, y, w, b):
    return compute_gradient_logistic(X, y, w, b)


def step_stub(X, y, w, b, alpha):
    ...


def ascent(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    return w + alpha * dj_dw, b + alpha * dj_db


def no_alpha(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    return w - dj_dw, b - dj_db


def b_after_w(X, y, w, b, alpha):
    w = w - alpha * gradient_at(X, y, w, b)[1]
    b = b - alpha * gradient_at(X, y, w, b)[0]
    return w, b


def w_after_b(X, y, w, b, alpha):
    b = b - alpha * gradient_at(X, y, w, b)[0]
    w = w - alpha * gradient_at(X, y, w, b)[1]
    return w, b


def weights_in_turn(X, y, w, b, alpha):
    w = w.copy()
    dj_db = gradient_at(X, y, w, b)[0]
    for j in range(len(w)):
        w[j] = w[j] - alpha * gradient_at(X, y, w, b)[1][j]
    return w, b - alpha * dj_db


def everything_in_turn(X, y, w, b, alpha):
    w = w.copy()
    for j in range(len(w)):
        w[j] = w[j] - alpha * gradient_at(X, y, w, b)[1][j]
    return w, b - alpha * gradient_at(X, y, w, b)[0]


def in_place(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    w -= alpha * dj_dw
    return w, b - alpha * dj_db


def in_place_and_in_turn(X, y, w, b, alpha):
    for j in range(len(w)):
        w[j] = w[j] - alpha * gradient_at(X, y, w, b)[1][j]
    return w, b - alpha * gradient_at(X, y, w, b)[0]


def returns_b_w(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    return b - alpha * dj_db, w - alpha * dj_dw


def unpacked_backwards(X, y, w, b, alpha):
    dj_dw, dj_db = gradient_at(X, y, w, b)  # the library returns (dj_db, dj_dw)
    return w - alpha * dj_dw, b - alpha * dj_db


def returns_gradient(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    return dj_dw, dj_db


def only_b_ascends(X, y, w, b, alpha):
    dj_db, dj_dw = gradient_at(X, y, w, b)
    return w - alpha * dj_dw, b + alpha * dj_db


STEP_MISTAKES = {
    "stub": (step_stub, "returned None"),
    "wrong sign": (ascent, "Wrong sign"),
    "alpha forgotten": (no_alpha, "You forgot the learning rate"),
    "b uses the new w": (b_after_w, "you computed dj_db with the w you had already updated"),
    "w uses the new b": (w_after_b, "you computed dj_dw with the b you had already updated"),
    "weights one at a time": (weights_in_turn, "the gradient for w_1 used the new w_0"),
    "everything one at a time": (everything_in_turn, "you updated each weight and then b one after another"),
    "in place": (in_place, "the values are right, but your function changed the caller's w in place"),
    "(b, w) order": (returns_b_w, "you returned (b, w)"),
    "gradient unpacked backwards": (unpacked_backwards, "It returns (dj_db, dj_dw), in that order"),
    "returned the gradient": (returns_gradient, "You returned the gradient"),
    "only b's sign": (only_b_ascends, "w is right, but b is not. Wrong sign"),
}


@pytest.mark.parametrize("mistake", STEP_MISTAKES)
def test_each_step_mistake_gets_its_hint(mistake):
    func, hint = STEP_MISTAKES[mistake]
    feedback = check_gradient_step(func)
    assert not feedback.passed
    assert hint in feedback.message, feedback.message


def test_in_place_and_sequential_reports_both():
    feedback = check_gradient_step(in_place_and_in_turn)
    assert "one after another" in feedback.message
    assert any("changed the caller's w in place" in line for line in feedback.details)


def test_the_step_check_leaves_the_learners_arguments_alone_when_correct():
    calls = []

    def step(X, y, w, b, alpha):
        calls.append((X.copy(), w.copy(), b, alpha))
        dj_db, dj_dw = gradient_at(X, y, w, b)
        return w - alpha * dj_dw, b - alpha * dj_db

    assert check_gradient_step(step).passed
    assert [c[3] for c in calls] == [0.1, 0.5, 0.05]
    np.testing.assert_array_equal(calls[0][1], [2.0, 3.0])


def test_every_mistake_differs_from_the_right_answer():
    """A wrong variant equal to the right answer on every case could never be told apart."""
    from lab_utils.checks import gradient as module

    cases = [module._with_expected(c, module._step(c)) for c in module._cases()]
    for mistake, _ in module._step_mistakes():
        assert not all(module._close(mistake(c), c.expected) for c in cases)
    cases = [module._with_expected(c, compute_gradient_logistic(c.X, c.y, c.w, c.b)) for c in module._cases()]
    for mistake, _ in module._gradient_mistakes():
        assert not all(module._close(mistake(c), c.expected) for c in cases)
