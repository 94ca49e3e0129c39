"""``make test`` finds Chromium and npm first, or stops at once with one line saying what to install.

``tools/preflight.sh`` runs with a PATH that holds only the few commands it
needs, plus stand-ins for ``chromium`` and ``npm`` where a case wants them, and
with installs turned off (``PREFLIGHT_NO_INSTALL=1``), so nothing on this machine
changes.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "tools" / "preflight.sh"
BASICS = ["bash", "env", "id", "dirname"]


@pytest.fixture
def bare_path(tmp_path):
    """A bin folder with only the basic commands; returns a function adding stand-ins."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in BASICS:
        (bin_dir / name).symlink_to(shutil.which(name))

    def add(name):
        stand_in = bin_dir / name
        stand_in.write_text("#!/bin/sh\nexit 0\n")
        stand_in.chmod(0o755)
        return stand_in

    return bin_dir, add


def run(bin_dir, tmp_path, *args):
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PREFLIGHT_NO_INSTALL": "1",
           "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "no-browsers")}  # no Playwright download found
    return subprocess.run([str(bin_dir / "bash"), str(SCRIPT), *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_without_chromium_it_stops_at_once_with_one_line(bare_path, tmp_path):
    bin_dir, _ = bare_path
    result = run(bin_dir, tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install -y chromium" in lines[0] and "playwright install chromium" in lines[0]
    assert "npm" not in result.stdout  # it stopped before looking at anything else


def test_without_npm_it_says_to_install_nodejs_and_npm(bare_path, tmp_path):
    bin_dir, add = bare_path
    chromium = add("chromium")
    result = run(bin_dir, tmp_path)
    assert result.returncode == 1
    assert f"Chromium: {chromium}" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install -y nodejs npm" in lines[0]


def test_with_both_it_names_what_it_found(bare_path, tmp_path):
    bin_dir, add = bare_path
    chromium, npm = add("chromium-browser"), add("npm")
    result = run(bin_dir, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"preflight: Chromium: {chromium}", f"preflight: npm: {npm}"]


def test_make_test_runs_the_preflight_before_anything_else():
    # --no-print-directory: run from `make test` itself, a nested make would announce its folder
    dry_run = subprocess.run(["make", "-n", "--no-print-directory", "test"], cwd=REPO, capture_output=True,
                             text=True, check=True, env={**os.environ, "MAKEFLAGS": ""})
    commands = [line for line in dry_run.stdout.splitlines() if line.strip()]
    assert commands[0] == "tools/preflight.sh chromium npm"


def test_ci_runs_make_test():
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == "make test"
