"""The explorers' live (JavaScript) form for the website: their data and the HTML that holds them.

On the website, which has no kernel, every explorer runs in the page: small
scripts (the course site's ``_static/explorers/``) compute the cost, the
gradient and gradient descent exactly as :mod:`lab_utils` does and draw them in
SVG. What they need from Python is written here, once, at build time:

* the data (the examples, the scalings, the slider ranges) and the contours of
  the cost, which are the contours of the notebook explorer's own figure;
* a root element ``<div class="live-explorer" data-explorer="NAME">`` holding that
  data as JSON and the explorer's static picture, with its alt text, for readers
  without JavaScript (and for Jupyter, which shows it without running scripts).

The same HTML is the stored output of the ``show_*`` functions in the labs and
what the course's Sphinx directive ``{live-explorer}`` writes into a chapter.
It is identical at every run: fixed element ids and data rounded only where the
drawing does not need more.

Adding an explorer: give it a ``live_name``, a function here that returns its
data (``_<name>_data(view, state)``) registered in :data:`LIVE_EXPLORERS`, and a
script ``_static/explorers/<name>.js`` that calls
``CourseExplorers.register("<name>", mount)``.
"""

from __future__ import annotations

import base64
import json
import re

import numpy as np

from lab_utils.rendering import figure_html

__all__ = ["LIVE_EXPLORERS", "contour_lines", "decimal_columns", "explorer_html", "float64_base64",
           "live_explorer_html", "order_checksum", "shown"]

#: Caption of the static picture inside a live explorer (hidden once its script runs).
FALLBACK_CAPTION = ("The explorer at its starting values. On the course website, with JavaScript, this "
                    "figure is live: move its controls in the page. In Jupyter, run the cell to get "
                    "the interactive widget.")
#: Significant digits kept of a number the figure only shows (a contour level, the minimum's cost and place):
#: numpy's exp, log and power may differ in the last bit between CPUs (its SIMD code paths), and a
#: lab's stored output must be the same on every machine that checks it.
SHOWN_DIGITS = 10
#: Contour coordinates are stored as integers: this many steps across the plot (0.05 px at 500 px).
CONTOUR_STEPS = 10_000


def float64_base64(values):
    """An array's values as little-endian float64 bytes in base64: exact, and about 11 characters a number.

    The page reads them back with ``CourseExplorers.float64s``.

    Parameters
    ----------
    values : array_like
        Flattened row by row.

    Returns
    -------
    str
    """
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def shown(value):
    """``value`` (a float or an array) rounded to :data:`SHOWN_DIGITS` significant digits, as floats or a list."""
    if np.ndim(value):
        return [shown(v) for v in np.asarray(value, dtype=float).tolist()]
    return float(f"{float(value):.{SHOWN_DIGITS}g}")


def _colour(rgba):
    """``#rrggbb`` of a matplotlib RGBA tuple."""
    return "#" + "".join(f"{round(255 * c):02x}" for c in rgba[:3])


def contour_lines(contour_set, extent):
    """The lines of a matplotlib contour plot, compact, for the live figure.

    Parameters
    ----------
    contour_set : matplotlib.contour.ContourSet
        The contours drawn by a notebook explorer's view.
    extent : (float, float, float, float)
        ``(x_min, x_max, y_min, y_max)`` of the plot.

    Returns
    -------
    list of dict
        One per level: ``level``, its colours ``light`` (from the contour plot's
        colour map) and ``dark`` (the same map, kept away from its darkest end,
        for a dark page), and ``lines``, each a flat list ``[x0, y0, x1, y1, ...]``
        of coordinates scaled to ``0 .. CONTOUR_STEPS`` across the extent.
    """
    x0, x1, y0, y1 = (float(v) for v in extent)
    cmap, norm = contour_set.cmap, contour_set.norm
    out = []
    for level, path in zip(contour_set.levels, contour_set.get_paths()):
        lines = []
        for polygon in path.to_polygons(closed_only=False):
            u = np.rint((polygon[:, 0] - x0) / (x1 - x0) * CONTOUR_STEPS).astype(int)
            v = np.rint((polygon[:, 1] - y0) / (y1 - y0) * CONTOUR_STEPS).astype(int)
            keep = np.ones(len(u), dtype=bool)
            keep[1:] = (np.diff(u) != 0) | (np.diff(v) != 0)
            if keep.sum() >= 2:
                lines.append(np.column_stack([u[keep], v[keep]]).ravel().tolist())
        t = float(norm(level))
        out.append({"level": shown(level), "light": _colour(cmap(0.9 * t)),
                    "dark": _colour(cmap(0.35 + 0.65 * t)), "lines": lines})
    return out


