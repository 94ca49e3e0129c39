"""Local Sphinx extension for the course website.

Kept deliberately small; see ``setup`` for what it changes and why.
"""


def setup(app):
    """Register the course's Sphinx tweaks."""
    return {"parallel_read_safe": True, "parallel_write_safe": True}
