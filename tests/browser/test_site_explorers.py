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
from lab_utils.descent import StopReason
from lab_utils.explorers import minibatch as mb
from lab_utils.explorers.base import run_descent
from lab_utils.explorers.learning_rate import ScalingProblem
from lab_utils.minibatch import epoch_orders, run_minibatch_gradient_descent
from lab_utils.studies.regularization import circles_split, degree_curve, fit_regularized, lambda_curve, poly_features

RTOL = 1e-9
# Where each explorer is taught: its chapter and its lab.
EXPLORER_PAGES = {
    "cost-surface": ["chapters/cost_vs_gradient", "labs/gradient_derivation_lab"],
    "learning-rate": ["chapters/feature_scaling", "labs/feature_scaling_lab"],
    "minibatch": ["chapters/minibatch_momentum", "labs/minibatch_momentum_lab"],
    "regularization": ["chapters/regularization", "labs/regularization_lab"],
    "sigmoid": ["chapters/sigmoid_derivative", "labs/sigmoid_derivative_lab"],
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


PAGE_COST_AND_GRADIENT_JS = """([X, y, w, b]) => { const M = CourseExplorers.maths;
    const p = M.problem(X, y);
    return {cost: M.cost(p, w, b), grad: M.gradient(p, w, b)}; }"""
PAGE_DESCENT_JS = """([X, y, w, b, alpha, iters]) => { const M = CourseExplorers.maths;
    const r = M.descent(M.problem(X, y), w, b, alpha, iters);
    return {w: Array.from(r.w), b: Array.from(r.b), costs: Array.from(r.costs), stop: r.stop,
            iterations: r.iterations}; }"""


def assert_page_cost_and_gradient_match(page, X, y, w, b):
    """The page's cost and gradient at (w, b) agree with lab_utils to RTOL."""
    js = page.evaluate(PAGE_COST_AND_GRADIENT_JS, [np.asarray(X).tolist(), np.asarray(y).tolist(), list(w), b])
    db, dw = compute_gradient_logistic(X, y, np.asarray(w), b)
    assert close(js["cost"], compute_cost_logistic(X, y, np.asarray(w), b)), (w, b)
    assert close([js["grad"]["db"], *js["grad"]["dw"]], [db, *dw]), (w, b)


def assert_page_descent_matches(page, X, y, w0, b0, alpha, iters):
    """The page's descent agrees with lab_utils: same stop, same number of steps, path and costs to RTOL."""
    js = page.evaluate(PAGE_DESCENT_JS, [np.asarray(X).tolist(), np.asarray(y).tolist(), list(w0), b0, alpha, iters])
    run = run_gradient_descent(X, y, np.array(w0, dtype=float), b0, alpha, iters, record_path=True)
    stops = {StopReason.MAX_ITERATIONS: "done", StopReason.NOT_FINITE: "infinite",
             StopReason.KEPT_RISING: "rose", StopReason.ABOVE_START: "above-start"}
    assert js["stop"] == stops[run.stop_reason], (alpha, js["stop"], run.stop_reason)
    steps = len(run.J_history)
    assert js["iterations"] == steps and len(js["b"]) == steps + 1
    assert close(js["costs"], [run.start_cost, *run.J_history])
    assert close(np.reshape(js["w"], (steps + 1, -1)), [w for w, _ in run.path])
    assert close(js["b"][1:], [b for _, b in run.path][1:])


def test_maths_in_the_page_matches_lab_utils(open_page, problem):
    page, log, root = open_explorer(open_page, "chapters/cost_vs_gradient", "cost-surface")
    x, y = load_tumor_data()
    X = x.reshape(-1, 1)
    for w, b in [(-1.0, 4.0), (2.5, -7.3), (7.9, -19.9)]:
        assert_page_cost_and_gradient_match(page, X, y, [w], b)
    assert_page_descent_matches(page, X, y, [-1.0], 4.0, 1.0, 1000)
    for scaling, alpha in [("z-score", 1.0), ("min-max", 3.0)]:
        assert_page_descent_matches(page, problem.X[scaling], problem.y, [0.0, 0.0], 0.0, alpha, 1000)
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def test_maths_in_the_page_matches_lab_utils_on_many_examples_and_at_the_extremes(open_page, problem):
    """Cases the page's sum of the losses (a log per block of 512 products) could get wrong.

    Thousands of examples (several blocks and a partial last one), costs far below 1 (factors
    1 + exp(-|z|) within 1e-3 of 1), costs in the thousands, and a step so long that the
    cost overflows: lab_utils stops there as not finite, and so must the page.
    """
    page, log, root = open_explorer(open_page, "chapters/cost_vs_gradient", "cost-surface")
    rng = np.random.default_rng(12)
    m = 5000
    X = rng.normal(size=(m, 3))
    w_true = np.array([1.5, -2.0, 0.7])
    y = (X @ w_true + 0.3 + rng.normal(size=m) > 0).astype(float)
    for scale in [0.0, 1.0, 8.0, 300.0]:  # J from log 2 to about 1e2 (the last one wrong with confidence)
        assert_page_cost_and_gradient_match(page, X, y, scale * w_true, 0.3 * scale)
    assert_page_descent_matches(page, X, y, [0.0, 0.0, 0.0], 0.0, 2.0, 300)

    # Well separated classes: with w = [8, 0], J is about 1e-4 and every factor is close to 1.
    separated = rng.normal(size=(m, 2))
    labels = (separated[:, 0] > 0).astype(float)
    separated[:, 0] += np.where(labels == 1, 1.0, -1.0)
    assert compute_cost_logistic(separated, labels, np.array([8.0, 0.0]), 0.0) < 1e-3
    assert_page_cost_and_gradient_match(page, separated, labels, [8.0, 0.0], 0.0)
    assert_page_descent_matches(page, separated, labels, [5.0, 0.0], 0.0, 1.0, 200)

    # Raw features and an absurd alpha: the first step overflows; both stop with nothing kept.
    assert_page_descent_matches(page, problem.X["raw"], problem.y, [0.0, 0.0], 0.0, 1e306, 100)
    nan_cost = page.evaluate(
        "() => { const M = CourseExplorers.maths; return M.cost(M.problem([[1], [2]], [0, 1]), [NaN], 0); }")
    assert nan_cost is None or np.isnan(nan_cost), "a NaN weight must give a NaN cost, never a number"
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def test_page_exp_agrees_with_numpy_exp(open_page):
    """maths.js' exp for x <= 0 (tables and a polynomial): within 3 * 2^-52 relative of numpy's exp.

    Points spread over [-708, 0], dense near 0, at every table entry and the two ends of its
    interval for ten powers of two from 2^0 to 2^-1021, and the edges: exactly 1 at 0 and -0,
    Math.exp's own value below -708 and above 0, 0 at -Infinity, NaN for NaN.
    """
    page, log, _ = open_explorer(open_page, "chapters/cost_vs_gradient", "cost-surface")
    table_size, lowest = page.evaluate("() => [CourseExplorers.maths.EXP_TABLE_SIZE, CourseExplorers.maths.EXP_LOWEST]")
    assert lowest == -708
    rng = np.random.default_rng(3)
    # every entry of the 2^(j / size) table, with powers of two 2^-k from the whole range
    k = np.array([0, 1, 2, 3, 10, 100, 500, 1000, 1020, 1021])
    steps = -np.log(2) / table_size * (table_size * k[:, None] + np.arange(table_size)).ravel()
    half = np.log(2) / (2 * table_size)  # the ends of each interval, where the polynomial is least accurate
    xs = np.concatenate([-rng.uniform(0, 708, 20000), -rng.exponential(1e-3, 2000), steps, steps + half, steps - half,
                         np.nextafter(steps, 0), [-708.0, -1e-300, -5e-324]])
    xs = xs[(xs >= -708) & (xs <= 0)]
    js = np.array(page.evaluate("xs => xs.map(CourseExplorers.maths.expNonPositive)", xs.tolist()))
    relative = np.abs(js - np.exp(xs)) / np.exp(xs)
    assert relative.max() <= 3 * np.finfo(float).eps, (relative.max() / np.finfo(float).eps, xs[relative.argmax()])
    edges = page.evaluate("""() => { const e = CourseExplorers.maths.expNonPositive;
        return [e(0), e(-0), e(-Infinity), e(-708.5), Math.exp(-708.5), e(-746), e(1), Math.exp(1),
                String(e(NaN))]; }""")
    assert edges[:3] == [1.0, 1.0, 0.0] and edges[3] == edges[4] and edges[5] == 0.0
    assert edges[6] == edges[7] and edges[8] == "NaN"
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
    box = sitecheck.settled_box(momentum)
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
    before = figure_markup(root)
    box = sitecheck.settled_box(point)
    frame = contour.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
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
    # More iterations than any run so far (490 -> 1000, typed): the run is extended, not redone.
    root.locator(f"#{rid}-iters-number").fill("1000")
    now = state(root)
    expected = run_descent(problem.X["z-score"], problem.y, np.zeros(2), 0.0, 1.0, 1000)
    assert int(now["numIters"]) == 1000 == int(now["iterations"])
    assert close(float(now["finalCost"]), expected.costs[-1])
    assert close([float(now["finalW1"]), float(now["finalW2"]), float(now["finalB"])],
                 [*expected.w_path[-1], expected.b_path[-1]])
    assert not log.problems(), "\n".join(log.problems())
    page.close()


PAGE_EXTEND_JS = """([X, y, alpha, first, last]) => { const M = CourseExplorers.maths;
    const p = M.problem(X, y);
    const whole = M.descent(p, [0, 0], 0, alpha, last);
    const extended = M.extend(p, M.descent(p, [0, 0], 0, alpha, first), last);
    const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    return {stop: whole.stop, iterations: whole.iterations,
            same: same(whole.w, extended.w) && same(whole.b, extended.b) && same(whole.costs, extended.costs)
              && ["stop", "iterations", "numIters", "diverged"].every((key) => whole[key] === extended[key])}; }"""


def test_an_extended_run_in_the_page_is_the_run_itself_bit_for_bit(open_page, problem):
    """maths.extend(descent(..., first), last) is descent(..., last): the learning-rate explorer relies on it."""
    page, log, root = open_explorer(open_page, "chapters/feature_scaling", "learning-rate")
    stops = set()
    for scaling, alpha in [("z-score", 1.0), ("min-max", 3.0), ("raw", 1e-5), ("raw", 1e-4), ("raw", 1e306)]:
        X = problem.X[scaling].tolist()
        for first in (1, 37, 500, 1000):
            result = page.evaluate(PAGE_EXTEND_JS, [X, problem.y.tolist(), alpha, first, 1000])
            assert result["same"], (scaling, alpha, first)
            stops.add(result["stop"])
    assert {"done", "infinite"} <= stops and len(stops) >= 3, stops  # converging, stopped and broken-down runs
    assert not log.problems(), "\n".join(log.problems())
    page.close()


def polyline_distances(points, vertices):
    """Distance from each of ``points`` (k, 2) to the polyline through ``vertices`` (v, 2)."""
    a, b = vertices[:-1], vertices[1:]
    ab = b - a
    length2 = np.maximum((ab**2).sum(axis=1), 1e-300)
    t = np.clip(((points[:, None, :] - a) * ab).sum(axis=2) / length2, 0, 1)
    nearest = a + t[:, :, None] * ab
    return np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)


