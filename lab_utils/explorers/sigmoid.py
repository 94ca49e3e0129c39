"""Sigmoid explorer: move z and watch sigma(z), its slope sigma'(z) and the tangent line.

The figure shows the sigmoid and its derivative over ``-8 <= z <= 8``, the
point ``(z, sigma(z))`` with the tangent line there (its slope is
``sigma'(z) = sigma(z) (1 - sigma(z))``, never more than 0.25), and the point
``(z, sigma'(z))`` on the derivative's curve.

Used by ``labs/sigmoid_derivative_lab.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lab_utils.activation import sigmoid, sigmoid_derivative
from lab_utils.display import fmt
from lab_utils.explorers.base import TEXT_BOX, TEXT_SIZE, Explorer, View
from lab_utils.explorers.layout import control_row, fit_slider
from lab_utils.rendering import course_style
from lab_utils.style import COLORS

__all__ = ["SigmoidExplorer", "SigmoidState", "SigmoidView", "show_sigmoid_explorer", "tangent_line"]

#: Range of z shown and offered by the slider.
Z_RANGE = (-8.0, 8.0)
#: Step of the z slider.
SLIDER_STEP = 0.1
#: Colour of the derivative's curve: the course's orange, darkened to a contrast of 4.1 : 1 on white.
SLOPE_COLOR = "#A87300"
#: Half-width (in z) of the tangent segment drawn.
TANGENT_HALF_WIDTH = 2.5


@dataclass(frozen=True)
class SigmoidState:
    """What the sigmoid explorer shows.

    Attributes
    ----------
    z : float
        Where the point and the tangent are.
    """

    z: float = 1.0

    @property
    def sigma(self):
        """sigma(z), the point on the curve."""
        return float(sigmoid(self.z))

    @property
    def slope(self):
        """sigma'(z), the tangent's slope."""
        return float(sigmoid_derivative(self.z))


def tangent_line(z0, half_width=TANGENT_HALF_WIDTH):
    """The tangent to the sigmoid at ``z0``, over ``z0 - half_width .. z0 + half_width``.

    Parameters
    ----------
    z0 : float
    half_width : float, default=TANGENT_HALF_WIDTH

    Returns
    -------
    z, line : ndarray of shape (2,)
        End points: ``line = sigma(z0) + sigma'(z0) (z - z0)``.
    """
    z = np.array([z0 - half_width, z0 + half_width])
    return z, float(sigmoid(z0)) + float(sigmoid_derivative(z0)) * (z - z0)


class SigmoidView(View):
    """The explorer's figure, drawn from a :class:`SigmoidState` (no widgets).

    Parameters
    ----------
    dpi : float, default=80
        Resolution at which the figure is shown (CSS pixels per inch); the live
        picture is rendered at :attr:`View.pixel_ratio` times as many pixels.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes
    renderer : lab_utils.rendering.FigureRenderer
    """

    def __init__(self, dpi=80):
        with course_style():
            self._make_figure((5.6, 3.9), dpi)
            self._build()

    def _build(self):
        ax = self.ax = self.figure.subplots(
            gridspec_kw={"left": 0.12, "right": 0.97, "bottom": 0.14, "top": 0.91})
        ax.tick_params(labelsize=TEXT_SIZE)
        z = np.linspace(*Z_RANGE, 400)
        ax.plot(z, sigmoid(z), color=COLORS["blue"], lw=2.5, label="$\\sigma(z)$")
        ax.plot(z, sigmoid_derivative(z), color=SLOPE_COLOR, lw=2.5,
                label="$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$")
        ax.axhline(0.5, color="0.45", lw=0.8, ls=":")
        ax.set_xlim(*Z_RANGE)
        ax.set_ylim(-0.1, 1.1)
        ax.set_xlabel("z")
        ax.set_ylabel("value")
        ax.set_title("The sigmoid, its slope and the tangent line")
        (self.tangent,) = ax.plot([], [], color=COLORS["vermillion"], lw=1.8, ls="--",
                                  label="tangent line at z")
        (self.guide,) = ax.plot([], [], color="0.45", lw=1, ls=":")
        (self.point,) = ax.plot([], [], "o", color=COLORS["blue"], ms=9, mec="white")
        (self.slope_point,) = ax.plot([], [], "o", color=SLOPE_COLOR, ms=9, mec="white")
        # Top left and middle left hold no curve for any z (sigma < 0.2 and sigma' < 0.15 for z < -1.5).
        ax.legend(loc="upper left", fontsize=TEXT_SIZE, frameon=True, framealpha=1, edgecolor="0.45")
        self.label = ax.text(0.02, 0.27, "", transform=ax.transAxes, ha="left", va="bottom",
                             fontsize=TEXT_SIZE, bbox=TEXT_BOX)
        self.annotations = [self.label]
        self.renderer.animate(self.tangent, self.guide, self.point, self.slope_point, self.label)

    def draw(self, state):
        """Update every artist to show ``state`` (nothing is rendered yet).

        Parameters
        ----------
        state : SigmoidState
        """
        z0, s, ds = state.z, state.sigma, state.slope
        self.tangent.set_data(*tangent_line(z0))
        self.guide.set_data([z0, z0], [ds, s])  # from the slope's point up to the curve's
        self.point.set_data([z0], [s])
        self.slope_point.set_data([z0], [ds])
        self.label.set_text(f"z = {fmt(z0, 3)}\n\u03c3(z) = {fmt(s, 4)}\n"
                            f"slope \u03c3\u2032(z) = {fmt(ds, 4)}")

    def readout(self, state):
        """The numbers of ``state`` as HTML, shown above the live figure.

        Parameters
        ----------
        state : SigmoidState

        Returns
        -------
        str
        """
        s, ds = state.sigma, state.slope
        return (f"z = <b>{fmt(state.z, 3)}</b>: \u03c3(z) = <b>{fmt(s, 4)}</b>, slope "
                f"\u03c3\u2032(z) = \u03c3(z)(1 \u2212 \u03c3(z)) = <b>{fmt(ds, 4)}</b>")

    def alt_text(self, state):
        """Describe what the figure shows for ``state``, for readers who cannot see it.

        Parameters
        ----------
        state : SigmoidState

        Returns
        -------
        str
        """
        s, ds = state.sigma, state.slope
        return ("The S-shaped sigmoid rising from 0 to 1 and its bell-shaped derivative, highest "
                f"(0.25) at z = 0. At z = {fmt(state.z, 3)} a point marks sigma(z) = {fmt(s, 4)} "
                f"with a dashed tangent line of slope {fmt(ds, 4)}, and a second point marks that "
                "slope on the derivative's curve.")


class SigmoidExplorer(Explorer):
    """A slider for ``z``.

    Parameters
    ----------
    state : SigmoidState, optional
        Starting value (z = 1 by default).

    Examples
    --------
    >>> explorer = SigmoidExplorer()
    >>> explorer.controls["z"].value = 0.0
    >>> explorer.state.z
    0.0
    """

    title = "Sigmoid explorer"
    live_name = "sigmoid"

    def __init__(self, state=None):
        import ipywidgets as widgets

        self.view = SigmoidView()
        self.state = state or SigmoidState()
        self.controls = {
            "z": widgets.FloatSlider(value=self.state.z, min=Z_RANGE[0], max=Z_RANGE[1], step=SLIDER_STEP,
                                     description="z", readout_format=".1f",
                                     layout=widgets.Layout(width="60%")),
        }
        self.controls["z"].observe(lambda change: self.set_state(z=change["new"]), names="value")
        self._finish([control_row(fit_slider(self.controls["z"]))])


def show_sigmoid_explorer(z=1.0, element_id=None):
    """Display the sigmoid explorer: the widget, or the live web explorer where no kernel runs.

    Parameters
    ----------
    z : float, default=1.0
        Starting value.
    element_id : str, optional
        Id of the live explorer's root element (only needed for two on one page).
    """
    SigmoidExplorer(SigmoidState(z)).show(element_id=element_id)
