"""Bad input gets a ValueError that names the problem, from every public function."""

import numpy as np
import pytest

import lab_utils as lu

X6, Y6 = lu.load_two_feature_data()
W2, B = np.array([1.0, 1.0]), 0.0

# (description, callable, expected message fragment)
BAD_CALLS = [
    ("X is 1-D", lambda f: f(X6[:, 0], Y6, W2[:1], B), r"2-D array .* got 1-D array of shape \(6,\).*reshape"),
    ("X is 3-D", lambda f: f(X6[None], Y6, W2, B), r"2-D .* shape \(1, 6, 2\)"),
    ("X is empty", lambda f: f(np.empty((0, 2)), np.empty(0), W2, B), r"X is empty: shape \(0, 2\)"),
    ("X has NaN", lambda f: f(np.where(X6 == 3.0, np.nan, X6), Y6, W2, B), r"X contains 1 non-finite .*NaN at index \(3, 0\)"),  # noqa: E501
    ("X has inf", lambda f: f(np.where(X6 == 3.0, np.inf, X6), Y6, W2, B), r"X contains .*inf"),
    ("X is text", lambda f: f([["a", "b"]], [1], W2, B), r"X must contain numbers"),
    ("y too short", lambda f: f(X6, Y6[:5], W2, B), r"y has 5 labels but X has 6 examples"),
    ("y is a row", lambda f: f(X6, Y6[None, :], W2, B), r"y must be a 1-D array of shape \(6,\) or a column .* got shape \(1, 6\)"),  # noqa: E501
    ("y has label 2", lambda f: f(X6, np.array([0, 1, 2, 0, 1, 0]), W2, B), r"targets between 0 and 1 .*; found 2"),
    ("y uses -1/1", lambda f: f(X6, 2 * Y6 - 1, W2, B), r"targets between 0 and 1 .*; found -1$"),
    ("y has NaN", lambda f: f(X6, np.array([0, 1, np.nan, 0, 1, 0]), W2, B), r"y contains 1 non-finite"),
    ("w wrong length", lambda f: f(X6, Y6, np.ones(3), B), r"w must have shape \(2,\).*got shape \(3,\)"),
    ("w is 2-D", lambda f: f(X6, Y6, np.ones((2, 2)), B), r"w must have shape \(2,\).*got shape \(2, 2\)"),
    ("w has NaN", lambda f: f(X6, Y6, np.array([np.nan, 1.0]), B), r"w contains 1 non-finite"),
    ("b is a vector", lambda f: f(X6, Y6, W2, np.ones(2)), r"b must be a single number .* shape \(2,\)"),
    ("b is NaN", lambda f: f(X6, Y6, W2, np.nan), r"b must be finite"),
]
COST_AND_GRADIENT = [lu.compute_cost_logistic, lu.compute_gradient_logistic,
                     lu.compute_cost_logistic_loop, lu.compute_gradient_logistic_loop]


