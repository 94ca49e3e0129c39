"""How the course prints numbers.

Every number a lab prints goes through :func:`fmt`, which keeps 12 significant
digits. That shows more than enough of each published value to compare it by
eye, while the last few digits, which can change with the BLAS library, the
CPU's instruction set or the NumPy version, are never printed. Stored notebook
outputs therefore match on every machine, and nbval can check them exactly.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SIGNIFICANT_DIGITS", "fmt", "print_options"]

#: Significant digits the labs print (see the module docstring for why).
SIGNIFICANT_DIGITS = 12


def fmt(value, digits=SIGNIFICANT_DIGITS):
    """Format a number or an array of numbers with ``digits`` significant digits.

    Parameters
    ----------
    value : float or array_like
        A scalar, or an array of any shape.
    digits : int, default=SIGNIFICANT_DIGITS

    Returns
    -------
    str
        ``'0.498618065463'`` for a scalar, ``'[5.28123 5.08]'``-style for arrays.

    Examples
    --------
    >>> fmt(0.49861806546328574)
    '0.498618065463'
    >>> fmt(np.array([2.0, 3.5]))
    '[2 3.5]'
    """
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        text = f"{float(array):.{digits}g}"
        return "0" if text == "-0" else text
    return np.array2string(array, separator=" ", formatter={"float_kind": lambda v: fmt(v, digits)})


def print_options():
    """NumPy print options that make plain ``print(array)`` stable too.

    Returns
    -------
    dict
        Keyword arguments for :func:`numpy.printoptions` or
        :func:`numpy.set_printoptions`.

    Examples
    --------
    >>> with np.printoptions(**print_options()):
    ...     print(np.array([1 / 3]))
    [0.333333333333]
    """
    return {"precision": SIGNIFICANT_DIGITS, "floatmode": "maxprec", "legacy": False}
