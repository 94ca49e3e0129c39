"""The labs' Colab install cell, the tool that writes it, and what it installs.

Every lab's first code cell installs ``lab_utils`` from the repository named
in ``_config.yml`` when it runs on Colab, installs nothing elsewhere, and
everywhere prints the version of ``lab_utils`` it imports, an output nbval
checks (``tools/set_repository_url.py`` writes it).
"""

import importlib.util
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import nbformat
import pytest

import lab_utils

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import set_repository_url as tool  # noqa: E402

LABS = sorted((REPO / "labs").glob("*.ipynb"))
URL = tool.read_repository_url()
READY = f"lab_utils {lab_utils.__version__} is ready\n"


def test_config_names_a_github_repository():
    assert URL.startswith("https://github.com/") and not URL.endswith((".git", "/"))


@pytest.mark.parametrize("lab", LABS, ids=[lab.stem for lab in LABS])
def test_first_code_cell_is_the_colab_cell(lab):
    nb = nbformat.read(lab, as_version=4)
    cell = nb.cells[tool.first_code_cell(nb)]
    assert cell.source == tool.colab_cell_source(URL), (
        f"{lab.name}: run `.venv/bin/python tools/set_repository_url.py` to update its Colab cell")
    # off Colab it installs nothing and reports the package it found
    assert [(o.output_type, o.get("text")) for o in cell.outputs] == [("stream", READY)]


def test_cell_is_short_and_installs_from_the_configured_url():
    source = tool.colab_cell_source(URL)
    assert len(source.splitlines()) <= 10  # one import a line, as the linter asks
    assert f"git+{URL}" in source
    compile(source, "<colab cell>", "exec")


def run_cell(monkeypatch, on_colab, installed):
    """Run the cell's code with Colab and lab_utils present or not; return the pip commands."""
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append((cmd, kw)))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (object() if installed else None) if name == "lab_utils"
                        else real_find_spec(name, *a))
    exec(tool.colab_cell_source(URL), {})
    return calls


def test_cell_only_reports_off_colab(monkeypatch, capsys):
    assert run_cell(monkeypatch, on_colab=False, installed=False) == []
    assert capsys.readouterr().out == READY


def test_cell_installs_nothing_when_lab_utils_is_installed(monkeypatch, capsys):
    assert run_cell(monkeypatch, on_colab=True, installed=True) == []
    assert capsys.readouterr().out == READY


def test_cell_installs_on_colab(monkeypatch, capsys):
    (cmd, kwargs), = run_cell(monkeypatch, on_colab=True, installed=False)
    assert cmd == [sys.executable, "-m", "pip", "install", "-q", f"git+{URL}"]
    assert kwargs == {"check": True}
    out = capsys.readouterr().out
    assert URL in out and out.endswith(READY)


# --- the tool -----------------------------------------------------------------------------------

CONFIG_TEXT = """title: A course
# The one place that names the repository
repository:
  url: https://github.com/old/place  # keep this comment
  branch: main
launch_buttons:
  url: https://not-this-one.example
"""


def make_lab(path, first_code="import lab_utils"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lab"), nbformat.v4.new_code_cell(first_code),
                nbformat.v4.new_code_cell("print(1)")]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    nbformat.write(nb, path)


def test_tool_writes_the_url_and_updates_the_labs(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text(CONFIG_TEXT)
    labs = tmp_path / "labs"
    labs.mkdir()
    make_lab(labs / "a_lab.ipynb")
    make_lab(labs / "b_lab.ipynb", first_code=tool.colab_cell_source("https://github.com/old/place"))

    assert tool.main(["--config", str(config), "--labs", str(labs), "--check"]) == 1
    assert tool.main(["https://github.com/new/home", "--config", str(config), "--labs", str(labs)]) == 0
    assert config.read_text() == CONFIG_TEXT.replace("old/place", "new/home")  # only that line
    assert tool.read_repository_url(config) == "https://github.com/new/home"
    for name in ("a_lab", "b_lab"):
        nb = nbformat.read(labs / f"{name}.ipynb", as_version=4)
        assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code", "code"][: len(nb.cells)]
        assert nb.cells[1].source == tool.colab_cell_source("https://github.com/new/home")
        assert nb.cells[-1].outputs[0]["text"] == "1\n"  # other outputs kept
    assert nbformat.read(labs / "a_lab.ipynb", as_version=4).cells[1].id == tool.CELL_ID
    assert len(nbformat.read(labs / "b_lab.ipynb", as_version=4).cells) == 3  # replaced, not added
    # idempotent: nothing left to change
    assert tool.main(["--config", str(config), "--labs", str(labs), "--check"]) == 0
    assert tool.update_labs("https://github.com/new/home", labs) == []


def test_tool_keeps_the_colab_cells_outputs_and_metadata():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys\nif 'google.colab' in sys.modules: pass")]
    nb.cells[0].metadata["tags"] = ["keep"]
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x\n")]
    assert tool.set_colab_cell(nb, URL)
    assert nb.cells[0].metadata["tags"] == ["keep"] and nb.cells[0].outputs[0]["text"] == "x\n"
    assert not tool.set_colab_cell(nb, URL)


@pytest.mark.parametrize("bad", ["http://github.com/a/b", "https://gitlab.com/a/b", "https://github.com/a",
                                 "https://github.com/a/b.git", "https://github.com/a/b/"])
def test_tool_refuses_urls_that_are_not_github_repositories(bad, tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text(CONFIG_TEXT)
    with pytest.raises(ValueError, match="GitHub repository URL"):
        tool.write_repository_url(bad, config)
    assert config.read_text() == CONFIG_TEXT


# --- what "pip install git+<url>" installs ------------------------------------------------------


def test_package_built_from_the_repository_has_every_module(tmp_path):
    """Colab installs a built wheel, not the development checkout: it must hold every module."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "lab_utils", source / "lab_utils",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(source).as_posix() for p in (source / "lab_utils").rglob("*")
                if p.suffix in (".py", ".mplstyle")}
    missing = sorted(expected - packaged)
    assert not missing, f"the installed package would lack {missing}: list every subpackage in pyproject.toml"
