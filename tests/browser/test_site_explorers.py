"""The live explorers, driven in Chromium with mouse and keyboard and checked against lab_utils.

Every explorer runs in the page (``_static/explorers/*.js``): no kernel, no
server. Its root element ``[data-explorer=NAME]`` mirrors its state in data-*
attributes; these tests move its controls as a reader would, read that state
and compare it with :mod:`lab_utils` computed here on the same inputs. The
maths in the page (cost, gradient, a 1 000-step descent path) must agree with
lab_utils to 1e-9 relative.
"""

import json

import numpy as np
import pytest
import sitecheck

from lab_utils import compute_cost_logistic, compute_gradient_logistic, load_tumor_data, run_gradient_descent
from lab_utils.activation import sigmoid, sigmoid_derivative
from lab_utils.explorers import minibatch as mb
from lab_utils.explorers.base import run_descent
from lab_utils.explorers.learning_rate import ScalingProblem
from lab_utils.minibatch import epoch_orders, run_minibatch_gradient_descent

RTOL = 1e-9
# Where each explorer is taught: its chapter and its lab.
EXPLORER_PAGES = {
    "cost-surface": ["chapters/cost_vs_gradient", "labs/gradient_descent_lab"],
    "learning-rate": ["chapters/feature_scaling", "labs/feature_scaling_lab"],
    "minibatch": ["chapters/minibatch_momentum", "labs/minibatch_momentum_lab"],
    "sigmoid": ["chapters/sigmoid_derivative", "labs/sigmoid_lab"],
}
ALL_PAGES = sorted((name, page) for name, pages in EXPLORER_PAGES.items() for page in pages)


def close(actual, expected, rtol=RTOL):
    """True when every value agrees to ``rtol`` relative (exact zeros must be exact)."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return actual.shape == expected.shape and bool(np.all(np.abs(actual - expected) <= rtol * np.abs(expected)))


def state(root):
    """The explorer's data-* attributes as a dict."""
    return root.evaluate("r => ({...r.dataset})")


def figure_markup(root):
    return root.evaluate("r => [...r.querySelectorAll('svg')].map(s => s.innerHTML).join('')")


@pytest.fixture(scope="module")
def problem():
    return ScalingProblem()


@pytest.fixture(scope="module")
def minibatch_problem():
    return mb.MinibatchProblem()


#: How the page names lab_utils' stop reasons (data-stop).
STOP_NAMES = {"max_iterations": "done", "not_finite": "infinite", "kept_rising": "rose", "above_start": "above-start"}


def well_conditioned(problem, batch_size, alpha, momentum):
    """True when lab_utils' own run hardly moves (1e-12) if alpha moves by one part in 10^15.

    Two correct float64 programs that add in different orders (numpy's BLAS, the
    page's loops) agree to 1e-9 only where the run damps rounding errors; where
    descent is chaotic (large alpha, small batches, near divergence) a change in
    the last bit of alpha changes the digits of the result, in Python alone.
    """
    a, b = problem.run(batch_size, alpha, momentum), problem.run(batch_size, alpha * (1 + 1e-15), momentum)
    return len(a.gaps) == len(b.gaps) and close(b.gaps + problem.cost_star, a.gaps + problem.cost_star, 1e-12)


def open_explorer(open_page, docname, name, **kwargs):
    page, log = open_page(docname + ".html", **kwargs)
    root = page.locator(f".live-explorer[data-explorer='{name}']")
    assert root.count() == 1, f"{docname}: expected one {name} explorer, found {root.count()}"
    page.wait_for_function("n => document.querySelector(`[data-explorer='${n}']`).dataset.live === 'true'", arg=name)
    return page, log, root.first


def test_every_explorer_page_is_in_the_book(site):
    docnames = {page.docname for page in sitecheck.toc_pages(site)}
    wanted = {page for pages in EXPLORER_PAGES.values() for page in pages}
    assert wanted <= docnames, f"missing from the site: {wanted - docnames}"


