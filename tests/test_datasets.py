"""Tests for lab_utils.datasets: the original labs' data and the bundled breast-cancer set."""

import numpy as np

from lab_utils import load_breast_cancer_data, load_tumor_data, load_two_feature_data


def test_original_lab_datasets():
    X, y = load_two_feature_data()
    assert X.shape == (6, 2) and y.tolist() == [0, 0, 0, 1, 1, 1]
    x, y1 = load_tumor_data()
    assert x.tolist() == [0, 1, 2, 3, 4, 5] and y1.tolist() == [0, 0, 0, 1, 1, 1]


def test_breast_cancer_data_is_bundled_and_relabelled():
    X, y, names = load_breast_cancer_data()
    assert X.shape == (569, 30) and len(names) == 30
    assert int(y.sum()) == 212, "212 malignant tumours are labelled 1"
    X2, _, names2 = load_breast_cancer_data(["mean area", "mean radius"])
    assert names2 == ["mean area", "mean radius"]
    np.testing.assert_array_equal(X2[:, 1], X[:, names.index("mean radius")])
    assert X2[:, 0].max() / X2[:, 1].max() > 50, "the features span very different ranges"
