"""Binder builds the learners' environment from ``.binder/runtime.txt`` and ``.binder/requirements.txt`` alone.

(With a ``.binder/`` folder, Binder ignores the configuration files at the
repository's root: the root ``requirements.txt`` is the full toolchain that
builds and tests the course.) These tests do the same as Binder: a fresh
virtual environment with that Python version, ``pip install -r
.binder/requirements.txt`` run from the repository root (the file ends with
``-e .``, the course's own package), then every lab and every chapter notebook
(``chapters/*.ipynb``, see ``tools/pair_chapters.py``) executed top to bottom
from its own folder with that environment's Python, as Binder's Jupyter would.
A missing or wrong pin shows up here rather than in front of a learner. The
session prints the environment's install time and size.

The environment is built once per test session (a few minutes the first time;
pip's cache makes later runs faster). Set ``SKIP_BINDER_ENV_TEST=1`` to skip
these tests on a machine without access to PyPI.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / ".binder"
sys.path.insert(0, str(REPO / "tools"))

from pair_chapters import markdown_notebooks  # noqa: E402

LABS = sorted((REPO / "labs").glob("*.ipynb"))
CHAPTERS = [path.with_suffix(".ipynb") for path in markdown_notebooks(REPO)]
NOTEBOOKS = LABS + CHAPTERS
KERNEL_NAME = "binder-env-test"
#: The build and test toolchain: in requirements.txt, never in the learners' environment.
DEVELOPER_TOOLS = {"jupyter-book", "sphinx", "myst-nb", "playwright", "pytest", "nbval", "coverage", "ruff"}

pytestmark = pytest.mark.skipif(os.environ.get("SKIP_BINDER_ENV_TEST") == "1",
                                reason="SKIP_BINDER_ENV_TEST=1")

#: Runs one notebook with nbclient inside the fresh environment (argv: notebook, kernel).
RUN_NOTEBOOK = """
import sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name=sys.argv[2], timeout=900, allow_errors=False,
               resources={"metadata": {"path": "."}}).execute()
errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
          if o.output_type == "error"]
assert not errors, errors
print("ran", sys.argv[1], "with", len(nb.cells), "cells")
"""


def runtime_version():
    """``(3, 11)`` from .binder/runtime.txt's ``python-3.11``."""
    text = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+)\.(\d+)", text)
    assert match, f"runtime.txt should read like 'python-3.11', not {text!r}"
    return int(match.group(1)), int(match.group(2))


def base_python(version):
    """A Python interpreter of ``version`` to build the environment with."""
    if sys.version_info[:2] == version:
        return sys.executable
    found = shutil.which("python{}.{}".format(*version))
    if found is None:
        pytest.skip("no Python {}.{} on this machine to build the Binder environment with".format(*version))
    return found


