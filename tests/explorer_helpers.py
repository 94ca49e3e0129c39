"""Helpers shared by the explorer and rendering tests: reading the PNGs and live HTML they produce."""

import base64
import io
import json
import re

from PIL import Image


def png_size(png):
    """(width, height) of PNG bytes."""
    return Image.open(io.BytesIO(png)).size


def shown_png(explorer):
    """The PNG bytes of the panels the explorer's output widget holds, joined."""
    (output,) = explorer.output.outputs
    encoded = re.findall(r'src="data:image/png;base64,([^"]+)"', output["data"]["text/html"])
    assert encoded and output["data"]["text/plain"] == explorer.view.alt_text(explorer.state)
    return b"".join(base64.b64decode(panel) for panel in encoded)


def live_parts(html):
    """The data (JSON) and the fallback picture (PNG bytes) of a live explorer's HTML."""
    data = re.search(r'<script type="application/json" class="live-explorer-data">(.*?)</script>', html).group(1)
    (png,) = re.findall(r'"data:image/png;base64,([^"]+)"', html)
    return json.loads(data), base64.b64decode(png)
