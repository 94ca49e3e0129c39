"""Tests for lab_utils.datasets, lab_utils.display and lab_utils.style."""

import subprocess
import sys

import numpy as np
import pytest

from lab_utils import fmt, load_breast_cancer_data, load_tumor_data, load_two_feature_data
from lab_utils.display import print_options
from lab_utils.style import COLORS, style_path


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


@pytest.mark.parametrize("value, text", [
    (0.49861806546328574, "0.498618065463"),
    (-14.222409982019837, "-14.222409982"),
    (1e-20, "1e-20"),
    (-0.0, "0"),
    (3, "3"),
])
def test_fmt_keeps_twelve_significant_digits(value, text):
    assert fmt(value) == text


def test_fmt_arrays():
    assert fmt(np.array([5.281230291, 5.078156080])) == "[5.281230291 5.07815608]"
    assert fmt([[1.0, 0.5]]) == "[[1 0.5]]"


def test_print_options_hide_machine_dependent_digits():
    with np.printoptions(**print_options()):
        assert str(np.array([1 / 3, 2.0])) == "[0.333333333333 2.            ]"


def test_importing_changes_no_global_state():
    code = ("import numpy as np, matplotlib as mpl; before = (np.get_printoptions(), dict(mpl.rcParams)); "
            "import lab_utils; after = (np.get_printoptions(), dict(mpl.rcParams)); "
            "print(before == after)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_style_loads_from_the_package_whatever_the_directory(tmp_path):
    code = ("import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
            "import lab_utils; lab_utils.use_course_style(); "
            "print(plt.rcParams['axes.prop_cycle'].by_key()['color'][0], plt.rcParams['axes.grid'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split() == [COLORS["blue"], "True"]
    assert style_path().endswith("course.mplstyle")
