"""Tests of lab_utils.explorers and lab_utils.animation.

The pure parts (grids, runs, views) are checked against independent
computations; the widgets are driven from code (slider values, button clicks);
and one test runs the explorers in a real Jupyter kernel through nbclient, as a
learner's notebook would.
"""

import matplotlib

matplotlib.use("Agg")

import base64
import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from lab_utils import (
    compute_cost_logistic,
    compute_cost_logistic_loop,
    compute_gradient_logistic,
    gradient_descent,
    load_tumor_data,
    sigmoid,
)
from lab_utils.animation import (
    FigureRenderer,
    animation_html,
    figure_html,
    fixed_animation_id,
    make_jshtml_reproducible,
)
from lab_utils.explorers import (
    CostSurfaceExplorer,
    CostSurfaceState,
    LearningRateExplorer,
    LearningRateState,
    SigmoidExplorer,
    SigmoidState,
)
from lab_utils.explorers.base import WIDGET_VIEW_MIMETYPE, frame_schedule, run_descent
from lab_utils.explorers.cost_surface import CostSurfaceView, cost_grid
from lab_utils.explorers.learning_rate import ScalingProblem, best_bias_cost_grid
from lab_utils.explorers.sigmoid import tangent_line

REPO = Path(__file__).resolve().parents[1]


def png_size(png):
    """(width, height) of PNG bytes."""
    return Image.open(io.BytesIO(png)).size


def shown_png(explorer):
    """The PNG bytes of the panels the explorer's output widget holds, joined."""
    (output,) = explorer.output.outputs
    encoded = re.findall(r'src="data:image/png;base64,([^"]+)"', output["data"]["text/html"])
    assert encoded and output["data"]["text/plain"] == explorer.view.alt_text(explorer.state)
    return b"".join(base64.b64decode(panel) for panel in encoded)


def animation_frames(html):
    """The PNG frames embedded in an animation's HTML."""
    encoded = re.findall(r'"data:image/png;base64,([^"]+)"', html)
    return [base64.b64decode(frame.replace("\\\n", "")) for frame in encoded]


@pytest.fixture(scope="module")
def problem():
    """The two-feature breast-cancer problem (built once: it fits the optimum)."""
    return ScalingProblem()


@pytest.fixture(scope="module")
def tumor():
    x, y = load_tumor_data()
    return x.reshape(-1, 1), y


# --- pure computations --------------------------------------------------------------------------


def test_cost_grid_matches_the_loop_cost(tumor):
    X, y = tumor
    W, B, J = cost_grid(X[:, 0], y, (-2.0, 6.0), (-10.0, 4.0), resolution=9)
    for i, j in [(0, 0), (3, 5), (8, 8), (4, 2)]:
        expected = compute_cost_logistic_loop(X, y, np.array([W[i, j]]), B[i, j])
        assert J[i, j] == pytest.approx(expected, rel=1e-12)


def test_best_bias_cost_grid_minimises_over_b(problem):
    X, y = problem.X["z-score"], problem.y
    W1, W2, J, B = best_bias_cost_grid(X, y, np.array([-1.0, 0.5, 2.0]), np.array([0.0, 3.0]))
    for i in range(2):
        for j in range(3):
            w = np.array([W1[i, j], W2[i, j]])
            # the bias found is a stationary point: dJ/db = 0 ...
            dj_db, _ = compute_gradient_logistic(X, y, w, B[i, j])
            assert abs(dj_db) < 1e-9
            # ... its cost is the cost there, and no nearby bias does better
            assert J[i, j] == pytest.approx(compute_cost_logistic(X, y, w, B[i, j]), rel=1e-12)
            for db in (-0.05, 0.05):
                assert compute_cost_logistic(X, y, w, B[i, j] + db) > J[i, j]


@pytest.mark.parametrize("scaling", ["none", "min-max", "z-score"])
def test_optimum_is_the_same_model_in_every_scaling(problem, scaling):
    w_best, b_best = problem._optimum[scaling]
    dj_db, dj_dw = compute_gradient_logistic(problem.X[scaling], problem.y, w_best, b_best)
    # the gradient vanishes (relative to each feature's size) and the cost is the same
    scale = np.abs(problem.X[scaling]).max(axis=0)
    assert np.all(np.abs(dj_dw) * scale < 1e-7) and abs(dj_db) < 1e-7
    assert compute_cost_logistic(problem.X[scaling], problem.y, w_best, b_best) == pytest.approx(
        problem.J_best, rel=1e-9)


