"""Fast redraws, static pictures and reproducible animations of matplotlib figures.

The interactive explorers (:mod:`lab_utils.explorers`) redraw a figure every
time a slider moves, and also leave a static picture and an animation in the
stored notebook for the website, which has no kernel. This module holds the
machinery they share:

* :class:`FigureRenderer` turns a figure into PNG bytes quickly. It draws the
  unchanging parts (axes, ticks, contours, data) once, keeps that background,
  and afterwards redraws only the artists marked as *animated* (blitting).
* :func:`figure_html` shows a static picture with alt text and a caption.
* :func:`animation_html` turns a list of PNG frames into a JavaScript
  animation: the player of :meth:`matplotlib.animation.Animation.to_jshtml`
  (matplotlib's :class:`~matplotlib.animation.HTMLWriter`), fed with frames the
  renderer blits instead of full redraws, which would take a second each. Its
  HTML is the same at every run: the random element id is replaced by one made
  from a name, and the font stylesheet that matplotlib fetches from a CDN is
  dropped (the website and JupyterLab already provide those icons), so the
  page makes no request to another site.

Everything is drawn with the Agg backend and never touches pyplot, so no figure
is shown twice by the notebook's inline backend.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import re
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import matplotlib
from matplotlib.animation import HTMLWriter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lab_utils.style import style_path

__all__ = [
    "FigureRenderer",
    "animation_html",
    "course_style",
    "figure_html",
    "fixed_animation_id",
    "make_jshtml_reproducible",
    "png_output",
]

#: The font stylesheet that ``to_jshtml`` links from a CDN (dropped: see the module docstring).
_CDN_STYLESHEET = re.compile(r'<link rel="stylesheet"\s+href="https?://[^"]*font-awesome[^"]*">\s*')
#: The random id that ``to_jshtml`` gives each animation (32 hex digits of a uuid4).
_RANDOM_ID = re.compile(r'id="_anim_img([0-9a-f]{32})"')


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
            files several times smaller, for animations.
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
    caption_html = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        '<figure class="lab-explorer-static" style="margin: 0.5em 0">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width: 100%; height: auto">{caption_html}</figure>'
    )


def fixed_animation_id(name):
    """The element id an animation gets in place of matplotlib's random one.

    Parameters
    ----------
    name : str
        Any text, unique on its page (for example ``"cost_surface"``).

    Returns
    -------
    str
        ``name`` with every character that is not an ASCII letter, digit or
        underscore replaced by ``_`` (the id is also part of JavaScript names).
    """
    return re.sub(r"\W", "_", name, flags=re.ASCII)


def make_jshtml_reproducible(jshtml, name):
    """Replace the random id of matplotlib's animation HTML and drop its CDN stylesheet.

    Parameters
    ----------
    jshtml : str
        HTML from :class:`matplotlib.animation.HTMLWriter` (or ``to_jshtml``).
    name : str
        See :func:`fixed_animation_id`.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the HTML holds no animation id (matplotlib changed its template).
    """
    match = _RANDOM_ID.search(jshtml)
    if match is None:
        raise ValueError("no animation id found in matplotlib's animation HTML")
    text = jshtml.replace(match.group(1), fixed_animation_id(name))
    return _CDN_STYLESHEET.sub("", text)


class _PNGFramesWriter(HTMLWriter):
    """matplotlib's HTML animation writer, fed with ready-made PNG frames."""

    def __init__(self, frames, **kwargs):
        super().__init__(embed_frames=True, **kwargs)
        self._frames = iter(frames)

    def grab_frame(self, **savefig_kwargs):
        png = next(self._frames)
        self._saved_frames.append(base64.encodebytes(png).decode("ascii"))


def animation_html(frames, name, fps=5, loop=False, alt=""):
    """A JavaScript animation of PNG frames, identical at every run.

    Parameters
    ----------
    frames : sequence of bytes
        PNG images, all the same size (keep to about 40: each is stored in the page).
    name : str
        Fixed id of the animation, unique on its page (see :func:`fixed_animation_id`).
    fps : float, default=5
        Frames per second.
    loop : bool, default=False
        Start in "loop" mode instead of "once".
    alt : str, optional
        Alt text of the image showing the frames.

    Returns
    -------
    str
        The player's HTML and JavaScript with the frames embedded.
    """
    frames = list(frames)
    if not frames:
        raise ValueError("an animation needs at least one frame")
    writer = _PNGFramesWriter(frames, fps=fps, default_mode="loop" if loop else "once")
    placeholder = Figure(figsize=(1, 1))
    with TemporaryDirectory() as folder:
        path = Path(folder, "animation.html")
        with writer.saving(placeholder, path, dpi=72):
            for _ in frames:
                writer.grab_frame()
        text = path.read_text()
    text = make_jshtml_reproducible(text, name)
    anim_id = fixed_animation_id(name)
    image = f'<img id="_anim_img{anim_id}">'
    sized = (f'<img id="_anim_img{anim_id}" alt="{html.escape(alt, quote=True)}" '
             'style="max-width: 100%; height: auto">')
    # matplotlib's frame slider has no label; screen readers (and axe) need one.
    slider = f'<input id="_anim_slider{anim_id}"'
    labelled = f'<input id="_anim_slider{anim_id}" aria-label="Animation frame"'
    if slider not in text or image not in text:
        raise RuntimeError("matplotlib's animation HTML changed: cannot add alt text and slider label")
    return text.replace(image, sized, 1).replace(slider, labelled, 1)