def test_paths_leave_out_only_points_that_add_nothing_visible(open_page):
    """svg.pathData draws a settling path of 1001 points in far fewer, within 0.15 units of every point."""
    page, log, root = open_explorer(open_page, "chapters/cost_vs_gradient", "cost-surface")
    i = np.arange(1001)
    radius = 100 * 0.98**i  # a spiral that settles, as a descent does
    points = np.column_stack([150 + radius * np.cos(i / 5), 150 + radius * np.sin(i / 5)])
    d = page.evaluate("([xs, ys]) => CourseExplorers.svg.pathData(xs.length, (i) => xs[i], (i) => ys[i])",
                      [points[:, 0].tolist(), points[:, 1].tolist()])
    assert d.startswith("M") and d.count("M") == 1
    drawn = np.array([[float(v) for v in pair.split(",")] for pair in d[1:].split("L")])
    assert np.abs(drawn[0] - points[0]).max() <= 0.05 and np.abs(drawn[-1] - points[-1]).max() <= 0.05
    assert len(drawn) < len(points) / 2, f"{len(drawn)} points drawn of {len(points)}"
    # Left out: within 0.1 in x and y of a kept point (0.1 * sqrt(2)), plus rounding to 0.1 (0.05 * sqrt(2)).
    assert polyline_distances(points, drawn).max() <= 0.15 * np.sqrt(2) + 1e-9
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
    box = sitecheck.settled_box(figure)  # on screen, as for a reader, before clicking at a point of it
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    now = state(root)
    z = float(now["z"])
    assert z < 0, f"clicking left of the middle should choose a negative z: {now}"
    assert close(float(now["slope"]), float(sigmoid_derivative(z)), 1e-12)
    assert figure_markup(root) != before
    assert f"z = {z:.3g}" in root.locator("[aria-live]").inner_text()
    assert not log.problems(), "\n".join(log.problems())
    page.close()


