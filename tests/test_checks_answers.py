"""The table of learner answers: every correct variant passes, every typical mistake gets its own hint.

Each row is what a learner might type in a lab's exercise cell (the code of
their function), the verdict the check must give, the cause it must name
(``Feedback.cause``) and words its message must contain. The code runs in a
namespace holding only what the lab's learner has at that point: ``np``,
``math`` and ``lab_utils``' ``sigmoid`` (never the reference the exercise asks
for).

The tests at the bottom prove that the table is complete: every mistake and
every error hint in each check's catalogue has a row, each named cause has its
own message, and no check lets a warning or a print escape.
"""

import math
import textwrap
import warnings
from dataclasses import dataclass

import numpy as np
import pytest

from lab_utils import sigmoid
from lab_utils.checks.cost_vs_gradient import COST, check_compute_cost
from lab_utils.checks.feature_scaling import SCALE_NEW, ZSCORE, check_scale_new, check_zscore
from lab_utils.checks.gradient_derivation import GRADIENT, STEP, check_compute_gradient, check_gradient_step
from lab_utils.checks.sigmoid_derivative import DERIVATIVE, SIGMOID, check_sigmoid, check_sigmoid_derivative

#: exercise name -> (check function, Exercise, name of the learner's function)
CHECKS = {
    "compute_cost": (check_compute_cost, COST),
    "compute_gradient": (check_compute_gradient, GRADIENT),
    "gradient_step": (check_gradient_step, STEP),
    "sigmoid": (check_sigmoid, SIGMOID),
    "sigmoid_derivative": (check_sigmoid_derivative, DERIVATIVE),
    "zscore_normalize": (check_zscore, ZSCORE),
    "scale_new_examples": (check_scale_new, SCALE_NEW),
}

PASS, FAIL = True, False


@dataclass(frozen=True)
class Row:
    """One learner answer and what the check must say about it."""

    exercise: str
    label: str
    code: str
    passed: bool
    cause: str
    words: tuple = ()

    def function(self):
        namespace = {"np": np, "math": math, "sigmoid": sigmoid}
        exec(textwrap.dedent(self.code), namespace)  # noqa: S102 - the table's own learner code
        return namespace[self.exercise]


def rows(exercise, *entries):
    return [Row(exercise, *entry) for entry in entries]


# --------------------------------------------------------------------------- #
# compute_cost(X, y, w, b)
# --------------------------------------------------------------------------- #

