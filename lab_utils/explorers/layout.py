"""How the explorers' controls and pictures are laid out, from a phone-wide output to a wide one.

JupyterLab with its file browser open leaves an output column of about 370 px
in a window 800 px wide; Colab and a phone's browser are as narrow. The
explorers therefore

* let each row of controls wrap (:func:`control_row`): side by side when there
  is room, one control per line when there is not;
* give each slider a flexible width with a floor (:func:`fit_slider`), so its
  track never shrinks to a bare handle, and a label as wide as its text;
* size toggle buttons to their text (:func:`fit_toggle_buttons`), so three of
  them fit on one row;
* show a figure of several panels as one picture per panel in a wrapping row
  (:func:`panels_html`), so that narrow outputs stack the panels at a legible
  size instead of shrinking the whole figure.
"""

from __future__ import annotations

import base64
import html

__all__ = [
    "SLIDER_BASIS",
    "SLIDER_MIN_WIDTH",
    "control_row",
    "fit_button",
    "fit_slider",
    "fit_toggle_buttons",
    "panels_html",
    "panels_output",
    "slider_with_value",
    "value_label",
]

#: Width a slider takes when the row has room (it grows beyond it, up to its maximum).
SLIDER_BASIS = "300px"
#: A slider never gets narrower than this (label, track of at least 120 px, readout).
SLIDER_MIN_WIDTH = "260px"
#: Nor wider than this, so that a slider in a wide output stays easy to read.
SLIDER_MAX_WIDTH = "460px"


def fit_slider(slider):
    """Give a slider a flexible width with a floor, and a label as wide as its text.

    Parameters
    ----------
    slider : ipywidgets slider
        Changed in place.

    Returns
    -------
    ipywidgets slider
        The same slider.
    """
    slider.layout.flex = f"1 1 {SLIDER_BASIS}"
    slider.layout.min_width = SLIDER_MIN_WIDTH
    slider.layout.max_width = SLIDER_MAX_WIDTH
    slider.layout.width = "auto"
    slider.style.description_width = "initial"
    return slider


def fit_button(button):
    """Size a button to its text and keep it from shrinking (so it is never cut off).

    Parameters
    ----------
    button : ipywidgets.Button
        Changed in place.

    Returns
    -------
    ipywidgets.Button
    """
    button.layout.width = "auto"
    button.layout.flex = "0 0 auto"
    button.layout.max_width = "100%"
    return button


def fit_toggle_buttons(toggles):
    """Size toggle buttons to their text, with a label as wide as its text, on one row.

    Parameters
    ----------
    toggles : ipywidgets.ToggleButtons
        Changed in place.

    Returns
    -------
    ipywidgets.ToggleButtons
    """
    toggles.style.button_width = "auto"
    toggles.style.description_width = "initial"
    toggles.layout.width = "auto"
    toggles.layout.max_width = "100%"
    return toggles


def value_label(text=""):
    """A label showing a slider's value in the course's own format (for sliders without a readout).

    Parameters
    ----------
    text : str, optional

    Returns
    -------
    ipywidgets.Label
    """
    import ipywidgets as widgets

    # wide enough for "3.16 × 10⁻⁵", and never shrunk (the slider's track gives way instead)
    return widgets.Label(text, layout=widgets.Layout(min_width="7em", flex="0 0 auto",
                                                     margin="0 0.5em 0 0.25em"))


def slider_with_value(slider, text):
    """A slider whose value is shown by a label in the course's format instead of its own readout.

    ipywidgets' readout formats with d3-format (``0.0000010``, ``1.0e+2``); the
    label shows ``text(value)``, the same text the explorer's readout and
    figure use.

    Parameters
    ----------
    slider : ipywidgets slider
        Changed in place (its readout is turned off).
    text : callable
        Value to text.

    Returns
    -------
    ipywidgets.HBox
        The slider and its label, to place in a :func:`control_row`.
    """
    import ipywidgets as widgets

    slider.readout = False
    fit_slider(slider)
    slider.layout.min_width = "0"
    slider.layout.max_width = "none"
    label = value_label(text(slider.value))
    slider.observe(lambda change: setattr(label, "value", text(change["new"])), names="value")
    return widgets.HBox([slider, label], layout=widgets.Layout(
        flex=f"1 1 {SLIDER_BASIS}", min_width=SLIDER_MIN_WIDTH, max_width=SLIDER_MAX_WIDTH,
        align_items="center"))


def control_row(*children):
    """A row of controls that wraps onto more lines when the output is narrow.

    Parameters
    ----------
    *children : ipywidgets.Widget

    Returns
    -------
    ipywidgets.HBox
    """
    import ipywidgets as widgets

    return widgets.HBox(list(children), layout=widgets.Layout(
        flex_flow="row wrap", align_items="center", width="100%", max_width="100%"))


def panels_html(pngs, widths, alt):
    """HTML showing a figure's panels as pictures in a row that wraps on narrow outputs.

    Parameters
    ----------
    pngs : sequence of bytes
        One PNG per panel, in reading order.
    widths : sequence of int
        Width at which to show each one, in CSS pixels (a PNG rendered at twice
        the pixels is shown at half its pixel width: sharp on high-density screens).
    alt : str
        Describes the whole figure for readers who cannot see it.

    Returns
    -------
    str
    """
    if len(pngs) != len(widths) or not pngs:
        raise ValueError(f"need one width per panel; got {len(pngs)} panels and {len(widths)} widths")
    images = "".join(
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="" '
        f'width="{int(width)}" style="max-width: 100%; height: auto; flex: 0 1 auto">'
        for png, width in zip(pngs, widths))
    return (f'<div class="lab-explorer-figure" role="img" aria-label="{html.escape(alt, quote=True)}" '
            f'style="display: flex; flex-wrap: wrap; align-items: flex-start">{images}</div>')


def panels_output(pngs, widths, alt):
    """A notebook ``display_data`` output of :func:`panels_html` (for ``ipywidgets.Output.outputs``).

    Parameters
    ----------
    pngs, widths, alt
        See :func:`panels_html`; ``alt`` is also the plain-text form.

    Returns
    -------
    dict
    """
    return {
        "output_type": "display_data",
        "data": {"text/html": panels_html(pngs, widths, alt), "text/plain": alt},
        "metadata": {},
    }
