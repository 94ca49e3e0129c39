"""Redraw times of the interactive explorers (lab_utils.explorers).

A redraw is everything that happens after a control changes: the new state,
the artists updated, the figure rendered to PNG and handed to the output
widget, and the HTML readout. The budget is 50 ms (median) per redraw.

For the learning-rate explorer, a change of alpha or scaling also runs gradient
descent (up to 1,000 iterations on 569 examples); that computation is printed
separately from the redraw that follows it.

Figures are printed, never asserted: timings vary from machine to machine (and
with whatever else the machine is doing).
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from lab_utils.explorers.base import run_descent  # noqa: E402
from lab_utils.scaling import SCALINGS  # noqa: E402

BUDGET_MS = 50.0


def timed(actions):
    """Wall time in ms of each call in ``actions``."""
    times = []
    for action in actions:
        start = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - start))
    return times


def report(label, times):
    """Print median and 90th percentile of ``times`` (ms) against the budget."""
    median = statistics.median(times)
    p90 = float(np.percentile(times, 90))
    verdict = "within" if median < BUDGET_MS else "OVER"
    print(f"  {label:<58} median {median:6.1f} ms   p90 {p90:6.1f} ms   "
          f"({len(times)} redraws, {verdict} the {BUDGET_MS:.0f} ms budget)")


def setter(control, value):
    """A function that sets ``control.value`` to ``value``."""
    return lambda: setattr(control, "value", value)


def bench_cost_surface():
    from lab_utils.explorers import CostSurfaceExplorer

    explorer = CostSurfaceExplorer()
    w = explorer.controls["w"]
    b = explorer.controls["b"]
    moves = [setter(w, round(v, 1)) for v in np.linspace(-2.5, 7.5, 41)]
    moves += [setter(b, round(v, 1)) for v in np.linspace(-18, 6, 41)]
    report("cost surface: w and b sliders", timed(moves))
    explorer.controls["run"].click()
    report("cost surface: after a run, moving w (clears the path)", timed(moves[:20]))
    report("cost surface: 'Run gradient descent' (1000 iterations + redraw)",
           timed([explorer.controls["run"].click] * 10))
    s = explorer.state
    compute = timed([lambda: run_descent(explorer.view.X, explorer.view.y, [s.w], s.b, s.alpha,
                                         s.num_iters)] * 10)
    print(f"  {'  of which gradient descent alone':<58} median {statistics.median(compute):6.1f} ms")


def bench_learning_rate():
    from lab_utils.explorers import LearningRateExplorer

    explorer = LearningRateExplorer()
    c = explorer.controls
    c["scaling"].value = "z-score"
    alphas = [10.0 ** e for e in np.arange(-3, 1.5, 0.5)]
    first = timed([setter(c["alpha"], a) for a in alphas])
    again = timed([setter(c["alpha"], a) for a in alphas[::-1]] * 3)  # runs remembered: redraw only
    iterations = timed([setter(c["num_iters"], n) for n in range(100, 1001, 20)])
    scalings = timed([setter(c["scaling"], s) for s in SCALINGS * 4][3:])
    report("learning rate: alpha, descent already run (redraw only)", again)
    report("learning rate: iterations slider (prefix of a run + redraw)", iterations)
    report("learning rate: alpha, new descent (compute + redraw)", first)
    problem = explorer.problem
    compute = timed([lambda a=a: run_descent(problem.X["z-score"], problem.y, np.zeros(2), 0.0, a, 500)
                     for a in alphas])
    print(f"  {'  of which gradient descent alone (500 iterations)':<58} "
          f"median {statistics.median(compute):6.1f} ms")
    report("learning rate: scaling switch (full draw on a first visit only)", scalings)


def bench_sigmoid():
    from lab_utils.explorers import SigmoidExplorer

    explorer = SigmoidExplorer()
    z = explorer.controls["z"]
    report("sigmoid: z slider", timed([setter(z, round(v, 1)) for v in np.linspace(-7.5, 7.5, 81)]))


def main():
    """Print median redraw times of each explorer."""
    bench_cost_surface()
    bench_learning_rate()
    bench_sigmoid()


if __name__ == "__main__":
    main()
