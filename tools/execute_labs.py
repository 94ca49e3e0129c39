"""Re-execute the labs in place, as Jupyter would, and store clean outputs.

Every lab under ``labs/`` is committed with its outputs, and nbval checks that a
fresh run reproduces them. After editing a lab, run::

    make labs                                    # every lab
    .venv/bin/python tools/execute_labs.py labs/sigmoid_derivative_lab.ipynb   # one lab

Each notebook runs from inside ``labs/`` (its own folder, as on Binder), with
the ``python3`` kernel of the environment running this script. Afterwards what
varies from run to run without meaning anything is normalised, so that a re-run
changes only what really changed: consecutive pieces of printed output are
merged (how the kernel happens to split a stream depends on timing), and the
saved widget state (a live explorer's state means nothing on the static
website, which shows the live explorer and its static picture instead) and each
cell's execution timestamps are removed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LABS = REPO / "labs"


def coalesce_streams(outputs):
    """Merge consecutive stream outputs of the same stream (stdout or stderr).

    Parameters
    ----------
    outputs : list of nbformat.NotebookNode
        A code cell's outputs.

    Returns
    -------
    list of nbformat.NotebookNode
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text = "".join(previous.text) + "".join(output.text)
        else:
            merged.append(output)
    return merged


def clean_metadata(nb):
    """Merge split streams; drop saved widget state and per-cell execution timestamps, in place.

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
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
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
