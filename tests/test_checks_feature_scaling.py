"""Tests for lab_utils.checks.feature_scaling: the references pass, the ddof note, the feedback's form.

Every learner answer is in the table of ``tests/test_checks_answers.py``.
"""

import numpy as np
import pytest

from lab_utils import apply_scaling, zscore_normalize_features
from lab_utils.checks.feature_scaling import ZSCORE, check_scale_new, check_zscore

pytestmark = pytest.mark.filterwarnings("error")


def test_lab_utils_functions_pass():
    assert check_zscore(zscore_normalize_features).cause == "passed"
    assert check_scale_new(apply_scaling).cause == "passed"


def test_calling_the_course_function_is_refused():
    assert check_zscore(lambda X: zscore_normalize_features(X)).cause == "forbidden"
    assert check_scale_new(lambda X, mu, sigma: apply_scaling(X, mu, sigma)).cause == "forbidden"


def test_sample_std_is_accepted_with_a_note_whose_factor_is_right():
    feedback = check_zscore(lambda X: ((X - X.mean(0)) / X.std(0, ddof=1), X.mean(0), X.std(0, ddof=1)))
    assert feedback.passed and "ddof=1" in feedback.message
    m = ZSCORE.cases[-1].args[0].shape[0]
    assert m == 5 and f"{np.sqrt(m / (m - 1)):.3f} for m = {m}" in feedback.message


def test_cases_have_more_rows_than_columns():
    for case in ZSCORE.cases:
        m, n = case.args[0].shape
        assert m > n


def test_wrong_values_show_the_column_statistics():
    feedback = check_zscore(lambda X: ((X - X.mean(0)) / X.std(0) + 0.1, X.mean(0), X.std(0)))
    assert "yours have means [0.1 0.1 0.1]" in feedback.message


def test_scale_new_shows_the_first_rows():
    feedback = check_scale_new(lambda X, mu, sigma: (X - mu) / sigma + 1)
    assert feedback.details[0].startswith("expected first row [2.10857")
    assert feedback.details[1].startswith("got            [3.10857")
