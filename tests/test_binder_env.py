"""Binder builds the course's environment from ``runtime.txt`` and ``requirements.txt`` alone.

These tests do the same: a fresh virtual environment with that Python version,
``pip install -r requirements.txt`` run from the repository root (the file ends
with ``-e .``, the course's own package), then every lab executed top to bottom
from inside ``labs/`` with that environment's Python, as Binder's Jupyter would.
A missing or wrong pin shows up here rather than in front of a learner.

The environment is built once per test session (a few minutes the first time;
pip's cache makes later runs faster). Set ``SKIP_BINDER_ENV_TEST=1`` to skip
these tests on a machine without access to PyPI.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LABS = sorted((REPO / "labs").glob("*.ipynb"))
KERNEL_NAME = "binder-env-test"

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
    """``(3, 11)`` from runtime.txt's ``python-3.11``."""
    text = (REPO / "runtime.txt").read_text().strip()
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


def test_requirements_install_the_course_package_in_development_mode():
    lines = [line.strip() for line in (REPO / "requirements.txt").read_text().splitlines()]
    assert "-e ." in lines
    pins = [line for line in lines if line and not line.startswith(("#", "-e"))]
    assert pins and all("==" in line for line in pins), "every requirement is pinned exactly"


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A fresh virtual environment made from requirements.txt alone, with its own kernel."""
    env_dir = tmp_path_factory.mktemp("binder") / "venv"
    python = base_python(runtime_version())
    subprocess.run([python, "-m", "venv", str(env_dir)], check=True, timeout=300)
    env = clean_env(env_dir)
    py = str(env_dir / "bin" / "python")
    # "pip install -e ." rewrites the checkout's *.egg-info folder; put back any files it
    # had, so that running the tests leaves the working tree as it was.
    saved = {path: path.read_bytes() for path in REPO.glob("*.egg-info/*") if path.is_file()}
    try:
        install = subprocess.run([py, "-m", "pip", "install", "--no-compile", "-q", "-r",
                                  "requirements.txt"], cwd=REPO, env=env, capture_output=True,
                                 text=True, timeout=2400)
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
    assert install.returncode == 0, f"pip install -r requirements.txt failed:\n{install.stderr[-4000:]}"
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


def test_there_are_labs():
    assert LABS, "no labs/*.ipynb found"


@pytest.mark.parametrize("lab", LABS, ids=[lab.stem for lab in LABS])
def test_lab_runs_in_the_binder_environment(binder_env, lab):
    result = subprocess.run([str(binder_env / "bin" / "python"), "-c", RUN_NOTEBOOK, lab.name, KERNEL_NAME],
                            cwd=REPO / "labs", env=clean_env(binder_env), capture_output=True, text=True,
                            timeout=1200)
    assert result.returncode == 0, f"{lab.name} failed in the Binder environment:\n{result.stderr[-6000:]}"
