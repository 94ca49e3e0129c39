"""Interactive explorers for the labs (ipywidgets), with static fallbacks for the website.

Each ``show_*`` function displays one output: the widget, for a running kernel,
with the live JavaScript explorer (:mod:`lab_utils.explorers.live`) as its
fallback, which is what the website shows: it has no kernel.

>>> from lab_utils.explorers import show_cost_explorer
>>> show_cost_explorer()  # doctest: +SKIP
"""

from lab_utils.explorers.add_point import plt_one_addpt_onclick
from lab_utils.explorers.cost_surface import CostSurfaceExplorer, CostSurfaceState, show_cost_explorer
from lab_utils.explorers.learning_rate import (
    LearningRateExplorer,
    LearningRateState,
    show_learning_rate_explorer,
)
from lab_utils.explorers.minibatch import MinibatchExplorer, MinibatchState, show_minibatch_explorer
from lab_utils.explorers.overfit import overfit_example
from lab_utils.explorers.quad_logistic import plt_quad_logistic
from lab_utils.explorers.regularization import (
    RegularizationExplorer,
    RegularizationState,
    show_regularization_explorer,
)
from lab_utils.explorers.sigmoid import SigmoidExplorer, SigmoidState, show_sigmoid_explorer

__all__ = [
    "CostSurfaceExplorer",
    "CostSurfaceState",
    "LearningRateExplorer",
    "LearningRateState",
    "MinibatchExplorer",
    "MinibatchState",
    "RegularizationExplorer",
    "RegularizationState",
    "SigmoidExplorer",
    "SigmoidState",
    "overfit_example",
    "plt_one_addpt_onclick",
    "plt_quad_logistic",
    "show_cost_explorer",
    "show_learning_rate_explorer",
    "show_minibatch_explorer",
    "show_regularization_explorer",
    "show_sigmoid_explorer",
]
