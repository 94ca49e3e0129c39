"""Tests for lab_utils.figures.gradient_derivation: the figures of the chapter *Deriving the gradient*."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import load_tumor_data
from lab_utils.figures.gradient_derivation import (
    convergence_figure,
    cost_surfaces_figure,
    curvature_map_figure,
    loss_curvature_figure,
)

pytestmark = pytest.mark.filterwarnings("error")

W_GRID = np.linspace(-4.0, 6.0, 41)
B_GRID = np.linspace(-20.0, 10.0, 41)


@pytest.fixture
def tumor():
    return load_tumor_data()


def test_loss_curvature_figure_labels_and_shading():
    fig = loss_curvature_figure()
    ax_loss, ax_curv = fig.axes
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel()
        assert len(ax.lines) >= 2
        (span,) = ax.patches
        assert span.get_x() + span.get_width() == pytest.approx(-np.log(2.0))
    labels = [t.get_text() for t in ax_loss.get_legend().get_texts()]
    assert labels == ["squared error curves downwards", "log loss", "squared error"]


def test_cost_surfaces_figure_draws_two_labelled_3d_surfaces(tumor):
    x, y = tumor
    fig = cost_surfaces_figure(x, y, W_GRID, B_GRID)
    assert len(fig.axes) == 2
    for ax, title in zip(fig.axes, ["Squared error", "Log loss"]):
        assert ax.name == "3d"
        assert ax.get_title().startswith(title)
        assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == ("$w$", "$b$", "$J(w, b)$")
        assert len(ax.collections) == 1


def test_curvature_map_outlines_the_non_convex_region_only_for_squared_error(tumor):
    x, y = tumor
    fig = curvature_map_figure(x, y, W_GRID, B_GRID)
    ax_squared, ax_log = fig.axes[:2]
    assert len(fig.axes) == 4  # two maps, two colour bars
    assert len(ax_squared.collections) == 1 and len(ax_log.collections) == 0  # the zero contour
    for ax in (ax_squared, ax_log):
        assert ax.get_xlabel() == "$w$" and ax.get_ylabel() == "$b$"
    assert ax_squared.images[0].norm is ax_log.images[0].norm  # one shared colour scale


def test_convergence_figure_log_axes_and_drops_non_positive_gaps():
    fig = convergence_figure({"Newton": [1.5, 1.01, 1.0, 1.0], "GD": [2.0, 1.5, 1.2, 1.1]}, 1.0, tol=1e-8)
    (ax,) = fig.axes
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert ax.get_xlabel() and ax.get_ylabel()
    newton, gd, tolerance = ax.lines
    np.testing.assert_array_equal(newton.get_xdata(), [1, 2])
    np.testing.assert_allclose(newton.get_ydata(), [0.5, 0.01])
    np.testing.assert_array_equal(gd.get_xdata(), [1, 2, 3, 4])
    assert tolerance.get_ydata()[0] == 1e-8
