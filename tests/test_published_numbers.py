"""lab_utils reproduces every number the original gradient-descent lab published.

Also checks the correspondence the scikit-learn lab derives (our ``lambda_`` is
``1 / C``) and the helper that prints "ours versus published" tables.
"""

import contextlib
import io
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from lab_utils import (
    compute_gradient_logistic,
    compute_gradient_logistic_loop,
    fmt,
    gradient_descent,
    load_breast_cancer_data,
    load_two_feature_data,
    zscore_normalize_features,
)
from lab_utils.display import compare_with_published

pytestmark = pytest.mark.filterwarnings("error")

PUBLISHED_DJ_DB = 0.49861806546328574
PUBLISHED_DJ_DW = [0.498333393278696, 0.49883942983996693]
PUBLISHED_COSTS = {
    0: 0.684610468560574,
    1000: 0.1590977666870456,
    2000: 0.08460064176930081,
    3000: 0.05705327279402531,
    4000: 0.042907594216820076,
    5000: 0.034338477298845684,
    6000: 0.028603798022120097,
    7000: 0.024501569608793,
    8000: 0.02142370332569295,
    9000: 0.019030137124109114,
}
PUBLISHED_W_2_DECIMALS = [5.28, 5.08]
PUBLISHED_B = -14.222409982019837


@pytest.fixture(scope="module")
def published_run():
    """The original lab's run: alpha 0.1, 10 000 iterations from zeros, with its printout."""
    X, y = load_two_feature_data()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        w, b, J_history = gradient_descent(X, y, np.zeros(2), 0.0, alpha=0.1, num_iters=10_000)
    return w, b, J_history, out.getvalue()


# --------------------------------------------------------------------------- #
# The gradient
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("gradient", [compute_gradient_logistic, compute_gradient_logistic_loop])
def test_published_gradient_to_1e_12(gradient):
    X, y = load_two_feature_data()
    dj_db, dj_dw = gradient(X, y, np.array([2.0, 3.0]), 1.0)
    assert np.isclose(dj_db, PUBLISHED_DJ_DB, rtol=1e-12, atol=0)
    assert np.allclose(dj_dw, PUBLISHED_DJ_DW, rtol=1e-12, atol=0)


def test_published_gradient_from_first_principles():
    """An independent computation, with no lab_utils maths at all."""
    X, y = load_two_feature_data()
    f = 1 / (1 + np.exp(-(X @ np.array([2.0, 3.0]) + 1.0)))
    assert np.isclose(np.mean(f - y), PUBLISHED_DJ_DB, rtol=1e-12, atol=0)
    assert np.allclose([np.mean((f - y) * X[:, j]) for j in range(2)], PUBLISHED_DJ_DW, rtol=1e-12, atol=0)


# --------------------------------------------------------------------------- #
# The descent
# --------------------------------------------------------------------------- #

def test_every_published_cost_in_the_history_to_1e_9(published_run):
    _, _, J_history, _ = published_run
    assert len(J_history) == 10_000
    for iteration, cost in PUBLISHED_COSTS.items():
        assert np.isclose(J_history[iteration], cost, rtol=1e-9, atol=0), iteration


def test_printout_shows_exactly_the_published_iterations_and_costs(published_run):
    _, _, J_history, printed = published_run
    lines = printed.strip().splitlines()
    pattern = re.compile(r"Iteration +(\d+): Cost (\S+)")
    parsed = [pattern.fullmatch(line) for line in lines]
    assert all(parsed), lines
    assert [int(m.group(1)) for m in parsed] == list(PUBLISHED_COSTS)
    for match, (iteration, cost) in zip(parsed, PUBLISHED_COSTS.items()):
        assert match.group(2) == fmt(J_history[iteration])  # 12 significant digits, nothing machine-dependent
        assert np.isclose(float(match.group(2)), cost, rtol=1e-9, atol=0)


def test_published_final_parameters(published_run):
    w, b, _, _ = published_run
    assert np.isclose(b, PUBLISHED_B, rtol=1e-9, atol=0)
    assert np.allclose(w, PUBLISHED_W_2_DECIMALS, rtol=0, atol=0.005)
    np.testing.assert_array_equal(np.round(w, 2), PUBLISHED_W_2_DECIMALS)


def test_costs_keep_falling(published_run):
    _, _, J_history, _ = published_run
    assert np.all(np.diff(J_history) < 0)
    assert J_history[0] < np.log(2)  # below the starting cost: "iteration 0" is after one step


