"""Shared pytest fixtures for the lab_utils tests."""

import matplotlib

matplotlib.use("Agg")  # plotting tests run without a display

import numpy as np
import pytest


@pytest.fixture
def two_feature_data():
    """The six-example dataset of the original labs."""
    from lab_utils import load_two_feature_data

    return load_two_feature_data()


@pytest.fixture
def noisy_data():
    """A non-separable dataset (so the unregularised optimum is finite)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    logits = X @ np.array([1.5, -2.0, 0.5]) + 0.3
    y = (rng.random(200) < 1.0 / (1.0 + np.exp(-logits))).astype(int)
    return X, y


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def badly_scaled():
    """Non-separable data whose second feature is ~100 times larger and far from zero."""
    rng = np.random.default_rng(7)
    Z = rng.normal(size=(150, 2))
    y = (rng.random(150) < 1 / (1 + np.exp(-(1.5 * Z[:, 0] - Z[:, 1] + 0.2)))).astype(int)
    X = Z * [1.0, 40.0] + [0.0, 300.0]
    return X, y


#: The four breast-cancer features of chapter 6 (mini-batch descent and momentum).
CANCER_FOUR_FEATURES = ["mean texture", "mean area", "mean smoothness", "mean concave points"]


@pytest.fixture(scope="session")
def cancer_four():
    """``(X, y)``: four features of the breast-cancer data, unscaled."""
    from lab_utils import load_breast_cancer_data

    X, y, _ = load_breast_cancer_data(CANCER_FOUR_FEATURES)
    return X, y


@pytest.fixture(scope="session")
def cancer_zscored(cancer_four):
    """``(X, y)``: :func:`cancer_four` with z-scored features."""
    from lab_utils.scaling import scale_features

    X, y = cancer_four
    return scale_features(X, "z-score")[0], y
