"""Speed of the vectorised maths, measured against what it cannot beat.

Prints, on this machine:

* gradient descent per iteration against its floor (two matrix-vector
  products and one ``np.exp`` over the examples), m = 100 000, n = 50;
* the vectorised gradient against the loop version, m = 10 000, n = 10.

Figures are printed, never asserted: timings vary from machine to machine.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from lab_utils import compute_gradient_logistic, compute_gradient_logistic_loop, gradient_descent


def median_seconds(func, repeats=7, number=1):
    """Median wall time of ``number`` calls of ``func``, over ``repeats`` runs."""
    func()  # warm up caches and lazy imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            func()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def make_data(m, n, seed=0):
    """A reproducible, roughly balanced classification problem."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = (X @ rng.normal(size=n) + rng.normal(size=m) > 0).astype(float)
    return X, y


def descent_versus_floor(m=100_000, n=50, iters=50, rounds=9):
    """Per-iteration time of gradient_descent and of its floor, in seconds.

    The two are measured in alternating rounds, so that a slow spell of the
    machine (another process, a frequency change) hits both alike; each is
    the median over the rounds, and so is their ratio.

    Returns
    -------
    per_iter, floor, ratio : float
    """
    X, y = make_data(m, n)
    w = np.full(n, 0.01)
    z = X @ w
    r = z - y

    def floor_once():
        return (median_seconds(lambda: X @ w, repeats=3, number=5)
                + median_seconds(lambda: X.T @ r, repeats=3, number=5)
                + median_seconds(lambda: np.exp(z), repeats=3, number=5))

    def descent_once():
        return median_seconds(lambda: gradient_descent(X, y, w, 0.0, 0.1, iters, verbose=False),
                              repeats=1) / iters

    floors, per_iters = [], []
    for _ in range(rounds):
        floors.append(floor_once())
        per_iters.append(descent_once())
    ratios = [p / f for p, f in zip(per_iters, floors)]
    return statistics.median(per_iters), statistics.median(floors), statistics.median(ratios)


def vectorised_versus_loop(m=10_000, n=10):
    """Time of one gradient evaluation, vectorised and looped, in seconds."""
    X, y = make_data(m, n, seed=1)
    w = np.zeros(n)
    fast = median_seconds(lambda: compute_gradient_logistic(X, y, w, 0.0), number=20)
    slow = median_seconds(lambda: compute_gradient_logistic_loop(X, y, w, 0.0), repeats=3)
    return fast, slow


def main():
    """Print the core speed figures."""
    per_iter, floor, ratio = descent_versus_floor()
    print("gradient_descent, m=100000, n=50 (per iteration; medians of 9 alternating rounds)")
    print(f"  measured {per_iter * 1e3:8.3f} ms   floor (2 matvec + 1 exp) {floor * 1e3:8.3f} ms   "
          f"ratio {ratio:5.2f}  (target <= 1.5)")
    fast, slow = vectorised_versus_loop()
    print("gradient, m=10000, n=10 (one evaluation)")
    print(f"  vectorised {fast * 1e3:8.3f} ms   loop {slow * 1e3:9.1f} ms   "
          f"speed-up {slow / fast:7.0f}x  (target >= 100x)")


if __name__ == "__main__":
    main()