@pytest.mark.parametrize(("name", "docname"), ALL_PAGES)
def test_explorer_is_live_with_labelled_controls(name, docname, open_page):
    page, log, root = open_explorer(open_page, docname, name)
    picture = root.locator(":scope > figure")
    assert picture.count() == 1 and not picture.is_visible(), "the static picture is the no-JS fallback only"
    alt = picture.locator("img").get_attribute("alt")
    assert len(alt.strip()) > 40, f"{docname}: the fallback picture needs alt text"
    unlabelled = root.evaluate("""r => [...r.querySelectorAll('input, select, button')].filter(c =>
        !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
        .map(c => c.outerHTML)""")
    assert not unlabelled, f"{docname}: controls without a label: {unlabelled}"
    assert root.locator("[aria-live]").count() == 1
    assert root.locator("svg").count() >= 1
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def test_maths_in_the_page_matches_lab_utils(open_page, problem):
    page, log, root = open_explorer(open_page, "chapters/cost_vs_gradient", "cost-surface")
    x, y = load_tumor_data()
    X = x.reshape(-1, 1)
    for w, b in [(-1.0, 4.0), (2.5, -7.3), (7.9, -19.9)]:
        js = page.evaluate("""([x, y, w, b]) => { const M = CourseExplorers.maths;
            const p = M.problem(x.map(v => [v]), y);
            return {cost: M.cost(p, [w], b), grad: M.gradient(p, [w], b)}; }""",
                           [x.tolist(), y.tolist(), w, b])
        db, dw = compute_gradient_logistic(X, y, [w], b)
        assert close(js["cost"], compute_cost_logistic(X, y, [w], b))
        assert close([js["grad"]["db"], *js["grad"]["dw"]], [db, *dw])

    cases = [(X, y, [-1.0], 4.0, 1.0, 1000)]
    cases += [(problem.X[s], problem.y, [0.0, 0.0], 0.0, a, 1000) for s, a in [("z-score", 1.0), ("min-max", 3.0)]]
    for Xc, yc, w0, b0, alpha, iters in cases:
        js = page.evaluate("""([X, y, w, b, alpha, iters]) => { const M = CourseExplorers.maths;
            const r = M.descent(M.problem(X, y), w, b, alpha, iters);
            return {w: Array.from(r.w), b: Array.from(r.b), costs: Array.from(r.costs), stop: r.stop}; }""",
                           [np.asarray(Xc).tolist(), np.asarray(yc).tolist(), w0, b0, alpha, iters])
        run = run_gradient_descent(Xc, yc, np.array(w0), b0, alpha, iters, record_path=True)
        history, path = run.J_history, run.path
        assert js["stop"] == "done" and len(js["b"]) == iters + 1
        assert close(np.reshape(js["w"], (iters + 1, -1)), [w for w, _ in path])
        assert close(js["b"][1:], [b for _, b in path][1:])
        assert close(js["costs"][1:], history)
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def test_page_shuffles_as_numpy(open_page):
    page, log, _ = open_explorer(open_page, "chapters/minibatch_momentum", "minibatch")
    orders = page.evaluate("() => Array.from(CourseExplorers.numpyRandom.epochOrders(569, 40, 0))")
    assert np.array_equal(np.reshape(orders, (40, 569)), epoch_orders(569, 40, seed=0))
    for seed, m in [(1, 1000), (12345, 7), (2**40 + 7, 3000)]:
        js = page.evaluate("([s, m]) => Array.from(CourseExplorers.numpyRandom.defaultRng(s).permutation(m))",
                           [seed, m])
        assert js == np.random.default_rng(seed).permutation(m).tolist(), f"seed {seed}, m = {m}"
    assert not log.problems(), "\n".join(log.problems())
    page.close()


# (batch size, alpha, momentum): converging with and without momentum, every batch size, one diverging.
MINIBATCH_CASES = [(16, 0.5, 0.0), (1, 0.5, 0.0), (4, 0.5, 0.9), (64, 3.0, 0.5), (256, 10.0, 0.9), (569, 10.0, 0.0),
                   (569, 0.5, 0.9), (569, 100.0, 0.9)]
# Small batches with too large a step diverge chaotically: only how and when they stop is reproducible.
CHAOTIC_CASES = [(1, 100.0, 0.0), (16, 100.0, 0.0), (1, 10.0, 0.9)]


