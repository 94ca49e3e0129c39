"""Checks for the exercises ``compute_cost_reg`` and ``compute_gradient_reg`` (regularisation lab).

Both are written on :mod:`lab_utils.checks.framework`. The learner's function
is run on the original course's seeded example, on the six examples and on a
case with negative weights and a large bias, each with ``lambda_ > 0``, plus
one case with ``lambda_ = 0``. The references are
:func:`lab_utils.compute_cost_logistic_reg` and
:func:`lab_utils.compute_gradient_logistic_reg`; each typical mistake
(regularising ``b``, the wrong constant in front of the penalty, summing
``w`` instead of ``w**2``, ...) is a function computing what that mistake
gives, so the hint names it.

Tolerances: every case has moderate scores ``|z| < 10``, where a literal
``-y log(f) - (1 - y) log(1 - f)`` and the stable ``log(1 + e^z) - y z``
agree to about 1e-15 relative; ``rtol = 1e-9`` accepts both and any order of
summation, and still separates every mistake below (each changes the result
by more than 1e-3 relative on at least one case).

Used by ``labs/regularization_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.checks.framework import Case, ErrorHint, Exercise, Mistake, never_raises, read_tuple, run_check
from lab_utils.cost import compute_cost_logistic
from lab_utils.datasets import load_two_feature_data
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.regularization import compute_cost_logistic_reg, compute_gradient_logistic_reg

__all__ = ["COST_REG", "GRADIENT_REG", "REG_CASES", "check_compute_cost_reg", "check_compute_gradient_reg"]

ARG_NAMES = ("X", "y", "w", "b", "lambda_")


def _published_case(n_features, centre_w):
    """The original lab's inputs: ``np.random.seed(1)``, 5 examples, ``lambda_ = 0.7``."""
    rng = np.random.RandomState(1)  # the original lab's legacy generator, to reproduce its inputs
    X = rng.rand(5, n_features)
    w = rng.rand(n_features) - (0.5 if centre_w else 0.0)
    return X, np.array([0, 1, 0, 1, 0]), w, 0.5, 0.7


def _cases():
    X6, y6 = load_two_feature_data()
    X_neg = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.2], [-1.5, 0.4, 2.0], [2.2, 1.1, 0.0], [-0.7, -0.3, 1.4]])
    return (
        Case("the original lab's example (seed 1, 5 x 6, lambda_ = 0.7)", _published_case(6, True)),
        Case("the original lab's gradient example (seed 1, 5 x 3, lambda_ = 0.7)", _published_case(3, False)),
        Case("the 6-example data, w = [2, -1], b = 0.5, lambda_ = 3",
             (X6, y6, np.array([2.0, -1.0]), 0.5, 3.0)),
        Case("5 examples, w = [0.8, -1.5, 0.3], b = -2, lambda_ = 1.2",
             (X_neg, np.array([1, 0, 0, 1, 1]), np.array([0.8, -1.5, 0.3]), -2.0, 1.2)),
        Case("the 6-example data, w = [1, 1], b = -3, lambda_ = 0 (no regularisation)",
             (X6, y6, np.array([1.0, 1.0]), -3.0, 0.0)),
    )


#: The cases both checks use.
REG_CASES = _cases()


def _m(X):
    return X.shape[0]


def _five_arguments(name):
    """The error a function defined without ``lambda_`` raises when the check passes five arguments."""
    return ErrorHint("lambda_missing", (TypeError,), "positional argument",
                     f"your function does not take five arguments: define it as {name}(X, y, w, b, lambda_).")


# --- the cost -----------------------------------------------------------------------------------

def _cost_with_penalty(penalty):
    """A cost whose data term is right and whose penalty is ``penalty(X, w, b, lambda_)``."""
    def cost(X, y, w, b, lambda_):
        return compute_cost_logistic(X, y, w, b) + penalty(X, w, b, lambda_)
    return cost