def clean_env(env_dir):
    """Environment variables for commands run inside the fresh environment."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH", "MPLBACKEND"}}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def test_runtime_txt_pins_python_311():
    assert runtime_version() == (3, 11)


def pins(path):
    """``{normalised name: version}`` of a requirements file; fails on any line that is not a pin."""
    lines = [line.strip() for line in path.read_text().splitlines()]
    assert "-e ." in lines, f"{path.name} installs the course package (-e .)"
    found = {}
    for line in lines:
        if line and not line.startswith(("#", "-e")):
            assert "==" in line, f"{path}: {line!r} is not pinned exactly"
            name, version = line.split("==")
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


@pytest.mark.parametrize("path", [REPO / "requirements.txt", BINDER / "requirements.txt"],
                         ids=["full", "learners"])
def test_requirements_install_the_course_package_in_development_mode(path):
    assert pins(path)


def test_learners_pins_are_the_full_environments_versions():
    full, learners = pins(REPO / "requirements.txt"), pins(BINDER / "requirements.txt")
    differ = {name: (version, full.get(name)) for name, version in learners.items() if full.get(name) != version}
    assert not differ, f".binder/requirements.txt disagrees with requirements.txt (learners, full): {differ}"


def test_learners_environment_has_jupyterlab_and_widgets_but_no_build_tools():
    learners = pins(BINDER / "requirements.txt")
    assert {"jupyterlab", "ipywidgets", "jupyterlab-widgets", "ipykernel", "jupyterquiz"} <= set(learners)
    assert not DEVELOPER_TOOLS & set(learners), f"developer tools for learners: {DEVELOPER_TOOLS & set(learners)}"


def test_binder_reads_only_its_folder():
    # with .binder/ present Binder ignores the root's files, so they must all be in .binder/
    assert not (REPO / "runtime.txt").exists(), "runtime.txt belongs in .binder/"
    assert {p.name for p in BINDER.iterdir()} == {"requirements.txt", "runtime.txt"}


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A fresh virtual environment made from requirements.txt alone, with its own kernel."""
    env_dir = tmp_path_factory.mktemp("binder") / "venv"
    python = base_python(runtime_version())
    started = time.perf_counter()
    subprocess.run([python, "-m", "venv", str(env_dir)], check=True, timeout=300)
    env = clean_env(env_dir)
    py = str(env_dir / "bin" / "python")
    # "pip install -e ." rewrites the checkout's *.egg-info folder; put back any files it
    # had, so that running the tests leaves the working tree as it was.
    saved = {path: path.read_bytes() for path in REPO.glob("*.egg-info/*") if path.is_file()}
    try:
        install = subprocess.run([py, "-m", "pip", "install", "-q", "-r", ".binder/requirements.txt"],
                                 cwd=REPO, env=env, capture_output=True, text=True, timeout=2400)
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
    assert install.returncode == 0, f"pip install -r .binder/requirements.txt failed:\n{install.stderr[-4000:]}"
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in env_dir.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"\nlearners' environment: installed in {seconds:.0f} s, {size / 1e6:.0f} MB on disk")
    # A kernel spec inside the environment, so that the labs run with its Python and not
    # with whatever "python3" kernel the machine knows.
    subprocess.run([py, "-m", "ipykernel", "install", "--prefix", str(env_dir), "--name", KERNEL_NAME,
                    "--display-name", "Binder test"], check=True, env=env, capture_output=True,
                   timeout=300)
    return env_dir


def test_binder_environment_is_the_pinned_python(binder_env):
    out = subprocess.run([str(binder_env / "bin" / "python"), "-c",
                          "import sys, lab_utils; print(sys.version_info[:2], lab_utils.__file__)"],
                         cwd=REPO / "labs", env=clean_env(binder_env), capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith(str(runtime_version()))
    assert str(REPO / "lab_utils") in out  # the development install of this checkout


def test_there_are_labs_and_chapter_notebooks():
    assert LABS, "no labs/*.ipynb found"
    assert CHAPTERS and all(path.is_file() for path in CHAPTERS), (
        "a chapter has no notebook: run `.venv/bin/python tools/pair_chapters.py`")


def test_jupyterlab_serves_the_widgets_extension(binder_env):
    out = subprocess.run([str(binder_env / "bin" / "jupyter"), "labextension", "list"], env=clean_env(binder_env),
                         capture_output=True, text=True, check=True)
    assert "@jupyter-widgets/jupyterlab-manager" in out.stdout + out.stderr


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.relative_to(REPO).as_posix() for p in NOTEBOOKS])
def test_notebook_runs_in_the_binder_environment(binder_env, notebook):
    result = subprocess.run([str(binder_env / "bin" / "python"), "-c", RUN_NOTEBOOK, notebook.name, KERNEL_NAME],
                            cwd=notebook.parent, env=clean_env(binder_env), capture_output=True, text=True,
                            timeout=1200)
    assert result.returncode == 0, f"{notebook.name} failed in the Binder environment:\n{result.stderr[-6000:]}"