def test_minibatch_maths_in_the_page_matches_lab_utils(open_page, minibatch_problem):
    page, log, _ = open_explorer(open_page, "chapters/minibatch_momentum", "minibatch")
    p = minibatch_problem
    runs = page.evaluate("""([X, y, cases, epochs, seed]) => { const M = CourseExplorers.maths;
        const problem = M.problem(X, y);
        const orders = CourseExplorers.numpyRandom.epochOrders(problem.m, epochs, seed);
        return cases.map(([B, a, beta]) => {
          const r = M.minibatchDescent(problem, new Float64Array(problem.n), 0, a, epochs, B, beta, orders);
          return {costs: Array.from(r.costs), w: Array.from(r.w), b: r.b, stop: r.stop, diverged: r.diverged}; }); }""",
                         [p.X.tolist(), p.y.tolist(), MINIBATCH_CASES + CHAOTIC_CASES, mb.EPOCHS, mb.SEED])
    assert any(r["diverged"] for r in runs[:len(MINIBATCH_CASES)]) and not all(r["diverged"] for r in runs)
    for i, ((batch, alpha, beta), js) in enumerate(zip(MINIBATCH_CASES + CHAOTIC_CASES, runs)):
        case = f"B = {batch}, alpha = {alpha}, beta = {beta}"
        chaotic = i >= len(MINIBATCH_CASES)
        assert well_conditioned(p, batch, alpha, beta) != chaotic, case
        result = run_minibatch_gradient_descent(p.X, p.y, np.zeros(6), 0.0, alpha, mb.EPOCHS, batch, momentum=beta,
                                                seed=mb.SEED)
        assert js["stop"] == STOP_NAMES[result.stop_reason.value] and js["diverged"] == result.diverged, case
        assert len(js["costs"]) == len(result.J_history) + 1, case
        if not chaotic:
            assert close(js["costs"], [result.start_cost, *result.J_history]), case
            assert close([*js["w"], js["b"]], [*result.w, result.b]), case
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def assert_minibatch_state(root, problem, chaotic=False):
    """The root's data-* state is lab_utils' run, and its batch-descent reference, for the settings it shows.

    With ``chaotic``, the run's digits are not reproducible (see :func:`well_conditioned`): only
    whether, why and when it stopped are compared.
    """
    now = state(root)
    batch, alpha, beta = int(now["batchSize"]), float(now["alpha"]), float(now["momentum"])
    assert well_conditioned(problem, batch, alpha, beta) != chaotic, f"chaotic is {chaotic} for {now}"
    run, reference = problem.run(batch, alpha, beta), problem.run(None, alpha, beta)
    assert int(now["epochs"]) == len(run.gaps) - 1
    assert now["diverged"] == str(run.diverged).lower() and now["stop"] == STOP_NAMES[run.stop_reason.value]
    if not chaotic:
        assert close(float(now["finalCost"]), run.gaps[-1] + problem.cost_star)
        assert float(now["finalGap"]) == pytest.approx(run.gaps[-1], rel=1e-6, abs=1e-9 * problem.cost_star)
    assert close(float(now["referenceFinalCost"]), reference.gaps[-1] + problem.cost_star)
    assert now["referenceDiverged"] == str(reference.diverged).lower()
    return now


@pytest.mark.parametrize("docname", EXPLORER_PAGES["minibatch"])
def test_minibatch_with_keyboard_and_mouse(docname, open_page, minibatch_problem):
    page, log, root = open_explorer(open_page, docname, "minibatch")
    rid = root.get_attribute("id")
    now = assert_minibatch_state(root, minibatch_problem)
    assert (now["batchSize"], now["alpha"], now["momentum"], now["epochs"]) == ("16", "0.5", "0", "40")
    readout = root.locator("[aria-live]")
    assert "Batch size 16 (36 updates per epoch)" in readout.inner_text() and readout.locator(".lx-alert").count() == 0

    # Keyboard: the batch size one option up (16 -> 4), alpha one step up (0.5 lies between the slider's
    # steps 10^-0.5 and 10^-0.25, where its range input shows it: one step up is 10^0 = 1).
    before = figure_markup(root)
    root.locator(f"#{rid}-batch").focus()
    page.keyboard.press("ArrowUp")
    root.locator(f"#{rid}-alpha").focus()
    page.keyboard.press("ArrowRight")
    now = assert_minibatch_state(root, minibatch_problem)
    assert now["batchSize"] == "4" and float(now["alpha"]) == 1.0
    assert figure_markup(root) != before, "the figure did not change"

    # Mouse: click the momentum slider's track at about two thirds.
    momentum = root.locator(f"#{rid}-momentum")
    momentum.scroll_into_view_if_needed()
    box = momentum.bounding_box()
    before = figure_markup(root)
    page.mouse.click(box["x"] + box["width"] * 0.66, box["y"] + box["height"] / 2)
    now = assert_minibatch_state(root, minibatch_problem)
    beta = float(now["momentum"])
    assert 0.5 <= beta <= 0.75 and beta == pytest.approx(round(beta / 0.05) * 0.05, abs=1e-12)
    assert float(root.locator(f"#{rid}-momentum-number").input_value()) == beta
    assert figure_markup(root) != before

    # Too large a step for one example at a time: alpha = 100 typed in, batch size 1 chosen.
    root.locator(f"#{rid}-momentum-number").fill("0")
    root.locator(f"#{rid}-alpha-number").fill("100")
    root.locator(f"#{rid}-batch").select_option("1")
    now = assert_minibatch_state(root, minibatch_problem, chaotic=True)
    assert now["diverged"] == "true" and now["stop"] in ("rose", "above-start", "infinite")
    assert int(now["epochs"]) < mb.EPOCHS
    assert "diverged" in readout.locator(".lx-alert").inner_text(), "divergence is said, as an alert"
    assert "diverged" in root.locator("svg").first.text_content(), "and shown in the figure"
    assert not log.problems(), "\n".join(log.problems())
    page.close()


