"""Tests for lab_utils.activation: sigmoid, its derivative and softplus."""

import numpy as np
import pytest

from lab_utils import log_one_plus_exp, sigmoid, sigmoid_derivative

pytestmark = pytest.mark.filterwarnings("error")  # any RuntimeWarning is a failure


def test_sigmoid_of_zero_is_one_half():
    assert sigmoid(0.0) == 0.5


def test_scalar_in_scalar_out():
    out = sigmoid(2.0)
    assert np.shape(out) == ()
    assert out == pytest.approx(1 / (1 + np.exp(-2.0)), rel=1e-15)


@pytest.mark.parametrize("shape", [(0,), (5,), (3, 4), (2, 1, 3)])
def test_arrays_keep_their_shape(shape):
    z = np.linspace(-3, 3, int(np.prod(shape))).reshape(shape)
    assert sigmoid(z).shape == shape
    assert sigmoid_derivative(z).shape == shape


@pytest.mark.parametrize("z, expected", [(1e4, 1.0), (-1e4, 0.0), (800.0, 1.0), (-800.0, 0.0),
                                         (-745.0, np.exp(-745.0)), (40.0, 1.0)])
def test_extreme_values_are_exact_and_silent(z, expected):
    with np.errstate(all="raise"):
        result = sigmoid(z)
    assert result == pytest.approx(expected, rel=1e-12, abs=0)


def test_matches_naive_formula_where_it_is_safe():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_symmetry():
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), atol=1e-15)


def test_derivative_matches_finite_differences():
    z = np.linspace(-8, 8, 33)
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    np.testing.assert_allclose(sigmoid_derivative(z), numeric, rtol=1e-7, atol=1e-10)


def test_derivative_peaks_at_one_quarter():
    assert sigmoid_derivative(0.0) == 0.25
    z = np.linspace(-5, 5, 1001)
    assert np.argmax(sigmoid_derivative(z)) == 500


@pytest.mark.parametrize("z, expected", [(1000.0, 1000.0), (-1000.0, 0.0), (0.0, np.log(2.0)),
                                         (30.0, 30.0 + np.log1p(np.exp(-30.0)))])
def test_softplus_never_overflows(z, expected):
    with np.errstate(all="raise"):
        assert log_one_plus_exp(z) == pytest.approx(expected, rel=1e-15, abs=1e-300)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, [0.0, np.nan], "text"])
@pytest.mark.parametrize("func", [sigmoid, sigmoid_derivative, log_one_plus_exp])
def test_non_finite_or_non_numeric_input_is_refused(func, bad):
    with pytest.raises(ValueError, match="z"):
        func(bad)


def test_work_space_path_matches_the_public_sigmoid():
    """The descent loop's allocation-free path gives the same numbers as sigmoid()."""
    from lab_utils.activation import _exp_neg_abs, _sigmoid_of_array

    z = np.array([-1e4, -745.5, -40.0, -1.5, -0.0, 0.0, 2.5, 40.0, 1e4])
    e = _exp_neg_abs(z, out=np.full(z.shape, np.nan))
    out, scratch = np.full(z.shape, np.nan), np.full(z.shape, np.nan)
    result = _sigmoid_of_array(z, e, out=out, scratch=scratch)
    assert result is out
    np.testing.assert_array_equal(result, sigmoid(z))
    np.testing.assert_array_equal(e, np.exp(-np.abs(z)))  # e is left untouched
