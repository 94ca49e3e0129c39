"""Figures for the chapter *The sigmoid and its derivative* and its lab.

Each ``plot_*`` function draws onto a given matplotlib ``Axes``, labels both
axes and returns the Axes; each ``*_figure`` function makes a new figure, calls
the matching ``plot_*`` function and returns the ``Figure``. Nothing here calls
``plt.show()``.

Used by ``chapters/sigmoid_derivative.md`` and ``labs/sigmoid_derivative_lab.ipynb``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.activation import sigmoid, sigmoid_derivative
from lab_utils.display import fmt
from lab_utils.style import COLORS

__all__ = [
    "finite_difference_error_figure",
    "loss_gradients_figure",
    "plot_finite_difference_error",
    "plot_loss_gradients",
    "plot_saturation",
    "plot_sigmoid_and_derivative",
    "plot_sigmoid_symmetry",
    "saturation_figure",
    "sigmoid_and_derivative_figure",
    "sigmoid_symmetry_figure",
]

#: Default figure size (inches) of the one-panel figures.
FIGSIZE = (6.4, 4.0)


def _new_axes(figsize=FIGSIZE):
    """A new figure with one Axes, created through pyplot so notebooks show it."""
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)


def _grid(z_max, num):
    """``num`` evenly spaced points on ``[-z_max, z_max]``, with ``z_max > 0``."""
    if not z_max > 0:
        raise ValueError(f"z_max must be a positive number; got {z_max!r}")
    return np.linspace(-z_max, z_max, num)


def _guides(ax):
    """Dotted horizontal lines at 0 and 1, the sigmoid's two asymptotes."""
    for level in (0.0, 1.0):
        ax.axhline(level, color=COLORS["black"], lw=0.8, ls=":")


def plot_sigmoid_symmetry(ax, z0=2.0, z_max=6.0, num=401):
    """Draw the sigmoid and show that ``sigmoid(-z0) = 1 - sigmoid(z0)``.

    Two vertical bars of equal length are drawn: from 0 up to ``sigmoid(-z0)``,
    and from ``sigmoid(z0)`` up to 1. The curve is point-symmetric about
    ``(0, 1/2)``, which is marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    z0 : float, default=2.0
        Where to show the symmetry; must lie in ``(0, z_max)``.
    z_max : float, default=6.0
        The curve is drawn on ``[-z_max, z_max]``.
    num : int, default=401
        Number of points on the curve.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; its first line is the sigmoid curve.
    """
    if not 0 < z0 < z_max:
        raise ValueError(f"z0 must lie strictly between 0 and z_max={z_max}; got {z0!r}")
    z = _grid(z_max, num)
    ax.plot(z, sigmoid(z), color=COLORS["blue"], label=r"$\sigma(z)$")
    _guides(ax)
    low, high = float(sigmoid(-z0)), float(sigmoid(z0))
    ax.vlines(-z0, 0.0, low, color=COLORS["vermillion"], lw=4,
              label=rf"$\sigma(-{z0:g}) = {low:.3f}$")
    ax.vlines(z0, high, 1.0, color=COLORS["orange"], lw=4,
              label=rf"$1 - \sigma({z0:g}) = {1 - high:.3f}$")
    ax.plot([-z0, 0.0, z0], [low, 0.5, high], "o", color=COLORS["black"], ms=5)
    ax.annotate(r"centre of symmetry $(0, \frac{1}{2})$", xy=(0.0, 0.5), xytext=(0.6, 0.35),
                arrowprops={"arrowstyle": "->", "lw": 1})
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\sigma(z)$")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(loc="upper left")
    return ax


def sigmoid_symmetry_figure(z0=2.0, z_max=6.0):
    """New figure drawn by :func:`plot_sigmoid_symmetry`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes()
    plot_sigmoid_symmetry(ax, z0=z0, z_max=z_max)
    return fig


def plot_sigmoid_and_derivative(ax, z_max=6.0, num=601):
    """Draw the sigmoid and its derivative on the same axes, marking the peak of the slope.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    z_max : float, default=6.0
        The curves are drawn on ``[-z_max, z_max]``.
    num : int, default=601
        Number of points per curve.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; its first line is ``sigmoid``, its second ``sigmoid_derivative``.
    """
    z = _grid(z_max, num)
    ax.plot(z, sigmoid(z), color=COLORS["blue"], label=r"$\sigma(z)$")
    ax.plot(z, sigmoid_derivative(z), color=COLORS["vermillion"],
            label=r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$")
    _guides(ax)
    peak = float(sigmoid_derivative(0.0))
    ax.plot([0.0], [peak], "o", color=COLORS["black"], ms=6)
    ax.annotate(rf"largest slope: $\sigma'(0) = {fmt(peak)}$", xy=(0.0, peak),
                xytext=(1.0, peak + 0.12), arrowprops={"arrowstyle": "->", "lw": 1})
    ax.set_xlabel("$z$")
    ax.set_ylabel("value")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(loc="upper left")
    return ax


def sigmoid_and_derivative_figure(z_max=6.0):
    """New figure drawn by :func:`plot_sigmoid_and_derivative`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes()
    plot_sigmoid_and_derivative(ax, z_max=z_max)
    return fig


