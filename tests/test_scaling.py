"""Tests for lab_utils.scaling: z-score, min-max, new data and scale_features."""

import numpy as np
import pytest

from lab_utils import (
    apply_scaling,
    minmax_scale_features,
    zscore_normalize_features,
)
from lab_utils.scaling import scale_features


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


def test_scale_features_dispatches_to_lab_utils(badly_scaled):
    X, _ = badly_scaled
    raw, shift, scale = scale_features(X, "raw")
    np.testing.assert_array_equal(raw, X)
    assert raw is not X
    np.testing.assert_array_equal(shift, [0, 0])
    np.testing.assert_array_equal(scale, [1, 1])
    for method, reference in (("min-max", minmax_scale_features), ("z-score", zscore_normalize_features)):
        for got, expected in zip(scale_features(X, method), reference(X)):
            np.testing.assert_array_equal(got, expected)
    with pytest.raises(ValueError, match="method must be one of"):
        scale_features(X, "log")