COST_ROWS = rows(
    "compute_cost",
    # correct variants
    ("lab reference: np.logaddexp", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return float(np.mean(np.logaddexp(0, z) - y * z))
     """, PASS, "passed", ("matches lab_utils.compute_cost_logistic on all 6 cases",)),
    ("np.where per label, each term with np.logaddexp", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.mean(np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z)))
     """, PASS, "passed", ()),
    ("log-sigmoid written with np.logaddexp", """
        def compute_cost(X, y, w, b):
            z = np.dot(X, w) + b
            log_f, log_1_minus_f = -np.logaddexp(0, -z), -np.logaddexp(0, z)
            return -np.sum(y * log_f + (1 - y) * log_1_minus_f) / X.shape[0]
     """, PASS, "passed", ()),
    ("scipy.special.log_expit", """
        def compute_cost(X, y, w, b):
            from scipy.special import log_expit
            z = X @ w + b
            return -np.mean(y * log_expit(z) + (1 - y) * log_expit(-z))
     """, PASS, "passed", ()),
    ("softplus with np.maximum and np.log1p", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)
     """, PASS, "passed", ()),
    ("stable loop with math", """
        def compute_cost(X, y, w, b):
            m, n = X.shape
            total = 0.0
            for i in range(m):
                z = b + sum(w[j] * X[i, j] for j in range(n))
                total += max(z, 0.0) + math.log1p(math.exp(-abs(z))) - y[i] * z
            return total / m
     """, PASS, "passed", ()),
    ("loop with np.logaddexp, returning a 0-d array", """
        def compute_cost(X, y, w, b):
            losses = [np.logaddexp(0, X[i] @ w + b) - y[i] * (X[i] @ w + b) for i in range(len(y))]
            return np.array(np.mean(losses))
     """, PASS, "passed", ()),
    # typical mistakes
    ("the stub", "def compute_cost(X, y, w, b):\n    ...\n", FAIL, "not_done", ("returned None",)),
    ("sign flipped", """
        def compute_cost(X, y, w, b):
            f = sigmoid(X @ w + b)
            return np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))
     """, FAIL, "sign_flipped", ("sign is flipped",)),
    ("sigmoid forgotten", """
        def compute_cost(X, y, w, b):
            f = X @ w + b
            return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
     """, FAIL, "no_sigmoid", ("Apply the sigmoid first",)),
    ("summed, not averaged", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.sum(np.logaddexp(0, z) - y * z)
     """, FAIL, "summed", ("summed the losses instead of averaging",)),
    ("the Q&A's slip: y = 0 term added", """
        def compute_cost(X, y, w, b):
            predictions = sigmoid(X @ w + b)
            return (-y * np.log(predictions) + (1 - y) * np.log(1 - predictions)).sum() / len(y)
     """, FAIL, "y0_sign_wrong", ("the y = 0 term has the wrong sign",)),
    ("divided by the number of features", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.sum(np.logaddexp(0, z) - y * z) / X.shape[1]
     """, FAIL, "divided_by_n", ("number of features",)),
    ("bias forgotten", """
        def compute_cost(X, y, w, b):
            z = X @ w
            return np.mean(np.logaddexp(0, z) - y * z)
     """, FAIL, "bias_ignored", ("ignores b",)),
    ("np.log10 (literal formula)", """
        def compute_cost(X, y, w, b):
            f = sigmoid(X @ w + b)
            return np.mean(-y * np.log10(f) - (1 - y) * np.log10(1 - f))
     """, FAIL, "log10", ("np.log10", "natural logarithm")),
    ("np.log10 (stable formula)", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.mean(np.logaddexp(0, z) - y * z) / np.log(10)
     """, FAIL, "log10", ("np.log10",)),
    ("predictions of shape (m, 1)", """
        def compute_cost(X, y, w, b):
            z = X @ w.reshape(-1, 1) + b
            return np.mean(np.logaddexp(0, z) - y * z)
     """, FAIL, "column_predictions", ("(m, 1)", "(m,)", "broadcasts", "(m, m)", "X @ w", ".ravel()")),
    ("integer accumulator from np.zeros_like(y)", """
        def compute_cost(X, y, w, b):
            losses = np.zeros_like(y)
            for i in range(len(y)):
                z = X[i] @ w + b
                losses[i] = np.logaddexp(0, z) - y[i] * z
            return losses.mean()
     """, FAIL, "integer_losses", ("np.zeros_like(y)", "integers", "np.zeros(m)")),
    ("integer array of predictions from np.zeros_like(y)", """
        def compute_cost(X, y, w, b):
            f = np.zeros_like(y)
            for i in range(len(y)):
                f[i] = sigmoid(X[i] @ w + b)
            return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
     """, FAIL, "integer_predictions", ("integer array", "np.zeros_like(y)")),
    ("naive log(1 + exp(z))", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.mean(np.log(1 + np.exp(z)) - y * z)
     """, FAIL, "naive_softplus", ("np.exp(z) overflows", "np.logaddexp(0, z)")),
    ("literal formula: NaN for large |z|", """
        def compute_cost(X, y, w, b):
            f = sigmoid(X @ w + b)
            return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
     """, FAIL, "unstable", ("numerically unstable", "it returns nan", "np.logaddexp(0, z)")),
    ("literal formula with the naive sigmoid", """
        def compute_cost(X, y, w, b):
            f = 1 / (1 + np.exp(-(X @ w + b)))
            return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
     """, FAIL, "unstable", ("numerically unstable",)),
    ("np.where per label with log(sigmoid)", """
        def compute_cost(X, y, w, b):
            f = sigmoid(X @ w + b)
            return np.mean(np.where(y == 1, -np.log(f), -np.log(1 - f)))
     """, FAIL, "unstable_where", ("np.where", "-log(0) is inf", "np.logaddexp(0, -z)")),
    ("probabilities clipped to [1e-15, 1 - 1e-15]", """
        def compute_cost(X, y, w, b):
            f = np.clip(sigmoid(X @ w + b), 1e-15, 1 - 1e-15)
            return np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
     """, FAIL, "clipped", ("too small for large |z|", "clipping")),
    ("doubled for confident predictions", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            losses = np.logaddexp(0, z) - y * z
            return float(np.mean(np.where(np.abs(z) > 20, 2 * losses, losses)))
     """, FAIL, "stability", ("wrong for large |z|",)),
    ("math.log in a loop: domain error", """
        def compute_cost(X, y, w, b):
            total = 0.0
            for i in range(X.shape[0]):
                f = sigmoid(X[i] @ w + b)
                total += -y[i] * math.log(f) - (1 - y[i]) * math.log(1 - f)
            return total / X.shape[0]
     """, FAIL, "math_log_domain", ("math domain error", "log(0)", "math.log1p")),
    ("math.exp in a loop: overflow", """
        def compute_cost(X, y, w, b):
            total = 0.0
            for i in range(X.shape[0]):
                z = float(X[i] @ w + b)
                total += math.log(1 + math.exp(z)) - y[i] * z
            return total / X.shape[0]
     """, FAIL, "math_exp_overflow", ("OverflowError", "e^709")),
    ("math.log on a whole array", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.mean(math.log(1 + math.exp(z)) - y * z)
     """, FAIL, "math_on_array", ("one number at a time", "np.log")),
    ("every example's loss, not averaged", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.logaddexp(0, z) - y * z
     """, FAIL, "shape", ("shape (6,)", "the loss of every example", "np.mean")),
    ("a one-element array", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            return np.array([np.mean(np.logaddexp(0, z) - y * z)])
     """, FAIL, "shape", ("wrong shape: you returned an array of shape (1,)",)),
    ("returns text", "def compute_cost(X, y, w, b):\n    return '0.37'\n", FAIL, "form", ("return the cost",)),
    ("raises", "def compute_cost(X, y, w, b):\n    return 1 / 0\n", FAIL, "raised", ("ZeroDivisionError",)),
    ("an unrelated number", "def compute_cost(X, y, w, b):\n    return 42.0\n", FAIL, "mismatch",
     ("your cost differs from the right one",)),
    ("right, then scribbles over its own copies of the inputs", """
        def compute_cost(X, y, w, b):
            z = X @ w + b
            cost = np.mean(np.logaddexp(0, z) - y * z)
            X *= 0.0
            return cost
     """, PASS, "passed", ()),
    ("calls the course's own function", """
        def compute_cost(X, y, w, b):
            from lab_utils import compute_cost_logistic
            return compute_cost_logistic(X, y, w, b)
     """, FAIL, "forbidden", ("calls compute_cost_logistic", "write compute_cost yourself")),
)


# --------------------------------------------------------------------------- #
# compute_gradient(X, y, w, b) -> (dj_db, dj_dw)
# --------------------------------------------------------------------------- #

def gradient(error_expr, db="err.sum() / m", dw="X.T @ err / m"):
    """Code of a vectorised gradient with the given error, dj_db and dj_dw expressions."""
    return f"""
        def compute_gradient(X, y, w, b):
            m, n = X.shape
            err = {error_expr}
            return {db}, {dw}
     """


STABLE_LOOP = """
    def compute_gradient(X, y, w, b):
        m, n = X.shape
        dj_dw = np.zeros(n)
        dj_db = 0.0
        for i in range(m):
            z_i = np.dot(X[i], w) + b
            if z_i >= 0:
                f_i = 1 / (1 + math.exp(-z_i))
            else:
                f_i = math.exp(z_i) / (1 + math.exp(z_i))
            error_i = f_i - y[i]
            for j in range(n):
                dj_dw[j] += error_i * X[i, j]
            dj_db += error_i
        return dj_db / m, dj_dw / m
"""

GRADIENT_ROWS = rows(
    "compute_gradient",
    ("lab reference: vectorised with sigmoid", gradient("sigmoid(X @ w + b) - y"), PASS, "passed",
     ("correct on all 4 cases", "dj_db = 0.498618065463")),
    ("stable loop (branch on the sign of z)", STABLE_LOOP, PASS, "passed", ()),
    ("naive np.exp sigmoid, vectorised", gradient("1 / (1 + np.exp(-(X @ w + b))) - y"), PASS, "passed", ()),
    ("scipy.special.expit", "from scipy.special import expit\n" + textwrap.dedent(gradient("expit(X @ w + b) - y")),
     PASS, "passed", ()),
    ("tanh form of the sigmoid", gradient("0.5 * (1 + np.tanh((X @ w + b) / 2)) - y"), PASS, "passed", ()),
    ("means instead of sums, lists returned", gradient("sigmoid(X @ w + b) - y", db="float(np.mean(err))",
                                                      dw="list(np.mean(err[:, None] * X, axis=0))"),
     PASS, "passed", ()),
    ("np.einsum", gradient("sigmoid(np.einsum('ij,j->i', X, w) + b) - y", dw="np.einsum('ij,i->j', X, err) / m"),
     PASS, "passed", ()),
    ("the stub", "def compute_gradient(X, y, w, b):\n    ...\n", FAIL, "not_done", ("returned None",)),
    ("textbook loop with math.exp(-z): overflow", """
        def compute_gradient(X, y, w, b):
            m, n = X.shape
            dj_dw, dj_db = np.zeros(n), 0.0
            for i in range(m):
                err = 1 / (1 + math.exp(-(np.dot(X[i], w) + b))) - y[i]
                for j in range(n):
                    dj_dw[j] += err * X[i, j]
                dj_db += err
            return dj_db / m, dj_dw / m
     """, FAIL, "math_exp_overflow", ("math.exp overflowed", "z < -709", "lab_utils.sigmoid")),
    ("math.exp on the whole array", gradient("1 / (1 + math.exp(-(X @ w + b))) - y"), FAIL, "math_on_array",
     ("one number at a time", "np.exp")),
    ("error as y - f", gradient("y - sigmoid(X @ w + b)"), FAIL, "y_minus_f",
     ("as if you computed the error as y - f",)),
    ("sigmoid forgotten", gradient("X @ w + b - y"), FAIL, "no_sigmoid", ("You forgot the sigmoid",)),
    ("sign in the exponent", gradient("1 / (1 + np.exp(X @ w + b)) - y"), FAIL, "sigmoid_sign",
     ("wrong sign in the exponent",)),
    ("not divided by m", gradient("sigmoid(X @ w + b) - y", db="err.sum()", dw="X.T @ err"), FAIL, "not_divided_by_m",
     ("m times too large",)),
    ("divided by n", gradient("sigmoid(X @ w + b) - y", db="err.sum() / n", dw="X.T @ err / n"), FAIL, "divided_by_n",
     ("divided by n (the number of features)",)),
    ("bias forgotten", gradient("sigmoid(X @ w) - y"), FAIL, "no_bias", ("You forgot the bias",)),
    ("feature forgotten", gradient("sigmoid(X @ w + b) - y", dw="np.full(n, err.mean())"), FAIL, "feature_forgotten",
     ("same for every feature",)),
    ("the sigmoid's slope kept", gradient("(sigmoid(X @ w + b) - y) * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))"),
     FAIL, "sigmoid_slope", ("f (1 - f), the sigmoid's slope",)),
    ("dj_db added in the inner loop", """
        def compute_gradient(X, y, w, b):
            m, n = X.shape
            dj_dw, dj_db = np.zeros(n), 0.0
            for i in range(m):
                err = sigmoid(X[i] @ w + b) - y[i]
                for j in range(n):
                    dj_dw[j] += err * X[i, j]
                    dj_db += err
            return dj_db / m, dj_dw / m
     """, FAIL, "db_in_inner_loop", ("inside the loop over the features",)),
    ("outputs swapped", gradient("sigmoid(X @ w + b) - y", db="X.T @ err / m", dw="err.sum() / m"), FAIL, "swapped",
     ("you returned (dj_dw, dj_db): swap them",)),
    ("only dj_db negated", gradient("sigmoid(X @ w + b) - y", db="-err.sum() / m"), FAIL, "y_minus_f",
     ("dj_dw is right, but dj_db is not", "as if you computed the error as y - f")),
    ("predictions of shape (m, 1)", gradient("sigmoid(X @ w.reshape(-1, 1) + b) - y"), FAIL, "column_predictions",
     ("(m, 1)", "(m,)", "broadcasts to an (m, m)", "X @ w", ".ravel()")),
    ("an (m, 1) column that escaped", gradient("(sigmoid(X @ w + b) - y)[:, None] * np.ones((1, 1))",
                                               dw="(X.T @ err / m).reshape(-1, 1)"),
     FAIL, "shape", ("dj_dw must have shape (2,)", ".ravel()")),
    ("integer errors from np.zeros_like(y)", """
        def compute_gradient(X, y, w, b):
            m, n = X.shape
            err = np.zeros_like(y)
            for i in range(m):
                err[i] = sigmoid(X[i] @ w + b) - y[i]
            return err.sum() / m, X.T @ err / m
     """, FAIL, "integer_errors", ("np.zeros_like(y)", "integers", "np.zeros(m)")),
    ("integer predictions from np.zeros_like(y)", """
        def compute_gradient(X, y, w, b):
            m, n = X.shape
            f = np.zeros_like(y)
            for i in range(m):
                f[i] = sigmoid(X[i] @ w + b)
            return (f - y).sum() / m, X.T @ (f - y) / m
     """, FAIL, "integer_predictions", ("integer array", "np.zeros_like(y)")),
    ("not summed over the examples", gradient("sigmoid(X @ w + b) - y", db="err.mean()", dw="X * err[:, None] / m"),
     FAIL, "shape", ("one row per example",)),
    ("per example, not per feature", gradient("sigmoid(X @ w + b) - y", db="err.mean()", dw="err / m"),
     FAIL, "shape", ("multiply by X.T, not X",)),
    ("dj_db per example", gradient("sigmoid(X @ w + b) - y", db="err / m"), FAIL, "shape",
     ("dj_db must be a single number", "one per example")),
    ("three values returned", gradient("sigmoid(X @ w + b) - y", dw="X.T @ err / m, 0"), FAIL, "form",
     ("return the 2 values dj_db, dj_dw",)),
    ("changes w", """
        def compute_gradient(X, y, w, b):
            err = sigmoid(X @ w + b) - y
            w[:] = 0.0
            return err.mean(), X.T @ err / len(y)
     """, FAIL, "changed_in_place", ("the values are right", "changed the caller's w")),
    ("raises", gradient("X @ np.append(w, 0.0)"), FAIL, "raised", ("your function raised ValueError",)),
    ("NaN", gradient("sigmoid(X @ w + b) - y", db="np.nan"), FAIL, "nonfinite", ("NaN or inf",)),
    ("slightly off", gradient("sigmoid(X @ w + b) - y", db="err.sum() / m + 0.01"), FAIL, "mismatch",
     ("differ from the reference", "Right on 0 of 4 cases")),
    ("calls the course's own function", """
        def compute_gradient(X, y, w, b):
            from lab_utils import compute_gradient_logistic
            return compute_gradient_logistic(X, y, w, b)
     """, FAIL, "forbidden", ("calls compute_gradient_logistic",)),
)


# --------------------------------------------------------------------------- #
# gradient_step(X, y, w, b, alpha) -> (w, b)
# --------------------------------------------------------------------------- #

def step(body):
    return ("from lab_utils import compute_gradient_logistic\n\n"
            "def gradient_step(X, y, w, b, alpha):\n" + textwrap.indent(textwrap.dedent(body), "    "))


STEP_ROWS = rows(
    "gradient_step",
    ("lab reference", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return w - alpha * dj_dw, b - alpha * dj_db
     """), PASS, "passed", ("w and b move together",)),
    ("own gradient inline, list and NumPy scalar", step("""
        err = sigmoid(X @ w + b) - y
        return list(w - alpha * X.T @ err / len(y)), np.float64(b - alpha * err.mean())
     """), PASS, "passed", ()),
    ("in place on a copy", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        w = w.copy()
        w -= alpha * dj_dw
        return w, b - alpha * dj_db
     """), PASS, "passed", ()),
    ("calls the unfinished compute_gradient", """
        def compute_gradient(X, y, w, b):
            ...

        def gradient_step(X, y, w, b, alpha):
            dj_db, dj_dw = compute_gradient(X, y, w, b)
            return w - alpha * dj_dw, b - alpha * dj_db
     """, FAIL, "unfinished_gradient", ("returned None", "compute_gradient from exercise 1", "`...`")),
    ("calls a compute_gradient with math.exp", """
        def compute_gradient(X, y, w, b):
            err = np.array([1 / (1 + math.exp(-(x @ w + b))) for x in X]) - y
            return err.mean(), X.T @ err / len(y)

        def gradient_step(X, y, w, b, alpha):
            dj_db, dj_dw = compute_gradient(X, y, w, b)
            return w - alpha * dj_dw, b - alpha * dj_db
     """, FAIL, "math_exp_overflow", ("math.exp overflowed",)),
    ("calls a compute_gradient with math.exp on arrays", """
        def compute_gradient(X, y, w, b):
            err = 1 / (1 + math.exp(-(X @ w + b))) - y
            return err.mean(), X.T @ err / len(y)

        def gradient_step(X, y, w, b, alpha):
            dj_db, dj_dw = compute_gradient(X, y, w, b)
            return w - alpha * dj_dw, b - alpha * dj_db
     """, FAIL, "math_on_array", ("np.exp",)),
    ("the stub", "def gradient_step(X, y, w, b, alpha):\n    ...\n", FAIL, "not_done", ("returned None",)),
    ("calls an own compute_gradient that is m times too large", """
        def compute_gradient(X, y, w, b):
            err = sigmoid(X @ w + b) - y
            return err.sum(), X.T @ err

        def gradient_step(X, y, w, b, alpha):
            dj_db, dj_dw = compute_gradient(X, y, w, b)
            return w - alpha * dj_dw, b - alpha * dj_db
     """, FAIL, "mismatch", ("check_compute_gradient passes it first",)),
    ("ascends", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return w + alpha * dj_dw, b + alpha * dj_db
     """), FAIL, "ascend", ("climbs the cost",)),
    ("alpha forgotten", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return w - dj_dw, b - dj_db
     """), FAIL, "no_alpha", ("forgot the learning rate",)),
    ("b after w", step("""
        w = w - alpha * compute_gradient_logistic(X, y, w, b)[1]
        b = b - alpha * compute_gradient_logistic(X, y, w, b)[0]
        return w, b
     """), FAIL, "b_after_w", ("computed dj_db with the w you had already updated",)),
    ("w after b", step("""
        b = b - alpha * compute_gradient_logistic(X, y, w, b)[0]
        w = w - alpha * compute_gradient_logistic(X, y, w, b)[1]
        return w, b
     """), FAIL, "w_after_b", ("computed dj_dw with the b you had already updated",)),
    ("one weight at a time", step("""
        dj_db = compute_gradient_logistic(X, y, w, b)[0]
        w = w.copy()
        for j in range(len(w)):
            w[j] = w[j] - alpha * compute_gradient_logistic(X, y, w, b)[1][j]
        return w, b - alpha * dj_db
     """), FAIL, "one_weight_at_a_time", ("updated the weights one after another",)),
    ("everything in turn", step("""
        w = w.copy()
        for j in range(len(w)):
            w[j] = w[j] - alpha * compute_gradient_logistic(X, y, w, b)[1][j]
        b = b - alpha * compute_gradient_logistic(X, y, w, b)[0]
        return w, b
     """), FAIL, "everything_in_turn", ("each weight and then b",)),
    ("returned the gradient", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return dj_dw, dj_db
     """), FAIL, "returned_gradient", ("returned the gradient",)),
    ("returned (b, w)", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return b - alpha * dj_db, w - alpha * dj_dw
     """), FAIL, "swapped", ("order (w, b)",)),
    ("unpacked as dj_dw, dj_db", step("""
        dj_dw, dj_db = compute_gradient_logistic(X, y, w, b)
        return w - alpha * dj_dw, b - alpha * dj_db
     """), FAIL, "unpacked_backwards", ("returns (dj_db, dj_dw), in that order",)),
    ("in place", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        w -= alpha * dj_dw
        return w, b - alpha * dj_db
     """), FAIL, "changed_in_place", ("the values are right", "in place", "w = w - alpha * dj_dw")),
    ("in place and one weight at a time", step("""
        dj_db = compute_gradient_logistic(X, y, w, b)[0]
        for j in range(len(w)):
            w[j] = w[j] - alpha * compute_gradient_logistic(X, y, w, b)[1][j]
        return w, b - alpha * dj_db
     """), FAIL, "one_weight_at_a_time", ("updated the weights one after another",)),
    ("w reshaped to a column", step("""
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return (w - alpha * dj_dw).reshape(-1, 1), b - alpha * dj_db
     """), FAIL, "shape", ("w must keep its shape",)),
    ("only w returned", step("""
        return w - alpha * compute_gradient_logistic(X, y, w, b)[1]
     """), FAIL, "form", ("return the 2 values w, b",)),
)