def test_landscape_contains_start_and_optimum_on_a_square(problem):
    for scaling in ("none", "z-score"):
        land = problem.landscape(scaling)
        w1_lo, w1_hi, w2_lo, w2_hi = land.extent
        assert w1_hi - w1_lo == pytest.approx(w2_hi - w2_lo)  # same scale on both axes
        for point in (np.zeros(2), land.w_best):
            assert w1_lo < point[0] < w1_hi and w2_lo < point[1] < w2_hi
        assert land.J.min() >= problem.J_best - 1e-12


def test_run_descent_records_what_gradient_descent_does(tumor):
    X, y = tumor
    run = run_descent(X, y, [-1.0], 4.0, 1.0, 50)
    w, b, history, path = gradient_descent(X, y, np.array([-1.0]), 4.0, 1.0, 50, verbose=False,
                                           record_path=True)
    assert run.iterations == 50 and not run.diverged
    np.testing.assert_array_equal(run.costs[1:], history)
    assert run.costs[0] == compute_cost_logistic(X, y, [-1.0], 4.0)
    np.testing.assert_array_equal(run.w_path[-1], w)
    assert run.b_path[-1] == b
    assert len(run.w_path) == len(path) == 51
    assert run.message.startswith("After 50 iterations")


def test_run_descent_reports_divergence_without_raising(problem):
    # with -W error any escaping DivergenceWarning would fail this test
    run = run_descent(problem.X["none"], problem.y, np.zeros(2), 0.0, 1e-3, 500)
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
    stopped = run_descent(problem.X["none"], y, np.zeros(2), 0.0, 1e-3, 500)
    again = run_descent(problem.X["none"], y, np.zeros(2), 0.0, 1e-3, stopped.iterations + 5)
    assert stopped.prefix(stopped.iterations + 5).message == again.message
    with pytest.raises(ValueError, match="cannot give"):
        short.prefix(121)


def test_frame_schedule():
    frames = frame_schedule(1000, 26)
    assert frames[0] == 0 and frames[-1] == 1000
    assert frames == sorted(set(frames)) and len(frames) <= 26
    assert frames[5] < 10  # dense at the start
    assert frame_schedule(0) == [0]
    assert frame_schedule(3, 40) == [0, 1, 2, 3]


def test_tangent_line_has_the_sigmoid_slope():
    for z0 in (-3.0, 0.0, 1.0, 4.5):
        z, line = tangent_line(z0, half_width=1.0)
        h = 1e-6
        slope = (sigmoid(z0 + h) - sigmoid(z0 - h)) / (2 * h)
        assert (line[1] - line[0]) / (z[1] - z[0]) == pytest.approx(slope, rel=1e-6)
        assert np.interp(z0, z, line) == pytest.approx(float(sigmoid(z0)), rel=1e-12)


# --- rendering helpers --------------------------------------------------------------------------


def test_renderer_blits_after_the_first_draw():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2), dpi=50)
    renderer = FigureRenderer(fig)
    ax = fig.subplots()
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    (line,) = ax.plot([0, 1], [0, 1])
    renderer.animate(line)
    first = renderer.png()
    line.set_ydata([1, 0])
    second = renderer.png()
    assert renderer.full_draws == 1 and first != second
    assert png_size(first) == (150, 100)
    line.set_ydata([0, 1])
    assert renderer.png() == first  # same state, same bytes
    with renderer.at_dpi(25):
        assert png_size(renderer.png()) == (75, 50)
    assert renderer.full_draws == 2


