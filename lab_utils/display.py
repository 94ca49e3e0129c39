"""How the course prints numbers.

Every number a lab prints goes through :func:`fmt`, which keeps 12 significant
digits. That shows more than enough of each published value to compare it by
eye, while the last few digits, which can change with the BLAS library, the
CPU's instruction set or the NumPy version, are never printed. Stored notebook
outputs therefore match on every machine, and nbval can check them exactly.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SIGNIFICANT_DIGITS", "compare_with_published", "fmt", "markdown_table", "number_text", "print_options"]

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


def compare_with_published(rows, rtol, atol=0.0, digits=SIGNIFICANT_DIGITS, reference="published"):
    """Set our numbers next to reference ones and fail loudly if they disagree.

    Each value agrees when ``|ours - reference| <= atol + rtol * |reference|``
    element by element (:func:`numpy.isclose`), and arrays must have the same
    shape.

    Parameters
    ----------
    rows : iterable of (str, array_like, array_like)
        ``(name, ours, reference)`` triples; the values are scalars or arrays.
    rtol : float
        Relative tolerance.
    atol : float, default=0.0
        Absolute tolerance (use it for references published rounded, for
        example ``atol=0.005`` for two decimals).
    digits : int, default=SIGNIFICANT_DIGITS
        Significant digits shown (see :func:`fmt`).
    reference : str, default="published"
        Heading of the reference column.

    Returns
    -------
    str
        The table, ending with a line that states the tolerance. Print it.

    Raises
    ------
    AssertionError
        If any row disagrees; the message holds the table and names the rows.

    Examples
    --------
    >>> print(compare_with_published([("dj_db", 0.49861806546328574, 0.49861806546328574)], rtol=1e-12))
    quantity  ours            published
    dj_db     0.498618065463  0.498618065463
    Every row agrees (rtol=1e-12).
    """
    table = [("quantity", "ours", reference)]
    failed = []
    for name, ours, ref in rows:
        ours_arr, ref_arr = np.asarray(ours, dtype=float), np.asarray(ref, dtype=float)
        same_shape = ours_arr.shape == ref_arr.shape
        if not (same_shape and np.all(np.isclose(ours_arr, ref_arr, rtol=rtol, atol=atol))):
            failed.append(name)
        table.append((name, fmt(ours_arr, digits), fmt(ref_arr, digits)))
    widths = [max(len(row[k]) for row in table) for k in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in table]
    tolerance = f"rtol={rtol:g}" + (f", atol={atol:g}" if atol else "")
    if failed:
        lines.append(f"DISAGREE ({tolerance}): {', '.join(failed)}")
        raise AssertionError("\n".join(lines))
    lines.append(f"Every row agrees ({tolerance}).")
    return "\n".join(lines)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number_text(value, digits=3):
    """A number with ``digits`` significant digits, readable in any table.

    Very large or small numbers are written ``1.2 × 10⁷``; others plainly,
    with thousands separated (``12,300``).

    Parameters
    ----------
    value : float or None
    digits : int, default=3

    Returns
    -------
    str
        ``"–"`` for None or NaN, ``"∞"`` for infinity.

    Examples
    --------
    >>> number_text(11_800_000.0)
    '1.18 × 10⁷'
    >>> number_text(12345.6)
    '12,300'
    """
    if value is None or math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞"
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPTS)}"
    rounded = float(f"{value:.{digits}g}")
    if abs(rounded) >= 10 ** (digits - 1):
        return f"{rounded:,.0f}"
    return f"{rounded:g}"


def markdown_table(header, rows, align=None):
    """Build a Markdown (GitHub / MyST) table.

    Parameters
    ----------
    header : sequence of str
    rows : sequence of sequence of str
    align : str, optional
        One letter per column, ``"l"`` or ``"r"``; left-aligned by default.

    Returns
    -------
    str
    """
    align = align or "l" * len(header)
    if len(align) != len(header) or any(len(row) != len(header) for row in rows):
        raise ValueError("every row and the alignment need one entry per header column")
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)
