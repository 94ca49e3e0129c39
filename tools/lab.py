"""Open the course in JupyterLab, on this machine, with the labs' folder showing (``make lab``).

The server runs from the repository root, so the labs (``labs/``) and the
chapters' notebooks (``chapters/*.ipynb``) open from their own folders, as on
Binder; ``lab_utils`` is the development install of this checkout, and the
ipywidgets extension (``jupyterlab_widgets``) makes the labs' explorers work.
Every argument is passed on to ``jupyter lab`` (for example ``--no-browser``
or ``--port=8899``).

Usage, from the repository root::

    make lab                                    # or: .venv/bin/python tools/lab.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The folder the file browser opens on.
START_FOLDER = "labs"


def lab_command(extra=()):
    """The ``jupyter lab`` command line ``make lab`` runs.

    Parameters
    ----------
    extra : sequence of str
        More arguments for ``jupyter lab``.

    Returns
    -------
    list of str
    """
    jupyter = Path(sys.executable).parent / "jupyter-lab"
    if not jupyter.is_file():
        raise FileNotFoundError(f"{jupyter} is missing: install requirements.txt (`make lab` does)")
    command = [str(jupyter), f"--ServerApp.root_dir={REPO}", f"--LabApp.default_url=/lab/tree/{START_FOLDER}"]
    if os.geteuid() == 0:  # containers and CI run as root, which JupyterLab refuses unless told
        command.append("--allow-root")
    return [*command, *extra]


def main(argv=None):
    """Replace this process with JupyterLab."""
    command = lab_command(sys.argv[1:] if argv is None else argv)
    print("starting:", " ".join(command), flush=True)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
