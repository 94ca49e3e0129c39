"""Code written for the original course (Machine Learning Specialization, course 1, week 3) runs on lab_utils.

Each test calls lab_utils the way one of the original optional labs or the
graded assignment calls its own helpers (same argument lists, shapes and call
order, with only the import line changed) and checks the numbers those
notebooks publish. The random inputs of the assignment's public tests are
drawn again with the same seeds and in the same order.

The assignment's two data files (exam scores and microchip tests) are not
shipped with this course: they carry no licence that allows it, and they are
measured data, which no seed can regenerate. Point ``ORIGINAL_COURSE_DATA`` at
a folder holding ``ex2data1.txt`` and ``ex2data2.txt`` (from your own copy of
the assignment) to run the tests that need them; without it they are skipped.
"""

import contextlib
import io
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

import lab_utils as lu
from lab_utils.explorers import overfit_example, plt_one_addpt_onclick, plt_quad_logistic
from lab_utils.plt_logistic_loss import (
    plt_logistic_cost,
    plt_logistic_squared_error,
    plt_simple_example,
    plt_two_logistic_loss_curves,
    soup_bowl,
)
from lab_utils.style import COLORS

# The six examples of the decision-boundary, cost and gradient-descent labs.
X_TRAIN = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
Y_TRAIN = np.array([0, 0, 0, 1, 1, 1])
# The tumour sizes of the classification, sigmoid, logistic-loss and gradient-descent labs.
X_TUMOUR = np.array([0.0, 1, 2, 3, 4, 5])
Y_TUMOUR = np.array([0, 0, 0, 1, 1, 1])

DATA_DIR = os.environ.get("ORIGINAL_COURSE_DATA")
needs_data = pytest.mark.skipif(
    not DATA_DIR, reason="set ORIGINAL_COURSE_DATA to a folder with the assignment's ex2data1.txt, ex2data2.txt")


def quietly(func, *args, **kwargs):
    """Call ``func`` with its printout (and the explorers' display) captured."""
    with contextlib.redirect_stdout(io.StringIO()):
        return func(*args, **kwargs)


def load_original(name):
    """One of the assignment's data files: two features, then the label, comma-separated."""
    data = np.loadtxt(Path(DATA_DIR) / name, delimiter=",")
    return data[:, :2], data[:, 2]


# --------------------------------------------------------------------------- #
# Optional lab 5: the cost function
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("b, published", [(-3, 0.36686678640551745), (-4, 0.5036808636748461)])
def test_lab05_published_costs(b, published):
    w = np.array([1, 1])  # integers, as the lab writes them
    assert lu.compute_cost_logistic(X_TRAIN, Y_TRAIN, w, b) == pytest.approx(published, rel=1e-12, abs=0)


def test_lab05_costs_are_the_same_for_column_shaped_inputs():
    flat = lu.compute_cost_logistic(X_TRAIN, Y_TRAIN, np.array([1, 1]), -3)
    column = lu.compute_cost_logistic(X_TRAIN, Y_TRAIN.reshape(-1, 1), np.array([[1], [1]]), -3)
    assert column == flat


# --------------------------------------------------------------------------- #
# Seed 003, the gradient-descent lab
# --------------------------------------------------------------------------- #

PUBLISHED_DJ_DB = 0.49861806546328574
PUBLISHED_DJ_DW = [0.498333393278696, 0.49883942983996693]
PUBLISHED_COSTS = {0: 0.684610468560574, 1000: 0.1590977666870456, 5000: 0.034338477298845684,
                   9000: 0.019030137124109114}
PUBLISHED_B = -14.222409982019837


