"""Check for the exercise ``compute_cost(X, y, w, b)`` (chapter *Cost versus gradient*).

The learner's function runs on four ordinary cases and one case with large
``|z|``, against :func:`lab_utils.compute_cost_logistic`. Any correct formula
passes (``np.logaddexp``, ``np.where`` per label, a stable loop, scipy's
``log_expit``); each typical mistake below is named by its cause.

Used by ``labs/cost_vs_gradient_lab.ipynb``.
"""

from __future__ import annotations

import math

import numpy as np

from lab_utils import compute_cost_logistic, load_two_feature_data, sigmoid
from lab_utils.checks.framework import (
    Case,
    ErrorHint,
    Exercise,
    Mistake,
    float64_tolerance,
    never_raises,
    read_number,
    run_check,
)
from lab_utils.display import fmt

__all__ = ["COST", "COST_CASES", "NEGATIVE_CASE", "STABILITY_CASE", "check_compute_cost"]

ARGS = ("X", "y", "w", "b")
STABLE_FIX = ("Compute the loss from z instead: -y log(f) - (1 - y) log(1 - f) = log(1 + e^z) - y z, and "
              "np.logaddexp(0, z) computes log(1 + e^z) without overflow.")


def _case(name, X, y, w, b, kind="ordinary"):
    """A case whose tolerance is what float64 delivers: ``log(1 + e^z) - y z`` subtracts numbers of size |z|."""
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
    return Case(name, (X, y, w, b), rtol=1e-12, atol=float(float64_tolerance(1.0 + np.max(np.abs(z)), ulps=1024)),
                kind=kind)


def _ordinary_cases():
    X, y = load_two_feature_data()
    return (
        _case("the 6-example data, w = [1, 1], b = -3", X, y, np.array([1.0, 1.0]), -3.0),
        _case("the 6-example data, w = [1, 1], b = -4", X, y, np.array([1.0, 1.0]), -4.0),
        # Every z lies in (0, 1) here, so a cost that forgets the sigmoid is finite and recognisable.
        _case("the 6-example data, w = [0.1, 0.1], b = 0.05", X, y, np.array([0.1, 0.1]), 0.05),
        _case("5 examples with 3 features",
              np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.2], [-1.5, 0.4, 2.0], [2.2, 1.1, 0.0], [-0.7, -0.3, 1.4]]),
              np.array([1, 0, 0, 1, 1]), np.array([0.8, -0.5, 0.3]), 0.2),
    )


#: The ordinary cases: moderate z, where every correct formula agrees.
COST_CASES = _ordinary_cases()

#: z = -40, 40, 40, -40, -800, 800: confident predictions, right and wrong.
STABILITY_CASE = _case("large |z| (z = -40, 40, 40, -40, -800, 800)",
                       np.array([[-40.0], [40.0], [40.0], [-40.0], [-800.0], [800.0]]),
                       np.array([1, 0, 1, 0, 1, 0]), np.array([1.0]), 0.0, kind="stability")

#: Large |z| with no z above 709: tells a naive log(1 + e^z) (right here) from a log of sigmoid(z) (inf here).
NEGATIVE_CASE = _case("large negative z (z = -800, -40, 40)", np.array([[-800.0], [-40.0], [40.0]]),
                      np.array([1, 0, 1]), np.array([1.0]), 0.0, kind="stability")


# --- what each typical mistake computes ------------------------------------------------------

def _z(X, w, b):
    return X @ w + b


def _literal(X, y, w, b, log=np.log, z=None, use_sigmoid=True):
    """The per-example losses ``-y log f - (1 - y) log(1 - f)``, written literally."""
    z = _z(X, w, b) if z is None else z
    f = sigmoid(z) if use_sigmoid else z
    return -y * log(f) - (1 - y) * log(1 - f)


def _sign_flipped(X, y, w, b):
    return -np.mean(_literal(X, y, w, b))


def _no_sigmoid(X, y, w, b):
    return np.mean(_literal(X, y, w, b, use_sigmoid=False))


def _summed(X, y, w, b):
    return np.sum(_literal(X, y, w, b))


def _y0_sign_wrong(X, y, w, b):
    f = sigmoid(_z(X, w, b))
    return np.mean(-y * np.log(f) + (1 - y) * np.log(1 - f))


def _divided_by_n(X, y, w, b):
    return np.sum(_literal(X, y, w, b)) / X.shape[1]


def _bias_ignored(X, y, w, b):
    return np.mean(_literal(X, y, w, 0.0))


def _log10(X, y, w, b):
    return np.mean(_literal(X, y, w, b, log=np.log10))


