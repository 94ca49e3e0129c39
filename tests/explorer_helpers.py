"""Helpers shared by the explorer and animation tests: reading the PNGs they produce."""

import base64
import io
import re

from PIL import Image


def png_size(png):
    """(width, height) of PNG bytes."""
    return Image.open(io.BytesIO(png)).size


def shown_png(explorer):
    """The PNG bytes the explorer's output widget holds."""
    (output,) = explorer.output.outputs
    return base64.b64decode(output["data"]["image/png"])


def animation_frames(html):
    """The PNG frames embedded in an animation's HTML."""
    encoded = re.findall(r'"data:image/png;base64,([^"]+)"', html)
    return [base64.b64decode(frame.replace("\\\n", "")) for frame in encoded]
