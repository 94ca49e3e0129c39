"""Plots of data, probabilities and decision boundaries, drawn onto a given Axes.

Every function takes the matplotlib ``Axes`` to draw on, labels its axes and
returns what it drew, so callers can restyle or test it. None of them calls
``plt.show()``.

The course's convention, here and in :mod:`lab_utils.figures`: ``plot_<what>(ax, ...)``
draws onto ``ax``, first argument; ``<what>_figure(...)`` returns a new figure.
The original course's names keep their own signatures, for its learners' code:
``plot_data(X, y, ax, ...)`` and ``plt_tumor_data(x, y, ax, ...)`` (whose
convention-following names are :func:`plot_examples` and :func:`plot_tumor_data`)
and ``plt_prob(ax, w, b, ...)`` (also :func:`plot_probability`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle

from lab_utils.activation import _sigmoid_of_array
from lab_utils.style import BOUNDARY, NEGATIVE, POSITIVE
from lab_utils.validation import validate_bias, validate_features, validate_labels, validate_weights

__all__ = [
    "data_limits",
    "draw_vthresh",
    "plot_data",
    "plot_decision_boundary",
    "plot_examples",
    "plot_probability",
    "plot_tumor_data",
    "plt_prob",
    "plt_tumor_data",
]


def plot_data(X, y, ax, pos_label="y=1", neg_label="y=0", s=80, loc="best",
              xlabel="$x_0$", ylabel="$x_1$"):
    """Scatter two-feature data: positives as crosses, negatives as circles.

    Parameters
    ----------
    X : array_like of shape (m, 2)
        Features; column 0 on the horizontal axis, column 1 on the vertical.
    y : array_like of shape (m,)
        Labels, 0 or 1.
    ax : matplotlib.axes.Axes
    pos_label, neg_label : str
        Legend entries.
    s : float, default=80
        Marker size.
    loc : str, default="best"
        Legend location; ``None`` for no legend.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    list of matplotlib.collections.PathCollection
        The positive and negative scatter artists.
    """
    X = validate_features(X)
    if X.shape[1] != 2:
        raise ValueError(f"plot_data draws two features; X has shape {X.shape}")
    y = validate_labels(y, X.shape[0])
    pos, neg = y == 1, y == 0
    artists = [
        ax.scatter(X[pos, 0], X[pos, 1], marker="x", s=s, c=POSITIVE, lw=2.5, label=pos_label),
        ax.scatter(X[neg, 0], X[neg, 1], marker="o", s=s, facecolors="none",
                   edgecolors=NEGATIVE, lw=2, label=neg_label),
    ]
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if loc is not None:
        ax.legend(loc=loc)
    return artists


def plt_tumor_data(x, y, ax, xlabel="Tumour size", ylabel="y (1 = malignant)"):
    """Plot one-feature data against its label, as in the tumour example.

    Parameters
    ----------
    x : array_like of shape (m,)
    y : array_like of shape (m,)
        Labels, 0 or 1.
    ax : matplotlib.axes.Axes
    xlabel, ylabel : str

    Returns
    -------
    list of matplotlib.collections.PathCollection
    """
    X = validate_features(np.reshape(np.asarray(x, dtype=float), (-1, 1)), "x")
    y = validate_labels(y, X.shape[0])
    pos, neg = y == 1, y == 0
    artists = [
        ax.scatter(X[pos, 0], y[pos], marker="x", s=80, c=POSITIVE, lw=2.5, label="malignant (y=1)"),
        ax.scatter(X[neg, 0], y[neg], marker="o", s=80, facecolors="none", edgecolors=NEGATIVE,
                   lw=2, label="benign (y=0)"),
    ]
    ax.set_ylim(-0.1, 1.1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left")
    return artists


def data_limits(X, margin=0.1):
    """Axis limits that frame two-feature data with a margin.

    Parameters
    ----------
    X : array_like of shape (m, 2)
    margin : float, default=0.1
        Fraction of each feature's range added on both sides.

    Returns
    -------
    (x0_min, x0_max, x1_min, x1_max) : tuple of float
    """
    X = validate_features(X)
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * np.where(high > low, high - low, 1.0)
    return float(low[0] - pad[0]), float(high[0] + pad[0]), float(low[1] - pad[1]), float(high[1] + pad[1])


class _ProbabilityImage(AxesImage):
    """An image of ``sigmoid(w . x + b)`` that always fills the visible area.

    It is placed in axes coordinates, so it covers the whole plot whatever the
    limits are and never widens them, and it recomputes its pixels from the
    axes' current limits each time it is drawn: limits set before or after
    :func:`plt_prob`, by hand or by autoscaling, are all shaded correctly.
    """

    def __init__(self, ax, w, b, resolution, **kwargs):
        super().__init__(ax, transform=ax.transAxes, extent=(0.0, 1.0, 0.0, 1.0), origin="lower", **kwargs)
        self._w, self._b, self._resolution = w, b, resolution
        self.data_extent = None
        self.refresh()

    def refresh(self):
        """Recompute the probabilities over the axes' current view."""
        (x0_lo, x0_hi), (x1_lo, x1_hi) = self.axes.get_xlim(), self.axes.get_ylim()
        if self.data_extent == (x0_lo, x0_hi, x1_lo, x1_hi):
            return
        g0, g1 = np.meshgrid(np.linspace(x0_lo, x0_hi, self._resolution),
                             np.linspace(x1_lo, x1_hi, self._resolution))
        self.set_data(_sigmoid_of_array(self._w[0] * g0 + self._w[1] * g1 + self._b))
        #: The view ``(x0_min, x0_max, x1_min, x1_max)``, in data units, the pixels show.
        self.data_extent = (x0_lo, x0_hi, x1_lo, x1_hi)

    def draw(self, renderer):
        """Shade the limits the reader sees now, then draw."""
        self.refresh()
        super().draw(renderer)


