"""What every explorer shares: a recorded descent run and the widget plumbing.

An explorer is made of three parts, kept apart so that each can be tested alone:

* a **state**, a small frozen dataclass holding everything the figure shows;
* a **view** (:class:`View`), which owns a matplotlib figure and draws a state
  onto it (``view.draw(state)``, no widgets involved), reusing its artists;
* an :class:`Explorer`, which builds the ipywidgets controls, turns their values
  into a new state and shows the view's picture (one PNG per panel, at twice
  the pixels, laid out by :mod:`lab_utils.explorers.layout`) in an :class:`ipywidgets.Output`.

Text is the slowest thing matplotlib draws (several milliseconds per label), so
a live explorer shows its numbers in an HTML readout above the figure (which
screen readers can also read) and leaves the figure's text labels, its
*annotations*, to the static picture.

Where no kernel runs (the website), an explorer's stored output is its live
JavaScript form instead (:meth:`Explorer.live_html`, :mod:`lab_utils.explorers.live`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from matplotlib.figure import Figure

from lab_utils.descent import StopReason, ended_above_start, run_gradient_descent
from lab_utils.display import fmt, number_text
from lab_utils.explorers.layout import panels_output
from lab_utils.rendering import FigureRenderer, course_style, figure_html

__all__ = ["DescentRun", "Explorer", "ShowsRunFrames", "View", "run_descent",
           "TEXT_BOX", "TEXT_SIZE", "alpha_text", "contour_colors", "label_contours", "legend_below"]

#: Caption of the static picture an explorer without a live web form leaves in its stored output.
STATIC_CAPTION = "A still picture of the explorer. Run the cell in Jupyter to move its controls."

#: MIME type of a displayed widget in a notebook.
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class DescentRun:
    """A gradient-descent run recorded for drawing.

    Attributes
    ----------
    w_path : ndarray of shape (k + 1, n)
        Weights before the first iteration and after each of the ``k`` iterations done.
    b_path : ndarray of shape (k + 1,)
        Bias, likewise.
    costs : ndarray of shape (k + 1,)
        Cost at each of those points (``costs[0]`` is the starting cost).
    alpha : float
        Learning rate used.
    num_iters : int
        Iterations asked for (``k`` is smaller when descent stopped early).
    diverged : bool
        True when descent stopped for divergence (:class:`lab_utils.descent.StopReason`)
        or the cost ended higher than it started (:attr:`lab_utils.descent.DescentResult.diverged`).
    message : str
        One line describing the outcome, for the figure.
    """

    w_path: np.ndarray
    b_path: np.ndarray
    costs: np.ndarray
    alpha: float
    num_iters: int
    diverged: bool
    message: str

    @property
    def iterations(self):
        """Number of iterations actually done (``k``)."""
        return len(self.costs) - 1

    @property
    def stopped_early(self):
        """True when descent stopped before ``num_iters`` because the cost blew up."""
        return self.iterations < self.num_iters

    def prefix(self, num_iters):
        """The run as if only ``num_iters`` iterations had been asked for.

        Gradient descent is deterministic, so a shorter run is the beginning of
        a longer one: this spares running it again when only the number of
        iterations changes.

        Parameters
        ----------
        num_iters : int
            At most :attr:`num_iters`. When the run stopped early, do not ask
            for exactly :attr:`iterations` (whether a run that short would also
            have warned depends on why it stopped): run it again instead.

        Returns
        -------
        DescentRun
        """
        if num_iters > self.num_iters:
            raise ValueError(f"this run has {self.num_iters} iterations; cannot give {num_iters}")
        if num_iters == self.num_iters or num_iters > self.iterations:
            return replace(self, num_iters=num_iters)  # it stopped before num_iters anyway
        costs = self.costs[: num_iters + 1]
        return DescentRun(
            w_path=self.w_path[: num_iters + 1],
            b_path=self.b_path[: num_iters + 1],
            costs=costs,
            alpha=self.alpha,
            num_iters=num_iters,
            diverged=ended_above_start(costs),
            message=_outcome(costs, self.alpha, None),
        )


def _outcome(costs, alpha, blew_up_because):
    """One line saying how a run ended (``blew_up_because``: None or the reason it stopped)."""
    iterations = len(costs) - 1
    last, first = fmt(costs[-1], 4), fmt(costs[0], 4)
    if blew_up_because:
        return (f"Diverged: the cost {blew_up_because} and descent stopped after {iterations} "
                f"iterations (J = {last}); \u03b1 = {alpha_text(alpha)} is too large.")
    if ended_above_start(costs):
        return (f"Not converging: after {iterations} iterations J = {last} is higher than at "
                f"the start ({first}); \u03b1 = {alpha_text(alpha)} is too large.")
    return f"After {iterations} iterations: J = {last} (it started at {first})."


#: How the outcome line words each stop reason that means divergence.
_STOP_WORDS = {
    StopReason.NOT_FINITE: "became infinite",
    StopReason.KEPT_RISING: "kept rising",
    StopReason.ABOVE_START: "kept rising",
}


def run_descent(X, y, w_in, b_in, alpha, num_iters):
    """Run :func:`lab_utils.descent.run_gradient_descent` and record its path, never warning.

    The stop reason comes from the descent's own monitor
    (:class:`lab_utils.descent.StopReason`), never from warning text.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w_in : array_like of shape (n,)
    b_in : float
    alpha : float
    num_iters : int

    Returns
    -------
    DescentRun
    """
    result = run_gradient_descent(X, y, w_in, b_in, alpha, num_iters, record_path=True)
    reason = _STOP_WORDS.get(result.stop_reason)
    costs = np.array([result.start_cost, *result.J_history])
    return DescentRun(
        w_path=np.array([w for w, _ in result.path]),
        b_path=np.array([b for _, b in result.path]),
        costs=costs,
        alpha=float(alpha),
        num_iters=int(num_iters),
        diverged=result.diverged,
        message=_outcome(costs, alpha, reason),
    )


#: Font size (points) of the explorers' tick labels, and the least of every other text in their figures.
TEXT_SIZE = 10
#: Frame of the text boxes in the explorers' figures (its edge has a contrast of 4.7 : 1 on white).
TEXT_BOX = {"boxstyle": "round", "fc": "white", "ec": "0.45"}
#: Darkest and palest points of cividis used for contour lines: every line has a contrast of
#: at least 3 : 1 on the figures' white (cividis' paler, yellow end has less).
CONTOUR_SPAN = (0.0, 0.6)


def alpha_text(alpha):
    """A learning rate as the explorers write it everywhere: ``1 × 10⁻⁵``, ``3.16 × 10⁻⁵``, ``0.01``, ``100``.

    Parameters
    ----------
    alpha : float

    Returns
    -------
    str
    """
    return number_text(float(alpha), 3)


def contour_colors(n):
    """Colours of ``n`` contour lines, dark (low cost) to light (high cost), all legible on white.

    Parameters
    ----------
    n : int

    Returns
    -------
    ndarray of shape (n, 4)
        RGBA colours from cividis' dark end (see :data:`CONTOUR_SPAN`).
    """
    from matplotlib import colormaps

    return colormaps["cividis"](np.linspace(*CONTOUR_SPAN, n))


def label_contours(ax, make_contours, fmt, every=2):
    """Draw contours with every ``every``-th level labelled at :data:`TEXT_SIZE`, each label inside ``ax``.

    matplotlib places labels along the lines wherever they fit, some partly
    outside the axes; those are dropped, and the contours drawn again with the
    others only, so that no gap is left where a dropped label was.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    make_contours : callable
        Draws the contours on ``ax`` and returns their
        :class:`matplotlib.contour.QuadContourSet` (called once or twice).
    fmt : callable
        Level to label text.
    every : int, default=2

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    contours = make_contours()
    levels = contours.levels[::every]
    labels = ax.clabel(contours, levels=levels, fmt=fmt, fontsize=TEXT_SIZE)
    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)

    def fits(label):
        box = label.get_window_extent(renderer)
        return inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1

    if all(fits(label) for label in labels):
        return contours
    kept = [label.get_position() for label in labels if fits(label)]
    contours.remove()
    contours = make_contours()
    if kept:
        ax.clabel(contours, levels=levels, fmt=fmt, fontsize=TEXT_SIZE, manual=kept)
    return contours