# --------------------------------------------------------------------------- #
# sigmoid(z) and sigmoid_derivative(z)
# --------------------------------------------------------------------------- #

def sig(body, name="sigmoid"):
    return f"def {name}(z):\n" + textwrap.indent(textwrap.dedent(body), "    ")


SIGMOID_ROWS = rows(
    "sigmoid",
    ("lab reference: one exp of -|z|, np.where", sig("""
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
     """), PASS, "passed", ("correct and stable",)),
    ("clipped to ±500 (the common stable trick)", sig("return 1 / (1 + np.exp(-np.clip(z, -500, 500)))"),
     PASS, "passed", ()),
    ("tanh form 0.5 (1 + tanh(z / 2))", sig("return 0.5 * (1 + np.tanh(np.asarray(z) / 2))"), PASS, "passed", ()),
    ("scipy.special.expit", "from scipy.special import expit\n\n" + sig("return expit(z)"), PASS, "passed", ()),
    ("exp of -logaddexp(0, -z)", sig("return np.exp(-np.logaddexp(0, -np.asarray(z)))"), PASS, "passed", ()),
    ("1 - sigma(|z|) for negative z", sig("""
        z = np.asarray(z, dtype=float)
        s = 1 / (1 + np.exp(-np.abs(z)))
        return np.where(z >= 0, s, 1 - s)
     """), PASS, "passed", ()),
    ("np.where with warnings silenced", sig("""
        with np.errstate(over="ignore", invalid="ignore"):
            return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
     """), PASS, "passed", ()),
    ("the stub", sig("..."), FAIL, "not_done", ("returned None",)),
    ("naive formula: overflow warning", sig("return 1 / (1 + np.exp(-z))"), FAIL, "warning",
     ("the values are right", "overflow encountered in exp")),
    ("np.where over two naive branches",
     sig("return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))"), FAIL, "warning",
     ("np.where", "computes both branches")),
    ("overflow to NaN", sig("return np.exp(z) / (1 + np.exp(z))"), FAIL, "overflow",
     ("overflow: at z = 800", "nan")),
    ("clipped too narrowly, to ±30", sig("return 1 / (1 + np.exp(-np.clip(z, -30, 30)))"), FAIL, "narrow_clip",
     ("±30", "±500")),
    ("math.exp", sig("return 1 / (1 + math.exp(-z))"), FAIL, "math_on_array", ("np.exp instead of math.exp",)),
    ("if z < 0 on an array", sig("""
        if z >= 0:
            return 1 / (1 + np.exp(-z))
        return np.exp(z) / (1 + np.exp(z))
     """), FAIL, "if_on_array", ("`if z < 0:`", "np.where")),
    ("math.exp through np.vectorize", sig("return np.vectorize(lambda t: 1 / (1 + math.exp(-t)))(z)"),
     FAIL, "math_exp_overflow", ("OverflowError",)),
    ("exponent sign", sig("return 1 / (1 + np.exp(np.clip(z, -500, 500)))"), FAIL, "exponent_sign",
     ("σ(-z)", "falls instead of rising")),
    ("sigma(|z|)", sig("return 1 / (1 + np.exp(-np.abs(z)))"), FAIL, "abs_for_negative", ("σ(|z|)",)),
    ("the denominator", sig("return 1 + np.exp(-z)"), FAIL, "denominator",
     ("the denominator",)),
    ("the slope", sig("s = 0.5 * (1 + np.tanh(np.asarray(z) / 2))\nreturn s * (1 - s)"), FAIL, "slope",
     ("the slope",)),
    ("flattened", sig("return 0.5 * (1 + np.tanh(np.ravel(z) / 2))"), FAIL, "shape", ("shape (2, 3) went in",)),
    ("a list for a number",
     sig("return [0.5 * (1 + math.tanh(z / 2))] if np.ndim(z) == 0 else 0.5 * (1 + np.tanh(z / 2))"), FAIL, "shape",
     ("a single number in should give a single number out",)),
    ("a string", sig("return 'sigma'"), FAIL, "form", ("returned a str",)),
    ("slightly off", sig("return 0.5 * (1 + np.tanh(np.asarray(z) / 2)) + 1e-6"), FAIL, "mismatch",
     ("differ from 1/(1 + e^(-z))",)),
)

