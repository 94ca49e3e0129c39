"""Every chapter has a paired notebook, in step with its Markdown, that runs on Colab and Binder.

The website's Binder and Colab buttons open ``chapters/<slug>.ipynb``, written by
``tools/pair_chapters.py`` from ``chapters/<slug>.md`` (the browser suite checks
the links; ``tests/test_binder_env.py`` runs the notebooks in the learners'
environment).
"""

import contextlib
import io
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import pair_chapters as tool  # noqa: E402
from set_repository_url import read_repository_url  # noqa: E402

URL = read_repository_url()
CHAPTERS = tool.markdown_notebooks()


def code_cells(nb):
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def test_every_chapter_of_the_toc_is_paired():
    toc = [name for name in tool.toc_files() if name.startswith("chapters/")]
    assert toc and [p.relative_to(REPO).with_suffix("").as_posix() for p in CHAPTERS] == toc


@pytest.mark.parametrize("md", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_paired_notebook_is_up_to_date(md):
    target = md.with_suffix(".ipynb")
    assert target.is_file(), f"{target.name} is missing: run `.venv/bin/python tools/pair_chapters.py`"
    expected = tool.notebook_text(tool.paired_notebook(md, URL))
    assert target.read_text(encoding="utf-8") == expected, (
        f"{target.name} is stale: run `.venv/bin/python tools/pair_chapters.py`")


@pytest.mark.parametrize("md", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_paired_notebook_has_the_chapters_code_and_no_outputs(md):
    nb = nbformat.read(md.with_suffix(".ipynb"), as_version=4)
    nbformat.validate(nb)
    text = md.read_text(encoding="utf-8")
    cells = code_cells(nb)
    assert cells[0] == tool.colab_cell_source(URL, "chapters")
    # every other code cell is a {code-cell} of the chapter, in order, and no cell is lost
    assert len(cells) - 1 == text.count("```{code-cell}")
    position = 0
    for source in cells[1:]:
        position = text.index(source, position)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.metadata.kernelspec.name == "python3"


def test_the_book_does_not_build_the_paired_notebooks_as_pages():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert "chapters/*.ipynb" in config["exclude_patterns"]


def run_setup_cell(monkeypatch, on_colab, tmp_path, have_myst_nb):
    """Run the set-up cell with Colab and myst-nb present or not; return (commands, chdirs, stdout)."""
    calls, chdirs = [], []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    monkeypatch.setattr("os.chdir", chdirs.append)
    monkeypatch.setattr("os.path.isdir", lambda path: False)
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    if not have_myst_nb:
        real_find_spec = __import__("importlib.util").util.find_spec
        monkeypatch.setattr("importlib.util.find_spec",
                            lambda name, *a: None if name == "myst_nb" else real_find_spec(name, *a))
        monkeypatch.delitem(sys.modules, "myst_nb", raising=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(tool.colab_cell_source(URL, "chapters"), {})
    return calls, chdirs, out.getvalue()


def test_setup_cell_off_colab_installs_nothing(monkeypatch, tmp_path):
    import lab_utils

    calls, chdirs, out = run_setup_cell(monkeypatch, False, tmp_path, have_myst_nb=True)
    assert calls == [] and chdirs == []
    assert out == f"lab_utils {lab_utils.__version__} is ready\n"


def test_setup_cell_on_colab_clones_installs_and_moves_into_the_chapters_folder(monkeypatch, tmp_path):
    calls, chdirs, _ = run_setup_cell(monkeypatch, True, tmp_path, have_myst_nb=True)
    assert calls[0] == ["git", "clone", "-q", "--depth", "1", URL, tool.COLAB_CLONE]
    assert calls[1][1:] == ["-m", "pip", "install", "-q", tool.COLAB_CLONE, tool._pin("JupyterQuiz")]
    assert chdirs == [f"{tool.COLAB_CLONE}/chapters"]


def test_glue_stand_in_shows_what_myst_nb_glue_shows(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda value: shown.append(value))
    run_setup_cell(monkeypatch, False, tmp_path, have_myst_nb=False)
    from myst_nb import glue

    assert "Stand-in" in sys.modules["myst_nb"].__doc__
    glue("hidden", 1.5, display=False)
    glue("shown", 2.5)
    assert shown == [2.5]
