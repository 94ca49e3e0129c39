"""Speed of mini-batch gradient descent: one epoch against one iteration of batch descent.

Prints, on this machine, for m = 100 000 examples and n = 50 features, the time
of one epoch of ``minibatch_gradient_descent`` with ``batch_size = m`` and
``batch_size = 256`` against one iteration of ``gradient_descent``. An epoch
evaluates every example's gradient once, as an iteration does, so the ratio
measures overhead: it should be near 1 for ``batch_size = m`` and stay below
2 for ``batch_size = 256`` (391 updates, each a separate call, plus the
shuffle).

Figures are printed, never asserted: timings vary from machine to machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import make_data  # noqa: E402

from lab_utils import gradient_descent, minibatch_gradient_descent  # noqa: E402


def _seconds(func):
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def epoch_versus_iteration(m=100_000, n=50, epochs=10, batch_sizes=(None, 256), rounds=5):
    """Median seconds per iteration of gradient_descent and per epoch of each batch size.

    The runs are interleaved round by round, so a slow spell of the machine hits all alike.

    Returns
    -------
    per_iteration : float
    per_epoch : dict of int to float
    ratios : dict of int to float
        Median over the rounds of (epoch time / iteration time).
    """
    X, y = make_data(m, n)
    w = np.full(n, 0.01)
    sizes = [m if size is None else size for size in batch_sizes]
    gradient_descent(X, y, w, 0.0, 0.1, 2, verbose=False)  # warm up
    iteration, epoch, ratio = [], {s: [] for s in sizes}, {s: [] for s in sizes}
    for _ in range(rounds):
        per_iteration = _seconds(lambda: gradient_descent(X, y, w, 0.0, 0.1, epochs, verbose=False)) / epochs
        iteration.append(per_iteration)
        for size in sizes:
            per_epoch = _seconds(lambda size=size: minibatch_gradient_descent(
                X, y, w, 0.0, 0.01, epochs, size, verbose=False)) / epochs
            epoch[size].append(per_epoch)
            ratio[size].append(per_epoch / per_iteration)
    return (statistics.median(iteration), {s: statistics.median(t) for s, t in epoch.items()},
            {s: statistics.median(r) for s, r in ratio.items()})


def main():
    """Print the mini-batch speed figures."""
    m, n = 100_000, 50
    per_iteration, per_epoch, ratios = epoch_versus_iteration(m, n)
    print(f"minibatch_gradient_descent per epoch vs gradient_descent per iteration, m={m}, n={n} "
          "(medians of 5 interleaved rounds of 10)")
    print(f"  gradient_descent           {per_iteration * 1e3:8.2f} ms per iteration")
    for size, seconds in per_epoch.items():
        target = "near 1" if size == m else "below 2"
        print(f"  batch_size={size:<6d}          {seconds * 1e3:8.2f} ms per epoch   "
              f"ratio {ratios[size]:5.2f}  (target {target})")


if __name__ == "__main__":
    main()