# --------------------------------------------------------------------------- #
# scikit-learn
# --------------------------------------------------------------------------- #

def test_scikit_learn_published_predictions_and_accuracy():
    X, y = load_two_feature_data()
    model = LogisticRegression().fit(X, y)
    np.testing.assert_array_equal(model.predict(X), [0, 0, 0, 1, 1, 1])
    assert model.score(X, y) == 1.0
    assert model.C == 1.0 and model.l1_ratio == 0.0  # regularised by default


@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_lambda_equals_one_over_C(C):
    X, y = load_two_feature_data()
    sk = LogisticRegression(C=C, tol=1e-10, max_iter=1000).fit(X, y)
    w, b, _ = gradient_descent(X, y, np.zeros(2), 0.0, alpha=0.5, num_iters=10_000,
                               lambda_=1 / C, verbose=False)
    np.testing.assert_allclose(w, sk.coef_[0], rtol=1e-6)
    assert np.isclose(b, sk.intercept_[0], rtol=1e-6, atol=0)


@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_scikit_learn_solution_is_a_stationary_point_only_for_lambda_one_over_C(C):
    """Independent of our optimiser: our gradient vanishes at sklearn's answer for 1/C, not for other scalings."""
    X, y = load_two_feature_data()
    m = len(y)
    sk = LogisticRegression(C=C, tol=1e-12, max_iter=1000).fit(X, y)
    w, b = sk.coef_[0], sk.intercept_[0]

    def largest_derivative(lambda_):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b, lambda_=lambda_)
        return max(abs(dj_db), *np.abs(dj_dw))

    assert largest_derivative(1 / C) < 1e-8
    for wrong in [m / C, 1 / (m * C), 1 / (2 * C)]:
        assert largest_derivative(wrong) > 1e-3


def test_unregularised_fits_agree_on_non_separable_data():
    X, y, _ = load_breast_cancer_data(["mean radius", "mean texture"])
    X_norm, _, _ = zscore_normalize_features(X)
    sk = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X_norm, y)
    w, b, _ = gradient_descent(X_norm, y, np.zeros(2), 0.0, alpha=1.0, num_iters=2000, verbose=False)
    np.testing.assert_allclose(w, sk.coef_[0], rtol=1e-6)
    assert np.isclose(b, sk.intercept_[0], rtol=1e-6, atol=0)


def test_unregularised_weights_keep_growing_on_separable_data():
    X, y = load_two_feature_data()
    norms = [np.linalg.norm(LogisticRegression(C=np.inf, tol=tol, max_iter=1000).fit(X, y).coef_)
             for tol in [1e-2, 1e-4, 1e-6, 1e-8]]
    assert np.all(np.diff(norms) > 1)


# --------------------------------------------------------------------------- #
# The "ours versus published" table
# --------------------------------------------------------------------------- #

def test_table_lists_both_values_and_the_tolerance():
    table = compare_with_published([("dj_db", 0.49861806546328574, PUBLISHED_DJ_DB),
                                    ("dj_dw", np.array(PUBLISHED_DJ_DW), PUBLISHED_DJ_DW)], rtol=1e-12)
    lines = table.splitlines()
    assert lines[0].split() == ["quantity", "ours", "published"]
    assert lines[1].split() == ["dj_db", "0.498618065463", "0.498618065463"]
    assert lines[2] == "dj_dw     [0.498333393279 0.49883942984]  [0.498333393279 0.49883942984]"
    assert lines[-1] == "Every row agrees (rtol=1e-12)."


def test_table_fails_loudly_naming_the_rows_that_disagree():
    with pytest.raises(AssertionError, match=r"DISAGREE \(rtol=1e-12\): b$") as info:
        compare_with_published([("a", 1.0, 1.0), ("b", 1.0 + 1e-11, 1.0)], rtol=1e-12)
    assert "quantity" in str(info.value)  # the table is in the message


def test_table_shape_mismatch_and_absolute_tolerance():
    with pytest.raises(AssertionError, match="w"):
        compare_with_published([("w", [1.0, 2.0], [1.0, 2.0, 3.0])], rtol=1)
    table = compare_with_published([("w", [5.2812, 5.0782], [5.28, 5.08])], rtol=0, atol=0.005,
                                   reference="rounded")
    assert table.splitlines()[0].split() == ["quantity", "ours", "rounded"]
    assert table.endswith("(rtol=0, atol=0.005).")
    with pytest.raises(AssertionError):
        compare_with_published([("w", [5.2862], [5.28])], rtol=0, atol=0.005)