@pytest.mark.parametrize("docname", EXPLORER_PAGES["cost-surface"])
def test_cost_surface_with_mouse_and_keyboard(docname, open_page):
    page, log, root = open_explorer(open_page, docname, "cost-surface")
    x, y = load_tumor_data()
    X = x.reshape(-1, 1)
    start = state(root)
    assert (float(start["w"]), float(start["b"])) == (-1.0, 4.0)
    assert close(float(start["cost"]), compute_cost_logistic(X, y, [-1.0], 4.0))

    # Drag the point across the contour plot.
    contour = root.locator("svg").nth(1)
    point = root.locator("circle[role='slider']")
    point.scroll_into_view_if_needed()
    before = figure_markup(root)
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    frame = contour.bounding_box()
    page.mouse.move(frame["x"] + frame["width"] * 0.6, frame["y"] + frame["height"] * 0.6, steps=5)
    page.mouse.up()
    dragged = state(root)
    w, b = float(dragged["w"]), float(dragged["b"])
    assert (w, b) != (-1.0, 4.0) and w > 0, f"dragging did not move the point: {dragged}"
    assert close(float(dragged["cost"]), compute_cost_logistic(X, y, [w], b))
    assert figure_markup(root) != before, "the figure did not change"
    assert float(root.locator("input[type='range']").first.input_value()) == pytest.approx(w, abs=0.051)

    # Keyboard: the w slider, then the point itself.
    root.locator("input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")
    moved = state(root)
    w2 = float(moved["w"])
    assert w2 != w and float(moved["b"]) == b
    point.focus()
    page.keyboard.press("ArrowUp")
    moved = state(root)
    # one step of 0.1 up, onto the sliders' grid of 0.1
    assert float(moved["b"]) == pytest.approx(round(b + 0.1, 1), abs=1e-9) and float(moved["w"]) == w2
    w, b = w2, float(moved["b"])
    assert close(float(moved["cost"]), compute_cost_logistic(X, y, [w], b))

    # Run gradient descent with the button, pressed by keyboard.
    root.get_by_role("button", name="Run gradient descent").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("r => r.dataset.running === 'false' && r.dataset.finalCost", arg=root.element_handle())
    done = state(root)
    expected = run_descent(X, y, [w], b, float(done["alpha"]), int(done["numIters"]))
    assert int(done["iterations"]) == expected.iterations
    assert close(float(done["finalCost"]), expected.costs[-1])
    assert close([float(done["finalW"]), float(done["finalB"])], [expected.w_path[-1, 0], expected.b_path[-1]])
    assert done["diverged"] == str(expected.diverged).lower()
    assert root.locator("[aria-live]").inner_text().startswith("After ")

    # A larger alpha, typed into its number box: same answer as lab_utils.
    alpha_box = root.locator(f"#{root.get_attribute('id')}-alpha-number")
    alpha_box.fill("30")
    root.get_by_role("button", name="Run gradient descent").click()
    page.wait_for_function("r => r.dataset.running === 'false' && r.dataset.finalCost", arg=root.element_handle())
    done = state(root)
    expected = run_descent(X, y, [w], b, 30.0, int(done["numIters"]))
    assert float(done["alpha"]) == 30.0
    assert done["diverged"] == str(expected.diverged).lower()
    assert int(done["iterations"]) == expected.iterations
    assert not log.problems(), "\n".join(log.problems())
    page.close()


