"""The instructor's templates: the template lab runs and passes its own check cell, the template
chapter builds as a Jupyter Book page with warnings as errors, and both follow the course's rules.

A new chapter starts as a copy of ``templates/template.md`` and a new lab as a copy of
``templates/template_lab.ipynb`` (CONTRIBUTING.md, "Adding a chapter").
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
sys.path.insert(0, str(REPO / "tools"))

import set_repository_url as tool  # noqa: E402


def test_templates_are_left_out_of_the_book():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert "templates" in config["exclude_patterns"]
    assert "templates" not in (REPO / "_toc.yml").read_text(encoding="utf-8")


def test_template_lab_starts_with_the_colab_cell_and_executes(tmp_path):
    stored = nbformat.read(TEMPLATES / "template_lab.ipynb", as_version=4)
    first = stored.cells[tool.first_code_cell(stored)]
    assert first.source == tool.colab_cell_source(tool.read_repository_url())
    nb = nbformat.read(TEMPLATES / "template_lab.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(TEMPLATES)}}).execute()
    for ran, kept in zip(nb.cells, stored.cells, strict=True):
        if ran.cell_type == "code":
            assert ran.outputs, f"a code cell has no output: {ran.source[:60]!r}"
            assert not any(o.output_type == "error" for o in ran.outputs)
            streams = [o.text for o in ran.outputs if o.output_type == "stream"]
            assert streams == [o.text for o in kept.outputs if o.output_type == "stream"], (
                "re-execute the template: .venv/bin/python tools/execute_labs.py templates/template_lab.ipynb")
    sources = [c.source for c in stored.cells if c.cell_type == "code"]
    assert any("check_" in s for s in sources), "the template shows an exercise with its check"
    assert not any("show_quiz" in s for s in sources), "quizzes belong to the chapter (their ids change)"
    assert "show_quiz(\"quizzes/template.json\")" in (TEMPLATES / "template.md").read_text(encoding="utf-8")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_template_chapter_builds_with_warnings_as_errors(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_ext", "_static"):
        shutil.copytree(REPO / name, book / name)
    shutil.copytree(TEMPLATES, book / "templates")
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    config["exclude_patterns"] = [p for p in config["exclude_patterns"] if p != "templates"]
    config["sphinx"]["config"]["course_execution_inputs"] = ["templates"]  # this small book's inputs
    config["sphinx"]["config"]["course_redirects"] = {}  # the course's old lab addresses are not pages here
    (book / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: templates/template\nchapters:\n  - file: templates/template_lab\n",
        encoding="utf-8")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jupyter_book), "build", str(book), "--warningiserror", "--keep-going"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (book / "_build" / "html" / "templates" / "template.html").read_text(encoding="utf-8")
    assert "Template chapter" in html and 'alt="The sigmoid, an S-shaped curve' in html
