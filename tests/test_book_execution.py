"""The book re-executes its chapters when the code they import changes, and only then.

Jupyter Book's cache is keyed on the cells' source; ``_ext/course_inputs.py``
adds the files listed in ``course_execution_inputs``. This test builds a small
book with that extension three times in the same build folder: its one chapter
imports a package of the book and records each execution in a file. An
unchanged rebuild must reuse the cache; an edit of the package must show its new
value on the page.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def test_the_course_declares_lab_utils_and_the_quizzes_as_chapter_inputs():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "cache"
    assert "course_inputs" in config["sphinx"]["local_extensions"]
    assert {"lab_utils", "chapters/quizzes"} <= set(config["sphinx"]["config"]["course_execution_inputs"])


@pytest.fixture
def small_book(tmp_path):
    """A one-chapter book whose chapter prints ``toypkg.VALUE`` and counts its executions."""
    book = tmp_path / "book"
    (book / "toypkg").mkdir(parents=True)
    (book / "toypkg" / "__init__.py").write_text("VALUE = 'first value'\n")
    runs = tmp_path / "runs.txt"
    (book / "_config.yml").write_text(textwrap.dedent(f"""\
        title: Toy
        execute:
          execute_notebooks: cache
        sphinx:
          local_extensions:
            course_inputs: {REPO / '_ext'}
          config:
            course_execution_inputs: [toypkg]
        """))
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: page\n")
    (book / "intro.md").write_text("# Toy book\n")
    (book / "page.md").write_text(textwrap.dedent(f"""\
        ---
        jupytext:
          text_representation:
            format_name: myst
        kernelspec:
          name: python3
          display_name: Python 3
        ---
        # Page

        ```{{code-cell}} ipython3
        import toypkg
        with open({str(runs)!r}, "a") as runs:
            runs.write("run\\n")
        print("the value is", toypkg.VALUE)
        ```
        """))
    return book, runs


def build(book):
    """Build ``book`` (warnings are errors); returns the chapter page's HTML."""
    env = {**os.environ, "PYTHONPATH": str(book)}  # the kernel imports the book's toypkg
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(book), "--warningiserror"], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return (book / "_build" / "html" / "page.html").read_text(encoding="utf-8")


def test_an_edit_of_the_imported_package_re_executes_the_chapter(small_book):
    book, runs = small_book
    assert "the value is first value" in build(book)
    assert runs.read_text().count("run") == 1

    assert "the value is first value" in build(book)  # nothing changed: cached, not executed
    assert runs.read_text().count("run") == 1

    (book / "toypkg" / "__init__.py").write_text("VALUE = 'second value'\n")
    page = build(book)
    assert "the value is second value" in page and "first value" not in page
    assert runs.read_text().count("run") == 2
