"""Tests for lab_utils.style, and that importing lab_utils changes no global state."""

import subprocess
import sys

from lab_utils.style import COLORS, style_path


def test_style_loads_from_the_package_whatever_the_directory(tmp_path):
    code = ("import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
            "import lab_utils; lab_utils.use_course_style(); "
            "print(plt.rcParams['axes.prop_cycle'].by_key()['color'][0], plt.rcParams['axes.grid'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split() == [COLORS["blue"], "True"]
    assert style_path().endswith("course.mplstyle")


def test_importing_changes_no_global_state():
    code = ("import numpy as np, matplotlib as mpl; before = (np.get_printoptions(), dict(mpl.rcParams)); "
            "import lab_utils; after = (np.get_printoptions(), dict(mpl.rcParams)); "
            "print(before == after)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