def _contour_set(ax):
    """The contour set drawn on ``ax`` (the first one)."""
    from matplotlib.contour import ContourSet

    return next(artist for artist in ax.collections if isinstance(artist, ContourSet))


#: Decimal places tried by :func:`decimal_columns`.
MAX_DECIMALS = 9


def decimal_columns(X):
    """The columns of ``X`` as integers and a number of decimal places each, exactly.

    Column ``j`` is ``ints[j][i] / 10**digits[j]``: division is correctly rounded,
    so the page gets back exactly the float that reading the decimal number gives,
    from JSON about a third shorter than the floats' own text ("1184" for 0.1184).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Values with at most ``MAX_DECIMALS`` decimal places (data read from a table).

    Returns
    -------
    dict
        ``digits`` (n ints) and ``ints`` (n lists of m ints).

    Raises
    ------
    ValueError
        If a column needs more than ``MAX_DECIMALS`` decimal places, or its
        integers would exceed 2**53 (JavaScript's exact integers).
    """
    X = np.asarray(X, dtype=float)
    digits, ints = [], []
    for j in range(X.shape[1]):
        for k in range(MAX_DECIMALS + 1):
            scaled = np.rint(X[:, j] * 10**k)
            if np.all(np.abs(scaled) < 2**53) and np.array_equal(scaled / 10**k, X[:, j]):
                digits.append(k)
                ints.append([int(v) for v in scaled])
                break
        else:
            raise ValueError(f"column {j} is not a decimal number with at most {MAX_DECIMALS} places in every row")
    return {"digits": digits, "ints": ints}


def order_checksum(orders):
    """``sum((t + 1) * orders.flat[t])``: one integer that changes when any entry of ``orders`` does.

    The mini-batch explorer's page draws the orders of its epochs with its own copy
    of numpy's generator (``_static/explorers/numpy-random.js``) and compares this
    sum, computed here from the orders numpy gives, before it uses them.

    Parameters
    ----------
    orders : ndarray of int
        Non-negative; below 2**53 in sum, so that JavaScript's numbers add it exactly.

    Returns
    -------
    int
    """
    flat = [int(v) for v in np.asarray(orders).ravel()]
    total = sum((t + 1) * v for t, v in enumerate(flat))
    if any(v < 0 for v in flat) or total >= 2**53:
        raise ValueError("order_checksum takes non-negative integers whose weighted sum is below 2**53")
    return total


def _plain_label(label):
    """An axis label without matplotlib's maths markup: ``$w_1$ (...)`` becomes ``w1 (...)``."""
    return re.sub(r"\$([a-z])_(\d)\$", r"\1\2", label).replace("$", "")


def _cost_surface_data(view, state):
    from lab_utils.explorers import cost_surface as cs

    extent = (*cs.W_RANGE, *cs.B_RANGE)
    return {
        "x": view.x.tolist(), "y": view.y.tolist(),
        "w_range": list(cs.W_RANGE), "b_range": list(cs.B_RANGE), "extent": list(extent),
        "cost_limits": list(cs.COST_LIMITS), "step": cs.SLIDER_STEP,
        "alpha_exponents": list(cs.ALPHA_EXPONENTS), "iters": list(cs.ITERATIONS),
        "contours": contour_lines(_contour_set(view.axes["contour"]), extent),
        "start": {"w": state.w, "b": state.b, "alpha": state.alpha, "num_iters": state.num_iters},
    }