def plot_saturation(ax, z_max=12.0, marks=(5.0, 10.0), num=481):
    """Draw the sigmoid's slope on a logarithmic axis, to show how fast it vanishes.

    The slope is drawn with the approximation ``exp(-|z|)`` (dashed), and its
    value is written next to each of ``+mark`` and ``-mark``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    z_max : float, default=12.0
        The curves are drawn on ``[-z_max, z_max]``.
    marks : sequence of float, default=(5.0, 10.0)
        Positive values of ``z`` whose slope is marked at ``z`` and ``-z``.
    num : int, default=481
        Number of points per curve.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax`` (log-scaled vertical axis); its first line is the slope, its
        second the approximation, and its third the marked points.
    """
    z = _grid(z_max, num)
    ax.semilogy(z, sigmoid_derivative(z), color=COLORS["vermillion"], label=r"$\sigma'(z)$")
    ax.semilogy(z, np.exp(-np.abs(z)), color=COLORS["black"], lw=1, ls="--",
                label=r"$e^{-|z|}$ (close for large $|z|$)")
    marked = np.array(sorted({float(s * m) for m in marks for s in (-1.0, 1.0)}))
    slopes = sigmoid_derivative(marked)
    ax.semilogy(marked, slopes, "o", color=COLORS["blue"], ms=6, label="marked values")
    for zm, slope in zip(marked, slopes):
        ax.annotate(fmt(slope, 3), xy=(zm, slope), xytext=(0, -16), textcoords="offset points",
                    ha="center", fontsize=9)
    ax.axhline(0.25, color=COLORS["black"], lw=0.8, ls=":", label=r"the peak, $\sigma'(0) = 1/4$")
    ax.set_ylim(top=30.0)  # room for the legend above the curves
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\sigma'(z)$ (log scale)")
    ax.legend(loc="upper center", ncols=2, fontsize=9)
    return ax


def saturation_figure(z_max=12.0, marks=(5.0, 10.0)):
    """New figure drawn by :func:`plot_saturation`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes()
    plot_saturation(ax, z_max=z_max, marks=marks)
    return fig


def plot_loss_gradients(ax, z_max=10.0, num=401):
    """Compare how hard two losses push ``z`` when the label is 1.

    For one example with ``y = 1``, the log loss ``-log(sigmoid(z))`` has slope
    ``sigmoid(z) - 1`` with respect to ``z``; the squared error
    ``(sigmoid(z) - 1)**2 / 2`` has slope ``(sigmoid(z) - 1) * sigmoid'(z)``.
    Their sizes are drawn against ``z``: for very negative ``z`` (a confident,
    wrong prediction) the first stays near 1 while the second vanishes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    z_max : float, default=10.0
        The curves are drawn on ``[-z_max, z_max]``.
    num : int, default=401

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; its first line is the log loss's slope size, its second the
        squared error's.
    """
    z = _grid(z_max, num)
    error = sigmoid(z) - 1.0
    ax.plot(z, np.abs(error), color=COLORS["blue"],
            label=r"log loss: $|\sigma(z) - 1|$")
    ax.plot(z, np.abs(error * sigmoid_derivative(z)), color=COLORS["vermillion"], ls="--",
            label=r"squared error: $|(\sigma(z) - 1)\,\sigma'(z)|$")
    ax.set_xlabel(r"$z$ (the label is $y = 1$, so negative $z$ is a wrong prediction)")
    ax.set_ylabel(r"size of the slope $|\partial L / \partial z|$")
    ax.set_ylim(-0.03, 1.05)
    ax.legend(loc="upper right")
    return ax


def loss_gradients_figure(z_max=10.0):
    """New figure drawn by :func:`plot_loss_gradients`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes()
    plot_loss_gradients(ax, z_max=z_max)
    return fig


def _reference_line(steps, anchor_step, anchor_error, power):
    """Values ``anchor_error * (h / anchor_step) ** power`` for each step ``h``."""
    return anchor_error * (steps / anchor_step) ** power


def plot_finite_difference_error(ax, steps, errors):
    """Plot the error of a finite-difference derivative against the step size.

    Both axes are logarithmic. Two guide lines are added: slope 2 through the
    point with the largest step (truncation error, proportional to ``h**2``
    for central differences) and slope -1 through the point with the smallest
    step (rounding error, proportional to ``1/h``).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    steps : array_like of shape (k,)
        Step sizes ``h``, all positive.
    errors : array_like of shape (k,)
        ``|numerical - exact|`` for each step. Exact zeros are left out (a log
        axis cannot show them); at least two must be positive.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; its first line is the measured error, then the two guides.
    """
    steps = np.asarray(steps, dtype=float)
    errors = np.asarray(errors, dtype=float)
    if steps.ndim != 1 or steps.shape != errors.shape or steps.size < 2:
        raise ValueError("steps and errors must be 1-D arrays of the same length (at least 2); "
                         f"got shapes {steps.shape} and {errors.shape}")
    if np.any(steps <= 0) or not np.all(np.isfinite(steps)):
        raise ValueError("every step size must be a finite number > 0")
    shown = errors > 0
    if np.count_nonzero(shown) < 2:
        raise ValueError("need at least two errors > 0 to draw on a log scale")
    h, err = steps[shown], errors[shown]
    ax.loglog(h, err, "o-", color=COLORS["blue"], label="measured error")
    big, small = np.argmax(h), np.argmin(h)
    ax.loglog(h, _reference_line(h, h[big], err[big], 2.0), color=COLORS["vermillion"],
              ls="--", lw=1, label=r"slope 2: truncation error $\propto h^2$")
    ax.loglog(h, _reference_line(h, h[small], err[small], -1.0), color=COLORS["green"],
              ls=":", lw=1.5, label=r"slope $-1$: rounding error $\propto 1/h$")
    ax.set_ylim(err.min() / 10, err.max() * 10)
    ax.set_xlabel("step size $h$")
    ax.set_ylabel("|central difference - exact slope|")
    ax.legend(loc="upper center")
    return ax


def finite_difference_error_figure(steps, errors):
    """New figure drawn by :func:`plot_finite_difference_error`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes()
    plot_finite_difference_error(ax, steps, errors)
    return fig