COST_MISTAKES = (
    Mistake("no_penalty", _cost_with_penalty(lambda X, w, b, lam: 0.0),
            "your cost has no regularisation term: add (lambda_ / (2 * m)) * np.sum(w ** 2) to the "
            "average loss."),
    Mistake("regularised_b", _cost_with_penalty(lambda X, w, b, lam: lam / (2 * _m(X)) * (w @ w + b * b)),
            "you regularised b as well: the penalty is (lambda_ / (2 m)) * sum of w_j ** 2 over the weights "
            "only. The bias just shifts every score and is not penalised."),
    Mistake("lambda_over_m", _cost_with_penalty(lambda X, w, b, lam: lam / _m(X) * (w @ w)),
            "your penalty is (lambda_ / m) * sum(w ** 2), twice too large: the cost has lambda_ / (2 * m). "
            "The lambda_ / m belongs to the gradient, after differentiating w_j ** 2 gives 2 w_j."),
    Mistake("summed_w", _cost_with_penalty(lambda X, w, b, lam: lam / (2 * _m(X)) * np.sum(w)),
            "you summed the weights instead of their squares: the penalty is "
            "(lambda_ / (2 * m)) * np.sum(w ** 2). Without the square, negative weights would lower the cost."),
    Mistake("summed_abs_w", _cost_with_penalty(lambda X, w, b, lam: lam / (2 * _m(X)) * np.sum(np.abs(w))),
            "you summed |w_j| (that is L1 regularisation): this exercise is L2, "
            "(lambda_ / (2 * m)) * np.sum(w ** 2)."),
    Mistake("squared_sum", _cost_with_penalty(lambda X, w, b, lam: lam / (2 * _m(X)) * np.sum(w) ** 2),
            "you squared the sum of the weights, (sum w_j) ** 2; square each weight first and then add: "
            "np.sum(w ** 2)."),
    Mistake("not_divided_by_m", _cost_with_penalty(lambda X, w, b, lam: lam / 2 * (w @ w)),
            "your penalty is not divided by m: it is (lambda_ / (2 * m)) * np.sum(w ** 2), with m = X.shape[0] "
            "the number of examples, like the average loss."),
    Mistake("divided_by_n", _cost_with_penalty(lambda X, w, b, lam: lam / (2 * X.shape[1]) * (w @ w)),
            "you divided the penalty by the number of features n (X.shape[1] or len(w)); divide by the number "
            "of examples m = X.shape[0]."),
    Mistake("penalty_subtracted", _cost_with_penalty(lambda X, w, b, lam: -lam / (2 * _m(X)) * (w @ w)),
            "you subtracted the penalty: it is added, so that large weights make the cost larger."),
)

def _cost_shape_hint(k, got_shape, expected_shape, case):
    m = case.args[0].shape[0]
    if got_shape == (m,):
        return (f"the cost must be a single number; yours has shape {got_shape}, one value per example. "
                "Average the per-example losses (np.mean) and then add the penalty once.")
    return f"the cost must be a single number; yours has shape {got_shape}."


COST_REG = Exercise(
    name="compute_cost_reg",
    reference=compute_cost_logistic_reg,
    cases=REG_CASES,
    arg_names=ARG_NAMES,
    outputs=("the cost",),
    mistakes=COST_MISTAKES,
    error_hints=(_five_arguments("compute_cost_reg"),),
    success="your regularised cost matches lab_utils.compute_cost_logistic_reg on every case, "
            "including the original lab's published example. Well done!",
    fallback="your cost differs from the right one. Compute the average log loss as before, then add "
             "(lambda_ / (2 * m)) * np.sum(w ** 2).",
    shape_hint=_cost_shape_hint,
    rtol=1e-9,
    atol=1e-12,
)


@never_raises
def check_compute_cost_reg(func):
    """Check a learner's ``compute_cost_reg(X, y, w, b, lambda_)``.

    Parameters
    ----------
    func : callable

    Returns
    -------
    Feedback
        Passed when it agrees with :func:`lab_utils.compute_cost_logistic_reg`
        on every case; otherwise a hint naming the mistake: no penalty,
        ``b`` regularised, ``lambda_ / m`` instead of ``lambda_ / (2 m)``,
        ``sum(w)`` or ``sum(|w|)`` or ``sum(w)**2`` instead of ``sum(w**2)``,
        no division by ``m``, division by ``n``, the penalty subtracted.
        Never raises.
    """
    return run_check(COST_REG, func)


# --- the gradient -------------------------------------------------------------------------------

def _gradient_with(extra_w, extra_b=lambda X, b, lam: 0.0):
    """A gradient whose data terms are right, plus ``extra_w`` on dj_dw and ``extra_b`` on dj_db."""
    def gradient(X, y, w, b, lambda_):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return dj_db + extra_b(X, b, lambda_), dj_dw + extra_w(X, w, lambda_)
    return gradient


