"""Tests for lab_utils.figures.minibatch_momentum: what each figure draws, labelled axes, refused input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lab_utils.figures.minibatch_momentum import eigen_decay_figure, epoch_cost_figure, gradient_variance_figure
from lab_utils.newton import fit_newton
from lab_utils.studies.minibatch_momentum import (
    batch_gradient_variance,
    eigen_errors,
    full_batch_run,
    momentum_settings,
)


def _labelled(fig):
    for ax in fig.axes:
        assert ax.get_xlabel().strip()
    assert fig.axes[0].get_ylabel().strip()


def test_figures_draw_and_label(cancer_zscored):
    X, y = cancer_zscored
    w, b = fit_newton(X, y)
    rows = batch_gradient_variance(X, y, w, b, [1, 8, 64], num_epochs=5)
    fig = gradient_variance_figure(rows)
    _labelled(fig)
    assert len(fig.axes[0].lines) == 3
    plt.close(fig)
    fig = epoch_cost_figure({"a": [0.7, 0.3, 0.2], "b": [0.7, 0.4, 0.35]}, 0.1)
    _labelled(fig)
    plt.close(fig)
    s = momentum_settings(X, y)
    _, thetas, _ = full_batch_run(X, y, s.alpha_gd, 0.0, 20)
    errors = eigen_errors(thetas, s)
    fig = eigen_decay_figure([[errors, errors], [errors, errors]], [s.rate_gd, s.rate_gd], s.eigenvalues,
                             ["a", "b"], row_labels=["top", "bottom"])
    assert len(fig.axes) == 4 and len(fig.axes[0].lines) == len(s.eigenvalues) + 1
    assert all(ax.get_xlabel() for ax in fig.axes[2:]) and fig.axes[2].get_ylabel().startswith("bottom")
    plt.close(fig)


def test_variance_figure_refuses_zero_variance(cancer_zscored):
    X, y = cancer_zscored
    rows = batch_gradient_variance(X, y, np.zeros(4), 0.0, [len(y)], num_epochs=2)
    with pytest.raises(ValueError, match="B = m"):
        gradient_variance_figure(rows)