FIT_IN_PAGE_JS = """([degree, lambdas]) => {
    const M = CourseExplorers.maths;
    const root = document.querySelector("[data-explorer='regularization']");
    const data = JSON.parse(root.querySelector("script.live-explorer-data").textContent);
    const rows = (t) => { const v = CourseExplorers.float64s(t);
        return Array.from({length: v.length / 2}, (_, i) => [v[2 * i], v[2 * i + 1]]); };
    const train = M.polynomialProblem(rows(data.X_train), Array.from(data.y_train, Number), data.scaling, degree);
    const val = M.polynomialProblem(rows(data.X_val), Array.from(data.y_val, Number), data.scaling, degree);
    return lambdas.map((lambda) => {
        const fit = M.newton(train, new Float64Array(train.n), 0, data.max_iters, data.tol, lambda);
        return {w: Array.from(fit.w), b: fit.b, iterations: fit.iterations, converged: fit.converged,
                train: M.scoreFit(train, fit.w, fit.b), val: M.scoreFit(val, fit.w, fit.b)};
    });
}"""


def check_fit_state(now, degree, lambda_):
    """The explorer's data-* state against the chapter's fit of ``degree`` and ``lambda_``."""
    (row,) = lambda_curve(*circles_split(), [lambda_], degree=degree)
    F_train, _ = poly_features(circles_split()[0], circles_split()[2], degree)
    fit = fit_regularized(F_train, circles_split()[1], lambda_)
    assert int(now["degree"]) == degree and float(now["lambda"]) == lambda_
    assert close(float(now["trainCost"]), row["train_cost"]) and close(float(now["validationCost"]), row["val_cost"])
    assert float(now["trainError"]) == row["train_error"] and float(now["validationError"]) == row["val_error"]
    assert int(now["iterations"]) == fit["iterations"] and now["converged"] == "true" == str(fit["converged"]).lower()