def test_seed003_gradient():
    dj_db, dj_dw = lu.compute_gradient_logistic(X_TRAIN, Y_TRAIN, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(PUBLISHED_DJ_DB, rel=1e-12, abs=0)
    np.testing.assert_allclose(dj_dw, PUBLISHED_DJ_DW, rtol=1e-12, atol=0)
    assert dj_dw.shape == (2,)


def test_seed003_descent_with_the_labs_own_call():
    w_tmp = np.zeros_like(X_TRAIN[0])
    b_tmp, alph, iters = 0.0, 0.1, 10000
    w_out, b_out, J_history = quietly(lu.gradient_descent, X_TRAIN, Y_TRAIN, w_tmp, b_tmp, alph, iters)
    for iteration, cost in PUBLISHED_COSTS.items():
        assert J_history[iteration] == pytest.approx(cost, rel=1e-9, abs=0)
    assert b_out == pytest.approx(PUBLISHED_B, rel=1e-9, abs=0)
    np.testing.assert_array_equal(np.round(w_out, 2), [5.28, 5.08])
    np.testing.assert_array_equal(w_tmp, [0.0, 0.0])  # the start is not modified


def test_descent_as_the_original_explorers_call_it():
    """plt_quad_logistic and plt_one_addpt_onclick pass columns and logistic=True by name."""
    w, b, J_hist = lu.gradient_descent(X_TUMOUR.reshape(-1, 1), Y_TUMOUR.reshape(-1, 1),
                                       np.array(0.0).reshape(-1, 1), 0.0, 0.1, 64,
                                       logistic=True, lambda_=0, verbose=False)
    assert w.shape == (1, 1)
    flat_w, flat_b, flat_hist = lu.gradient_descent(X_TUMOUR.reshape(-1, 1), Y_TUMOUR, np.zeros(1), 0.0, 0.1,
                                                    64, verbose=False)
    assert w[0, 0] == flat_w[0] and b == flat_b and J_hist == flat_hist


def test_descent_refuses_logistic_in_seventh_place_naming_the_difference():
    with pytest.raises(ValueError, match=r"seventh argument .* is lambda_ .*not logistic"):
        lu.gradient_descent(X_TRAIN, Y_TRAIN, np.zeros(2), 0.0, 0.1, 10, True)
    with pytest.raises(ValueError, match=r"logistic regression only; got logistic=False"):
        lu.gradient_descent(X_TRAIN, Y_TRAIN, np.zeros(2), 0.0, 0.1, 10, logistic=False, verbose=False)


# --------------------------------------------------------------------------- #
# Shapes: columns and rows in, the caller's shape out
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("shape", [(2,), (2, 1), (1, 2)])
def test_gradient_comes_back_in_the_shape_of_w(shape):
    w = np.array([2.0, 3.0]).reshape(shape)
    dj_db, dj_dw = lu.compute_gradient_logistic(X_TRAIN, Y_TRAIN.reshape(-1, 1), w, 1.0)
    assert dj_dw.shape == shape
    np.testing.assert_allclose(dj_dw.ravel(), PUBLISHED_DJ_DW, rtol=1e-12, atol=0)
    assert (w - 0.1 * dj_dw).shape == shape
    assert lu.compute_gradient_logistic_loop(X_TRAIN, Y_TRAIN, w, 1.0)[1].shape == shape


def test_descent_from_a_column_of_zeros_returns_a_column():
    w, b, J_history = lu.gradient_descent(X_TRAIN, Y_TRAIN.reshape(-1, 1), np.zeros((2, 1)), 0.0, 0.1, 10_000,
                                          verbose=False)
    assert w.shape == (2, 1)
    assert b == pytest.approx(PUBLISHED_B, rel=1e-9, abs=0)
    assert J_history[9000] == pytest.approx(PUBLISHED_COSTS[9000], rel=1e-9, abs=0)


@pytest.mark.parametrize("w, y, message", [
    (np.ones((2, 2)), Y_TRAIN, r"w must have shape \(2,\).*got shape \(2, 2\)"),
    (np.ones((3, 1)), Y_TRAIN, r"w must have shape \(2,\).*got shape \(3, 1\)"),
    (np.ones(2), Y_TRAIN.reshape(1, -1), r"y must be a 1-D array of shape \(6,\) or a column .*\(1, 6\)"),
    (np.ones(2), np.column_stack([Y_TRAIN, Y_TRAIN]), r"got shape \(6, 2\)"),
])
def test_every_other_shape_is_refused(w, y, message):
    with pytest.raises(ValueError, match=message):
        lu.compute_cost_logistic(X_TRAIN, y, w, 0.0)


def test_predict_takes_scikit_learns_coef_and_intercept():
    model = LogisticRegression().fit(X_TRAIN, Y_TRAIN)
    assert model.coef_.shape == (1, 2) and model.intercept_.shape == (1,)
    np.testing.assert_array_equal(lu.predict(X_TRAIN, model.coef_, model.intercept_), model.predict(X_TRAIN))
    np.testing.assert_allclose(lu.predict_proba(X_TRAIN, model.coef_, model.intercept_),
                               model.predict_proba(X_TRAIN)[:, 1], rtol=1e-12)


# --------------------------------------------------------------------------- #
# Soft labels
# --------------------------------------------------------------------------- #

def test_soft_targets_give_the_cross_entropy():
    rng = np.random.default_rng(3)
    X, y, w, b = rng.normal(size=(7, 3)), rng.random(7), rng.normal(size=3), 0.3
    f = 1 / (1 + np.exp(-(X @ w + b)))
    expected = np.mean(-y * np.log(f) - (1 - y) * np.log(1 - f))
    assert lu.compute_cost_logistic(X, y, w, b) == pytest.approx(expected, rel=1e-12)
    dj_db, dj_dw = lu.compute_gradient_logistic(X, y, w, b)
    assert dj_db == pytest.approx(np.mean(f - y), rel=1e-12)
    np.testing.assert_allclose(dj_dw, X.T @ (f - y) / 7, rtol=1e-12)


@pytest.mark.parametrize("y", [[0.5, 1.2, 0, 1, 0, 1], [0.5, -0.1, 0, 1, 0, 1]])
def test_targets_outside_zero_one_are_still_refused(y):
    with pytest.raises(ValueError, match="targets between 0 and 1"):
        lu.compute_cost_logistic(X_TRAIN, y, np.ones(2), 0.0)


def test_classes_stay_zero_or_one_where_classes_are_needed():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"only the labels 0 and 1; found 0.5 \(soft labels"):
        lu.plot_data(X_TRAIN, [0.5, 0, 0, 1, 1, 1], ax)