def test_animation_html_is_reproducible_and_self_contained():
    frames = [Image.new("RGB", (8, 6), colour) for colour in ("red", "blue", "green")]
    pngs = []
    for image in frames:
        buffer = io.BytesIO()
        image.save(buffer, format="png")
        pngs.append(buffer.getvalue())
    first = animation_html(pngs, "my anim-1", alt='frames "of" colour')
    assert first == animation_html(pngs, "my anim-1", alt='frames "of" colour')
    assert 'alt="frames &quot;of&quot; colour" style="max-width: 100%; height: auto"' in first
    assert 'id="_anim_imgmy_anim_1"' in first and "animmy_anim_1.set_frame" in first
    assert '<input id="_anim_slidermy_anim_1" aria-label="Animation frame"' in first
    assert not re.search(r"[0-9a-f]{32}", first)
    assert "https://" not in first and "http://" not in first
    assert animation_frames(first) == pngs
    assert fixed_animation_id("a.b c") == "a_b_c"
    with pytest.raises(ValueError, match="no animation id"):
        make_jshtml_reproducible("<div>no animation</div>", "x")
    with pytest.raises(ValueError, match="at least one frame"):
        animation_html([], "x")


def test_figure_html_has_alt_text_and_escapes():
    html = figure_html(b"\x89PNG", 'a "quoted" <alt>', caption="x < y")
    assert 'alt="a &quot;quoted&quot; &lt;alt&gt;"' in html
    assert "<figcaption>x &lt; y</figcaption>" in html
    assert "data:image/png;base64,iVBORw==" in html


# --- views, without widgets ---------------------------------------------------------------------


def test_cost_surface_view_draws_the_state(tumor):
    X, y = tumor
    view = CostSurfaceView()
    state = CostSurfaceState(w=2.0, b=-5.0)
    view.draw(state)
    np.testing.assert_allclose(view.curve.get_ydata(), sigmoid(2.0 * view._curve_x - 5.0))
    segments = view.segments.get_segments()
    assert len(segments) == 6
    for (x0, y0), (x1, f1) in (segment for segment in segments):
        assert x0 == x1 and f1 == pytest.approx(float(sigmoid(2.0 * x0 - 5.0)))
    cost = compute_cost_logistic(X, y, [2.0], -5.0)
    assert f"J(w, b) = {cost:.4g}" in view.cost_text.get_text()
    assert [t.get_text() for t in view.loss_texts][0] == f"{np.log1p(np.exp(-5.0)):.2f}"
    assert len(view.path_line.get_xdata()) == 0
    for ax in view.figure.axes:
        assert ax.get_xlabel() and ax.get_ylabel()


def test_cost_surface_view_animation_frames_follow_the_run(tumor):
    X, y = tumor
    view = CostSurfaceView()
    run = run_descent(X, y, [-1.0], 4.0, 1.0, 200)
    state = CostSurfaceState(run=run, num_iters=200)
    frames = view.frames([replace(state, frame=k) for k in (0, 10, 200)], dpi=40)
    assert len(set(frames)) == 3 and png_size(frames[0]) == (460, 176)
    view.draw(replace(state, frame=10))
    assert len(view.path_line.get_xdata()) == 11
    assert view.end_marker.get_xdata()[0] == run.w_path[10, 0]


# --- explorers driven through their widgets -----------------------------------------------------


def test_cost_explorer_sliders_and_run_button(tumor):
    X, y = tumor
    explorer = CostSurfaceExplorer()
    before_png, before_text = shown_png(explorer), explorer.readout.value
    explorer.controls["w"].value = 2.0
    explorer.controls["b"].value = -5.0
    assert (explorer.state.w, explorer.state.b) == (2.0, -5.0)
    assert shown_png(explorer) != before_png and explorer.readout.value != before_text
    assert f"{compute_cost_logistic(X, y, [2.0], -5.0):.4g}" in explorer.readout.value
    assert explorer.view.renderer.full_draws == 1  # slider moves only blit

    explorer.controls["num_iters"].value = 300
    explorer.controls["run"].click()
    run = explorer.state.run
    assert run.iterations == 300 and not run.diverged
    assert len(explorer.view.path_line.get_xdata()) == 301
    assert explorer.view.path_line.get_xdata()[0] == 2.0
    assert explorer.view.axes["history"].get_xlim() == (0, 300)
    assert run.costs[-1] < run.costs[0]
    assert "After 300 iterations" in explorer.readout.value

    explorer.controls["w"].value = 1.0  # a new start: the old path no longer applies
    assert explorer.state.run is None and len(explorer.view.path_line.get_xdata()) == 0


