"""Tests for lab_utils.checks.scaling: the reference passes, each typical mistake gets its hint."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import apply_scaling, zscore_normalize_features
from lab_utils.checks import Feedback
from lab_utils.checks.scaling import check_scale_new, check_zscore

# --- zscore_normalize ----------------------------------------------------------

def reference_zscore(X):
    mu = np.mean(X, axis=0)
    sigma = np.std(X, axis=0)
    return (X - mu) / sigma, mu, sigma


def stub(X):
    ...


def rows_instead_of_columns(X):
    mu = X.mean(axis=1, keepdims=True)
    sigma = X.std(axis=1, keepdims=True)
    return (X - mu) / sigma, mu, sigma


def axis_1_without_keepdims(X):
    mu, sigma = X.mean(axis=1), X.std(axis=1)
    return (X - mu) / sigma, mu, sigma


def no_axis(X):
    mu, sigma = X.mean(), X.std()
    return (X - mu) / sigma, mu, sigma


def forgot_mean(X):
    sigma = X.std(axis=0)
    return X / sigma, X.mean(axis=0), sigma


def divided_by_variance(X):
    mu, var = X.mean(axis=0), X.var(axis=0)
    return (X - mu) / var, mu, np.sqrt(var)


def returned_variance(X):
    mu, var = X.mean(axis=0), X.var(axis=0)
    return (X - mu) / np.sqrt(var), mu, var


def sample_std(X):
    mu, sigma = X.mean(axis=0), X.std(axis=0, ddof=1)
    return (X - mu) / sigma, mu, sigma


def keepdims_stats(X):
    mu, sigma = X.mean(axis=0, keepdims=True), X.std(axis=0, keepdims=True)
    return (X - mu) / sigma, mu, sigma


def swapped(X):
    X_norm, mu, sigma = reference_zscore(X)
    return X_norm, sigma, mu


def in_place(X):
    mu, sigma = X.mean(axis=0), X.std(axis=0)
    X -= mu
    X /= sigma
    return X, mu, sigma


def only_x_norm(X):
    return reference_zscore(X)[0]


def min_max(X):
    low, high = X.min(axis=0), X.max(axis=0)
    return (X - low) / (high - low), low, high - low


def mean_normalisation(X):
    mu = X.mean(axis=0)
    return (X - mu) / (X.max(axis=0) - X.min(axis=0)), mu, X.std(axis=0)


def no_division(X):
    mu = X.mean(axis=0)
    return X - mu, mu, X.std(axis=0)


def raises(X):
    raise KeyError("oops")


def hard_coded(X):
    """Right on the first check matrix only (a global instead of the argument)."""
    first = np.array([[2104.0, 5.0, 0.45], [1416.0, 3.0, 0.40], [852.0, 2.0, 0.35],
                      [1534.0, 3.0, 0.30], [3000.0, 4.0, 0.12], [950.0, 1.0, 0.20]])
    return reference_zscore(first)


def test_reference_and_lab_utils_pass():
    for func in (reference_zscore, zscore_normalize_features):
        feedback = check_zscore(func)
        assert isinstance(feedback, Feedback)
        assert feedback.passed, str(feedback)
        assert "works" in feedback.message and "ddof" not in feedback.message


def test_sample_std_is_accepted_with_a_note():
    feedback = check_zscore(sample_std)
    assert feedback.passed
    assert "ddof=1" in feedback.message and "Accepted" in feedback.message
    assert "1.118" in feedback.message  # sqrt(5/4): the last check matrix has 5 rows


@pytest.mark.parametrize(
    ("func", "hint"),
    [
        (stub, "returned None"),
        (rows_instead_of_columns, "each row (example) instead of each column"),
        (axis_1_without_keepdims, "wrong axis"),
        (forgot_mean, "forgot to subtract the mean"),
        (divided_by_variance, "divided by the variance"),
        (returned_variance, "sigma holds the variances"),
        (keepdims_stats, "mu has shape (1, 3)"),
        (swapped, "mu and sigma are swapped"),
        (in_place, "changed the X it was given"),
        (only_x_norm, "return three things"),
        (min_max, "that is min-max scaling"),
        (mean_normalisation, "divided by the range"),
        (no_division, "did not divide by the standard deviation"),
        (raises, "raised KeyError"),
        (hard_coded, "X_norm has shape (6, 3)"),
        (no_axis, "X_norm has the wrong values"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_each_mistake_gets_its_hint(func, hint):
    feedback = check_zscore(func)
    assert not feedback.passed
    assert hint in str(feedback), str(feedback)


def test_checks_never_raise_and_print_a_verdict():
    text = str(check_zscore("not a function"))
    assert text.startswith("[NOT YET] zscore_normalize") and "expected a function" in text


def test_wrong_values_show_the_column_statistics():
    feedback = check_zscore(no_axis)
    assert any("column means" in line for line in feedback.details)


# --- scale_new_examples ----------------------------------------------------------

def reference_scale_new(X_new, mu, sigma):
    return (X_new - mu) / sigma


def own_statistics(X_new, mu, sigma):
    return zscore_normalize_features(X_new)[0]


def own_statistics_sample(X_new, mu, sigma):
    return (X_new - X_new.mean(axis=0)) / X_new.std(axis=0, ddof=1)


def unscaled(X_new, mu, sigma):
    return X_new


def unscale(X_new, mu, sigma):
    return X_new * sigma + mu


def scale_in_place(X_new, mu, sigma):
    X_new -= mu
    X_new /= sigma
    return X_new


def returns_tuple(X_new, mu, sigma):
    return (X_new - mu) / sigma, mu, sigma


def test_scale_new_reference_and_apply_scaling_pass():
    for func in (reference_scale_new, apply_scaling):
        feedback = check_scale_new(func)
        assert feedback.passed, str(feedback)


@pytest.mark.parametrize(
    ("func", "hint"),
    [
        (lambda X_new, mu, sigma: None, "returned None"),
        (own_statistics, "computed a new mean and standard deviation from the new examples"),
        (own_statistics_sample, "computed a new mean and standard deviation from the new examples"),
        (unscaled, "returned X_new unscaled"),
        (lambda X_new, mu, sigma: X_new - mu, "did not divide by sigma"),
        (lambda X_new, mu, sigma: X_new / sigma, "did not subtract mu"),
        (unscale, "undoes a scaling"),
        (lambda X_new, mu, sigma: (X_new - mu) * sigma, "Divide"),
        (scale_in_place, "changed one of its arguments in place"),
        (returns_tuple, "return only the scaled array"),
        (lambda X_new, mu, sigma: ((X_new - mu) / sigma)[0], "must have the shape of X_new"),
        (lambda X_new, mu, sigma: (X_new - mu) / sigma + 1, "the values are wrong"),
        (lambda X_new, mu, sigma: 1 / 0, "raised ZeroDivisionError"),
    ],
)
def test_each_scale_new_mistake_gets_its_hint(func, hint):
    feedback = check_scale_new(func)
    assert not feedback.passed
    assert hint in str(feedback), str(feedback)