# --------------------------------------------------------------------------- #
# Optional lab 9: regularisation
# --------------------------------------------------------------------------- #

def test_lab09_regularised_cost():
    rng = np.random.RandomState(1)
    X_tmp = rng.rand(5, 6)
    y_tmp = np.array([0, 1, 0, 1, 0])
    w_tmp = rng.rand(X_tmp.shape[1]).reshape(-1,) - 0.5
    cost = lu.compute_cost_logistic_reg(X_tmp, y_tmp, w_tmp, 0.5, 0.7)
    assert cost == pytest.approx(0.6850849138741673, rel=1e-12, abs=0)


def test_lab09_regularised_gradient():
    rng = np.random.RandomState(1)
    X_tmp = rng.rand(5, 3)
    y_tmp = np.array([0, 1, 0, 1, 0])
    w_tmp = rng.rand(X_tmp.shape[1])
    dj_db, dj_dw = lu.compute_gradient_logistic_reg(X_tmp, y_tmp, w_tmp, 0.5, 0.7)
    assert dj_db == pytest.approx(0.341798994972791, rel=1e-12, abs=0)
    np.testing.assert_allclose(dj_dw, [0.17380012933994293, 0.32007507881566943, 0.10776313396851499],
                               rtol=1e-12, atol=0)


# --------------------------------------------------------------------------- #
# The graded assignment: its public tests, with lab_utils as the learner's functions
# --------------------------------------------------------------------------- #