def test_cost_explorer_outputs_for_the_website():
    explorer = CostSurfaceExplorer()
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Cost-surface explorer (interactive: needs a running Python kernel)"
    assert bundle[WIDGET_VIEW_MIMETYPE]["model_id"] == explorer.widget.model_id
    static = explorer.static_html()
    assert "alt=\"Three panels." in static
    animation = explorer.animation()
    assert animation == explorer.animation()
    frames = animation_frames(animation)
    assert 10 <= len(frames) <= 40 and len(set(frames)) == len(frames)
    assert len(animation) < 800_000
    assert 'alt="Animation, ' in animation
    assert explorer.state == CostSurfaceState()  # recording left the state alone
    assert len(explorer.view.path_line.get_xdata()) == 0


def test_learning_rate_explorer_controls(problem):
    explorer = LearningRateExplorer(problem=problem)
    state = explorer.state
    assert state == problem.state("none", 1e-5, 500)
    assert not state.run.diverged and state.run.iterations == 500
    png = shown_png(explorer)

    explorer.controls["scaling"].value = "z-score"
    explorer.controls["alpha"].value = 1.0
    run = explorer.state.run
    assert explorer.state.scaling == "z-score" and not run.diverged
    assert run.costs[-1] == pytest.approx(problem.J_best, abs=1e-6)
    assert "z-score scaled" in explorer.view.axes["contour"].get_xlabel()
    assert shown_png(explorer) != png

    explorer.controls["num_iters"].value = 50
    assert len(explorer.view.history_line.get_xdata()) == 51
    assert explorer.view.axes["history"].get_xlim() == (0, 50)


def test_learning_rate_explorer_shows_divergence(problem):
    explorer = LearningRateExplorer(problem=problem)
    explorer.controls["alpha"].value = 100.0  # far too large for unscaled features
    run = explorer.state.run
    assert run.diverged and run.iterations < 500
    assert "Diverged" in explorer.readout.value and "#D55E00" in explorer.readout.value
    assert explorer.view.message.get_color() == "#D55E00"
    assert explorer.view.axes["history"].get_yscale() == "log"
    assert explorer.view.axes["history"].get_ylim()[1] > run.costs.max()
    # back to a small alpha: the axis is linear again and the run converges steadily
    explorer.controls["alpha"].value = 1e-5
    assert not explorer.state.run.diverged
    assert explorer.view.axes["history"].get_yscale() == "linear"


def test_learning_rate_animation_has_three_runs(problem):
    explorer = LearningRateExplorer(LearningRateState(num_iters=200), problem=problem)
    states = explorer.animation_states()
    assert [s.scaling for s in states].count("z-score") >= 5
    assert any(s.run.diverged for s in states) and any(not s.run.diverged for s in states)
    frames = animation_frames(explorer.animation())
    assert len(frames) == len(states) <= 40


def test_sigmoid_explorer_slider():
    explorer = SigmoidExplorer()
    png = shown_png(explorer)
    explorer.controls["z"].value = -2.0
    assert explorer.state == SigmoidState(-2.0)
    assert explorer.view.point.get_ydata()[0] == pytest.approx(float(sigmoid(-2.0)))
    assert "0.1192" in explorer.readout.value and "0.105" in explorer.readout.value
    assert shown_png(explorer) != png
    assert explorer.animation() == ""
    ax = explorer.view.ax
    assert ax.get_xlabel() == "z" and ax.get_ylabel()


# --- in a real kernel ---------------------------------------------------------------------------

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
    # 2: display it (widget + static picture + animation)
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
    for cell, title, has_animation in [(nb.cells[1], "Sigmoid explorer", False),
                                       (nb.cells[2], "Cost-surface explorer", True)]:
        widget, static = cell.outputs
        assert widget.data["text/plain"] == f"{title} (interactive: needs a running Python kernel)"
        assert WIDGET_VIEW_MIMETYPE in widget.data
        html = static.data["text/html"]
        assert html.count("<img src=\"data:image/png;base64,") == 1
        assert ("_anim_imgcost_surface_explorer" in html) == has_animation
    # the widget's output holds the rendered figure, as the front end receives it
    state = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = [m["state"]["outputs"] for m in state.values() if m["model_name"] == "OutputModel"]
    assert any(o and "data:image/png;base64," in o[0]["data"]["text/html"] for o in outputs)
