"""The tool that re-executes the labs: what it normalises after a run."""

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import execute_labs  # noqa: E402


def stream(name, text):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_consecutive_pieces_of_one_stream_are_merged_in_order():
    result = nbformat.v4.new_output("execute_result", data={"text/plain": "3"}, execution_count=1)
    outputs = [stream("stdout", "a\n"), stream("stdout", "b\n"), stream("stderr", "oops\n"),
               stream("stdout", "c\n"), result, stream("stdout", "d\n"), stream("stdout", "e\n")]
    merged = execute_labs.coalesce_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "oops\n"), ("stream", "stdout", "c\n"),
        ("execute_result", None, None), ("stream", "stdout", "d\ne\n")]


def test_clean_metadata_drops_widget_state_and_timestamps():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    cell.metadata["mystnb"] = {"image": {"alt": "kept"}}
    cell.outputs = [stream("stdout", "1\n"), stream("stdout", "2\n")]
    nb.cells = [cell]
    execute_labs.clean_metadata(nb)
    assert "widgets" not in nb.metadata
    assert cell.metadata == {"mystnb": {"image": {"alt": "kept"}}}
    assert [o.text for o in cell.outputs] == ["1\n2\n"]
