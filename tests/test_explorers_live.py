"""Tests for lab_utils.explorers.live: the compact forms in which data reach the live explorers."""

import numpy as np
import pytest

from lab_utils.explorers.live import MAX_DECIMALS, decimal_columns, order_checksum


def test_decimal_columns_give_back_every_float_exactly():
    X = np.array([[10.38, 1001.0, 0.1184, 0.07871], [17.77, 1326.0, 0.08474, 0.05667], [0.0, -2.5, 1e-5, 3.0]])
    columns = decimal_columns(X)
    assert columns["digits"] == [2, 1, 5, 5]
    assert columns["ints"][0] == [1038, 1777, 0] and columns["ints"][2] == [11840, 8474, 1]
    decoded = np.column_stack([np.array(ints) / 10**k for ints, k in zip(columns["ints"], columns["digits"])])
    assert np.array_equal(decoded, X)  # division is correctly rounded: the same floats, bit for bit


def test_decimal_columns_refuse_values_with_too_many_places():
    with pytest.raises(ValueError, match=f"column 1 is not a decimal number with at most {MAX_DECIMALS} places"):
        decimal_columns(np.array([[1.0, 1 / 3], [2.0, 0.5]]))


def test_order_checksum_weights_each_entry_by_its_place():
    assert order_checksum([[2, 0, 1], [0, 1, 2]]) == 1 * 2 + 2 * 0 + 3 * 1 + 4 * 0 + 5 * 1 + 6 * 2
    assert order_checksum([0, 1, 2]) != order_checksum([1, 0, 2])  # a swap changes it
    with pytest.raises(ValueError, match="non-negative"):
        order_checksum([3, -1])
