"""The labs are committed with their outputs, so nbval has something to check.

nbval (run over labs/*.ipynb by the same pytest command, see pyproject.toml)
re-executes every lab and compares each stored output with the new one. A cell
without stored output is compared with nothing and passes vacuously; these
tests make sure that cannot happen.

The one exception is each lab's first code cell, the Colab install cell
(written by tools/set_repository_url.py and tested in test_colab_cell.py): off
Colab it does nothing, so it has nothing to store.
"""

import json
from pathlib import Path

import pytest

LABS = sorted((Path(__file__).resolve().parent.parent / "labs").glob("*.ipynb"))


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def is_colab_cell(index, cell):
    """The Colab install cell: the first code cell, and it looks for google.colab."""
    return index == 0 and "google.colab" in "".join(cell["source"])


def test_there_are_labs():
    assert LABS, "no notebooks found in labs/"


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_every_code_cell_has_stored_output(path):
    cells = code_cells(path)
    assert cells, f"{path.name} has no code cells"
    missing = [i for i, c in enumerate(cells) if not c.get("outputs") and not is_colab_cell(i, c)]
    assert not missing, f"{path.name}: code cells {missing} have no stored output; re-execute the lab"


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_no_stored_errors_and_cells_ran_in_order(path):
    cells = code_cells(path)
    errors = [i for i, c in enumerate(cells) for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, f"{path.name}: cells {errors} stored an error"
    counts = [c.get("execution_count") for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{path.name} was not run top to bottom once: {counts}"


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_lab_uses_the_course_kernel(path):
    kernelspec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert kernelspec["name"] == "python3"
