"""Tests of lab_utils.explorers.sigmoid: the tangent line and the slider."""

import matplotlib

matplotlib.use("Agg")


import numpy as np
import pytest
from explorer_helpers import live_parts, shown_png

from lab_utils import (
    sigmoid,
)
from lab_utils.explorers import (
    SigmoidExplorer,
    SigmoidState,
)
from lab_utils.explorers.sigmoid import tangent_line


def test_tangent_line_has_the_sigmoid_slope():
    for z0 in (-3.0, 0.0, 1.0, 4.5):
        z, line = tangent_line(z0, half_width=1.0)
        h = 1e-6
        slope = (sigmoid(z0 + h) - sigmoid(z0 - h)) / (2 * h)
        assert (line[1] - line[0]) / (z[1] - z[0]) == pytest.approx(slope, rel=1e-6)
        assert np.interp(z0, z, line) == pytest.approx(float(sigmoid(z0)), rel=1e-12)


def test_sigmoid_explorer_slider():
    explorer = SigmoidExplorer()
    png = shown_png(explorer)
    explorer.controls["z"].value = -2.0
    assert explorer.state == SigmoidState(-2.0)
    assert explorer.view.point.get_ydata()[0] == pytest.approx(float(sigmoid(-2.0)))
    assert "0.1192" in explorer.readout.value and "0.105" in explorer.readout.value
    assert shown_png(explorer) != png
    data, _ = live_parts(explorer.live_html())
    assert data == {"z_range": [-8.0, 8.0], "step": 0.1, "tangent_half_width": 2.5, "start": {"z": -2.0}}
    ax = explorer.view.ax
    assert ax.get_xlabel() == "z" and ax.get_ylabel()
