"""The course's colours and matplotlib style.

Nothing here changes global state on import. A notebook opts in with one call
to :func:`use_course_style`.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

__all__ = ["COLORS", "POSITIVE", "NEGATIVE", "BOUNDARY", "style_path", "use_course_style"]

#: Okabe-Ito colours, distinguishable with every common form of colour blindness.
COLORS = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: Colour of positive examples (y = 1).
POSITIVE = COLORS["vermillion"]
#: Colour of negative examples (y = 0).
NEGATIVE = COLORS["blue"]
#: Colour of decision boundaries.
BOUNDARY = COLORS["black"]


def style_path():
    """Path of the course's ``.mplstyle`` file, inside the installed package.

    Returns
    -------
    str
    """
    return str(resources.files("lab_utils").joinpath("course.mplstyle"))


def use_course_style(precision=True):
    """Apply the course's matplotlib style (and stable NumPy printing).

    Call this once at the top of a notebook. The style is loaded from the
    package itself, so it works whatever the current directory is.

    Parameters
    ----------
    precision : bool, default=True
        Also set NumPy's print options to :func:`lab_utils.display.print_options`,
        so that printed arrays are identical on every machine.
    """
    import matplotlib.pyplot as plt

    from lab_utils.display import print_options

    plt.style.use(style_path())
    if precision:
        np.set_printoptions(**print_options())
