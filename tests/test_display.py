"""Tests for lab_utils.display: fmt, print options and the text of tables."""

import math

import numpy as np
import pytest

from lab_utils import fmt
from lab_utils.display import number_text, print_options


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


def test_number_text():
    assert number_text(11_800_000.0) == "1.18 × 10⁷"
    assert number_text(1.447e-5) == "1.45 × 10⁻⁵"
    assert number_text(12345.6) == "12,300"
    assert number_text(79.43) == "79.4"
    assert number_text(0.5) == "0.5"
    assert number_text(1e-4, 1) == "1 × 10⁻⁴"
    assert number_text(math.inf) == "∞"
    assert number_text(None) == "–"