def test_assignment_sigmoid_test():
    assert lu.sigmoid(3.0) == pytest.approx(0.9525741268224334, rel=1e-12)
    np.testing.assert_allclose(lu.sigmoid(np.array([2.5, 0])), [0.92414182, 0.5], atol=5e-9)
    np.testing.assert_allclose(lu.sigmoid(np.array([[2.5, -2.5], [0, 1]])),
                               [[0.92414182, 0.07585818], [0.5, 0.73105858]], atol=5e-9)


def test_assignment_compute_cost_test():
    cost = lu.compute_cost_logistic(np.array([[0, 0, 0, 0]]).T, np.array([0, 0, 0, 0]), np.array([0]), 1)
    assert np.isfinite(cost)
    rng = np.random.RandomState(17)
    X, y, w = rng.randn(5, 2), np.array([1, 0, 0, 1, 1]), rng.randn(2)
    assert lu.compute_cost_logistic(X, y, w, 0) == pytest.approx(2.15510667, abs=1e-8)
    X, y, w = rng.randn(4, 3), np.array([1, 1, 0, 0]), rng.randn(3)
    assert lu.compute_cost_logistic(X, y, w, 0) == pytest.approx(0.80709376, abs=1e-8)
    X, y, w = rng.randn(4, 3), np.array([1, 0, 1, 0]), rng.randn(3)
    assert lu.compute_cost_logistic(X, y, w, 3) == pytest.approx(0.4529660647, abs=1e-10)


def test_assignment_compute_gradient_test():
    rng = np.random.RandomState(1)
    X, y = rng.randn(7, 3), np.array([1, 0, 1, 0, 1, 1, 0])
    test_w = np.array([1, 0.5, -0.35])
    dj_db, dj_dw = lu.compute_gradient_logistic(X, y, test_w, 1.7)
    assert dj_db == pytest.approx(0.28936094, abs=1e-8)
    assert dj_dw.shape == test_w.shape
    np.testing.assert_allclose(dj_dw, [-0.11999166, 0.41498775, -0.71968405], atol=1e-8)


def test_assignment_predict_test():
    rng = np.random.RandomState(5)
    w = rng.randn(3)
    X = rng.randn(8, 3)
    result = lu.predict(X, w, 0.5)
    assert result.shape == (8,)
    np.testing.assert_array_equal(result, [1, 1, 1, 0, 1, 0, 0, 1])
    w = rng.randn(4) + 0.6
    X = rng.randn(6, 4)
    np.testing.assert_array_equal(lu.predict(X, w, -1.7), [0, 0, 0, 1, 1, 0])


def test_assignment_compute_cost_reg_test():
    rng = np.random.RandomState(1)
    w = rng.randn(3)
    X = rng.randn(6, 3)
    cost = lu.compute_cost_logistic_reg(X, np.array([0, 1, 1, 0, 1, 1]), w, 0.4, 0.1)
    assert cost == pytest.approx(0.5469746792761936, rel=1e-12, abs=0)
    w = rng.randn(5)
    X = rng.randn(8, 5)
    cost = lu.compute_cost_logistic_reg(X, np.array([1, 0, 1, 0, 0, 1, 0, 1]), w, -0.6, 0.01)
    assert cost == pytest.approx(1.2608591964119995, rel=1e-12, abs=0)
    # soft targets: y = 0.5 for every example
    cost = lu.compute_cost_logistic_reg(np.zeros((8, 5)), np.array([0.5] * 8), np.array([2, 2, 2, 2, 2]), 0, 3)
    assert cost == pytest.approx(-np.log(0.5) + 3.0 / (2.0 * 8.0) * 20.0, rel=1e-12)