DERIVATIVE_ROWS = rows(
    "sigmoid_derivative",
    ("lab reference: s (1 - s)", sig("s = sigmoid(z)\nreturn s * (1 - s)", "sigmoid_derivative"), PASS, "passed",
     ("correct!",)),
    ("s - s**2", sig("s = sigmoid(z)\nreturn s - s ** 2", "sigmoid_derivative"), PASS, "passed", ()),
    ("sigma(z) sigma(-z)", sig("return sigmoid(z) * sigmoid(-np.asarray(z))", "sigmoid_derivative"),
     PASS, "passed", ()),
    ("scipy.special.expit", "from scipy.special import expit\n\n"
     + sig("return expit(z) * (1 - expit(z))", "sigmoid_derivative"), PASS, "passed", ()),
    ("tanh form", sig("return 0.25 * (1 - np.tanh(np.asarray(z) / 2) ** 2)", "sigmoid_derivative"),
     PASS, "passed", ()),
    ("symmetric quotient with exp(-|z|)", sig("e = np.exp(-np.abs(z))\nreturn e / (1 + e) ** 2",
                                              "sigmoid_derivative"), PASS, "passed", ()),
    ("a list comprehension for arrays", sig("""
        if np.ndim(z) == 0:
            return sigmoid(z) * (1 - sigmoid(z))
        return [sigmoid(v) * (1 - sigmoid(v)) for v in z]
     """, "sigmoid_derivative"), PASS, "passed", ()),
    ("the stub", sig("...", "sigmoid_derivative"), FAIL, "not_done", ("returned None",)),
    ("brackets", sig("s = sigmoid(z)\nreturn s * 1 - s", "sigmoid_derivative"), FAIL, "brackets",
     ("Check the brackets",)),
    ("sigma itself", sig("return sigmoid(z)", "sigmoid_derivative"), FAIL, "sigmoid_itself",
     ("returns σ(z) itself",)),
    ("1 - sigma", sig("return 1 - sigmoid(z)", "sigmoid_derivative"), FAIL, "one_minus_sigmoid",
     ("missing the factor σ(z)",)),
    ("1 + sigma", sig("s = sigmoid(z)\nreturn s * (1 + s)", "sigmoid_derivative"), FAIL, "one_plus_sigmoid",
     ("(1 + σ(z))",)),
    ("sigma squared", sig("return sigmoid(z) ** 2", "sigmoid_derivative"), FAIL, "sigmoid_squared",
     ("the second factor is 1 - σ(z)",)),
    ("1 - z", sig("return sigmoid(z) * (1 - z)", "sigmoid_derivative"), FAIL, "one_minus_z", ("you used 1 - z",)),
    ("wrong sign", sig("s = sigmoid(z)\nreturn s * (s - 1)", "sigmoid_derivative"), FAIL, "slope_sign",
     ("wrong sign",)),
    ("quotient overflows", sig("return np.exp(-z) / (1 + np.exp(-z)) ** 2", "sigmoid_derivative"), FAIL, "overflow",
     ("at z = -1000", "e^(-z) overflowed")),
    ("naive sigmoid inside: warning", sig("s = 1 / (1 + np.exp(-z))\nreturn s * (1 - s)", "sigmoid_derivative"),
     FAIL, "warning", ("the values are right", "lab_utils' sigmoid")),
    ("math.exp", sig("s = 1 / (1 + math.exp(-z))\nreturn s * (1 - s)", "sigmoid_derivative"), FAIL,
     "math_on_array", ("np.exp",)),
    ("if on an array", sig("return 0.25 if z == 0 else sigmoid(z) * (1 - sigmoid(z))", "sigmoid_derivative"),
     FAIL, "if_on_array", ("ambiguous",)),
    ("math.exp through np.vectorize", sig(
        "return np.vectorize(lambda t: math.exp(-t) / (1 + math.exp(-t)) ** 2)(z)", "sigmoid_derivative"),
     FAIL, "math_exp_overflow", ("OverflowError",)),
    ("a sum", sig("s = sigmoid(z)\nreturn np.sum(s * (1 - s))", "sigmoid_derivative"), FAIL, "shape",
     ("a single number came out",)),
)