@pytest.mark.parametrize("func", COST_AND_GRADIENT, ids=lambda f: f.__name__)
@pytest.mark.parametrize("description, call, message", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_cost_and_gradient_name_the_problem(func, description, call, message):
    with pytest.raises(ValueError, match=message):
        call(func)


def descend(**overrides):
    args = {"X": X6, "y": Y6, "w_in": W2, "b_in": B, "alpha": 0.1, "num_iters": 10}
    args.update(overrides)
    return lu.gradient_descent(verbose=False, **args)


@pytest.mark.parametrize("overrides, message", [
    ({"alpha": 0.0}, r"alpha \(the learning rate\) must be a finite number > 0; got 0.0"),
    ({"alpha": -0.1}, r"must be a finite number > 0; got -0.1"),
    ({"alpha": np.nan}, r"alpha .* got nan"),
    ({"alpha": np.inf}, r"alpha .* got inf"),
    ({"alpha": "0.1"}, r"alpha \(the learning rate\) must be a number; got '0.1'"),
    ({"num_iters": 0}, r"num_iters must be at least 1; got 0"),
    ({"num_iters": 10.5}, r"num_iters must be a whole number; got 10.5"),
    ({"lambda_": -1.0}, r"lambda_ .* >= 0; got -1.0"),
    ({"w_in": np.ones(3)}, r"w_in must have shape \(2,\)"),
    ({"b_in": [1.0, 2.0]}, r"b_in must be a single number"),
    ({"y": Y6 + 1}, r"targets between 0 and 1 .*; found 2"),
    ({"X": X6[:, :1]}, r"w_in must have shape \(1,\)"),
])
def test_gradient_descent_names_the_problem(overrides, message):
    with pytest.raises(ValueError, match=message):
        descend(**overrides)


@pytest.mark.parametrize("call, message", [
    (lambda: lu.predict(X6, np.ones(3), 0.0), r"w must have shape \(2,\)"),
    (lambda: lu.predict(X6, W2, 0.0, threshold=1.0), r"threshold must lie strictly between 0 and 1"),
    (lambda: lu.predict_proba(X6[0], W2, 0.0), r"X must be a 2-D array"),
    (lambda: lu.zscore_normalize_features(np.column_stack([X6, np.ones(6)])), r"feature column\(s\) \[2\] are constant"),  # noqa: E501
    (lambda: lu.minmax_scale_features(np.ones((3, 1))), r"feature column\(s\) \[0\] are constant"),
    (lambda: lu.apply_scaling(X6, np.zeros(3), np.ones(3)), r"shift and scale must have shape \(2,\)"),
    (lambda: lu.zscore_normalize_features([[np.nan, 1.0]]), r"X contains 1 non-finite"),
    (lambda: lu.load_breast_cancer_data(["no such feature"]), r"unknown feature name"),
    (lambda: lu.sigmoid([1.0, np.inf]), r"z contains 1 non-finite"),
])
def test_other_functions_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_labels_may_be_booleans_or_floats():
    y_bool = Y6.astype(bool)
    assert lu.compute_cost_logistic(X6, y_bool, W2, B) == lu.compute_cost_logistic(X6, Y6.astype(float), W2, B)


def test_lists_are_accepted():
    assert lu.compute_cost_logistic(X6.tolist(), Y6.tolist(), W2.tolist(), 0) == pytest.approx(
        lu.compute_cost_logistic(X6, Y6, W2, 0.0))


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        (0.0, {"low": 0.0, "include_low": False}, r"t must be a finite number > 0; got 0\.0"),
        (-1.0, {"low": 0.0}, r"t must be a finite number >= 0; got -1\.0"),
        (1.0, {"low": 0.0, "high": 1.0, "include_high": False}, r"t must be a finite number in \[0, 1\); got 1\.0"),
        (float("inf"), {}, "t must be a finite number"),
        (True, {}, "t must be a number; got True"),
        ("3", {}, "t must be a number; got '3'"),
        (0, {"low": 1, "integer": True}, "t must be at least 1; got 0"),
        (2.5, {"integer": True}, "t must be a whole number; got 2.5"),
    ],
)
def test_validate_scalar_is_one_interval_test(value, options, message):
    from lab_utils.validation import validate_scalar

    with pytest.raises(ValueError, match=message):
        validate_scalar(value, "t", **options)


def test_validate_scalar_returns_the_value():
    from lab_utils import validation

    assert validation.validate_scalar(np.float32(0.5), "t", low=0.0, high=1.0) == 0.5
    assert validation.validate_scalar(np.int64(3), "t", low=1, integer=True) == 3


def test_validate_data_takes_classes_unless_soft_labels_are_allowed():
    from lab_utils.validation import validate_data

    X, y = validate_data([[1.0], [2.0]], [[0], [1]])
    assert X.shape == (2, 1) and y.tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match=r"only the labels 0 and 1; found 0\.5 \(soft labels"):
        validate_data([[1.0], [2.0]], [0, 0.5])
    assert validate_data([[1.0], [2.0]], [0, 0.5], soft_labels=True)[1].tolist() == [0.0, 0.5]
    with pytest.raises(ValueError, match="y has 3 labels but X has 2 examples"):
        validate_data([[1.0], [2.0]], [0, 1, 1])


def test_validate_problem_checks_the_bias_and_may_refuse_soft_labels():
    from lab_utils.validation import validate_problem

    X, y, w, b = validate_problem([[1.0, 2.0]], [0.25], [0.5, -1], 2)
    assert y.tolist() == [0.25] and w.tolist() == [0.5, -1.0] and b == 2.0 and type(b) is float
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        validate_problem([[1.0, 2.0]], [0.25], [0.5, -1], 2, soft_labels=False)
    with pytest.raises(ValueError, match="b must be finite; got nan"):
        validate_problem([[1.0, 2.0]], [1], [0.5, -1], float("nan"))
