"""Re-execute the labs in place, as Jupyter would, and store clean outputs.

Every lab under ``labs/`` is committed with its outputs, and nbval checks that a
fresh run reproduces them. After editing a lab, run::

    make labs                                    # every lab
    .venv/bin/python tools/execute_labs.py labs/sigmoid_lab.ipynb   # one lab

Each notebook runs from inside ``labs/`` (its own folder, as on Binder), with
the ``python3`` kernel of the environment running this script. Afterwards two
kinds of volatile metadata are removed, so that a re-run changes only what
really changed: the saved widget state (a live explorer's state means nothing
on the static website, which shows the explorer's picture and animation
instead) and each cell's execution timestamps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LABS = REPO / "labs"


def clean_metadata(nb):
    """Drop saved widget state and per-cell execution timestamps, in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    nbformat.NotebookNode
        The same notebook.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def execute_lab(path, timeout=600):
    """Execute one notebook from its own folder and write it back with clean metadata.

    Parameters
    ----------
    path : path-like
        The notebook.
    timeout : int, default=600
        Seconds allowed per cell.
    """
    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(clean_metadata(nb), path)


def main(argv=None):
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to execute (default: every labs/*.ipynb)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(LABS.glob("*.ipynb"))
    for path in notebooks:
        print(f"executing {path}", flush=True)
        execute_lab(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