def test_assignment_compute_gradient_reg_test():
    rng = np.random.RandomState(1)
    w = rng.randn(5)
    X = rng.randn(7, 5)
    dj_db, dj_dw = lu.compute_gradient_logistic_reg(X, np.array([0, 1, 1, 0, 1, 1, 0]), w, 0.2, 0.1)
    assert dj_db == pytest.approx(-0.1506447567869257, rel=1e-12)
    np.testing.assert_allclose(dj_dw, [0.19530838, -0.00632206, 0.19687367, 0.15741161, 0.02791437], atol=5e-9)
    w = rng.randn(7)
    X = rng.randn(7, 7)
    dj_db, dj_dw = lu.compute_gradient_logistic_reg(X, np.array([1, 0, 0, 0, 1, 1, 0]), w, 0, 0)
    assert dj_db == pytest.approx(0.02660329857573818, rel=1e-12)
    np.testing.assert_allclose(dj_dw, [0.23567643, -0.06921029, -0.19705212, -0.0002884, 0.06490588,
                                       0.26948175, 0.10777992], atol=5e-9)


def test_assignment_map_feature_has_27_columns():
    X_mapped = lu.map_feature(X_TRAIN[:, 0], X_TRAIN[:, 1])
    assert X_mapped.shape == (6, 27)
    np.testing.assert_allclose(X_mapped[:, :5], np.column_stack(
        [X_TRAIN[:, 0], X_TRAIN[:, 1], X_TRAIN[:, 0] ** 2, X_TRAIN[:, 0] * X_TRAIN[:, 1], X_TRAIN[:, 1] ** 2]))


@needs_data
def test_assignment_exam_scores():
    X_train, y_train = load_original("ex2data1.txt")
    assert X_train.shape == (100, 2)
    assert lu.compute_cost_logistic(X_train, y_train, np.zeros(2), 0.0) == pytest.approx(0.693, abs=5e-4)
    assert lu.compute_cost_logistic(X_train, y_train, np.array([0.2, 0.2]), -24.0) == pytest.approx(0.218, abs=5e-4)
    dj_db, dj_dw = lu.compute_gradient_logistic(X_train, y_train, np.zeros(2), 0.0)
    assert dj_db == pytest.approx(-0.1, rel=1e-12)
    np.testing.assert_allclose(dj_dw, [-12.00921658929115, -11.262842205513591], rtol=1e-12)
    dj_db, dj_dw = lu.compute_gradient_logistic(X_train, y_train, np.array([0.2, -0.5]), -24)
    assert dj_db == pytest.approx(-0.5999999999991071, rel=1e-9)
    np.testing.assert_allclose(dj_dw, [-44.831353617873795, -44.37384124953978], rtol=1e-12)
    # the assignment's run: a small random start (seed 1) with b = -8
    initial_w = 0.01 * (np.random.RandomState(1).rand(2) - 0.5)
    w, b, J_history = lu.gradient_descent(X_train, y_train, initial_w, -8, 0.001, 10000, verbose=False)
    assert round(J_history[0], 2) == 0.96 and round(J_history[-1], 2) == 0.30
    assert np.mean(lu.predict(X_train, w, b) == y_train) * 100 == pytest.approx(92.0)


@needs_data
def test_assignment_microchips_regularised():
    X_train, y_train = load_original("ex2data2.txt")
    X_mapped = lu.map_feature(X_train[:, 0], X_train[:, 1])
    assert X_mapped.shape == (118, 27)
    initial_w = np.random.RandomState(1).rand(X_mapped.shape[1]) - 0.5
    cost = lu.compute_cost_logistic_reg(X_mapped, y_train, initial_w, 0.5, 0.5)
    assert cost == pytest.approx(0.6618252552483948, rel=1e-12)
    dj_db, dj_dw = lu.compute_gradient_logistic_reg(X_mapped, y_train, initial_w, 0.5, 0.5)
    assert dj_db == pytest.approx(0.07138288792343662, rel=1e-9)
    np.testing.assert_allclose(dj_dw[:4], [-0.010386028450548701, 0.011409852883280124, 0.0536273463274574,
                                           0.003140278267313462], rtol=1e-9)
    w, b, J_history = lu.gradient_descent(X_mapped, y_train, initial_w, 1.0, 0.01, 10000, lambda_=0.01,
                                          verbose=False)
    assert round(J_history[0], 2) == 0.72 and round(J_history[-1], 2) == 0.45
    assert np.mean(lu.predict(X_mapped, w, b) == y_train) * 100 == pytest.approx(82.203390, abs=5e-7)


