"""Checks for the two exercises of the gradient descent lab.

* :func:`check_compute_gradient` checks a learner's
  ``compute_gradient(X, y, w, b) -> (dj_db, dj_dw)``;
* :func:`check_gradient_step` checks a learner's
  ``gradient_step(X, y, w, b, alpha) -> (w, b)``.

Both run the learner's function on three ordinary cases and one with
``|z|`` up to 800 (where ``math.exp(-z)`` overflows for ``z < -709``),
against :func:`lab_utils.compute_gradient_logistic`, and name each typical
mistake of :data:`GRADIENT` and :data:`STEP` by its cause.

Used by ``labs/gradient_derivation_lab.ipynb``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from lab_utils import compute_gradient_logistic, load_tumor_data, load_two_feature_data, sigmoid
from lab_utils.checks.framework import (
    Case,
    ErrorHint,
    Exercise,
    Mistake,
    float64_tolerance,
    never_raises,
    read_tuple,
    run_check,
)
from lab_utils.display import fmt

__all__ = ["CASES", "GRADIENT", "STEP", "STEP_CASES", "check_compute_gradient", "check_gradient_step"]


def _case(name, X, y, w, b, alpha, kind="ordinary"):
    """A case with the tolerance float64 delivers.

    Each error f - y is within a few rounding errors of size ``1 + |z|`` (the
    sigmoid's condition number grows with ``|z|``); it is multiplied by
    features up to ``max |X|`` and summed over the examples.
    """
    z = X @ w + b
    scale = (1.0 + np.max(np.abs(X))) * (1.0 + np.max(np.abs(z)))
    return Case(name, (X, y, w, b, alpha), rtol=1e-12, atol=float(float64_tolerance(scale, ulps=256)), kind=kind)


def _cases():
    """The lab's data first, then two others, then large |z|."""
    X, y = load_two_feature_data()
    x_tumour, y_tumour = load_tumor_data()
    X_mixed = np.array([[0.3, -1.2, 2.0], [1.5, 0.4, -0.7], [-0.8, 1.1, 0.5], [2.2, -0.3, 1.4],
                        [-1.6, -0.9, -1.1], [0.7, 2.3, 0.2], [-0.2, 0.6, -1.8]])
    return (
        _case("the lab's 6 examples, w = [2, 3], b = 1", X.astype(float), y, np.array([2.0, 3.0]), 1.0, 0.1),
        _case("7 examples with 3 features, w = [0.5, -1, 0.8], b = -0.3", X_mixed, np.array([1, 0, 1, 1, 0, 1, 0]),
              np.array([0.5, -1.0, 0.8]), -0.3, 0.5),
        _case("the tumour data (1 feature), w = [1.2], b = -2.5", x_tumour.reshape(-1, 1), y_tumour,
              np.array([1.2]), -2.5, 0.05),
        _case("large |z| (z = -800, -720, -30, 0.5, 30, 720, 800)",
              np.array([[-800.0, 1.0], [-720.0, -1.0], [-30.0, 2.0], [0.5, 0.0], [30.0, -2.0], [720.0, 1.0],
                        [800.0, 0.5]]),
              np.array([0, 1, 0, 1, 1, 0, 1]), np.array([1.0, 0.0]), 0.0, 0.01, kind="stability"),
    )


#: Cases of gradient_step: ``(X, y, w, b, alpha)``.
STEP_CASES = _cases()
#: Cases of compute_gradient: the same without alpha.
CASES = tuple(replace(case, args=case.args[:4]) for case in STEP_CASES)


def _errors(X, y, w, b):
    return sigmoid(X @ w + b) - y


def _from_errors(X, err, divisor):
    """``(sum(err) / divisor, X.T @ err / divisor)``."""
    return err.sum() / divisor, X.T @ err / divisor


# --------------------------------------------------------------------------- #
# Exercise 1: compute_gradient(X, y, w, b) -> (dj_db, dj_dw)
# --------------------------------------------------------------------------- #

def _gradient_mistake(name, error, hint, divisor=None):
    """A mistake whose gradient is the usual formula with a wrong error term (or divisor)."""
    def compute(X, y, w, b):
        return _from_errors(X, error(X, y, w, b), X.shape[0] if divisor is None else divisor(X))
    return Mistake(name, compute, hint)


def _feature_forgotten(X, y, w, b):
    mean_error = _errors(X, y, w, b).mean()
    return mean_error, np.full(X.shape[1], mean_error)


def _db_in_inner_loop(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return X.shape[1] * dj_db, dj_dw


def _swapped(X, y, w, b):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return dj_dw, dj_db


def _sigmoid_slope(z):
    """``sigma(z) (1 - sigma(z))``, for the mistake that keeps the sigmoid's slope."""
    s = sigmoid(z)
    return s * (1 - s)


def _column_predictions(X, y, w, b):
    """Predictions of shape (m, 1) minus labels of shape (m,): an (m, m) error table."""
    err = sigmoid(X @ w + b)[:, None] - y
    return err.sum() / X.shape[0], X.T @ err / X.shape[0]


_GRADIENT_MISTAKES = (
    _gradient_mistake("y_minus_f", lambda X, y, w, b: -_errors(X, y, w, b),
                      "The sign is flipped, as if you computed the error as y - f. The gradient uses "
                      "f - y (prediction minus label); with y - f, gradient descent would walk uphill."),
    _gradient_mistake("no_sigmoid", lambda X, y, w, b: X @ w + b - y,
                      "You forgot the sigmoid: the prediction is f = sigmoid(w . x + b), not w . x + b "
                      "(that would be linear regression's gradient)."),
    _gradient_mistake("sigmoid_sign", lambda X, y, w, b: sigmoid(-(X @ w + b)) - y,
                      "Your sigmoid has the wrong sign in the exponent: it should be 1 / (1 + exp(-z)), "
                      "not 1 / (1 + exp(z))."),
    _gradient_mistake("not_divided_by_m", _errors,
                      "The values are m times too large: divide the sums by m, the number of examples "
                      "(the cost is an average, so its gradient is one too).", divisor=lambda X: 1),
    _gradient_mistake("divided_by_n", _errors,
                      "You divided by n (the number of features) instead of m (the number of examples); "
                      "note that m, n = X.shape, in that order.", divisor=lambda X: X.shape[1]),
    _gradient_mistake("no_bias", lambda X, y, w, b: sigmoid(X @ w) - y,
                      "You forgot the bias: the prediction is sigmoid(w . x + b), with + b."),
    Mistake("feature_forgotten", _feature_forgotten,
            "Each dj_dw[j] must multiply the error of example i by its feature x_j of that example "
            "(X[i, j]) before summing; yours is the same for every feature."),
    _gradient_mistake("sigmoid_slope", lambda X, y, w, b: _errors(X, y, w, b) * _sigmoid_slope(X @ w + b),
                      "You multiplied the error by f (1 - f), the sigmoid's slope. With the logistic cost that "
                      "factor cancels out (see the chapter's derivation), leaving just (f - y) x_j."),
    Mistake("db_in_inner_loop", _db_in_inner_loop,
            "dj_db is n times too large: you add the error to dj_db inside the loop over the "
            "features. Add it once per example, outside the inner loop."),
    Mistake("swapped", _swapped,
            "you returned (dj_dw, dj_db): swap them. This course returns dj_db first, "
            "`return dj_db, dj_dw`, like lab_utils.compute_gradient_logistic."),
    Mistake("column_predictions", _column_predictions,
            "your predictions have shape (m, 1) while y has shape (m,), so f - y broadcasts to an (m, m) "
            "table of every prediction against every label, and dj_dw gets an extra axis of length m. "
            "Keep everything 1-D: compute z = X @ w + b with w of shape (n,), or flatten with .ravel()."),
    _gradient_mistake("integer_errors", lambda X, y, w, b: np.trunc(_errors(X, y, w, b)),
                      "every error f - y was cut to an integer (0 for nearly all examples): the array you fill "
                      "was made with np.zeros_like(y), and y holds integers, so err[i] = ... stores int(f - y). "
                      "Create it as floats: np.zeros(m) (or np.zeros_like(y, dtype=float))."),
    _gradient_mistake("integer_predictions", lambda X, y, w, b: np.trunc(sigmoid(X @ w + b)) - y,
                      "your predictions were stored in an integer array (np.zeros_like(y), and y holds "
                      "integers), so f[i] = sigmoid(z_i) keeps only int(f), which is 0. Create it as floats: "
                      "np.zeros(m) (or np.zeros_like(y, dtype=float))."),
)


_OVERFLOW = ErrorHint(
    "math_exp_overflow", (OverflowError,), "",
    "math.exp overflowed: it raises OverflowError above e^709, and 1 / (1 + math.exp(-z)) takes e^(-z), "
    "which for z < -709 (here z = -720 and -800) is beyond float64. Choose the formula by the sign of z: "
    "1 / (1 + exp(-z)) for z >= 0, exp(z) / (1 + exp(z)) for z < 0, or call lab_utils.sigmoid.")
_MATH_ON_ARRAY = ErrorHint(
    "math_on_array", (TypeError,), "arrays can be converted to Python scalars",
    "math.exp works on one number at a time; on a whole array use np.exp (or lab_utils.sigmoid).")


def _gradient_shape_hint(k, got_shape, expected_shape, case):
    """Hints for dj_db (k = 0) or dj_dw (k = 1) of the wrong shape."""
    m, n = case.args[0].shape
    if k == 0:
        how = " one per example: sum the errors over the examples and divide by m" if got_shape == (m,) else ""
        return f"dj_db must be a single number; yours has shape {got_shape}{':' + how if how else ''}."
    if got_shape in ((n, 1), (1, n)):
        how = "use a 1-D w of shape (n,) and a 1-D error of shape (m,), or flatten the result with .ravel()"
    elif got_shape == (m, n):
        how = "one row per example: sum the rows (over the examples) and divide by m"
    elif got_shape == (m,):
        how = "one value per example instead of per feature: multiply by X.T, not X"
    else:
        return None
    return f"dj_dw must have shape ({n},), one entry per feature; yours has shape {got_shape}: {how}."


_PUBLISHED = compute_gradient_logistic(*CASES[0].args)

GRADIENT = Exercise(
    name="compute_gradient",
    reference=compute_gradient_logistic,
    cases=CASES,
    arg_names=("X", "y", "w", "b"),
    outputs=("dj_db", "dj_dw"),
    read=read_tuple(("dj_db", "dj_dw"), "`return dj_db, dj_dw`"),
    mistakes=_GRADIENT_MISTAKES,
    error_hints=(_OVERFLOW, _MATH_ON_ARRAY),
    shape_hint=_gradient_shape_hint,
    forbidden=("compute_gradient_logistic", "compute_gradient_logistic_loop"),
    success=(f"correct on all {len(CASES)} cases, including the lab's published gradient "
             f"dj_db = {fmt(_PUBLISHED[0])}, dj_dw = {fmt(_PUBLISHED[1])}, and scores as large as |z| = 800."),
    fallback="your values differ from the reference. Compare your steps with the formulas in the lab.",
    nonfinite_hint="your result contains NaN or inf; check for a division by zero or log(0).",
    mutation_hint="your function changed the caller's {names}: a gradient only reads its inputs, it must not "
                  "modify them.",
)


@never_raises
def check_compute_gradient(func):
    """Check a learner's ``compute_gradient(X, y, w, b) -> (dj_db, dj_dw)``.

    Parameters
    ----------
    func : callable
        The learner's function.

    Returns
    -------
    Feedback
        Passed when both parts agree with :func:`lab_utils.compute_gradient_logistic`
        on every case (large ``|z|`` included) to what float64 delivers;
        otherwise the most specific hint of :data:`GRADIENT`. Never raises.
    """
    return run_check(GRADIENT, func)


# --------------------------------------------------------------------------- #
# Exercise 2: gradient_step(X, y, w, b, alpha) -> (w, b)
# --------------------------------------------------------------------------- #

def _step(X, y, w, b, alpha):
    """The correct, simultaneous step."""
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return w - alpha * dj_dw, b - alpha * dj_db


def _ascend(X, y, w, b, alpha):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return w + alpha * dj_dw, b + alpha * dj_db


def _no_alpha(X, y, w, b, alpha):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return w - dj_dw, b - dj_db


def _b_after_w(X, y, w, b, alpha):
    w_new = _step(X, y, w, b, alpha)[0]
    return w_new, b - alpha * compute_gradient_logistic(X, y, w_new, b)[0]


def _w_after_b(X, y, w, b, alpha):
    b_new = _step(X, y, w, b, alpha)[1]
    return w - alpha * compute_gradient_logistic(X, y, w, b_new)[1], b_new


def _weights_in_turn(X, y, w, b, alpha):
    """Weights updated one by one, each with the gradient at the partly updated w."""
    w = np.array(w, dtype=float)
    for j in range(w.size):
        w[j] -= alpha * compute_gradient_logistic(X, y, w, b)[1][j]
    return w


def _one_weight_at_a_time(X, y, w, b, alpha):
    return _weights_in_turn(X, y, w, b, alpha), _step(X, y, w, b, alpha)[1]


def _everything_in_turn(X, y, w, b, alpha):
    w_new = _weights_in_turn(X, y, w, b, alpha)
    return w_new, b - alpha * compute_gradient_logistic(X, y, w_new, b)[0]


def _returned_gradient(X, y, w, b, alpha):
    dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
    return dj_dw, dj_db


def _step_swapped(X, y, w, b, alpha):
    w_new, b_new = _step(X, y, w, b, alpha)
    return b_new, w_new


def _unpacked_backwards(X, y, w, b, alpha):
    """``dj_dw, dj_db = compute_gradient_logistic(...)``: each name holds the other part."""
    dj_dw, dj_db = compute_gradient_logistic(X, y, w, b)
    return w - alpha * dj_dw, b - alpha * dj_db


_NOT_TOGETHER = " Compute the whole gradient from the old (w, b) first, then update w and b together."

_STEP_MISTAKES = (
    Mistake("ascend", _ascend, "Wrong sign: you added alpha times the gradient, which climbs the cost. "
                               "Gradient descent subtracts it: w - alpha * dj_dw and b - alpha * dj_db."),
    Mistake("no_alpha", _no_alpha, "You forgot the learning rate: multiply the gradient by alpha before "
                                   "subtracting it."),
    Mistake("b_after_w", _b_after_w, "The updates are not simultaneous: you computed dj_db with the w you had "
                                     "already updated." + _NOT_TOGETHER),
    Mistake("w_after_b", _w_after_b, "The updates are not simultaneous: you computed dj_dw with the b you had "
                                     "already updated." + _NOT_TOGETHER),
    Mistake("one_weight_at_a_time", _one_weight_at_a_time,
            "The updates are not simultaneous: you updated the weights one after another, so the gradient for "
            "w_1 used the new w_0." + _NOT_TOGETHER),
    Mistake("everything_in_turn", _everything_in_turn,
            "The updates are not simultaneous: you updated each weight and then b one after another, each with "
            "a gradient that used the parameters already updated." + _NOT_TOGETHER),
    Mistake("returned_gradient", _returned_gradient,
            "You returned the gradient (dj_dw, dj_db), not the new parameters: "
            "return w - alpha * dj_dw, b - alpha * dj_db."),
    Mistake("swapped", _step_swapped, "you returned (b, w): return them in the order (w, b)."),
    Mistake("unpacked_backwards", _unpacked_backwards,
            "your b is an array with one value per feature. Did you unpack compute_gradient_logistic as "
            "dj_dw, dj_db? It returns (dj_db, dj_dw), in that order."),
)

_UNFINISHED_GRADIENT = ErrorHint(
    "unfinished_gradient", (TypeError,), "NoneType",
    "a function your gradient_step calls returned None, most likely your compute_gradient from exercise 1, "
    "which still has the `...` placeholder (it returns None, which cannot be unpacked into dj_db, dj_dw). "
    "Finish exercise 1 first, or call lab_utils' compute_gradient_logistic instead.")


def _step_shape_hint(k, got_shape, expected_shape, case):
    n = case.args[0].shape[1]
    if k == 1:
        return f"b must be a single number; yours has shape {got_shape}."
    return f"w must keep its shape ({n},); yours has shape {got_shape}."


STEP = Exercise(
    name="gradient_step",
    reference=_step,
    cases=STEP_CASES,
    arg_names=("X", "y", "w", "b", "alpha"),
    outputs=("w", "b"),
    read=read_tuple(("w", "b"), "`return w, b`"),
    mistakes=_STEP_MISTAKES,
    error_hints=(_UNFINISHED_GRADIENT, _OVERFLOW, _MATH_ON_ARRAY),
    shape_hint=_step_shape_hint,
    success=f"correct on all {len(CASES)} cases: w and b move together, against the gradient, by alpha times "
            "its size.",
    fallback=("your values differ from the reference. Compare your steps with the formulas in the lab; if "
              "your step calls your own compute_gradient, make sure check_compute_gradient passes it first."),
    nonfinite_hint="your result contains NaN or inf.",
    mutation_hint="your function changed the caller's {names} in place (with w -= ... or w[j] = ...). Build a new "
                  "array instead, w = w - alpha * dj_dw, so the caller's starting point stays as it was.",
)


@never_raises
def check_gradient_step(func):
    """Check a learner's ``gradient_step(X, y, w, b, alpha) -> (w, b)``.

    Parameters
    ----------
    func : callable
        The learner's function: one step of gradient descent.

    Returns
    -------
    Feedback
        Passed when the new ``(w, b)`` agree with one simultaneous step of
        :func:`lab_utils.compute_gradient_logistic` on every case and the
        caller's arrays are left unchanged; otherwise the most specific hint
        of :data:`STEP`. Never raises.
    """
    return run_check(STEP, func)