def legend_below(ax, ncol=2):
    """A framed legend under ``ax``'s x label, where it hides no data.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    ncol : int, default=2

    Returns
    -------
    matplotlib.legend.Legend
    """
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=ncol, fontsize=TEXT_SIZE,
                       frameon=True, framealpha=1, edgecolor="0.45", handlelength=1.6,
                       columnspacing=1.0, borderaxespad=0)
    return legend


class ShowsRunFrames:
    """Mixin for explorer states with a ``run`` (DescentRun or None) and a ``frame`` (int or None)."""

    @property
    def shown_iteration(self):
        """Iteration up to which the run is drawn (None without a run).

        The whole run when ``frame`` is None, else ``frame`` capped at the
        iterations the run actually did.
        """
        if self.run is None:
            return None
        last = self.run.iterations
        return last if self.frame is None else min(self.frame, last)


class View:
    """Base of the explorers' views: a figure drawn from a state, rendered fast.

    Subclasses create :attr:`figure` and :attr:`renderer`
    (a :class:`lab_utils.rendering.FigureRenderer`), fill :attr:`annotations`
    and implement :meth:`draw`, :meth:`readout` and :meth:`alt_text`.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    renderer : lab_utils.rendering.FigureRenderer
    annotations : list of matplotlib.text.Text
        Labels drawn in the static picture, left out of live
        redraws (their numbers are in :meth:`readout`).
    """

    figure = None
    renderer = None
    annotations = ()
    #: Resolution at which the figure is shown (its size in CSS pixels is its size in inches times this).
    display_dpi = 80
    #: Pixels rendered per CSS pixel shown: 2, so that the live picture is sharp on high-density screens.
    pixel_ratio = 2
    #: Colours of the palette the static (fallback) picture is stored with: small beats rich.
    fallback_colors = 64

    def _make_figure(self, figsize, dpi):
        """Create :attr:`figure` (``figsize`` inches, shown at ``dpi``) and its renderer."""
        self.display_dpi = dpi
        self.figure = Figure(figsize=figsize, dpi=dpi * self.pixel_ratio, layout="none")
        self.renderer = FigureRenderer(self.figure)

    def draw(self, state):
        """Update the figure's artists to show ``state`` (nothing is rendered)."""
        raise NotImplementedError

    def readout(self, state):
        """HTML with the numbers of ``state``, shown above the live figure."""
        raise NotImplementedError

    def alt_text(self, state):
        """Plain-text description of the figure for ``state``."""
        raise NotImplementedError

    def png(self):
        """The figure as drawn by the last :meth:`draw`, as PNG, without its annotations.

        Returns
        -------
        bytes
            Rendered at :attr:`pixel_ratio` times the pixels of its display size.
        """
        return self.renderer.png(skip=self.annotations)

    def panel_boxes(self):
        """Where each panel (axes) lies in the rendered image, side by side, left to right.

        The figure is cut between neighbouring panels, half-way across the gap
        between one panel's decorations (tick labels, axis labels, legend) and
        the next one's.

        Returns
        -------
        list of (int, int, int, int)
            ``(left, top, right, bottom)`` in pixels, covering the whole figure.
        """
        axes = sorted(self.figure.axes, key=lambda ax: ax.get_position().x0)
        key = (self.figure.dpi, tuple(ax.get_ylabel() for ax in axes))
        if getattr(self, "_panel_key", None) != key:
            canvas = self.renderer.canvas
            width, height = canvas.get_width_height()
            with course_style():
                spans = [ax.get_tightbbox(canvas.get_renderer()) for ax in axes]
            cuts = [0, *(round((a.x1 + b.x0) / 2) for a, b in zip(spans, spans[1:])), width]
            self._panel_key = key
            self._panel_boxes = [(max(0, left), 0, min(width, right), height)
                                 for left, right in zip(cuts, cuts[1:])]
        return self._panel_boxes

    def live_output(self, state):
        """The live explorer's picture of the last :meth:`draw` (of ``state``), as a notebook output.

        One picture per panel, in a row that wraps (:func:`lab_utils.explorers.layout.panels_html`):
        a narrow output stacks the panels instead of shrinking them. Annotations
        are left out (their numbers are in :meth:`readout`).

        Parameters
        ----------
        state : dataclass

        Returns
        -------
        dict
            A ``display_data`` output.
        """
        boxes = self.panel_boxes()
        pngs = self.renderer.crops(boxes, skip=self.annotations)
        widths = [(right - left) / self.pixel_ratio for left, _, right, _ in boxes]
        return panels_output(pngs, widths, self.alt_text(state))

    def static_png(self, state):
        """The complete figure for ``state`` (annotations included) as PNG.

        Parameters
        ----------
        state : dataclass

        Returns
        -------
        bytes
        """
        with self.renderer.at_dpi(self.display_dpi):
            self.draw(state)
            return self.renderer.png(colors=self.fallback_colors, compress_level=9)