def _column_predictions(X, y, w, b):
    """Predictions of shape (m, 1) against labels of shape (m,): an (m, m) table, then its mean."""
    return np.mean(_literal(X, y, w, b, z=_z(X, w, b)[:, None]))


def _losses_in_integer_array(X, y, w, b):
    """``losses = np.zeros_like(y)`` (integers), then ``losses[i] = ...`` truncates each loss."""
    return np.mean(np.trunc(_literal(X, y, w, b)))


def _predictions_in_integer_array(X, y, w, b):
    """``f = np.zeros_like(y)``, then ``f[i] = sigmoid(z_i)`` truncates every probability to 0 (or 1)."""
    f = np.trunc(sigmoid(_z(X, w, b)))
    return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))


def _naive_softplus(X, y, w, b):
    z = _z(X, w, b)
    return np.mean(np.log(1 + np.exp(z)) - y * z)


def _where_literal(X, y, w, b):
    f = sigmoid(_z(X, w, b))
    return np.mean(np.where(y == 1, -np.log(f), -np.log(1 - f)))


_MISTAKES = (
    Mistake("sign_flipped", _sign_flipped,
            "the sign is flipped: your cost is the negative of the right one. The loss is "
            "-y log(f) - (1 - y) log(1 - f): both logs are of numbers in (0, 1), so they are "
            "negative, and the minus signs make every loss (and the cost) >= 0.", only=("ordinary",)),
    Mistake("no_sigmoid", _no_sigmoid,
            "you used z = X @ w + b directly as the probability. Apply the sigmoid first: "
            "f = sigmoid(z) lies in (0, 1), which is what the logs need (log of z <= 0 is NaN).",
            only=("ordinary",)),
    Mistake("summed", _summed,
            "you summed the losses instead of averaging them: divide by m, the number of "
            "examples (X.shape[0]), or use np.mean.", only=("ordinary",)),
    Mistake("y0_sign_wrong", _y0_sign_wrong,
            "the y = 0 term has the wrong sign (the slip in the Q&A's cost_function). It must be "
            "-(1 - y) * log(1 - f): subtracted, like the y = 1 term, so that it is >= 0.", only=("ordinary",)),
    Mistake("divided_by_n", _divided_by_n,
            "you divided by the number of features (X.shape[1]) instead of the number of "
            "examples m (X.shape[0]).", only=("ordinary",)),
    Mistake("bias_ignored", _bias_ignored,
            "your cost ignores b: the model's score is z = X @ w + b, bias included.", only=("ordinary",)),
    Mistake("log10", _log10,
            "your cost is the right one divided by ln(10) = 2.303: you used np.log10, the base-10 "
            "logarithm. The log loss uses the natural logarithm, np.log (math.log).", only=("ordinary",)),
    Mistake("column_predictions", _column_predictions,
            "your predictions have shape (m, 1) while y has shape (m,): y * np.log(f) then broadcasts "
            "to an (m, m) table of every prediction against every label, and its mean is not the cost. "
            "Keep everything 1-D: compute z = X @ w + b with w of shape (n,), or flatten with .ravel().",
            only=("ordinary",)),
    Mistake("integer_losses", _losses_in_integer_array,
            "every loss lost its fractional part: the array you fill was made with np.zeros_like(y), and y "
            "holds integers, so losses[i] = ... stores int(loss). Create it as floats: np.zeros(m) "
            "(or np.zeros_like(y, dtype=float)).", only=("ordinary",)),
    Mistake("integer_predictions", _predictions_in_integer_array,
            "your probabilities were stored in an integer array (np.zeros_like(y), and y holds integers), "
            "so f[i] = sigmoid(z_i) keeps only int(f), 0, and log(0) = -inf. Create the array as floats: "
            "np.zeros(m) (or np.zeros_like(y, dtype=float)).", only=("ordinary",)),
    Mistake("naive_softplus", _naive_softplus,
            "your formula log(1 + e^z) - y z is right, but np.exp(z) overflows to inf for z > 709 "
            "(here z = 800), so log(1 + e^z) becomes inf. np.logaddexp(0, z) computes log(1 + e^z) "
            "without forming e^z; in a loop, use max(z, 0) + math.log1p(math.exp(-abs(z)))."),
    Mistake("unstable_where", _where_literal,
            "choosing the term per label with np.where is right, but for large |z| sigmoid(z) rounds to "
            "exactly 0 or 1 and -log(0) is inf. Compute each term from z: -log(sigmoid(z)) = "
            "np.logaddexp(0, -z) for y = 1, and -log(1 - sigmoid(z)) = np.logaddexp(0, z) for y = 0."),
)