def _learning_rate_data(view, state):
    from lab_utils.explorers import learning_rate as lr
    from lab_utils.scaling import minmax_scale_features, zscore_normalize_features

    problem = view.problem
    raw = problem.X["raw"]
    _, mu, sigma = zscore_normalize_features(raw)
    _, low, span = minmax_scale_features(raw)
    landscapes, labels = {}, {}
    for scaling in lr.SCALINGS:
        view._set_scaling(scaling)
        land = problem.landscape(scaling)
        extent = shown(land.extent)
        landscapes[scaling] = {"extent": extent, "w_best": shown(land.w_best),
                               "contours": contour_lines(view._contours, extent)}
        labels[scaling] = [_plain_label(problem.axis_label(j, scaling)) for j in (0, 1)]
    view.draw(state)
    return {
        "features": list(problem.names), "X": raw.tolist(), "y": problem.y.tolist(),
        # the scaled features are (X - shift) / scale, element by element, as in lab_utils.scaling
        "scalings": {"raw": None, "min-max": {"shift": low.tolist(), "scale": span.tolist()},
                     "z-score": {"shift": mu.tolist(), "scale": sigma.tolist()}},
        "landscapes": landscapes, "axis_labels": labels, "cost_star": shown(problem.cost_star),
        "linear_cost_top": lr.LINEAR_COST_TOP, "alpha_exponents": list(lr.ALPHA_EXPONENTS),
        "iters": [10, lr.MAX_ITERS, 10],
        "start": {"scaling": state.scaling, "alpha": state.alpha, "num_iters": state.num_iters},
    }


def _sigmoid_data(view, state):
    from lab_utils.explorers import sigmoid as sg

    return {"z_range": list(sg.Z_RANGE), "step": sg.SLIDER_STEP,
            "tangent_half_width": sg.TANGENT_HALF_WIDTH, "start": {"z": state.z}}


def _regularization_data(view, state):
    from lab_utils.explorers import regularization as rg
    from lab_utils.scaling import zscore_normalize_features
    from lab_utils.studies.regularization import fit_regularized

    problem = view.problem
    _, mu, sigma = zscore_normalize_features(problem.X_train)
    defaults = fit_regularized.__defaults__  # (tol, max_iters): the chapter fits with these
    return {
        # 550 points: as float64 bytes (exact, half the size of their JSON decimals) and labels as digits
        "X_train": float64_base64(problem.X_train), "y_train": "".join(map(str, problem.y_train.tolist())),
        "X_val": float64_base64(problem.X_val), "y_val": "".join(map(str, problem.y_val.tolist())),
        # the features are z-scored on the training set: (X - shift) / scale, as lab_utils.apply_scaling
        "scaling": {"shift": mu.tolist(), "scale": sigma.tolist()},
        "extent": list(problem.limits), "degrees": list(rg.DEGREES),
        "lambdas": shown(rg.lambda_grid()), "lambda_exponents": list(rg.LAMBDA_EXPONENTS),
        "tol": defaults[0], "max_iters": defaults[1],
        "start": {"degree": state.degree, "lambda": state.lambda_, "show_validation": state.show_validation},
    }


def _minibatch_data(view, state):
    from lab_utils.explorers import minibatch as mb
    from lab_utils.minibatch import epoch_orders

    problem = view.problem
    return {
        "features": list(problem.names), "columns": decimal_columns(problem.raw),
        "labels": "".join(str(int(v)) for v in problem.y),  # "0110...": a character per example
        # the page z-scores the features itself, (X - shift) / scale element by element, as lab_utils.scaling does
        "scaling": {"shift": problem.mu.tolist(), "scale": problem.sigma.tolist()},
        "cost_star": shown(problem.cost_star), "epochs": mb.EPOCHS, "seed": mb.SEED,
        # the page draws the epochs' orders itself, as numpy does, and checks them against this sum
        "order_checksum": order_checksum(epoch_orders(problem.m, mb.EPOCHS, mb.SEED)),
        "batch_sizes": [problem.batch(size) for size in mb.BATCH_SIZES],
        "gap_floor": mb.GAP_FLOOR, "gap_top": mb.GAP_TOP,
        "alpha_exponents": list(mb.ALPHA_EXPONENTS), "momentum_range": list(mb.MOMENTUM_RANGE),
        "start": {"batch_size": problem.batch(state.batch_size), "alpha": state.alpha, "momentum": state.momentum},
    }