@pytest.mark.parametrize("docname", EXPLORER_PAGES["learning-rate"])
def test_learning_rate_reports_convergence_and_divergence(docname, open_page, problem):
    page, log, root = open_explorer(open_page, docname, "learning-rate")
    rid = root.get_attribute("id")
    start = state(root)
    expected = run_descent(problem.X["raw"], problem.y, np.zeros(2), 0.0, 1e-5, 500)
    assert start["scaling"] == "raw" and start["diverged"] == "false"
    assert close(float(start["finalCost"]), expected.costs[-1])

    # Raw features, alpha up one step on the slider (1e-5 -> 10^-4.5), then another (1e-4): divergence.
    before = figure_markup(root)
    alpha = root.locator(f"#{rid}-alpha")
    alpha.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    now = state(root)
    assert float(now["alpha"]) == pytest.approx(1e-4, rel=1e-12)
    expected = run_descent(problem.X["raw"], problem.y, np.zeros(2), 0.0, float(now["alpha"]), 500)
    assert expected.diverged
    assert now["diverged"] == "true" and int(now["iterations"]) == expected.iterations
    assert close(float(now["finalCost"]), expected.costs[-1])
    readout = root.locator("[aria-live]")
    assert "Diverged" in readout.inner_text() or "Not converging" in readout.inner_text()
    assert readout.locator(".lx-alert").count() == 1, "divergence is shown as an alert"
    assert figure_markup(root) != before

    # Exactly as many iterations as that run did: lab_utils, run again, says the same.
    diverged_after = expected.iterations
    iterations = root.locator(f"#{rid}-iters-number")
    iterations.fill(str(diverged_after))
    now = state(root)
    expected = run_descent(problem.X["raw"], problem.y, np.zeros(2), 0.0, 1e-4, diverged_after)
    assert int(now["iterations"]) == expected.iterations and now["diverged"] == str(expected.diverged).lower()
    assert close(float(now["finalCost"]), expected.costs[-1])
    iterations.fill("500")

    # z-score scaling (keyboard on the select), alpha = 1 typed in: converges close to the minimum.
    root.locator(f"#{rid}-scaling").select_option("z-score")
    root.locator(f"#{rid}-alpha-number").fill("1")
    now = state(root)
    assert now["scaling"] == "z-score" and float(now["alpha"]) == 1.0
    expected = run_descent(problem.X["z-score"], problem.y, np.zeros(2), 0.0, 1.0, 500)
    assert now["diverged"] == "false" and not expected.diverged
    assert close(float(now["finalCost"]), expected.costs[-1])
    assert close([float(now["finalW1"]), float(now["finalW2"]), float(now["finalB"])],
                 [*expected.w_path[-1], expected.b_path[-1]])
    # Fewer iterations, with the iterations slider's keyboard (500 -> 490).
    root.locator(f"#{rid}-iters").focus()
    page.keyboard.press("ArrowLeft")
    now = state(root)
    expected = run_descent(problem.X["z-score"], problem.y, np.zeros(2), 0.0, 1.0, 490)
    assert int(now["numIters"]) == 490 == int(now["iterations"])
    assert close(float(now["finalCost"]), expected.costs[-1])
    assert not log.problems(), "\n".join(log.problems())
    page.close()


@pytest.mark.parametrize("docname", EXPLORER_PAGES["sigmoid"])
def test_sigmoid_with_keyboard_and_mouse(docname, open_page):
    page, log, root = open_explorer(open_page, docname, "sigmoid")
    slider = root.locator("input[type='range']")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    now = state(root)
    z = float(now["z"])
    assert z == pytest.approx(1.2, abs=1e-9)
    assert close(float(now["sigma"]), float(sigmoid(z)), 1e-12)
    assert close(float(now["slope"]), float(sigmoid_derivative(z)), 1e-12)
    before = figure_markup(root)
    figure = root.locator("svg").first
    box = figure.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    now = state(root)
    z = float(now["z"])
    assert z < 0, f"clicking left of the middle should choose a negative z: {now}"
    assert close(float(now["slope"]), float(sigmoid_derivative(z)), 1e-12)
    assert figure_markup(root) != before
    assert f"z = {z:.3g}" in root.locator("[aria-live]").inner_text()
    assert not log.problems(), "\n".join(log.problems())
    page.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize(("name", "docname"), ALL_PAGES)
def test_explorer_is_accessible_after_use(name, docname, mode, open_page, axe_source):
    """axe-core on the explorer itself, in both colour modes, after its figure changed."""
    page, log, root = open_explorer(open_page, docname, name, mode=mode)
    root.locator("input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")
    if name == "cost-surface":
        root.get_by_role("button", name="Run gradient descent").click()
        page.wait_for_function("r => r.dataset.running === 'false'", arg=root.element_handle())
    violations = sitecheck.run_axe(page, axe_source, include=[f"#{root.get_attribute('id')}"])
    assert not violations, "\n  ".join(sitecheck.describe_violations(violations))
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def test_every_page_weighs_at_most_400_kib(site, site_page, open_page, base_url):
    page, _ = open_page(site_page.path)
    weight = sitecheck.page_weight(site, site_page, page.evaluate(sitecheck.PAGE_FILES_JS), base_url)
    page.close()
    assert weight["total"] <= sitecheck.PAGE_WEIGHT_LIMIT, (
        f"{site_page.path} weighs {weight['total'] / 1024:.0f} KiB (limit 400): {json.dumps(weight)}")