class Explorer:
    """Widget plumbing shared by the explorers.

    Subclasses set :attr:`title` and :attr:`live_name`, create ``self.view`` (a
    :class:`View`) and ``self.state``, and call :meth:`_finish` with the rows of
    controls.

    Attributes
    ----------
    state : dataclass
        What the figure shows now.
    view : View
    controls : dict of str to ipywidgets.Widget
        The sliders and buttons, by name, so code and tests can drive them
        (``explorer.controls["w"].value = 2``, ``explorer.controls["run"].click()``).
    readout : ipywidgets.HTML
        The numbers of the current state.
    output : ipywidgets.Output
        Holds the rendered figure.
    widget : ipywidgets.VBox
        Controls, readout and output together: what is displayed.
    """

    #: Shown as the plain-text form of the widget (where widgets cannot be shown).
    title = "Interactive explorer"
    #: Name of the matching live (JavaScript) explorer (see :mod:`lab_utils.explorers.live`);
    #: an explorer without one leaves its static picture for pages without a kernel.
    live_name = None

    def _finish(self, rows):
        import ipywidgets as widgets

        self.readout = widgets.HTML()
        self.output = widgets.Output()
        self.widget = widgets.VBox([*rows, self.readout, self.output])
        self.redraw()

    @property
    def figure(self):
        """The matplotlib figure the view draws on."""
        return self.view.figure

    def set_state(self, **changes):
        """Replace fields of the state and redraw.

        Parameters
        ----------
        **changes
            Field names and new values.
        """
        self.state = replace(self.state, **changes)
        self.redraw()

    def redraw(self):
        """Draw the state and show it: the readout, then the figure in the output widget."""
        self.view.draw(self.state)
        self.readout.value = self.view.readout(self.state)
        self.output.outputs = (self.view.live_output(self.state),)

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, with a fixed plain-text form (the widget's own lists every value).

        Built by hand, as ipywidgets 7 (still Colab's default) and 8 both render it.
        """
        return {
            WIDGET_VIEW_MIMETYPE: {"version_major": 2, "version_minor": 0,
                                   "model_id": self.widget.model_id},
            "text/plain": f"{self.title} (interactive: needs a running Python kernel)",
        }

    def live_html(self, element_id=None):
        """HTML of the live (JavaScript) explorer at the current state, for pages without a kernel.

        It holds the explorer's data and its static picture with alt text
        (shown where scripts do not run); see :mod:`lab_utils.explorers.live`.
        An explorer without a live form (``live_name`` None) gives its static
        picture alone, captioned :data:`STATIC_CAPTION`.

        Parameters
        ----------
        element_id : str, optional
            Id of its root element, unique on the page; ``live-<live_name>`` by default.

        Returns
        -------
        str
        """
        from lab_utils.explorers.live import LIVE_EXPLORERS, explorer_html

        png = self.view.static_png(self.state)
        alt = self.view.alt_text(self.state)
        if self.live_name is None:  # no live form (yet): the static picture, said to be one
            html = figure_html(png, alt, caption=STATIC_CAPTION)
        else:
            _, data = LIVE_EXPLORERS[self.live_name]
            html = explorer_html(self.live_name, data(self.view, self.state), png, alt, element_id)
        self.view.draw(self.state)
        return html

    def show(self, element_id=None):
        """Display the explorer as one output: the widget, with the live web explorer as its fallback.

        A running notebook shows the widget alone (Jupyter prefers the widget
        view). Where no kernel runs, the same stored output shows its HTML: the
        website runs it as the live JavaScript explorer, and Jupyter without the
        widget (an untrusted or unexecuted notebook) shows its static picture.

        Parameters
        ----------
        element_id : str, optional
            Id of the live explorer's root element (give a different one to a
            second explorer of the same kind on one page).
        """
        from IPython.display import display

        bundle = self._repr_mimebundle_()
        bundle["text/html"] = self.live_html(element_id)
        display(bundle, raw=True)