def plt_prob(ax, w, b, X=None, margin=0.1, resolution=200, colorbar=True):
    """Shade the model's probability ``P(y=1 | x)`` over a two-feature plane.

    The shading fills whatever part of the plane the axes end up showing: it
    is recomputed from the axes' limits every time the figure is drawn, so
    the limits may be set before or after this call (the original course's
    ``plt_prob(ax, w, b)`` followed by ``ax.axis([0, 4, 0, 3.5])`` is shaded
    all over). It assumes linear axis scales.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    w : array_like of shape (2,), (2, 1) or (1, 2)
    b : float
    X : array_like of shape (m, 2), optional
        Data: the axes' limits are set to its range plus ``margin``. Without
        it, the limits are left as they are.
    margin : float, default=0.1
    resolution : int, default=200
        Grid points per axis.
    colorbar : bool, default=True
        Add a colour bar labelled with the probability.

    Returns
    -------
    matplotlib.image.AxesImage
        Its attribute ``data_extent`` is the view, in data units, it shaded
        when last drawn.
    """
    w = validate_weights(w, 2)
    b = validate_bias(b)
    if X is not None:
        x0_lo, x0_hi, x1_lo, x1_hi = data_limits(X, margin)
        ax.set_xlim(x0_lo, x0_hi)
        ax.set_ylim(x1_lo, x1_hi)
    image = _ProbabilityImage(ax, w, b, int(resolution), cmap="RdBu_r", alpha=0.45,
                              interpolation="bilinear", zorder=0)
    image.set_clim(0.0, 1.0)
    ax.add_image(image)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="P(y = 1 | x)")
    ax.set_xlabel(ax.get_xlabel() or "$x_0$")
    ax.set_ylabel(ax.get_ylabel() or "$x_1$")
    return image


class _ViewSpan(Rectangle):
    """A full-height band from a threshold to the left or right edge of the view.

    Its height is in axes units and its ends are recomputed from the axes'
    limits at every draw, so it covers its side of the plot however the
    limits change, and it never widens them.
    """

    def __init__(self, ax, x, side, **kwargs):
        super().__init__((x, 0.0), 0.0, 1.0, transform=ax.get_xaxis_transform(), **kwargs)
        self._threshold, self._side = float(x), side
        self.axes = ax
        self.refresh()

    def refresh(self):
        """Stretch the band to the current view."""
        lo, hi = sorted(self.axes.get_xlim())
        x = min(max(self._threshold, lo), hi)
        start, stop = (lo, x) if self._side == "left" else (x, hi)
        self.set_x(start)
        self.set_width(stop - start)

    def draw(self, renderer):
        """Cover this side of the current view, then draw."""
        self.refresh()
        super().draw(renderer)