# --------------------------------------------------------------------------- #
# zscore_normalize(X) and scale_new_examples(X_new, mu, sigma)
# --------------------------------------------------------------------------- #

def zscore(body):
    return "def zscore_normalize(X):\n" + textwrap.indent(textwrap.dedent(body), "    ")


ZSCORE_ROWS = rows(
    "zscore_normalize",
    ("lab reference", zscore("""
        mu = np.mean(X, axis=0)
        sigma = np.std(X, axis=0)
        return (X - mu) / sigma, mu, sigma
     """), PASS, "passed", ("mean 0 and standard deviation 1",)),
    ("std written out", zscore("""
        mu = X.mean(0)
        sigma = np.sqrt(((X - mu) ** 2).mean(0))
        return (X - mu) / sigma, mu, sigma
     """), PASS, "passed", ()),
    ("in place on a copy", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        X_norm = X.copy()
        X_norm -= mu
        X_norm /= sigma
        return X_norm, mu, sigma
     """), PASS, "passed", ()),
    ("sample standard deviation (ddof=1)", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0, ddof=1)
        return (X - mu) / sigma, mu, sigma
     """), PASS, "sample_std", ("ddof=1", "Accepted", "sqrt(m / (m - 1))")),
    ("the stub", zscore("..."), FAIL, "not_done", ("returned None",)),
    ("calls lab_utils.zscore_normalize_features", "import lab_utils\n\n"
     + zscore("return lab_utils.zscore_normalize_features(X)"), FAIL, "forbidden",
     ("calls zscore_normalize_features",)),
    ("per row", zscore("""
        mu = np.mean(X, axis=1, keepdims=True)
        sigma = np.std(X, axis=1, keepdims=True)
        return (X - mu) / sigma, mu, sigma
     """), FAIL, "per_row", ("each row (example)", "axis=0")),
    ("per row, without keepdims", zscore("""
        mu, sigma = X.mean(axis=1), X.std(axis=1)
        return (X - mu) / sigma, mu, sigma
     """), FAIL, "wrong_axis_broadcast", ("wrong axis", "axis=0")),
    ("mean not subtracted", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return X / sigma, mu, sigma
     """), FAIL, "mean_not_subtracted", ("forgot to subtract the mean",)),
    ("divided by the variance", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return (X - mu) / X.var(axis=0), mu, sigma
     """), FAIL, "divided_by_variance", ("divided by the variance",)),
    ("not divided", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return X - mu, mu, sigma
     """), FAIL, "not_divided", ("did not divide",)),
    ("min-max instead", zscore("""
        low, high = X.min(axis=0), X.max(axis=0)
        return (X - low) / (high - low), low, high - low
     """), FAIL, "min_max", ("min-max scaling",)),
    ("divided by the range", zscore("""
        mu = X.mean(axis=0)
        return (X - mu) / (X.max(axis=0) - X.min(axis=0)), mu, X.std(axis=0)
     """), FAIL, "divided_by_range", ("divided by the range",)),
    ("mu and sigma swapped", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return (X - mu) / sigma, sigma, mu
     """), FAIL, "swapped_stats", ("swapped",)),
    ("variances returned", zscore("""
        mu, var = X.mean(axis=0), X.var(axis=0)
        return (X - mu) / np.sqrt(var), mu, var
     """), FAIL, "variance_returned", ("sigma holds the variances",)),
    ("keepdims statistics", zscore("""
        mu, sigma = X.mean(axis=0, keepdims=True), X.std(axis=0, keepdims=True)
        return (X - mu) / sigma, mu, sigma
     """), FAIL, "shape", ("mu has shape (1, 3)", "keepdims=True")),
    ("statistics per example returned", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return (X - mu) / sigma, X.mean(axis=1), sigma
     """), FAIL, "shape", ("one per example",)),
    ("in place", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        X -= mu
        X /= sigma
        return X, mu, sigma
     """), FAIL, "changed_in_place", ("changed the X it was given",)),
    ("two values", zscore("return (X - X.mean(0)) / X.std(0), X.mean(0)"), FAIL, "form",
     ("return the 3 values X_norm, mu, sigma",)),
    ("wrong mu returned", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return (X - mu) / sigma, mu + 1, sigma
     """), FAIL, "wrong_mu", ("mu has the right shape but the wrong values",)),
    ("unexplained values", zscore("""
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        return (X - mu) / sigma + 0.1, mu, sigma
     """), FAIL, "mismatch", ("each column should end up with mean 0",)),
    ("division by zero", zscore("""
        mu = X.mean(axis=0)
        return (X - mu) / 0.0, mu, X.std(axis=0)
     """), FAIL, "nonfinite", ("division by zero",)),
)


def scale(body):
    return "def scale_new_examples(X_new, mu, sigma):\n" + textwrap.indent(textwrap.dedent(body), "    ")


SCALE_NEW_ROWS = rows(
    "scale_new_examples",
    ("lab reference", scale("return (X_new - mu) / sigma"), PASS, "passed", ("training mean",)),
    ("np.divide and np.subtract", scale("return np.divide(np.subtract(X_new, mu), sigma)"), PASS, "passed", ()),
    ("np.subtract with out=", scale("out = np.subtract(X_new, mu)\nreturn np.divide(out, sigma, out=out)"),
     PASS, "passed", ()),
    ("the stub", scale("..."), FAIL, "not_done", ("returned None",)),
    ("calls lab_utils.apply_scaling", "from lab_utils import apply_scaling\n\n"
     + scale("return apply_scaling(X_new, mu, sigma)"), FAIL, "forbidden", ("calls apply_scaling",)),
    ("own statistics", scale("return (X_new - X_new.mean(axis=0)) / X_new.std(axis=0)"), FAIL, "own_statistics",
     ("new mean and standard deviation from the new examples",)),
    ("own statistics, ddof=1", scale("return (X_new - X_new.mean(axis=0)) / X_new.std(axis=0, ddof=1)"),
     FAIL, "own_statistics_ddof1", ("from the new examples",)),
    ("unscaled", scale("return X_new"), FAIL, "unscaled", ("unscaled",)),
    ("not divided", scale("return X_new - mu"), FAIL, "not_divided", ("did not divide by sigma",)),
    ("mean not subtracted", scale("return X_new / sigma"), FAIL, "mean_not_subtracted", ("did not subtract mu",)),
    ("unscaling", scale("return X_new * sigma + mu"), FAIL, "unscaling", ("undoes a scaling",)),
    ("multiplied", scale("return (X_new - mu) * sigma"), FAIL, "multiplied", ("Divide",)),
    ("a tuple", scale("return (X_new - mu) / sigma, mu, sigma"), FAIL, "form", ("not a tuple",)),
    ("in place", scale("X_new -= mu\nX_new /= sigma\nreturn X_new"), FAIL, "changed_in_place", ("in place",)),
    ("flattened", scale("return ((X_new - mu) / sigma).ravel()"), FAIL, "shape", ("the shape of X_new",)),
    ("unexplained values", scale("return (X_new - mu) / sigma + 1"), FAIL, "mismatch", ("the values are wrong",)),
)

TABLE = COST_ROWS + GRADIENT_ROWS + STEP_ROWS + SIGMOID_ROWS + DERIVATIVE_ROWS + ZSCORE_ROWS + SCALE_NEW_ROWS


def run(row):
    """The check's feedback on the row's function; fails if a warning or a print escapes the check."""
    check, _ = CHECKS[row.exercise]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        feedback = check(row.function())
    assert not caught, [str(w.message) for w in caught]
    return feedback


@pytest.mark.parametrize("row", TABLE, ids=[f"{row.exercise}: {row.label}" for row in TABLE])
def test_each_answer_gets_its_verdict_and_hint(row, capsys):
    feedback = run(row)
    assert feedback.passed is row.passed, str(feedback)
    assert feedback.cause == row.cause, str(feedback)
    for words in row.words:
        assert words in feedback.message, str(feedback)
    assert str(feedback).startswith(f"[{'PASSED' if row.passed else 'NOT YET'}] {row.exercise}: ")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("exercise", CHECKS)
def test_every_catalogued_mistake_and_error_has_a_row(exercise):
    _, spec = CHECKS[exercise]
    causes = {row.cause for row in TABLE if row.exercise == exercise and not row.passed}
    catalogue = {m.name for m in spec.mistakes} | {e.name for e in spec.error_hints}
    assert catalogue - causes == set()
    variants = {row.cause for row in TABLE if row.exercise == exercise and row.passed}
    assert {v.name for v in spec.variants} <= variants
    assert sum(row.passed for row in TABLE if row.exercise == exercise) >= 3, "at least three correct variants"


@pytest.mark.parametrize("exercise", CHECKS)
def test_each_named_cause_has_its_own_message(exercise):
    messages = {}
    for row in TABLE:
        if row.exercise == exercise and not row.passed and row.cause not in ("shape", "form", "raised"):
            messages.setdefault(row.cause, set()).add(run(row).message)
    seen = {}
    for cause, texts in messages.items():
        for text in texts:
            assert seen.setdefault(text, cause) == cause, f"{cause} and {seen[text]} share a message"


def test_no_message_contradicts_itself():
    """A message that says the values are right never comes with a wrong verdict on the values, and vice versa."""
    for row in TABLE:
        feedback = run(row)
        if feedback.passed:
            assert not any(word in feedback.message for word in ("wrong", "differ from the", "forgot", "instead"))
        elif "the values are right" in feedback.message:
            assert feedback.cause in ("warning", "changed_in_place")


def test_table_counts(capsys):
    correct = [row for row in TABLE if row.passed]
    with capsys.disabled():
        print(f"\nlearner-answer table: {len(TABLE)} rows, {len(correct)} correct variants, "
              f"{len(TABLE) - len(correct)} mistakes, over {len(CHECKS)} checks")
    assert len(TABLE) == len({(row.exercise, row.label) for row in TABLE}), "labels are unique"
