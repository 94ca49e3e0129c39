"""Tests of lab_utils.explorers.sigmoid: the tangent line and the slider."""

import matplotlib

matplotlib.use("Agg")

import base64
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lab_utils import (
    sigmoid,
)
from lab_utils.explorers import (
    SigmoidExplorer,
    SigmoidState,
)
from lab_utils.explorers.sigmoid import tangent_line

REPO = Path(__file__).resolve().parents[1]


def png_size(png):
    """(width, height) of PNG bytes."""
    return Image.open(io.BytesIO(png)).size


def shown_png(explorer):
    """The PNG bytes the explorer's output widget holds."""
    (output,) = explorer.output.outputs
    return base64.b64decode(output["data"]["image/png"])


def animation_frames(html):
    """The PNG frames embedded in an animation's HTML."""
    encoded = re.findall(r'"data:image/png;base64,([^"]+)"', html)
    return [base64.b64decode(frame.replace("\\\n", "")) for frame in encoded]


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
    assert explorer.animation() == ""
    ax = explorer.view.ax
    assert ax.get_xlabel() == "z" and ax.get_ylabel()
