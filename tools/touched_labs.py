"""Print the labs this branch has touched, for ``make check``'s nbval run (one path a line).

A lab counts as touched when it differs from where this branch left ``main``
(its merge base), or has uncommitted or untracked changes. Without a ``main``
branch, only uncommitted and untracked changes count. Prints nothing when no
lab changed, and nothing outside a git checkout.

Usage, from the repository root::

    .venv/bin/python tools/touched_labs.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def git(repo, *args):
    """Output lines of a git command run in ``repo`` ([] when it fails)."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    return result.stdout.split("\n") if result.returncode == 0 else []


def touched_labs(base_branch="main", repo=REPO):
    """Paths (relative to the repository) of the labs changed on this branch or in the working tree.

    Parameters
    ----------
    base_branch : str, default="main"
    repo : path-like, default=this repository

    Returns
    -------
    list of str
        Sorted; only files that exist.
    """
    names = set()
    base = git(repo, "merge-base", "HEAD", base_branch)
    if base and base[0]:
        names.update(git(repo, "diff", "--name-only", base[0], "--", "labs/*.ipynb"))
    names.update(git(repo, "diff", "--name-only", "HEAD", "--", "labs/*.ipynb"))
    names.update(git(repo, "ls-files", "--others", "--exclude-standard", "--", "labs/*.ipynb"))
    return sorted(name for name in names if name.endswith(".ipynb") and (Path(repo) / name).is_file())


def main():
    """Print one lab a line."""
    for name in touched_labs():
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