def draw_vthresh(ax, x):
    """Shade both sides of a vertical threshold at ``x`` and label them ``z < 0`` and ``z >= 0``.

    The course's colours for the two classes are used: the left side (below
    the threshold, predicted 0) in the negative class's colour, the right side
    (predicted 1) in the positive class's. Both bands fill the full height and
    reach the edges of whatever the axes end up showing.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : float
        Where the threshold lies, in data units of the horizontal axis (for a
        plot of the sigmoid against z, ``x = 0``).

    Returns
    -------
    dict
        The artists: ``"left"`` and ``"right"`` (the bands), ``"line"``,
        ``"left_label"`` and ``"right_label"`` (labels with arrows).
    """
    x = validate_bias(x, "x")
    artists = {}
    for side, colour in (("left", NEGATIVE), ("right", POSITIVE)):
        band = _ViewSpan(ax, x, side, facecolor=colour, alpha=0.2, edgecolor="none", zorder=0)
        ax.add_artist(band)
        artists[side] = band
    artists["line"] = ax.axvline(x, color=BOUNDARY, lw=1, ls="--")
    where = ("data", "axes fraction")
    arrow = {"arrowstyle": "<-", "lw": 2}
    artists["right_label"] = ax.annotate("z >= 0", xy=(x, 0.5), xycoords=where, xytext=(45, 0),
                                         textcoords="offset points", va="center", ha="left",
                                         arrowprops={**arrow, "color": POSITIVE})
    artists["left_label"] = ax.annotate("z < 0", xy=(x, 0.5), xycoords=where, xytext=(-45, 0),
                                        textcoords="offset points", va="center", ha="right",
                                        arrowprops={**arrow, "color": NEGATIVE})
    return artists


def plot_decision_boundary(ax, w, b, X=None, label="decision boundary", **line_kw):
    """Draw the line ``w_0 x_0 + w_1 x_1 + b = 0`` where the probability is 0.5.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    w : array_like of shape (2,)
        Not both zero.
    b : float
    X : array_like of shape (m, 2), optional
        Data whose range sets the line's extent; otherwise the axes limits.
    label : str
        Legend entry.
    **line_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    w = validate_weights(w, 2)
    b = validate_bias(b)
    if np.all(w == 0):
        raise ValueError("w is all zeros: the model predicts 0.5 everywhere and has no decision boundary")
    if X is not None:
        x0_lo, x0_hi, x1_lo, x1_hi = data_limits(X)
    else:
        (x0_lo, x0_hi), (x1_lo, x1_hi) = ax.get_xlim(), ax.get_ylim()
    line_kw = {"color": BOUNDARY, "lw": 1.5, **line_kw}
    if abs(w[1]) >= abs(w[0]):
        x0 = np.array([x0_lo, x0_hi])
        x1 = -(b + w[0] * x0) / w[1]
    else:
        x1 = np.array([x1_lo, x1_hi])
        x0 = -(b + w[1] * x1) / w[0]
    (line,) = ax.plot(x0, x1, label=label, **line_kw)
    ax.set_xlim(x0_lo, x0_hi)
    ax.set_ylim(x1_lo, x1_hi)
    ax.set_xlabel(ax.get_xlabel() or "$x_0$")
    ax.set_ylabel(ax.get_ylabel() or "$x_1$")
    return line


def plot_examples(ax, X, y, **kwargs):
    """:func:`plot_data` with ``ax`` first, the course's convention.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
    **kwargs
        Passed to :func:`plot_data`.

    Returns
    -------
    list of matplotlib.collections.PathCollection
    """
    return plot_data(X, y, ax, **kwargs)


def plot_tumor_data(ax, x, y, **kwargs):
    """:func:`plt_tumor_data` with ``ax`` first, the course's convention.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : array_like of shape (m,)
    y : array_like of shape (m,)
    **kwargs
        Passed to :func:`plt_tumor_data`.

    Returns
    -------
    list of matplotlib.collections.PathCollection
    """
    return plt_tumor_data(x, y, ax, **kwargs)


#: The convention-following name of the original course's :func:`plt_prob` (same signature).
plot_probability = plt_prob
