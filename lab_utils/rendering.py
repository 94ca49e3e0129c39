"""Rendering matplotlib figures: fast redraws, PNG output and static pictures with alt text.

The interactive explorers (:mod:`lab_utils.explorers`) redraw a figure every
time a slider moves, and also leave a static picture in the stored notebook
(inside the live web explorer, :mod:`lab_utils.explorers.live`, for readers
without JavaScript). This module holds the machinery they share:

* :class:`FigureRenderer` turns a figure into PNG bytes quickly. It draws the
  unchanging parts (axes, ticks, contours, data) once, keeps that background,
  and afterwards redraws only the artists marked as *animated* (blitting).
* :func:`figure_html` shows a static picture with alt text and a caption.

Everything is drawn with the Agg backend and never touches pyplot, so no figure
is shown twice by the notebook's inline backend.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from contextlib import contextmanager

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lab_utils.style import style_path

__all__ = ["FigureRenderer", "course_style", "figure_html", "png_output"]


@functools.lru_cache(maxsize=1)
def _course_rc():
    """The course style's settings, read from its file once (explorers apply them at every redraw)."""
    return dict(matplotlib.rc_params_from_file(style_path(), use_default_template=False))


@contextmanager
def course_style():
    """Temporarily apply the course's matplotlib style.

    Figures built and drawn inside this context look the same whether or not
    the notebook called :func:`lab_utils.use_course_style`. Equivalent to
    ``matplotlib.style.context(style_path())``, without parsing the file again
    at every call.

    Yields
    ------
    None
    """
    with matplotlib.rc_context(_course_rc()):
        yield


class FigureRenderer:
    """Render a figure to PNG, redrawing only its animated artists.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure; it is given an Agg canvas.
    max_backgrounds : int, default=8
        Backgrounds kept by :meth:`use_background` (each holds the whole image).

    Attributes
    ----------
    full_draws : int
        Number of full draws so far (tests use it to check that blitting works).

    Notes
    -----
    Artists passed to :meth:`animate` are skipped by a full draw (matplotlib's
    ``animated`` flag). The first render after :meth:`invalidate` draws
    everything else and keeps it as the background; later renders restore that
    background and draw only the animated artists, several times faster than a
    full draw. After changing anything that is not animated (axis limits,
    scales, contours), call :meth:`invalidate`, or, when a few such layouts
    alternate, name each with :meth:`use_background` so that its background is
    drawn once and then reused.
    """

    def __init__(self, figure, max_backgrounds=8):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._animated = []
        self._background = None
        self._key = None
        self._backgrounds = {}
        self._max_backgrounds = max_backgrounds
        self.full_draws = 0

    def animate(self, *artists):
        """Mark artists as redrawn on every render.

        Parameters
        ----------
        *artists : matplotlib.artist.Artist
        """
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        self.invalidate()

    def invalidate(self):
        """Forget every background, so that the next render draws everything."""
        self._background = None
        self._backgrounds.clear()

    def use_background(self, key):
        """Say which static layout the figure now has; its background is reused if kept.

        Parameters
        ----------
        key : hashable
            Must change whenever anything not animated changes (for example
            ``(scaling, axis limits)``); the caller keeps the figure's static
            artists in step with it.
        """
        if key != self._key:
            self._key = key
            self._background = self._backgrounds.get(key)

    def render(self, skip=()):
        """Draw the figure into the canvas buffer.

        Parameters
        ----------
        skip : collection of matplotlib.artist.Artist, optional
            Animated artists to leave out this time.
        """
        with course_style():
            if self._background is None:
                self.canvas.draw()
                self._background = self.canvas.copy_from_bbox(self.figure.bbox)
                self.full_draws += 1
                if self._key is not None:
                    if len(self._backgrounds) >= self._max_backgrounds:
                        self._backgrounds.pop(next(iter(self._backgrounds)))
                    self._backgrounds[self._key] = self._background
            else:
                self.canvas.restore_region(self._background)
            skipped = {id(artist) for artist in skip}
            for artist in self._animated:
                if artist.get_visible() and id(artist) not in skipped:
                    self.figure.draw_artist(artist)

    def png(self, skip=(), colors=None, compress_level=1):
        """Render the figure and encode it as PNG.

        Parameters
        ----------
        skip : collection of matplotlib.artist.Artist, optional
            Animated artists to leave out.
        colors : int, optional
            Reduce the image to a palette of this many colours (no dithering):
            files several times smaller.
        compress_level : int, default=1
            zlib level, 0-9: 1 is fast and only slightly larger than 9.

        Returns
        -------
        bytes
        """
        self.render(skip)
        return _encode_png(self._image(), colors, compress_level)

    def crops(self, boxes, skip=(), compress_level=1):
        """Render the figure once and encode pieces of it as separate PNGs.

        Parameters
        ----------
        boxes : sequence of (int, int, int, int)
            ``(left, top, right, bottom)`` of each piece, in pixels of the
            rendered image (origin at its top left).
        skip : collection of matplotlib.artist.Artist, optional
            Animated artists to leave out.
        compress_level : int, default=1

        Returns
        -------
        list of bytes
        """
        self.render(skip)
        image = self._image()
        return [_encode_png(image.crop(tuple(box)), None, compress_level) for box in boxes]

    def _image(self):
        """The canvas as an RGB PIL image."""
        from PIL import Image

        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        return image.convert("RGB")

    @contextmanager
    def at_dpi(self, dpi):
        """Temporarily render at another resolution.

        Parameters
        ----------
        dpi : float

        Yields
        ------
        FigureRenderer
        """
        original = self.figure.dpi
        self.figure.set_dpi(dpi)
        self.invalidate()
        try:
            yield self
        finally:
            self.figure.set_dpi(original)
            self.invalidate()


def _encode_png(image, colors, compress_level):
    """PNG bytes of a PIL image, reduced to a palette of ``colors`` colours when given."""
    from PIL import Image

    if colors:
        image = image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=compress_level)
    return buffer.getvalue()


def png_output(png, text):
    """A notebook ``display_data`` output showing a PNG (for ``ipywidgets.Output.outputs``).

    Parameters
    ----------
    png : bytes
    text : str
        The plain-text alternative, shown where images cannot be.

    Returns
    -------
    dict
    """
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text},
        "metadata": {},
    }


#: Style of a picture's caption: dark on white (contrast 17 : 1), whatever the page's theme.
CAPTION_STYLE = "color: #1a1a1a; background: #ffffff; padding: 0.2em 0.4em"


def figure_html(png, alt, caption=""):
    """HTML showing a PNG with alt text and an optional caption.

    Parameters
    ----------
    png : bytes
    alt : str
        Describes the picture for readers who cannot see it.
    caption : str, optional
        Plain text shown under the picture.

    Returns
    -------
    str
    """
    data = base64.b64encode(png).decode("ascii")
    # Dark text on the picture's own white, so the caption is legible on a light and a dark page alike.
    caption_html = (f'<figcaption style="{CAPTION_STYLE}">{html.escape(caption)}</figcaption>'
                    if caption else "")
    return (
        '<figure class="lab-explorer-static" style="margin: 0.5em 0">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width: 100%; height: auto">{caption_html}</figure>'
    )