# --------------------------------------------------------------------------- #
# Plots, checked on the Agg backend: what is shaded and what is drawn
# --------------------------------------------------------------------------- #

def pixel(fig, ax, x, y):
    """RGB (0-255) of the rendered figure at data point ``(x, y)``."""
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    px, py = ax.transData.transform((x, y))
    return image[int(round(image.shape[0] - py)), int(round(px)), :3].astype(int)


def test_seed003_probability_plot_is_shaded_all_over():
    w_out, b_out = np.array([5.28, 5.08]), -14.222409982019837
    fig, ax = plt.subplots(1, 1, figsize=(5, 4))
    image = lu.plt_prob(ax, w_out, b_out)  # on fresh axes, limits set afterwards
    ax.set_ylabel(r"$x_1$")
    ax.set_xlabel(r"$x_0$")
    ax.axis([0, 4, 0, 3.5])
    lu.plot_data(X_TRAIN, Y_TRAIN, ax)
    x0, x1 = -b_out / w_out[0], -b_out / w_out[1]
    ax.plot([0, x0], [x1, 0], c=lu.dlc["dlblue"], lw=1)
    ax.get_legend().set_visible(False)  # so that the pixels below are the shading's
    fig.canvas.draw()
    assert image.data_extent == (0.0, 4.0, 0.0, 3.5)
    for corner in [(3.9, 3.4), (3.9, 0.1), (0.1, 3.4)]:  # all far from [0, 1] x [0, 1], all P > 0.5
        r, g, b = pixel(fig, ax, *corner)
        assert r > b + 30, corner  # the positive side's red, not the white of an unshaded plot
    r, g, b = pixel(fig, ax, 0.05, 0.05)
    assert b > r + 30  # P close to 0: blue
    assert image.get_array()[-1, -1] == pytest.approx(lu.sigmoid(w_out @ [4.0, 3.5] + b_out))


def test_probability_shading_follows_limits_set_before_and_changed_later():
    fig, ax = plt.subplots()
    ax.set_xlim(-5, 5)
    ax.set_ylim(-5, 5)
    image = lu.plt_prob(ax, [1.0, 0.0], 0.0, colorbar=False)
    fig.canvas.draw()
    assert image.data_extent == (-5.0, 5.0, -5.0, 5.0)
    ax.set_xlim(-40, 40)
    r, g, b = pixel(fig, ax, 38, 0)
    assert r > b + 30
    r, g, b = pixel(fig, ax, -38, 0)
    assert b > r + 30
    assert ax.get_xlim() == (-40, 40)  # the shading never changes the limits


def test_lab03_threshold_on_the_sigmoid():
    z = np.arange(-10, 11)
    fig, ax = plt.subplots(1, 1, figsize=(5, 3))
    ax.plot(z, lu.sigmoid(z), c="b")
    artists = lu.draw_vthresh(ax, 0)
    assert {artists["left_label"].get_text(), artists["right_label"].get_text()} == {"z < 0", "z >= 0"}
    ax.set_xlim(-20, 20)  # the bands still reach both edges
    left, right = pixel(fig, ax, -19, 0.9), pixel(fig, ax, 19, 0.9)
    assert left[2] > left[0] + 20 and right[0] > right[2] + 20
    assert artists["left"].get_x() == -20 and artists["right"].get_x() + artists["right"].get_width() == 20


def test_lab03_plot_data_with_column_labels():
    fig, ax = plt.subplots(1, 1, figsize=(4, 4))
    pos, neg = lu.plot_data(X_TRAIN, Y_TRAIN.reshape(-1, 1), ax)
    np.testing.assert_array_equal(pos.get_offsets(), X_TRAIN[3:])
    np.testing.assert_array_equal(neg.get_offsets(), X_TRAIN[:3])


