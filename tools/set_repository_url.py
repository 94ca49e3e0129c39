"""Keep the labs' Colab install cell in step with the repository URL in ``_config.yml``.

The repository's URL is written in one place, ``repository.url`` in
``_config.yml`` (the website's launch and repository buttons read it there). On
Colab, where ``lab_utils`` is not installed, the first code cell of every lab
installs it from that repository; this tool writes that cell.

Usage, from the repository root::

    .venv/bin/python tools/set_repository_url.py                 # labs follow _config.yml
    .venv/bin/python tools/set_repository_url.py https://github.com/me/course  # new URL
    .venv/bin/python tools/set_repository_url.py --check         # exit 1 if a lab is stale

With a URL it first writes that URL into ``_config.yml`` (only that line
changes). Then, in every ``labs/*.ipynb``, the first code cell becomes the Colab
cell if it is one already (only its source changes; its outputs, metadata and
every other cell are kept), or a Colab cell is inserted before it. Notebooks
already up to date are not rewritten. Last, it rewrites the chapters' paired
notebooks (``tools/pair_chapters.py``), whose first code cell names the URL too.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "_config.yml"
LABS = REPO / "labs"
#: What marks a code cell as the Colab install cell.
MARKER = "google.colab"
#: Id given to a Colab cell this tool inserts (notebook format 4.5 and later).
CELL_ID = "colab-install"
_GITHUB_URL = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+")


def read_repository_url(config=CONFIG):
    """The repository URL, ``repository.url`` in the book's configuration.

    Parameters
    ----------
    config : path-like, default=_config.yml

    Returns
    -------
    str
    """
    data = yaml.safe_load(Path(config).read_text(encoding="utf-8"))
    try:
        url = data["repository"]["url"]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{config} has no repository.url") from exc
    return check_url(url)


def check_url(url):
    """Return ``url`` if it is a GitHub repository URL, else raise ``ValueError``."""
    url = str(url).strip()
    if not _GITHUB_URL.fullmatch(url) or url.endswith(".git"):
        raise ValueError(f"expected a GitHub repository URL like https://github.com/owner/name, got {url!r}")
    return url


def write_repository_url(url, config=CONFIG):
    """Set ``repository.url`` in the configuration, changing only that line.

    Parameters
    ----------
    url : str
    config : path-like, default=_config.yml

    Returns
    -------
    bool
        Whether the file changed.
    """
    url = check_url(url)
    path = Path(config)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    in_repository = False
    for index, line in enumerate(lines):
        if re.match(r"repository:\s*(#.*)?$", line):
            in_repository = True
        elif in_repository and line.strip() and not line[0].isspace():
            break  # left the repository block without meeting url:
        elif in_repository and re.match(r"\s+url:", line):
            new = re.sub(r"(\s+url:\s*)\S+", lambda m: m.group(1) + url, line, count=1)
            if new == line:
                return False
            lines[index] = new
            path.write_text("".join(lines), encoding="utf-8")
            return True
    raise ValueError(f"{config} has no 'url:' line in its repository block")


def colab_cell_source(url):
    """The source of the Colab install cell for ``url``.

    Off Colab, or where ``lab_utils`` is already importable, it installs
    nothing. Everywhere it then imports ``lab_utils`` and prints its version,
    so the cell has an output that nbval checks (and a learner sees at once
    whether the package is there).

    Parameters
    ----------
    url : str

    Returns
    -------
    str
    """
    url = check_url(url)
    return (
        "# On Colab only: install the course's lab_utils package from its repository.\n"
        "import importlib.util\n"
        "import subprocess\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules and importlib.util.find_spec("lab_utils") is None:\n'
        f'    print("Installing lab_utils from {url} ...")\n'
        f'    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "git+{url}"], check=True)\n'
        "    importlib.invalidate_caches()\n"
        'print("lab_utils", importlib.import_module("lab_utils").__version__, "is ready")'
    )


def first_code_cell(nb):
    """Index of the first code cell of ``nb`` (None if there is none)."""
    return next((i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"), None)


def set_colab_cell(nb, url):
    """Make the first code cell of ``nb`` the Colab cell for ``url``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    url : str

    Returns
    -------
    bool
        Whether ``nb`` changed.
    """
    source = colab_cell_source(url)
    index = first_code_cell(nb)
    if index is not None and MARKER in nb.cells[index].source:
        if nb.cells[index].source == source:
            return False
        nb.cells[index].source = source
        return True
    cell = nbformat.v4.new_code_cell(source)
    if (nb.nbformat, nb.nbformat_minor) >= (4, 5):
        taken = {c.get("id") for c in nb.cells}
        cell.id = CELL_ID if CELL_ID not in taken else f"{CELL_ID}-{len(nb.cells)}"
    else:
        cell.pop("id", None)
    nb.cells.insert(len(nb.cells) if index is None else index, cell)
    return True


def update_labs(url, labs=LABS, check=False):
    """Bring the Colab cell of every ``labs/*.ipynb`` in step with ``url``.

    Parameters
    ----------
    url : str
    labs : path-like, default=labs/
    check : bool, default=False
        Only report, write nothing.

    Returns
    -------
    list of pathlib.Path
        The notebooks that changed (or, with ``check``, would change).
    """
    changed = []
    for path in sorted(Path(labs).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if set_colab_cell(nb, url):
            changed.append(path)
            if not check:
                nbformat.write(nb, path)
    return changed


def main(argv=None):
    """Command line: see the module docstring. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", help="new repository URL (written to _config.yml first)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a lab is stale")
    parser.add_argument("--config", type=Path, default=CONFIG, help=argparse.SUPPRESS)
    parser.add_argument("--labs", type=Path, default=LABS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.url and not args.check:
            if write_repository_url(args.url, args.config):
                print(f"{args.config.name}: repository.url = {args.url}")
        url = read_repository_url(args.config)
        if args.check and args.url and args.url != url:
            print(f"{args.config.name} has {url}, not {args.url}")
            return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    changed = update_labs(url, args.labs, check=args.check)
    if args.labs == LABS:  # the chapters' notebooks carry a Colab cell too
        from pair_chapters import pair_all

        changed += pair_all(check=args.check)
    for path in changed:
        print(f"{'stale' if args.check else 'updated'}: {path.relative_to(args.labs.parent)}")
    if not changed:
        print(f"every lab's Colab cell installs from {url}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
