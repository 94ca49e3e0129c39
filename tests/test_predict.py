"""Tests for lab_utils.predict."""

import numpy as np

from lab_utils import (
    gradient_descent,
    predict,
    predict_proba,
    sigmoid,
)


def test_predict_reproduces_the_trained_models_labels(two_feature_data):
    X, y = two_feature_data
    w, b, _ = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 10_000, verbose=False)
    np.testing.assert_array_equal(predict(X, w, b), [0, 0, 0, 1, 1, 1])
    assert predict(X, w, b).dtype.kind == "i"


def test_threshold_moves_the_boundary():
    X = np.array([[0.0], [1.0], [2.0]])
    w, b = np.array([1.0]), -1.0  # probabilities 0.27, 0.5, 0.73
    np.testing.assert_array_equal(predict(X, w, b), [0, 1, 1])
    np.testing.assert_array_equal(predict(X, w, b, threshold=0.6), [0, 0, 1])
    np.testing.assert_allclose(predict_proba(X, w, b), sigmoid(np.array([-1.0, 0.0, 1.0])))
