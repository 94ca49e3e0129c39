"""Tests for lab_utils.explorers.minibatch: runs, controls, and the website's static picture."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from lab_utils import minibatch_gradient_descent
from lab_utils.explorers import MinibatchExplorer, MinibatchState
from lab_utils.explorers.minibatch import EPOCHS, MinibatchProblem


@pytest.fixture(scope="module")
def problem():
    return MinibatchProblem(("mean texture", "mean area", "mean concave points"))


def test_runs_are_the_library_runs(problem):
    run = problem.run(16, 0.5)
    _, _, history = minibatch_gradient_descent(problem.X, problem.y, np.zeros(3), 0.0, 0.5, EPOCHS, 16,
                                               verbose=False)
    np.testing.assert_array_equal(run.gaps[1:], np.array(history) - problem.cost_star)
    assert run.gaps[0] == pytest.approx(np.log(2) - problem.cost_star)
    assert problem.run(16, 0.5) is run  # remembered
    assert problem.run(None, 0.5) is problem.run(problem.m, 0.5)


def test_controls_change_the_state_and_the_readout(problem):
    explorer = MinibatchExplorer(problem=problem)
    assert explorer.state == MinibatchState()
    explorer.controls["batch_size"].value = 1
    assert explorer.state.batch_size == 1
    assert "569 updates per epoch" in explorer.readout.value
    explorer.controls["batch_size"].value = None
    assert "(1 update per epoch)" in explorer.readout.value
    explorer.controls["alpha"].value = 100.0
    explorer.controls["batch_size"].value = 1
    assert problem.run(1, 100.0).diverged
    assert "diverged" in explorer.readout.value and "diverged" in explorer.view.alt_text(explorer.state)


def test_static_picture_for_the_website(problem):
    explorer = MinibatchExplorer(MinibatchState(4, 0.2), problem)
    html = explorer.live_html()  # no live web form yet: the captioned still picture
    assert "<img" in html and 'alt="Log plot of J minus J star' in html
    assert "<script" not in html and "Run the cell in Jupyter" in html
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Mini-batch explorer (interactive: needs a running Python kernel)"
