"""Write a Jupyter notebook next to every chapter, so its launch and download buttons open a notebook.

Chapters are MyST Markdown notebooks (``chapters/<slug>.md``), executed when the book
is built. Colab cannot open Markdown, and Binder's JupyterLab shows it as text, so
each chapter of ``_toc.yml`` that declares a kernel gets a paired
``chapters/<slug>.ipynb``: the same cells, read with myst-nb's own reader (the one
the build uses), without outputs, and with one set-up cell more before the first
code cell (see :func:`colab_cell_source`). The website's
Binder and Colab buttons point at the ``.ipynb`` when it exists
(sphinx-book-theme does this by itself); ``_config.yml`` keeps it out of the
build.

Usage, from the repository root::

    .venv/bin/python tools/pair_chapters.py           # (re)write the notebooks
    .venv/bin/python tools/pair_chapters.py --check   # exit 1 if one is missing or stale

Run it after editing a chapter (``tests/test_pair_chapters.py`` fails while a
notebook is stale); ``tools/set_repository_url.py`` runs it too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from set_repository_url import check_url, read_repository_url  # noqa: E402

#: What marks the first code cell of a paired notebook as its Colab cell.
MARKER = "google.colab"
#: Where the chapter notebooks live on Colab once the course is cloned.
COLAB_CLONE = "/content/course"


def toc_files(toc=REPO / "_toc.yml"):
    """Every document named in ``_toc.yml`` (root first), without suffix, e.g. ``chapters/sigmoid``."""
    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    found = [data["root"]] if data.get("root") else []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in data.items() if k != "root"})
    return found


def front_matter(text):
    """The YAML front matter of a Markdown file as a dict (empty when it has none)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    return yaml.safe_load(text[4:end]) or {}


def markdown_notebooks(repo=REPO):
    """The ``.md`` pages of the table of contents that declare a kernel (the executed chapters).

    Returns
    -------
    list of pathlib.Path
    """
    pages = []
    for name in toc_files(Path(repo) / "_toc.yml"):
        path = Path(repo) / f"{name}.md"
        if path.is_file() and "kernelspec" in front_matter(path.read_text(encoding="utf-8")):
            pages.append(path)
    return pages


def colab_cell_source(url, folder):
    """The first code cell of a paired chapter notebook: what a chapter needs outside the website build.

    * On Colab it clones the repository (the chapter reads data files beside
      it, such as its quiz), installs ``lab_utils`` from the clone with
      JupyterQuiz, and moves into the chapter's folder; elsewhere it installs
      nothing.
    * Where myst-nb is not installed (Colab, Binder's learner environment) it
      stands in for ``myst_nb.glue``, which the website build uses to put
      computed numbers into the text: in a notebook, ``glue`` only shows the
      value (or nothing, with ``display=False``), and so does the stand-in.
      The learners' environment thus needs neither myst-nb nor Sphinx.
    * Everywhere it prints the version of ``lab_utils`` it imports.

    Parameters
    ----------
    url : str
        The GitHub repository.
    folder : str
        The chapter's folder relative to the repository root, e.g. ``"chapters"``.
    """
    url = check_url(url)
    return (
        "# Set-up to run this chapter as a notebook (written by tools/pair_chapters.py).\n"
        "import importlib\n"
        "import importlib.util\n"
        "import os\n"
        "import subprocess\n"
        "import sys\n"
        "import types\n"
        "\n"
        "import IPython.display\n"
        "\n"
        f'if "{MARKER}" in sys.modules:  # fetch the course: lab_utils and this chapter\'s files\n'
        f'    if not os.path.isdir("{COLAB_CLONE}"):\n'
        f'        print("Fetching the course from {url} ...")\n'
        f'        subprocess.run(["git", "clone", "-q", "--depth", "1", "{url}", "{COLAB_CLONE}"], check=True)\n'
        f'        pip = [sys.executable, "-m", "pip", "install", "-q", "{COLAB_CLONE}", "{_pin("JupyterQuiz")}"]\n'
        "        subprocess.run(pip, check=True)\n"
        "        importlib.invalidate_caches()\n"
        f'    os.chdir("{COLAB_CLONE}/{folder}")\n'
        'if importlib.util.find_spec("myst_nb") is None:  # glue() feeds the website; here it shows the value\n'
        '    myst_nb = types.ModuleType("myst_nb", "Stand-in for myst_nb.glue outside the website build")\n'
        "    myst_nb.glue = lambda name, value, display=True: IPython.display.display(value) if display else None\n"
        '    sys.modules["myst_nb"] = myst_nb\n'
        'print("lab_utils", importlib.import_module("lab_utils").__version__, "is ready")'
    )


def _pin(name, requirements=REPO / "requirements.txt"):
    """``name==version`` as pinned in requirements.txt."""
    for line in Path(requirements).read_text(encoding="utf-8").splitlines():
        if line.split("==")[0].strip().lower() == name.lower():
            return line.strip()
    raise ValueError(f"{name} is not pinned in {requirements}")


def paired_notebook(md_path, url, repo=REPO):
    """The notebook for the chapter ``md_path``: its cells, no outputs, the Colab cell first.

    Parameters
    ----------
    md_path : pathlib.Path
    url : str
        The repository URL for the Colab cell.

    Returns
    -------
    nbformat.NotebookNode
    """
    from myst_nb.core.read import read_myst_markdown_notebook

    md_path = Path(md_path)
    nb = read_myst_markdown_notebook(md_path.read_text(encoding="utf-8"), path=md_path)
    nb.metadata.pop("jupytext", None)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["course"] = {"generated_from": md_path.name, "by": "tools/pair_chapters.py"}
    folder = md_path.parent.relative_to(Path(repo)).as_posix()
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    nb.cells.insert(first_code, nbformat.v4.new_code_cell(colab_cell_source(url, folder)))
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"  # stable ids: regenerating changes nothing
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def notebook_text(nb):
    """The text ``nbformat`` writes for ``nb``."""
    return nbformat.writes(nb) + "\n"


def pair_all(repo=REPO, check=False):
    """Write (or, with ``check``, only compare) every chapter's paired notebook.

    Returns
    -------
    list of pathlib.Path
        The notebooks that changed (or would change).
    """
    url = read_repository_url(Path(repo) / "_config.yml")
    changed = []
    for md_path in markdown_notebooks(repo):
        target = md_path.with_suffix(".ipynb")
        text = notebook_text(paired_notebook(md_path, url, repo))
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    return changed


def main(argv=None):
    """Command line: see the module docstring. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook is stale")
    args = parser.parse_args(argv)
    changed = pair_all(check=args.check)
    for path in changed:
        print(f"{'stale' if args.check else 'written'}: {path.relative_to(REPO)}")
    if not changed:
        print("every chapter's notebook is up to date")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