def test_lab04_logistic_loss_figures():
    x_train = np.array([0.0, 1, 2, 3, 4, 5], dtype=np.longdouble)
    y_train = np.array([0, 0, 0, 1, 1, 1], dtype=np.longdouble)

    plt_simple_example(x_train, y_train)
    ax = plt.gcf().axes[0]
    assert [len(c.get_offsets()) for c in ax.collections] == [3, 3]

    plt_two_logistic_loss_curves()
    left, right = plt.gcf().axes
    f, loss = left.lines[0].get_data()
    np.testing.assert_allclose(loss, -np.log(f))
    f, loss = right.lines[0].get_data()
    np.testing.assert_allclose(loss, -np.log(1 - f))

    soup_bowl()
    (bowl,) = plt.gcf().axes
    assert bowl.name == "3d" and bowl.get_zlim()[1] >= 800  # w^2 + b^2 up to 20^2 + 20^2

    plt_logistic_squared_error(x_train, y_train)
    assert plt.gcf().axes[0].name == "3d"

    cost = plt_logistic_cost(x_train, y_train)
    assert cost.shape == (40, 50) and len(plt.gcf().axes) == 2
    w_values, b_values = np.linspace(-6, 12, 50), np.linspace(0, -20, 40)
    for i, j in [(0, 0), (17, 23), (39, 49)]:
        expected = lu.compute_cost_logistic(x_train.reshape(-1, 1).astype(float), y_train, [w_values[j]], b_values[i])
        assert cost[i, j] == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------- #
# The interactive helpers, as explorers with the original call signatures
# --------------------------------------------------------------------------- #

def test_lab01_and_lab02_add_a_point():
    w_in, b_in = np.zeros((1)), 0
    addpt = quietly(plt_one_addpt_onclick, X_TUMOUR, Y_TUMOUR, w_in, b_in, logistic=True)
    addpt.add(10.0, 1)
    addpt.run()
    w, b = addpt.state.model
    assert len(addpt.state.x) == 7 and addpt.state.run.iterations == 8000
    assert lu.compute_cost_logistic(np.append(X_TUMOUR, 10).reshape(-1, 1), np.append(Y_TUMOUR, 1), [w], b) < 0.05
    addpt.controls["threshold"].value = True
    assert addpt.view.bands[0].get_visible() and 2 < addpt.state.threshold_x < 3

    linear = quietly(plt_one_addpt_onclick, X_TUMOUR, Y_TUMOUR, w_in, b_in, logistic=False)
    linear.run()
    slope, intercept = np.polyfit(X_TUMOUR, Y_TUMOUR, 1)
    assert linear.state.model == pytest.approx((slope, intercept))
    assert linear.state.threshold_x == pytest.approx(2.5)  # 0.5 is crossed half-way, by symmetry
    linear.add(10.0, 1)
    linear.run()
    # a far malignant example drags the straight line's threshold towards the malignant examples,
    # while the logistic model's threshold (fitted above on the same seven examples) stays near 2.5
    assert linear.state.threshold_x > 2.9
    assert abs(addpt.state.threshold_x - 2.5) < 0.1


def test_lab06_quad_logistic():
    w_range, b_range = np.array([-1, 7]), np.array([1, -14])
    quad = quietly(plt_quad_logistic, X_TUMOUR, Y_TUMOUR, w_range, b_range)
    assert (quad.controls["w"].min, quad.controls["w"].max) == (-1, 7)
    assert (quad.controls["b"].min, quad.controls["b"].max) == (-14, 1)
    W, B, _ = quad.view.grid
    assert (W.min(), W.max(), B.min(), B.max()) == (-1, 7, -14, 1)
    assert (quad.state.w, quad.state.b, quad.state.alpha) == (0.0, 0.0, 0.1)
    quad.controls["run"].click()
    direct = lu.gradient_descent(X_TUMOUR.reshape(-1, 1), Y_TUMOUR, np.zeros(1), 0.0, 0.1, 8000, verbose=False)
    assert quad.state.run.costs[-1] == pytest.approx(direct[2][-1], rel=1e-12)