def test_regularization_fits_in_the_page_are_the_chapters(open_page):
    """Every fit the chapter quotes (degree 6 for each lambda, degrees 1 to 6 at lambda = 0), in the page."""
    page, log, root = open_explorer(open_page, "chapters/regularization", "regularization")
    X_train, y_train, X_val, y_val = circles_split()
    lambdas = np.logspace(-3, 4, 15)
    cases = [(6, lambda_curve(X_train, y_train, X_val, y_val, lambdas, degree=6))]
    cases += [(row["degree"], [row]) for row in degree_curve(X_train, y_train, X_val, y_val, range(1, 7), 0.0)]
    for degree, rows in cases:
        js = page.evaluate(FIT_IN_PAGE_JS, [degree, [row["lambda_"] for row in rows]])
        F_train, _ = poly_features(X_train, X_val, degree)
        for got, row in zip(js, rows):
            fit = fit_regularized(F_train, y_train, row["lambda_"])
            assert close(got["w"], row["w"]) and close(got["b"], row["b"]), (degree, row["lambda_"])
            assert close(got["train"]["cost"], row["train_cost"]) and close(got["val"]["cost"], row["val_cost"])
            assert got["train"]["error"] == row["train_error"] and got["val"]["error"] == row["val_error"]
            assert got["iterations"] == fit["iterations"] and got["converged"] == fit["converged"] is True
    # the boundary tracer: on a circle's grid, every end of every segment lies on the circle
    error = page.evaluate("""() => { const n = 41, r = 0.6, values = [];
        for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
            const x = -1 + 2 * i / (n - 1), y = -1 + 2 * j / (n - 1); values.push(x * x + y * y - r * r); }
        const s = CourseExplorers.svg.isoline(values, n, n, 0);
        let worst = 0;
        for (let k = 0; k < s.length; k += 2) { const x = -1 + 2 * s[k] / (n - 1), y = -1 + 2 * s[k + 1] / (n - 1);
            worst = Math.max(worst, Math.abs(Math.hypot(x, y) - r)); }
        return [s.length / 4, worst]; }""")
    assert error[0] > 40 and error[1] < 2e-3  # one closed curve, off by less than 1 / 25 of a grid step
    assert not log.problems(), "\n".join(log.problems())
    page.close()