_ERRORS = (
    ErrorHint("math_log_domain", (ValueError,), "math domain error",
              "math.log raised 'math domain error': it was given 0 (or a negative number). For a confident "
              "prediction (here |z| = 40 or 800) sigmoid(z) rounds to exactly 0 or 1, so log(f) or "
              "log(1 - f) is log(0). Compute each loss from z: max(z, 0) + math.log1p(math.exp(-abs(z))) - y * z "
              "in a loop, or np.logaddexp(0, z) - y * z with arrays."),
    ErrorHint("math_exp_overflow", (OverflowError,), "",
              "math.exp overflowed (it raises OverflowError above e^709; here z = 800). Never take exp of a "
              "large positive number: log(1 + e^z) = max(z, 0) + math.log1p(math.exp(-abs(z))), or "
              "np.logaddexp(0, z) with arrays."),
    ErrorHint("math_on_array", (TypeError,), "arrays can be converted to Python scalars",
              "math.log and math.exp work on one number at a time; on a whole array use np.log, np.exp "
              "(or np.logaddexp)."),
)


def _shape_hint(k, got_shape, expected_shape, case):
    """An array instead of one number: the per-example losses, or some other array."""
    if got_shape == (case.args[0].shape[0],):
        return (f"wrong shape: you returned an array of shape {got_shape}, the loss of every example. "
                "The cost is their average: return np.mean(...) of it.")
    return (f"wrong shape: you returned an array of shape {got_shape}; the cost is a single number (a "
            "scalar). Average the per-example losses over the m examples.")


def _explain(case, got, expected):
    """The large-|z| case wrong although the ordinary ones are right, with no mistake explaining it."""
    if case.kind != "stability":
        return None
    got, expected = float(got[0]), float(expected[0])
    if not math.isfinite(got):
        why = ("log(0) is -inf, and 0 * (-inf) is NaN" if math.isnan(got)
               else "and the log of 0 is -inf, so one loss is inf")
        return "unstable", (f"your formula is right for ordinary inputs, but it is numerically unstable: for "
                            f"large |z| it returns {fmt(got)}. There sigmoid(z) rounds to exactly 0 or 1, {why}. "
                            + STABLE_FIX)
    if got < expected:
        return "clipped", ("your formula is right for ordinary inputs, but too small for large |z| (clipping f "
                           "away from 0 and 1 caps each example's loss, at about 34.5 for a 1e-15 clip). "
                           + STABLE_FIX)
    return "stability", ("your formula is right for ordinary inputs, but wrong for large |z|. " + STABLE_FIX
                         + " Check that nothing in your code caps, rounds or replaces extreme values.")


COST = Exercise(
    name="compute_cost",
    reference=compute_cost_logistic,
    cases=COST_CASES + (STABILITY_CASE, NEGATIVE_CASE),
    arg_names=ARGS,
    outputs=("J",),
    read=read_number("the cost"),
    mistakes=_MISTAKES,
    error_hints=_ERRORS,
    explain=_explain,
    shape_hint=_shape_hint,
    forbidden=("compute_cost_logistic", "compute_cost_logistic_loop"),
    success=(f"your cost matches lab_utils.compute_cost_logistic on all {len(COST_CASES) + 2} cases, including "
             "very large |z|. Well done!"),
    success_details=(f"J = {fmt(compute_cost_logistic(*COST_CASES[0].args))} for {COST_CASES[0].name}",),
    fallback=("your cost differs from the right one. Compare your code with "
              "J = (1/m) sum_i [-y log(f) - (1 - y) log(1 - f)], f = sigmoid(X @ w + b), term by term."),
    nonfinite_hint=("your cost is NaN or inf for ordinary inputs. That usually comes from the log of a number "
                    "<= 0: take the logs of probabilities f = sigmoid(z), and check the brackets around "
                    "(1 - y) and (1 - f)."),
    # Each call gets copies, so a function that also changes its arguments harms nothing here: not judged.
    mutation_hint=None,
)


@never_raises
def check_compute_cost(func):
    """Check a learner's ``compute_cost(X, y, w, b)`` against :func:`lab_utils.compute_cost_logistic`.

    Parameters
    ----------
    func : callable
        The learner's function, called as ``func(X, y, w, b)``.

    Returns
    -------
    Feedback
        Passed when it agrees with the reference on every case, large ``|z|``
        included, to what float64 delivers (a relative 1e-12, or 1024 rounding
        errors of the size of ``|z|``); otherwise the most specific hint from
        :data:`COST`'s catalogue. Never raises.
    """
    return run_check(COST, func)