@pytest.mark.parametrize("regularize", [False, True])
def test_lab08_and_lab09_overfit_example(regularize):
    ofit = quietly(overfit_example, regularize)
    assert ("lambda_" in ofit.controls) == regularize
    ofit.controls["degree"].value = 6
    ofit.controls["fit"].click()
    unregularised = ofit.view.readout(ofit.state)
    assert "training accuracy 1" in unregularised  # degree 6 separates the noisy training set
    if regularize:
        ofit.controls["lambda_"].value = 1.0
        ofit.controls["fit"].click()
        assert ofit.view.readout(ofit.state) != unregularised
    ofit.controls["kind"].value = "Regression"
    ofit.controls["fit"].click()
    assert "training R\u00b2" in ofit.view.readout(ofit.state)


# --------------------------------------------------------------------------- #
# The original colour names
# --------------------------------------------------------------------------- #

ORIGINAL_COLOURS = {"dlblue": "#0096ff", "dlorange": "#FF9300", "dldarkred": "#C00000",
                    "dlmagenta": "#FF40FF", "dlpurple": "#7030A0", "dldarkblue": "#0D5BDC"}


def test_dlc_gives_each_original_name_its_nearest_palette_colour():
    def rgb(colour):
        return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])

    assert set(lu.dlc) == set(ORIGINAL_COLOURS)
    palette = set(COLORS.values())
    for name, original in ORIGINAL_COLOURS.items():
        assert lu.dlc[name] in palette
        nearest = min(palette, key=lambda c: np.linalg.norm(rgb(c) - rgb(original)))
        if name == "dldarkblue":  # its nearest is blue, taken by dlblue: black keeps the two apart
            assert nearest == lu.dlc["dlblue"] and lu.dlc[name] == COLORS["black"]
        else:
            assert lu.dlc[name] == nearest, name


# --------------------------------------------------------------------------- #
# The original labs' cells, imports changed, in a real Jupyter kernel
# --------------------------------------------------------------------------- #

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ORIGINAL_CELLS = [
    # optional lab 2 (sigmoid), import line changed
    """import numpy as np
import matplotlib.pyplot as plt
from lab_utils.explorers import plt_one_addpt_onclick
x_train = np.array([0., 1, 2, 3, 4, 5])
y_train = np.array([0,  0, 0, 1, 1, 1])
w_in = np.zeros((1))
b_in = 0
plt.close('all')
addpt = plt_one_addpt_onclick( x_train,y_train, w_in, b_in, logistic=True)""",
    # optional lab 6 (gradient descent)
    """from lab_utils.explorers import plt_quad_logistic
w_range = np.array([-1, 7])
b_range = np.array([1, -14])
quad = plt_quad_logistic( x_train, y_train, w_range, b_range )""",
    # optional lab 8 (overfitting)
    """from lab_utils.explorers import overfit_example
plt.close("all")
ofit = overfit_example(False)""",
    # optional lab 4 (logistic loss)
    """from lab_utils.plt_logistic_loss import plt_two_logistic_loss_curves
plt_two_logistic_loss_curves()""",
]


def test_original_cells_in_a_real_kernel(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code in ORIGINAL_CELLS]
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    for cell in nb.cells:
        assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source
    for cell, title in [(nb.cells[0], "Add-an-example explorer"),
                        (nb.cells[1], "Cost-surface explorer"),
                        (nb.cells[2], "Overfitting explorer")]:
        (output,) = cell.outputs  # one output: the widget, with its still picture for pages without a kernel
        assert WIDGET_VIEW in output.data
        assert output.data["text/plain"] == f"{title} (interactive: needs a running Python kernel)"
        html = output.data["text/html"]
        assert html.count('<img src="data:image/png;base64,') == 1 and 'alt="' in html
        assert "<script" not in html  # these explorers have no live web form
    images = [o for o in nb.cells[3].outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1  # drawn once, not also returned and shown a second time
