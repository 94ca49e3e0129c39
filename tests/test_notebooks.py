"""The labs are committed with their outputs, so nbval has something to check.

nbval (run over labs/*.ipynb by the same pytest command, see pyproject.toml)
re-executes every lab and compares each stored output with the new one. A cell
without stored output is compared with nothing and passes vacuously; these
tests make sure that cannot happen.
"""

import json
from pathlib import Path

import pytest

LABS = sorted((Path(__file__).resolve().parent.parent / "labs").glob("*.ipynb"))


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_labs():
    assert LABS, "no notebooks found in labs/"


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name)
def test_every_code_cell_has_stored_output(path):
    cells = code_cells(path)
    assert cells, f"{path.name} has no code cells"
    missing = [i for i, c in enumerate(cells) if not c.get("outputs")]
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
