"""Tests for lab_utils.figures.sigmoid_derivative: what each figure draws, and its labels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from lab_utils.figures import sigmoid_derivative as sp

pytestmark = pytest.mark.filterwarnings("error")


def _sigma(z):
    """Independent reference on moderate inputs (|z| <= 20): the textbook formula."""
    return 1.0 / (1.0 + np.exp(-z))


def _sigma_prime(z):
    """Independent reference: step 3 of the chapter's derivation."""
    return np.exp(-z) / (1.0 + np.exp(-z)) ** 2


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def _fd_data():
    steps = np.logspace(-8, -1, 8)
    return steps, 0.01 * steps**2 + 1e-16 / steps


FIGURES = [
    (sp.sigmoid_symmetry_figure, ()),
    (sp.sigmoid_and_derivative_figure, ()),
    (sp.saturation_figure, ()),
    (sp.loss_gradients_figure, ()),
    (sp.finite_difference_error_figure, _fd_data()),
]


@pytest.mark.parametrize("make, args", FIGURES, ids=[f.__name__ for f, _ in FIGURES])
def test_every_figure_has_one_labelled_axes(make, args):
    fig = make(*args)
    assert isinstance(fig, Figure)
    (axes,) = fig.axes
    assert axes.get_xlabel().strip() and axes.get_ylabel().strip()
    assert axes.get_legend() is not None


def test_symmetry_bars_have_equal_length(ax):
    z0 = 1.5
    sp.plot_sigmoid_symmetry(ax, z0=z0)
    curve = ax.lines[0]
    np.testing.assert_allclose(curve.get_ydata(), _sigma(curve.get_xdata()), rtol=1e-14)
    low_bar, high_bar = (c.get_segments()[0] for c in ax.collections)
    np.testing.assert_allclose(low_bar, [[-z0, 0.0], [-z0, _sigma(-z0)]], rtol=1e-14)
    np.testing.assert_allclose(high_bar, [[z0, _sigma(z0)], [z0, 1.0]], rtol=1e-14)
    assert low_bar[1, 1] - low_bar[0, 1] == pytest.approx(high_bar[1, 1] - high_bar[0, 1], abs=1e-15)


@pytest.mark.parametrize("z0", [0.0, -1.0, 6.0, 7.0])
def test_symmetry_point_outside_the_plot_is_refused(ax, z0):
    with pytest.raises(ValueError, match="z0"):
        sp.plot_sigmoid_symmetry(ax, z0=z0, z_max=6.0)


def test_sigmoid_and_derivative_curves_and_peak(ax):
    sp.plot_sigmoid_and_derivative(ax, z_max=5.0)
    sigma_line, slope_line, *_ = ax.lines
    z = sigma_line.get_xdata()
    assert z[0] == -5.0 and z[-1] == 5.0
    np.testing.assert_allclose(sigma_line.get_ydata(), _sigma(z), rtol=1e-14)
    np.testing.assert_allclose(slope_line.get_ydata(), _sigma_prime(z), rtol=1e-13)
    # the slope is the derivative of the other curve: compare with finite differences
    np.testing.assert_allclose(np.gradient(sigma_line.get_ydata(), z), slope_line.get_ydata(), atol=1e-4)
    (peak_marker,) = [line for line in ax.lines if line.get_marker() == "o"]
    assert (peak_marker.get_xdata()[0], peak_marker.get_ydata()[0]) == (0.0, 0.25)
    assert any("0.25" in t.get_text() for t in ax.texts)


def test_saturation_marks_values_at_plus_minus_5_and_10(ax):
    sp.plot_saturation(ax, marks=(5.0, 10.0))
    assert ax.get_yscale() == "log"
    slope_line, approx_line, marked = ax.lines[:3]
    z = slope_line.get_xdata()
    np.testing.assert_allclose(slope_line.get_ydata(), _sigma_prime(z), rtol=1e-12)
    np.testing.assert_allclose(approx_line.get_ydata(), np.exp(-np.abs(z)), rtol=1e-15)
    np.testing.assert_array_equal(marked.get_xdata(), [-10.0, -5.0, 5.0, 10.0])
    np.testing.assert_allclose(marked.get_ydata(), _sigma_prime(np.array([-10.0, -5.0, 5.0, 10.0])), rtol=1e-12)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["4.54e-05", "0.00665", "0.00665", "4.54e-05"]


def test_loss_gradients_match_the_chain_rule(ax):
    sp.plot_loss_gradients(ax, z_max=10.0)
    log_line, squared_line = ax.lines[:2]
    z = log_line.get_xdata()
    error = _sigma(z) - 1.0
    np.testing.assert_allclose(log_line.get_ydata(), np.abs(error), rtol=1e-12)
    np.testing.assert_allclose(squared_line.get_ydata(), np.abs(error * _sigma_prime(z)), rtol=1e-12, atol=1e-300)
    # the squared error's slope is the derivative of (sigma - 1)^2 / 2: check by differences
    half_squared = 0.5 * error**2
    np.testing.assert_allclose(np.abs(np.gradient(half_squared, z)), squared_line.get_ydata(), atol=2e-3)
    assert np.all(log_line.get_ydata() >= squared_line.get_ydata())
    assert log_line.get_ydata()[0] / squared_line.get_ydata()[0] == pytest.approx(1 / _sigma_prime(-10.0))


def _loglog_slope(line):
    x, y = np.log10(line.get_xdata()), np.log10(line.get_ydata())
    return np.diff(y) / np.diff(x)


def test_finite_difference_figure_draws_data_and_two_guides(ax):
    steps = np.logspace(-10, -1, 10)
    errors = 0.02 * steps**2 + 3e-16 / steps
    errors[3] = 0.0  # an exact zero cannot go on a log axis: it is left out
    sp.plot_finite_difference_error(ax, steps, errors)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    measured, truncation, rounding = ax.lines[:3]
    keep = errors > 0
    np.testing.assert_array_equal(measured.get_xdata(), steps[keep])
    np.testing.assert_array_equal(measured.get_ydata(), errors[keep])
    np.testing.assert_allclose(_loglog_slope(truncation), 2.0, rtol=1e-10)
    np.testing.assert_allclose(_loglog_slope(rounding), -1.0, rtol=1e-10)
    assert truncation.get_ydata()[-1] == pytest.approx(errors[-1])  # through the largest step
    assert rounding.get_ydata()[0] == pytest.approx(errors[0])  # through the smallest step


@pytest.mark.parametrize("steps, errors", [
    ([1e-3, 1e-2], [1e-9]),
    ([[1e-3, 1e-2]], [[1e-9, 1e-7]]),
    ([0.0, 1e-2], [1e-9, 1e-7]),
    ([1e-3, 1e-2], [0.0, 1e-7]),
])
def test_finite_difference_figure_refuses_bad_data(ax, steps, errors):
    with pytest.raises(ValueError):
        sp.plot_finite_difference_error(ax, steps, errors)


def test_non_positive_range_is_refused(ax):
    with pytest.raises(ValueError, match="z_max"):
        sp.plot_sigmoid_and_derivative(ax, z_max=0.0)
