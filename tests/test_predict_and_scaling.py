"""Tests for lab_utils.predict and lab_utils.scaling."""

import numpy as np

from lab_utils import (
    apply_scaling,
    gradient_descent,
    minmax_scale_features,
    predict,
    predict_proba,
    sigmoid,
    zscore_normalize_features,
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


def test_zscore_gives_zero_mean_unit_std():
    rng = np.random.default_rng(4)
    X = rng.normal(loc=[5.0, -300.0], scale=[2.0, 80.0], size=(500, 2))
    X_norm, mu, sigma = zscore_normalize_features(X)
    np.testing.assert_allclose(X_norm.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_norm.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(mu, X.mean(axis=0))
    np.testing.assert_allclose(sigma, X.std(axis=0))
    np.testing.assert_allclose(apply_scaling(X, mu, sigma), X_norm)


def test_minmax_maps_to_unit_interval():
    X = np.array([[1.0, 100.0], [3.0, 300.0], [2.0, 500.0]])
    X_s, low, span = minmax_scale_features(X)
    np.testing.assert_allclose(X_s, [[0, 0], [1, 0.5], [0.5, 1]])
    np.testing.assert_allclose(low, [1, 100])
    np.testing.assert_allclose(span, [2, 400])


def test_scaling_new_data_reuses_training_statistics():
    X_train = np.array([[0.0, 10.0], [2.0, 30.0]])
    _, mu, sigma = zscore_normalize_features(X_train)
    np.testing.assert_allclose(apply_scaling([[1.0, 20.0], [4.0, 50.0]], mu, sigma), [[0, 0], [3, 3]])


def test_scaling_does_not_modify_its_input():
    X = np.array([[1.0, 2.0], [3.0, 5.0]])
    copy = X.copy()
    zscore_normalize_features(X)
    minmax_scale_features(X)
    np.testing.assert_array_equal(X, copy)
