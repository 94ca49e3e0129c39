"""``make check`` runs nbval on the labs a branch touched: committed since ``main``, changed, or new."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from touched_labs import touched_labs  # noqa: E402


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def test_labs_changed_on_the_branch_in_the_tree_or_new_count_and_no_others(tmp_path):
    labs = tmp_path / "labs"
    labs.mkdir()
    for name in ("a", "b", "c", "gone"):
        (labs / f"{name}.ipynb").write_text("{}\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "labs")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (labs / "a.ipynb").write_text('{"edited": 1}\n')
    git(tmp_path, "commit", "-q", "-am", "edit a")  # committed on the branch
    (labs / "b.ipynb").write_text('{"edited": 2}\n')  # uncommitted
    (labs / "new.ipynb").write_text("{}\n")  # untracked
    (labs / "gone.ipynb").unlink()  # deleted: nothing to run
    (tmp_path / "notes.md").write_text("not a lab\n")
    assert touched_labs(repo=tmp_path) == ["labs/a.ipynb", "labs/b.ipynb", "labs/new.ipynb"]


def test_without_a_main_branch_only_uncommitted_changes_count(tmp_path):
    (tmp_path / "labs").mkdir()
    (tmp_path / "labs" / "a.ipynb").write_text("{}\n")
    git(tmp_path, "init", "-q", "-b", "trunk")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "labs")
    assert touched_labs(repo=tmp_path) == []
    (tmp_path / "labs" / "a.ipynb").write_text('{"edited": 1}\n')
    assert touched_labs(repo=tmp_path) == ["labs/a.ipynb"]