def _cost_surface_parts(**state):
    from lab_utils.explorers.cost_surface import CostSurfaceState, CostSurfaceView

    return CostSurfaceView(), CostSurfaceState(**state)


def _learning_rate_parts(features=None, **state):
    from lab_utils.explorers.learning_rate import DEFAULT_FEATURES, LearningRateState, LearningRateView, ScalingProblem

    problem = ScalingProblem(features or DEFAULT_FEATURES)
    s = LearningRateState(**state)
    return LearningRateView(problem), problem.state(s.scaling, s.alpha, s.num_iters)


def _regularization_parts(**state):
    from lab_utils.explorers.regularization import RegularizationState, RegularizationView

    return RegularizationView(), RegularizationState(**state)


def _minibatch_parts(**state):
    from lab_utils.explorers.minibatch import MinibatchState, MinibatchView

    return MinibatchView(), MinibatchState(**state)


def _sigmoid_parts(**state):
    from lab_utils.explorers.sigmoid import SigmoidState, SigmoidView

    return SigmoidView(), SigmoidState(**state)


#: Each live explorer's name: (function building its view and state from keyword
#: arguments, function returning its data from the view and a state).
LIVE_EXPLORERS = {
    "cost-surface": (_cost_surface_parts, _cost_surface_data),
    "learning-rate": (_learning_rate_parts, _learning_rate_data),
    "minibatch": (_minibatch_parts, _minibatch_data),
    "sigmoid": (_sigmoid_parts, _sigmoid_data),
    "regularization": (_regularization_parts, _regularization_data),
}


def explorer_html(name, data, png, alt, element_id=None):
    """The root element of a live explorer: its data and its static picture.

    Parameters
    ----------
    name : str
        A key of :data:`LIVE_EXPLORERS` (the ``data-explorer`` attribute).
    data : dict
        What the explorer's script needs (JSON-serialisable).
    png : bytes
        The static picture, shown where scripts do not run.
    alt : str
        Its alt text.
    element_id : str, optional
        Id of the root element, unique on its page; ``live-<name>`` by default.

    Returns
    -------
    str
    """
    if name not in LIVE_EXPLORERS:
        raise ValueError(f"unknown live explorer {name!r}; known: {', '.join(LIVE_EXPLORERS)}")
    element_id = element_id or f"live-{name}"
    if not re.fullmatch(r"[A-Za-z][\w-]*", element_id):
        raise ValueError(f"element_id must be a letter followed by letters, digits, '_' or '-'; got {element_id!r}")
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    return (
        f'<div class="live-explorer" id="{element_id}" data-explorer="{name}">'
        f'<script type="application/json" class="live-explorer-data">{payload}</script>'
        f"{figure_html(png, alt, FALLBACK_CAPTION)}</div>"
    )


def live_explorer_html(name, element_id=None, **state):
    """The live explorer ``name`` at its starting state, ready to put in a page.

    Parameters
    ----------
    name : str
        A key of :data:`LIVE_EXPLORERS`: ``"cost-surface"``, ``"learning-rate"``, ``"minibatch"``,
        ``"regularization"``, ``"sigmoid"``.
    element_id : str, optional
        See :func:`explorer_html`.
    **state
        Starting values, as for the matching ``show_*`` function.

    Returns
    -------
    str
    """
    if name not in LIVE_EXPLORERS:
        raise ValueError(f"unknown live explorer {name!r}; known: {', '.join(LIVE_EXPLORERS)}")
    parts, data = LIVE_EXPLORERS[name]
    view, start = parts(**state)
    png = view.static_png(start)
    return explorer_html(name, data(view, start), png, view.alt_text(start), element_id)
