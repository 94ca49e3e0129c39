"""Quizzes that answer on the page, on the static website and in Jupyter."""

from __future__ import annotations

from pathlib import Path

__all__ = ["show_quiz"]


def show_quiz(path, **options):
    """Display a jupyterquiz quiz stored as JSON.

    Parameters
    ----------
    path : str or pathlib.Path
        JSON file in jupyterquiz's format (``type`` ``many_choice`` or
        ``numeric``, every answer with ``feedback``).
    **options
        Passed to :func:`jupyterquiz.display_quiz`.
    """
    from jupyterquiz import display_quiz

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"quiz file {str(path)!r} not found (current directory: {Path.cwd()})")
    display_quiz(str(path), **{"shuffle_answers": False, **options})
