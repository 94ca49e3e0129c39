"""Tests for lab_utils.explorers.minibatch: runs, controls, and the live explorer's data."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from explorer_helpers import live_parts

from lab_utils.descent import StopReason
from lab_utils.explorers import MinibatchExplorer, MinibatchState
from lab_utils.explorers import minibatch as mb
from lab_utils.explorers.live import order_checksum
from lab_utils.explorers.minibatch import EPOCHS, MinibatchProblem
from lab_utils.minibatch import epoch_orders, run_minibatch_gradient_descent


@pytest.fixture(scope="module")
def problem():
    return MinibatchProblem(("mean texture", "mean area", "mean concave points"))


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_runs_are_the_library_runs(problem, momentum):
    run = problem.run(16, 0.5, momentum)
    result = run_minibatch_gradient_descent(problem.X, problem.y, np.zeros(3), 0.0, 0.5, EPOCHS, 16,
                                            momentum=momentum, seed=mb.SEED)
    np.testing.assert_array_equal(run.gaps[1:], np.array(result.J_history) - problem.cost_star)
    assert run.gaps[0] == pytest.approx(np.log(2) - problem.cost_star)
    assert run.stop_reason is StopReason.MAX_ITERATIONS and not run.diverged
    assert problem.run(16, 0.5, momentum) is run  # remembered
    assert problem.run(None, 0.5, momentum) is problem.run(problem.m, 0.5, momentum)
    assert problem.run(16, 0.5, 0.5) is not run


def test_a_diverging_run_says_why_it_stopped(problem):
    run = problem.run(1, 100.0, 0.9)
    assert run.diverged and run.stop_reason.diverged
    assert len(run.gaps) - 1 < EPOCHS  # stopped early, by the rule of gradient descent (patience 20)


def test_controls_change_the_state_and_the_readout(problem):
    explorer = MinibatchExplorer(problem=problem)
    assert explorer.state == MinibatchState() == MinibatchState(16, 0.5, 0.0)
    explorer.controls["batch_size"].value = 1
    assert explorer.state.batch_size == 1
    assert "569 updates per epoch" in explorer.readout.value
    explorer.controls["batch_size"].value = None
    assert "(1 update per epoch)" in explorer.readout.value
    explorer.controls["momentum"].value = 0.9
    assert explorer.state.momentum == 0.9 and "β = <b>0.9</b>" in explorer.readout.value
    assert "momentum beta 0.9" in explorer.view.alt_text(explorer.state)
    explorer.controls["alpha"].value = 100.0
    explorer.controls["batch_size"].value = 1
    assert problem.run(1, 100.0, 0.9).diverged
    assert "diverged" in explorer.readout.value and "diverged" in explorer.view.alt_text(explorer.state)


def test_slider_ranges_are_the_live_explorers(problem):
    explorer = MinibatchExplorer(problem=problem)
    alpha, momentum = explorer.controls["alpha"], explorer.controls["momentum"]
    assert (alpha.min, alpha.max, alpha.step) == mb.ALPHA_EXPONENTS
    assert (momentum.min, momentum.max, momentum.step) == mb.MOMENTUM_RANGE
    data, _ = live_parts(explorer.live_html())
    assert tuple(data["alpha_exponents"]) == mb.ALPHA_EXPONENTS
    assert tuple(data["momentum_range"]) == mb.MOMENTUM_RANGE


def test_slider_alphas_are_the_alpha_sliders_grid():
    alphas = mb.slider_alphas()
    assert len(alphas) == 21 and alphas[0] == 10.0**-3 and alphas[-1] == 100.0
    np.testing.assert_allclose(np.log10(alphas), np.arange(-3, 2.01, 0.25), rtol=0, atol=1e-12)


def test_live_data_give_the_page_the_same_problem(problem):
    explorer = MinibatchExplorer(MinibatchState(4, 0.2, 0.5), problem)
    html = explorer.live_html()
    assert html == explorer.live_html()  # stable, so nbval can compare the stored output
    assert html.startswith('<div class="live-explorer" id="live-minibatch" data-explorer="minibatch">')
    assert 'alt="Log plot of J minus J star' in html and "momentum beta 0.5" in html
    data, _ = live_parts(html)
    columns = data["columns"]
    raw = np.column_stack([np.array(ints) / 10 ** k for ints, k in zip(columns["ints"], columns["digits"])])
    assert np.array_equal(raw, problem.raw)
    # the page z-scores the decoded columns itself: exactly lab_utils' features
    assert np.array_equal((raw - data["scaling"]["shift"]) / np.array(data["scaling"]["scale"]), problem.X)
    assert [int(c) for c in data["labels"]] == problem.y.tolist()
    assert data["cost_star"] == pytest.approx(problem.cost_star, rel=1e-9)  # shown to ten digits
    assert data["order_checksum"] == order_checksum(epoch_orders(problem.m, EPOCHS, mb.SEED))
    assert data["batch_sizes"] == [1, 4, 16, 64, 256, problem.m]
    assert data["start"] == {"batch_size": 4, "alpha": 0.2, "momentum": 0.5}
    assert (data["epochs"], data["gap_floor"], data["gap_top"]) == (EPOCHS, mb.GAP_FLOOR, mb.GAP_TOP)
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Mini-batch explorer (interactive: needs a running Python kernel)"


def test_show_keeps_its_call_and_takes_the_momentum(monkeypatch):
    shown = []
    monkeypatch.setattr(MinibatchExplorer, "show", lambda self, element_id=None: shown.append((self.state, element_id)))
    mb.show_minibatch_explorer()
    mb.show_minibatch_explorer(1, 0.1, momentum=0.9, element_id="second")
    assert shown == [(MinibatchState(16, 0.5, 0.0), None), (MinibatchState(1, 0.1, 0.9), "second")]
