"""Helpers shared by the explorer and animation tests: reading the PNGs and live HTML they produce."""

import base64
import io
import json
import re

from PIL import Image


def png_size(png):
    """(width, height) of PNG bytes."""
    return Image.open(io.BytesIO(png)).size


def shown_png(explorer):
    """The PNG bytes the explorer's output widget holds."""
    (output,) = explorer.output.outputs
    return base64.b64decode(output["data"]["image/png"])


def live_parts(html):
    """The data (JSON) and the fallback picture (PNG bytes) of a live explorer's HTML."""
    data = re.search(r'<script type="application/json" class="live-explorer-data">(.*?)</script>', html).group(1)
    (png,) = re.findall(r'"data:image/png;base64,([^"]+)"', html)
    return json.loads(data), base64.b64decode(png)
