"""Tests for lab_utils.plotting, on the Agg backend."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lab_utils import plot_data, plot_decision_boundary, plt_prob, plt_tumor_data, sigmoid
from lab_utils.style import NEGATIVE, POSITIVE


def test_plot_data_draws_each_class_with_labels(two_feature_data):
    X, y = two_feature_data
    fig, ax = plt.subplots()
    pos, neg = plot_data(X, y, ax)
    np.testing.assert_array_equal(pos.get_offsets(), X[3:])
    np.testing.assert_array_equal(neg.get_offsets(), X[:3])
    assert ax.get_xlabel() == "$x_0$" and ax.get_ylabel() == "$x_1$"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y=1", "y=0"]


def test_plot_data_refuses_three_features():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="two features"):
        plot_data(np.ones((3, 3)), [0, 1, 0], ax)


def test_tumor_plot(two_feature_data):
    fig, ax = plt.subplots()
    pos, neg = plt_tumor_data(np.arange(6.0), [0, 0, 0, 1, 1, 1], ax)
    assert len(pos.get_offsets()) == 3 and len(neg.get_offsets()) == 3
    assert ax.get_xlabel() and ax.get_ylabel()


def test_plt_prob_shades_the_datas_own_range(two_feature_data):
    X, y = two_feature_data
    fig, ax = plt.subplots()
    w, b = np.array([5.28, 5.08]), -14.22
    image = plt_prob(ax, w, b, X=X)
    fig.canvas.draw()
    x0_lo, x0_hi, x1_lo, x1_hi = image.data_extent
    assert (x0_lo, x0_hi) == ax.get_xlim() and (x1_lo, x1_hi) == ax.get_ylim()
    assert x0_lo < X[:, 0].min() < X[:, 0].max() < x0_hi
    assert x1_lo < X[:, 1].min() < X[:, 1].max() < x1_hi
    assert (x0_hi - x0_lo) == pytest.approx(1.2 * 2.5)
    data = image.get_array()
    assert data[0, 0] == pytest.approx(sigmoid(w @ [x0_lo, x1_lo] + b))
    assert data[-1, -1] == pytest.approx(sigmoid(w @ [x0_hi, x1_hi] + b))
    assert image.get_extent() == pytest.approx((0, 1, 0, 1))  # in axes units: the whole plot
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "P(y = 1 | x)"


def test_plt_prob_uses_the_axes_limits_without_data():
    fig, ax = plt.subplots()
    ax.set_xlim(-10, 10)
    ax.set_ylim(0, 1)
    image = plt_prob(ax, [1.0, 1.0], 0.0, colorbar=False)
    fig.canvas.draw()
    assert image.data_extent == pytest.approx((-10, 10, 0, 1))
    assert ax.get_xlabel() == "$x_0$"


def test_decision_boundary_lies_where_probability_is_one_half(two_feature_data):
    X, _ = two_feature_data
    fig, ax = plt.subplots()
    w, b = np.array([5.28, 5.08]), -14.22
    line = plot_decision_boundary(ax, w, b, X=X)
    x0, x1 = line.get_data()
    np.testing.assert_allclose(w[0] * x0 + w[1] * x1 + b, 0.0, atol=1e-12)


def test_vertical_boundary_is_drawn_too():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 4)
    x0, x1 = plot_decision_boundary(ax, [2.0, 0.0], -4.0).get_data()
    np.testing.assert_allclose(x0, [2.0, 2.0])
    np.testing.assert_allclose(x1, [0.0, 4.0])


def test_all_zero_weights_have_no_boundary():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="no decision boundary"):
        plot_decision_boundary(ax, [0.0, 0.0], 1.0)


def test_palette_is_distinguishable():
    assert POSITIVE != NEGATIVE


def test_convention_names_draw_what_the_original_names_draw():
    from lab_utils.plotting import plot_examples, plot_probability, plot_tumor_data

    X, y = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]]), np.array([0, 1, 1])
    _, (ax_old, ax_new) = plt.subplots(1, 2)
    old, new = plot_data(X, y, ax_old, s=20), plot_examples(ax_new, X, y, s=20)
    for a, b in zip(old, new, strict=True):
        np.testing.assert_array_equal(a.get_offsets(), b.get_offsets())
    assert ax_old.get_xlabel() == ax_new.get_xlabel()
    _, (ax_old, ax_new) = plt.subplots(1, 2)
    old, new = plt_tumor_data([1.0, 2.0], [0, 1], ax_old), plot_tumor_data(ax_new, [1.0, 2.0], [0, 1])
    for a, b in zip(old, new, strict=True):
        np.testing.assert_array_equal(a.get_offsets(), b.get_offsets())
    assert plot_probability is plt_prob
    plt.close("all")