@pytest.mark.parametrize("docname", EXPLORER_PAGES["regularization"])
def test_regularization_with_keyboard_and_mouse(docname, open_page):
    page, log, root = open_explorer(open_page, docname, "regularization")
    rid = root.get_attribute("id")
    check_fit_state(state(root), 6, 1.0)
    assert state(root)["showValidation"] == "false"
    boundary = root.locator("path.lx-thick")
    before = boundary.get_attribute("d")
    assert before.count("M") > 20, "the boundary is drawn"

    # Keyboard: lambda two steps up the grid (1 -> 10^0.5 -> 10), then the degree down (6 -> 5).
    root.locator(f"#{rid}-lambda").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    check_fit_state(state(root), 6, 10.0)
    assert boundary.get_attribute("d") != before, "the boundary did not move"
    root.locator(f"#{rid}-degree").focus()
    page.keyboard.press("ArrowLeft")
    check_fit_state(state(root), 5, 10.0)
    assert "Degree 5 (20 features)" in root.locator("[aria-live]").inner_text()

    # Mouse: the validation points' check box, then the degree slider's left end (degree 1).
    hidden = root.locator("g.lx-faint")
    assert not hidden.is_visible()
    root.get_by_label("show the 400 validation points").click()
    assert state(root)["showValidation"] == "true" and hidden.is_visible()
    slider = root.locator(f"#{rid}-degree")
    box = sitecheck.settled_box(slider)
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    check_fit_state(state(root), 1, 10.0)

    # lambda = 0 typed into its box, at degree 2: the chapter's table row.
    slider.focus()
    page.keyboard.press("ArrowRight")
    root.locator(f"#{rid}-lambda-number").fill("0")
    check_fit_state(state(root), 2, 0.0)
    assert float(root.locator(f"#{rid}-lambda").input_value()) == 0
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
