"""Measuring mini-batch noise, learning-rate schedules and momentum.

Three questions, each answered with numbers:

* How noisy is a mini-batch gradient? :func:`batch_gradient_variance` draws
  batches the way an epoch does and measures ``E ||g_B - g||²`` against the
  batch size ``B``, next to the exact value for sampling without replacement.
* Does the average over an epoch's batches recover the full gradient?
  :func:`epoch_gradient_average` computes it.
* What does the mini-batch explorer show? :func:`explorer_observations`
  measures the chapter's statements about it on the explorer's own runs.
* How fast do plain descent and momentum converge near the optimum?
  :func:`momentum_settings` derives the best fixed step, the best heavy-ball
  settings and their predicted rates from the Hessian at the optimum;
  :func:`momentum_table` measures both from ``w = 0`` for each scaling, and
  :func:`eigen_errors` splits the error into the Hessian's eigen-directions.

Everything is deterministic (seeded) and no function prints or warns.

Used by ``chapters/minibatch_momentum.md`` and ``labs/minibatch_momentum_lab.ipynb``;
the chapter's figures are drawn by :mod:`lab_utils.figures.minibatch_momentum`.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from lab_utils.cost import compute_cost_logistic
from lab_utils.descent import DescentMonitor, DivergenceWarning
from lab_utils.display import markdown_table, number_text
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.minibatch import heavy_ball_step, minibatch_gradient_descent, run_minibatch_gradient_descent
from lab_utils.newton import fit_newton, hessian_logistic
from lab_utils.scaling import SCALINGS, scale_features
from lab_utils.validation import validate_count, validate_data, validate_problem

__all__ = [
    "MomentumSettings",
    "batch_gradient_variance",
    "eigen_errors",
    "epoch_gradient_average",
    "explorer_observations",
    "format_momentum_table",
    "full_batch_run",
    "momentum_settings",
    "momentum_table",
    "per_example_spread",
    "quadratic_model_errors",
    "sgd_histories",
    "tail_rates",
]


def _flat(dj_db, dj_dw):
    """One gradient as a vector: the weights' components, then the bias's."""
    return np.append(dj_dw, dj_db)


def per_example_spread(X, y, w, b):
    """``s² = (1/m) Σ_i ||g_i - g||²``: how far single examples' gradients scatter around the full one.

    Each ``g_i`` is :func:`lab_utils.compute_gradient_logistic` on example
    ``i`` alone (a batch of one); ``g`` is the full gradient, their average.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float

    Returns
    -------
    float
    """
    X, y, w, b = validate_problem(X, y, w, b, soft_labels=False)
    full = _flat(*compute_gradient_logistic(X, y, w, b))
    singles = np.array([_flat(*compute_gradient_logistic(X[i:i + 1], y[i:i + 1], w, b))
                        for i in range(X.shape[0])])
    return float(np.mean(np.sum((singles - full) ** 2, axis=1)))


def batch_gradient_variance(X, y, w, b, batch_sizes, num_epochs=200, seed=0):
    """The mean squared distance of a mini-batch gradient from the full gradient, per batch size.

    Batches are drawn as :func:`lab_utils.minibatch_gradient_descent` draws
    them: a random order of the examples, cut into consecutive batches; only
    full batches of ``B`` examples are counted. Every example is then equally
    likely in every batch, so ``E[g_B] = g`` and, for sampling without
    replacement,

    .. math:: E\\,\\|g_B - g\\|^2 = \\frac{s^2}{B}\\,\\frac{m - B}{m - 1}

    with ``s²`` from :func:`per_example_spread`: ``s²/B`` for ``B ≪ m``, and 0
    for ``B = m``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
        Where the gradients are evaluated.
    b : float
    batch_sizes : sequence of int
        Each between 1 and m.
    num_epochs : int, default=200
        Random orders drawn per batch size.
    seed : int, default=0

    Returns
    -------
    list of dict
        One per batch size: ``batch_size``, ``draws`` (batches measured),
        ``measured`` (the average of ``||g_B - g||²``), ``predicted`` (the
        formula above), ``bias`` (the norm of the average of ``g_B - g``)
        and ``spread`` (``s²``).
    """
    X, y, w, b = validate_problem(X, y, w, b, soft_labels=False)
    m = X.shape[0]
    num_epochs = validate_count(num_epochs, "num_epochs")
    full = _flat(*compute_gradient_logistic(X, y, w, b))
    spread = per_example_spread(X, y, w, b)
    rng = np.random.default_rng(seed)
    rows = []
    for size in batch_sizes:
        size = validate_count(size, "batch size")
        if size > m:
            raise ValueError(f"batch size {size} is larger than m={m}")
        deviations = []
        for _ in range(num_epochs):
            order = rng.permutation(m)
            for start in range(0, m - size + 1, size):
                batch = order[start:start + size]
                deviations.append(_flat(*compute_gradient_logistic(X[batch], y[batch], w, b)) - full)
        deviations = np.array(deviations)
        rows.append({
            "batch_size": size,
            "draws": len(deviations),
            "measured": float(np.mean(np.sum(deviations ** 2, axis=1))),
            "predicted": spread / size * (m - size) / (m - 1) if m > 1 else 0.0,
            "bias": float(np.linalg.norm(deviations.mean(axis=0))),
            "spread": spread,
        })
    return rows


def epoch_gradient_average(X, y, w, b, batch_size, seed=0):
    """One epoch's batch gradients, averaged with weights (batch size / m), against the full gradient.

    All gradients are taken at the same ``(w, b)``. Because the batches
    partition the examples, ``Σ_k (B_k / m) g_k`` is the full gradient exactly
    (up to rounding), whatever the order; with equal batches it is the plain
    mean of the ``g_k``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    w : array_like of shape (n,)
    b : float
    batch_size : int
    seed : int, default=0

    Returns
    -------
    weighted_mean : ndarray of shape (n + 1,)
        Weights' components first, then the bias's.
    full : ndarray of shape (n + 1,)
    """
    X, y, w, b = validate_problem(X, y, w, b, soft_labels=False)
    m = X.shape[0]
    batch_size = validate_count(batch_size, "batch_size")
    order = np.random.default_rng(seed).permutation(m)
    total = np.zeros(X.shape[1] + 1)
    for start in range(0, m, batch_size):
        batch = order[start:start + batch_size]
        total += len(batch) / m * _flat(*compute_gradient_logistic(X[batch], y[batch], w, b))
    return total, _flat(*compute_gradient_logistic(X, y, w, b))


def sgd_histories(X, y, runs, num_epochs, seed=0):
    """The full-data cost at the start and after every epoch, for several settings.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    runs : dict of str to dict
        Label to keyword arguments of :func:`lab_utils.minibatch_gradient_descent`
        (``alpha`` and ``batch_size`` at least; ``schedule``, ``momentum``...).
    num_epochs : int
    seed : int, default=0

    Returns
    -------
    dict of str to ndarray of shape (num_epochs + 1,)
        Shorter when a run diverged.
    """
    X, y = validate_data(X, y)
    start = compute_cost_logistic(X, y, np.zeros(X.shape[1]), 0.0)
    histories = {}
    for label, settings in runs.items():
        settings = dict(settings)
        alpha, batch_size = settings.pop("alpha"), settings.pop("batch_size")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)
            _, _, history = minibatch_gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_epochs,
                                                       batch_size, seed=seed, verbose=False, **settings)
        histories[label] = np.array([start, *history])
    return histories


def _polished_optimum(X, y, steps=3):
    """:func:`~lab_utils.newton.fit_newton`'s optimum, refined to rounding level.

    ``fit_newton`` stops once the gradient is below 1e-10 in z-scored units,
    which can leave ``θ*`` off by 1e-7 along a flat direction: too coarse to
    measure descent's error against. Up to ``steps`` full Newton steps in the
    units of ``X`` are taken, and the point with the smallest gradient kept.
    """
    w, b = fit_newton(X, y)

    def size(w, b):
        dj_db, dj_dw = compute_gradient_logistic(X, y, w, b)
        return max(abs(dj_db), float(np.max(np.abs(dj_dw)))), np.append(dj_dw, dj_db)

    best, gradient = size(w, b)
    for _ in range(steps):
        step = np.linalg.solve(hessian_logistic(X, w, b), gradient)
        w_new, b_new = w - step[:-1], b - float(step[-1])
        new, gradient_new = size(w_new, b_new)
        if not new < best:
            break
        w, b, best, gradient = w_new, b_new, new, gradient_new
    return w, b


class MomentumSettings(NamedTuple):
    """The best constant settings for the quadratic model of the cost at its optimum.

    With ``μ = λ_min`` and ``L = λ_max`` of the Hessian at the optimum and
    ``κ = L / μ``: plain descent with ``alpha_gd = 2 / (μ + L)`` contracts the
    error by ``rate_gd = (κ - 1) / (κ + 1)`` per step; the heavy ball with
    ``alpha_hb = 4 / (√L + √μ)²`` and ``beta = ((√κ - 1) / (√κ + 1))²`` by
    ``rate_hb = (√κ - 1) / (√κ + 1)``.
    """

    theta_star: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    kappa: float
    alpha_gd: float
    rate_gd: float
    alpha_hb: float
    beta: float
    rate_hb: float


def momentum_settings(X, y):
    """Best fixed step, best heavy-ball settings and their rates, from the Hessian at the optimum.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)

    Returns
    -------
    MomentumSettings
        ``theta_star`` is ``(w*, b*)`` as one vector (bias last), from
        :func:`lab_utils.newton.fit_newton`, polished by up to three
        full Newton steps in the features' own units.
    """
    X, y = validate_data(X, y)
    w_star, b_star = _polished_optimum(X, y)
    eigenvalues, eigenvectors = np.linalg.eigh(hessian_logistic(X, w_star, b_star))
    mu, L = float(eigenvalues[0]), float(eigenvalues[-1])
    kappa = L / mu
    root = math.sqrt(kappa)
    return MomentumSettings(
        theta_star=np.append(w_star, b_star),
        eigenvalues=eigenvalues,
        eigenvectors=eigenvectors,
        kappa=kappa,
        alpha_gd=2.0 / (mu + L),
        rate_gd=(kappa - 1) / (kappa + 1),
        alpha_hb=4.0 / (math.sqrt(L) + math.sqrt(mu)) ** 2,
        beta=((root - 1) / (root + 1)) ** 2,
        rate_hb=(root - 1) / (root + 1),
    )


def full_batch_run(X, y, alpha, momentum, num_iters):
    """Full-batch descent (an epoch is one step) from ``w = 0, b = 0``, quietly.

    Momentum's cost may rise for many steps in a row while it still
    converges, so ``gradient_descent``'s rise rule is switched off here; a
    run counts as diverged when its cost became infinite or ended above its
    starting value.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float
    momentum : float
    num_iters : int

    Returns
    -------
    costs : ndarray
        The cost at the start and after every step.
    thetas : ndarray of shape (len(costs), n + 1)
        ``(w, b)`` at the same points, bias last.
    diverged : bool
    """
    X, y = validate_data(X, y)
    m, n = X.shape
    num_iters = validate_count(num_iters, "num_iters")
    run = run_minibatch_gradient_descent(X, y, np.zeros(n), 0.0, alpha, num_iters, m, momentum=momentum,
                                         monitor=DescentMonitor(patience=num_iters + 1), record_path=True)
    costs = np.array([run.start_cost, *run.J_history])
    thetas = np.array([np.append(w, b) for w, b in run.path])
    diverged = run.diverged
    return costs, thetas, diverged


def eigen_errors(thetas, settings):
    """The error ``θ_k - θ*`` in the eigen-directions of the Hessian at the optimum.

    Parameters
    ----------
    thetas : array_like of shape (k, n + 1)
        Iterates, bias last (from :func:`full_batch_run`).
    settings : MomentumSettings

    Returns
    -------
    ndarray of shape (k, n + 1)
        Column ``j`` is the error's component along the eigenvector of the
        ``j``-th smallest eigenvalue.
    """
    errors = np.asarray(thetas, dtype=float) - settings.theta_star
    return errors @ settings.eigenvectors


def quadratic_model_errors(settings, theta_start, alpha, beta, num_iters):
    """Descent on the quadratic model at the optimum, in the eigen-directions of its Hessian.

    On ``J* + ½ eᵀ H e`` (``e = θ - θ*``) the gradient is ``H e``, so along
    eigenvector ``j`` the error and its velocity evolve on their own:
    ``v := beta v - alpha λ_j e``, ``e := e + v``. This is the model whose
    rates :class:`MomentumSettings` gives.

    Parameters
    ----------
    settings : MomentumSettings
    theta_start : array_like of shape (n + 1,)
        Starting point ``(w, b)``, bias last; velocity 0.
    alpha, beta : float
    num_iters : int

    Returns
    -------
    ndarray of shape (num_iters + 1, n + 1)
        The error along each eigenvector (ascending eigenvalues), like
        :func:`eigen_errors`.
    """
    num_iters = validate_count(num_iters, "num_iters")
    e = (np.asarray(theta_start, dtype=float) - settings.theta_star) @ settings.eigenvectors
    v = np.zeros_like(e)
    errors = [e]
    for _ in range(num_iters):
        e, v = heavy_ball_step(e, v, settings.eigenvalues * e, alpha, beta)
        errors.append(e)
    return np.array(errors)


def tail_rates(errors, last=40):
    """Average contraction per step of each column of ``errors`` over the last ``last`` steps.

    Parameters
    ----------
    errors : array_like of shape (k, d)
    last : int, default=40

    Returns
    -------
    ndarray of shape (d,)
        ``(|e_k| / |e_{k - last}|) ** (1 / last)`` per column; for an
        oscillating error this is its average rate, not a step's.
    """
    errors = np.abs(np.asarray(errors, dtype=float))
    return (errors[-1] / errors[-1 - last]) ** (1.0 / last)


def _first_at_or_below(gaps, tol):
    hits = np.nonzero(gaps <= tol)[0]
    return int(hits[0]) if hits.size else None


def _measured_rate(thetas, theta_star, window=(1e-7, 1e-3)):
    """Geometric-mean contraction per step of ``||θ_k - θ*||`` while it lies inside ``window``."""
    error = np.linalg.norm(np.asarray(thetas) - theta_star, axis=1)
    inside = np.nonzero((error > window[0]) & (error < window[1]))[0]
    if inside.size < 2 or inside[-1] == inside[0]:
        return None
    first, last = inside[0], inside[-1]
    return float((error[last] / error[first]) ** (1.0 / (last - first)))


def momentum_table(X, y, tols=(1e-4, 1e-10), max_iters=20_000, methods=SCALINGS):
    """Plain descent at ``2/(μ+L)`` against the heavy ball at its best settings, per scaling.

    Both start from ``w = 0, b = 0`` on the real logistic cost, with the
    settings that :func:`momentum_settings` derives from the Hessian at the
    optimum, and are counted in iterations until ``J - J* <= tol``. The
    measured rate is the average contraction of ``||θ_k - θ*||`` per step
    while that error lies between 1e-7 and 1e-3, where the quadratic model
    holds; it is compared with the predicted one.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Raw features.
    y : array_like of shape (m,)
    tols : sequence of float, default=(1e-4, 1e-10)
    max_iters : int, default=20_000
    methods : sequence of str, default=SCALINGS

    Returns
    -------
    list of dict
        One per method with ``method``, ``settings`` (:class:`MomentumSettings`)
        and, for ``"gd"`` and ``"hb"``, a dict with ``iterations`` (one entry
        per tolerance, None when not reached), ``gap`` (``J - J*`` at the
        end), ``rate`` (measured, None when the error never entered the
        window) and ``diverged``; plus ``tols`` and ``max_iters``.
    """
    X, y = validate_data(X, y)
    rows = []
    for method in methods:
        X_scaled = scale_features(X, method)[0]
        settings = momentum_settings(X_scaled, y)
        cost_star = compute_cost_logistic(X_scaled, y, settings.theta_star[:-1], settings.theta_star[-1])
        row = {"method": method, "settings": settings, "tols": tuple(tols), "max_iters": max_iters}
        for key, alpha, beta in (("gd", settings.alpha_gd, 0.0), ("hb", settings.alpha_hb, settings.beta)):
            costs, thetas, diverged = full_batch_run(X_scaled, y, alpha, beta, max_iters)
            gaps = costs - cost_star
            row[key] = {
                "iterations": [_first_at_or_below(gaps, tol) for tol in tols],
                "gap": float(gaps[-1]),
                "rate": None if diverged else _measured_rate(thetas, settings.theta_star),
                "diverged": diverged,
            }
        rows.append(row)
    return rows


def format_momentum_table(rows, previous=None):
    """Render :func:`momentum_table` rows as a Markdown table.

    Columns: the scaling, ``κ`` at the optimum, then for plain descent and for
    momentum the predicted and measured rates and the iterations until
    ``J - J*`` reaches each tolerance.

    Parameters
    ----------
    rows : list of dict
    previous : dict of str to str, optional
        Method to a cell for the last column (for example chapter 4's
        iterations at the largest stable learning rate).

    Returns
    -------
    str
    """
    tols = rows[0]["tols"]
    cap = rows[0]["max_iters"]
    targets = " / ".join(number_text(tol, 1).replace("1 × ", "") for tol in tols)

    def iterations(run):
        if run["diverged"]:
            return "does not converge"
        return " / ".join(f"{k:,}" if k is not None else f"> {cap:,}" for k in run["iterations"])

    def rate(predicted, run):
        measured = "–" if run["rate"] is None else f"{run['rate']:.4f}"
        return f"{predicted:.4f} / {measured}"

    header = ["features", "κ", "descent: rate, predicted / measured", f"descent: iterations to {targets}",
              "momentum: rate, predicted / measured", f"momentum: iterations to {targets}"]
    align = "lrrrrr"
    if previous is not None:
        header.append("chapter 4: iterations to 10⁻⁴")
        align += "r"
    body = []
    for row in rows:
        s = row["settings"]
        cells = [row["method"], number_text(s.kappa), rate(s.rate_gd, row["gd"]), iterations(row["gd"]),
                 rate(s.rate_hb, row["hb"]), iterations(row["hb"])]
        if previous is not None:
            cells.append(previous.get(row["method"], "–"))
        body.append(cells)
    return markdown_table(header, body, align=align)


def explorer_observations(problem, alphas, alpha=0.5, batch_size=16, momentum=0.9):
    """What the chapter says about the mini-batch explorer, measured on the explorer's own runs.

    Parameters
    ----------
    problem : lab_utils.explorers.minibatch.MinibatchProblem
        Its ``run(batch_size, alpha, momentum)`` (None for all examples) gives ``J - J*``
        after every epoch and whether the run diverged.
    alphas : sequence of float
        The learning rates of the explorer's slider, smallest first.
    alpha : float, default=0.5
        Learning rate of the comparison of momentum with and without noise.
    batch_size : int, default=16
        The mini-batch of that comparison.
    momentum : float, default=0.9

    Returns
    -------
    dict
        ``gap_all_0`` and ``gap_all_9``: ``J - J*`` after the last epoch of batch descent at
        ``alpha`` without and with ``momentum``; ``gap_16_0``, ``gap_16_9``: the same for
        ``batch_size``; ``sgd_diverges_0`` and ``sgd_diverges_9``: the smallest of ``alphas``
        at which batch size 1 diverges without and with ``momentum`` (None if none does);
        ``batch_at_0`` and ``batch_at_9``: whether batch descent diverges at that alpha.
    """
    out = {}
    for name, beta in (("0", 0.0), ("9", momentum)):
        out[f"gap_all_{name}"] = float(problem.run(None, alpha, beta).gaps[-1])
        out[f"gap_16_{name}"] = float(problem.run(batch_size, alpha, beta).gaps[-1])
        first = next((float(a) for a in alphas if problem.run(1, a, beta).diverged), None)
        out[f"sgd_diverges_{name}"] = first
        out[f"batch_at_{name}"] = None if first is None else bool(problem.run(None, first, beta).diverged)
    return out
