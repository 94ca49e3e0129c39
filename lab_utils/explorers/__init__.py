"""Interactive explorers for the labs (ipywidgets), with static fallbacks for the website.

Each ``show_*`` function displays the live widget (for a running kernel) and,
below it, a static picture and (for the descent explorers) a recorded
animation, which is what the website shows: it has no kernel.

>>> from lab_utils.explorers import show_cost_explorer
>>> show_cost_explorer()  # doctest: +SKIP
"""

from lab_utils.explorers.cost_surface import CostSurfaceExplorer, CostSurfaceState, show_cost_explorer
from lab_utils.explorers.learning_rate import (
    LearningRateExplorer,
    LearningRateState,
    show_learning_rate_explorer,
)
from lab_utils.explorers.minibatch import MinibatchExplorer, MinibatchState, show_minibatch_explorer
from lab_utils.explorers.sigmoid import SigmoidExplorer, SigmoidState, show_sigmoid_explorer

__all__ = [
    "CostSurfaceExplorer",
    "CostSurfaceState",
    "LearningRateExplorer",
    "LearningRateState",
    "MinibatchExplorer",
    "MinibatchState",
    "SigmoidExplorer",
    "SigmoidState",
    "show_cost_explorer",
    "show_learning_rate_explorer",
    "show_minibatch_explorer",
    "show_sigmoid_explorer",
]
