"""Tests of lab_utils.explorers.base: recorded descent runs, frame schedules, and every explorer in a real kernel.

One test runs the explorers in a real Jupyter kernel through nbclient, as a
learner's notebook would.
"""

import matplotlib

matplotlib.use("Agg")

import sys

import nbformat
import numpy as np
import pytest

from lab_utils import (
    compute_cost_logistic,
    gradient_descent,
    load_tumor_data,
)
from lab_utils.descent import run_gradient_descent
from lab_utils.explorers.base import WIDGET_VIEW_MIMETYPE, run_descent
from lab_utils.explorers.learning_rate import ScalingProblem


@pytest.fixture(scope="module")
def problem():
    """The two-feature breast-cancer problem (built once: it fits the optimum)."""
    return ScalingProblem()


@pytest.fixture(scope="module")
def tumor():
    x, y = load_tumor_data()
    return x.reshape(-1, 1), y


def test_run_descent_records_what_gradient_descent_does(tumor):
    X, y = tumor
    run = run_descent(X, y, [-1.0], 4.0, 1.0, 50)
    w, b, history = gradient_descent(X, y, np.array([-1.0]), 4.0, 1.0, 50, verbose=False)
    path = run_gradient_descent(X, y, np.array([-1.0]), 4.0, 1.0, 50, record_path=True).path
    assert run.iterations == 50 and not run.diverged
    np.testing.assert_array_equal(run.costs[1:], history)
    assert run.costs[0] == compute_cost_logistic(X, y, [-1.0], 4.0)
    np.testing.assert_array_equal(run.w_path[-1], w)
    assert run.b_path[-1] == b
    assert len(run.w_path) == len(path) == 51
    assert run.message.startswith("After 50 iterations")


def test_run_descent_reports_divergence_without_raising(problem):
    # with -W error any escaping DivergenceWarning would fail this test
    run = run_descent(problem.X["raw"], problem.y, np.zeros(2), 0.0, 1e-3, 500)
    assert run.diverged and run.iterations < 500
    assert run.message.startswith("Diverged") and "too large" in run.message
    assert len(run.w_path) == len(run.costs) == run.iterations + 1


def test_prefix_equals_a_shorter_run(problem):
    X, y = problem.X["z-score"], problem.y
    long = run_descent(X, y, np.zeros(2), 0.0, 1.0, 300)
    short = run_descent(X, y, np.zeros(2), 0.0, 1.0, 120)
    cut = long.prefix(120)
    np.testing.assert_array_equal(cut.costs, short.costs)
    np.testing.assert_array_equal(cut.w_path, short.w_path)
    assert (cut.message, cut.diverged, cut.num_iters) == (short.message, short.diverged, 120)
    # a run that stopped early is the same for any longer request
    stopped = run_descent(problem.X["raw"], y, np.zeros(2), 0.0, 1e-3, 500)
    again = run_descent(problem.X["raw"], y, np.zeros(2), 0.0, 1e-3, stopped.iterations + 5)
    assert stopped.prefix(stopped.iterations + 5).message == again.message
    with pytest.raises(ValueError, match="cannot give"):
        short.prefix(121)


KERNEL_CODE = [
    # 1: drive the explorers as a learner's notebook would
    """
import warnings
warnings.simplefilter("error")
from lab_utils.explorers import CostSurfaceExplorer, LearningRateExplorer, SigmoidExplorer
cost = CostSurfaceExplorer()
cost.controls["w"].value = 3.0
cost.controls["run"].click()
rate = LearningRateExplorer()
rate.controls["alpha"].value = 100.0
sig = SigmoidExplorer()
sig.controls["z"].value = 0.0
print(cost.state.w, cost.state.run.iterations, len(cost.view.path_line.get_xdata()))
print(rate.state.run.diverged, rate.state.run.message.split(":")[0])
print(sig.readout.value.split(":")[0])
import sys
print(sys.prefix)
""",
    # 2: display it (widget + live explorer + static picture)
    "from lab_utils.explorers import show_sigmoid_explorer\nshow_sigmoid_explorer()",
    "from lab_utils.explorers import show_cost_explorer\nshow_cost_explorer(num_iters=200)",
]



def test_explorers_in_a_real_kernel(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code in KERNEL_CODE]
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    printed = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    # the kernel runs this environment's Python
    assert printed.splitlines() == ["3.0 1000 1001", "True Diverged", "z = <b>0</b>", sys.prefix]
    for cell in nb.cells:
        assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"]
    for cell, title, name in [(nb.cells[1], "Sigmoid explorer", "sigmoid"),
                              (nb.cells[2], "Cost-surface explorer", "cost-surface")]:
        (output,) = cell.outputs
        assert output.data["text/plain"] == f"{title} (interactive: needs a running Python kernel)"
        assert WIDGET_VIEW_MIMETYPE in output.data
        html = output.data["text/html"]
        assert html.count("<img src=\"data:image/png;base64,") == 1
        assert f'data-explorer="{name}"' in html
    # the widget's output holds the rendered figure, as the front end receives it
    state = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = [m["state"]["outputs"] for m in state.values() if m["model_name"] == "OutputModel"]
    assert any(o and "data:image/png;base64," in o[0]["data"]["text/html"] for o in outputs)