def _swapped(X, y, w, b, lambda_):
    dj_db, dj_dw = compute_gradient_logistic_reg(X, y, w, b, lambda_)
    return dj_dw, dj_db


GRADIENT_MISTAKES = (
    Mistake("swapped", _swapped,
            "you returned (dj_dw, dj_db); the course's order is (dj_db, dj_dw): return dj_db, dj_dw."),
    Mistake("no_penalty", _gradient_with(lambda X, w, lam: 0.0 * w),
            "your gradient has no regularisation term: add (lambda_ / m) * w to dj_dw."),
    Mistake("regularised_b", _gradient_with(lambda X, w, lam: lam / _m(X) * w, lambda X, b, lam: lam / _m(X) * b),
            "you regularised b as well: dj_db has no penalty term, because the cost's penalty involves only the "
            "weights. Add (lambda_ / m) * w to dj_dw only."),
    Mistake("lambda_over_2m", _gradient_with(lambda X, w, lam: lam / (2 * _m(X)) * w),
            "your penalty term is (lambda_ / (2 m)) * w, half the right size: the derivative of "
            "(lambda_ / (2 m)) * w_j ** 2 is (lambda_ / m) * w_j, because the 2 from the square cancels the 1/2."),
    Mistake("not_divided_by_m", _gradient_with(lambda X, w, lam: lam * w),
            "your penalty term is lambda_ * w: divide it by m = X.shape[0], (lambda_ / m) * w."),
    Mistake("squared_w", _gradient_with(lambda X, w, lam: lam / _m(X) * w ** 2),
            "your penalty term is (lambda_ / m) * w ** 2; the derivative of w_j ** 2 is 2 w_j, so the term is "
            "(lambda_ / m) * w, with no square."),
    Mistake("constant_penalty", _gradient_with(lambda X, w, lam: lam / _m(X) + 0.0 * w),
            "you added lambda_ / m to every component of dj_dw; the term is (lambda_ / m) * w, proportional to "
            "each weight."),
    Mistake("penalty_subtracted", _gradient_with(lambda X, w, lam: -lam / _m(X) * w),
            "you subtracted (lambda_ / m) * w; it is added, so that each step shrinks the weights."),
)


def _gradient_shape_hint(k, got_shape, expected_shape, case):
    if k == 1 and len(got_shape) == 2 and got_shape[0] * got_shape[1] == expected_shape[0]:
        return (f"dj_dw has shape {got_shape} instead of {expected_shape}: keep it 1-D, like w "
                "(for example X.T @ err / m with err of shape (m,), or .ravel() at the end).")
    if k == 0 and got_shape != ():
        return f"dj_db must be one number; yours has shape {got_shape}. It is the mean of the errors f - y."
    return None


GRADIENT_REG = Exercise(
    name="compute_gradient_reg",
    reference=compute_gradient_logistic_reg,
    cases=REG_CASES,
    arg_names=ARG_NAMES,
    outputs=("dj_db", "dj_dw"),
    read=read_tuple(("dj_db", "dj_dw"), "as `return dj_db, dj_dw`"),
    mistakes=GRADIENT_MISTAKES,
    error_hints=(_five_arguments("compute_gradient_reg"),),
    success="your regularised gradient matches lab_utils.compute_gradient_logistic_reg on every case, "
            "including the original lab's published example. Well done!",
    fallback="your gradient differs from the right one. Compute dj_db and dj_dw as without regularisation, "
             "then add (lambda_ / m) * w to dj_dw (and nothing to dj_db).",
    shape_hint=_gradient_shape_hint,
    rtol=1e-9,
    atol=1e-12,
)


@never_raises
def check_compute_gradient_reg(func):
    """Check a learner's ``compute_gradient_reg(X, y, w, b, lambda_)`` returning ``(dj_db, dj_dw)``.

    Parameters
    ----------
    func : callable

    Returns
    -------
    Feedback
        Passed when it agrees with :func:`lab_utils.compute_gradient_logistic_reg`
        on every case; otherwise a hint naming the mistake: the two outputs
        swapped, no penalty, ``b`` regularised, ``lambda_ / (2 m)`` instead of
        ``lambda_ / m``, no division by ``m``, ``w**2`` instead of ``w``, a
        constant instead of ``w``, the penalty subtracted. Never raises.
    """
    return run_check(GRADIENT_REG, func)
