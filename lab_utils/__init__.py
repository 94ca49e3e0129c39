"""Shared code for the course *Gradient Descent for Logistic Regression*.

Importing the package changes no global state. Notebooks call
:func:`use_course_style` once to opt in to the course's plot style and stable
number printing.
"""

from lab_utils.activation import log_one_plus_exp, sigmoid, sigmoid_derivative
from lab_utils.cost import compute_cost_logistic
from lab_utils.datasets import load_breast_cancer_data, load_tumor_data, load_two_feature_data
from lab_utils.descent import DivergenceWarning, StopReason, gradient_descent, run_gradient_descent
from lab_utils.display import fmt
from lab_utils.gradient import compute_gradient_logistic
from lab_utils.loops import compute_cost_logistic_loop, compute_gradient_logistic_loop
from lab_utils.minibatch import minibatch_gradient_descent
from lab_utils.plotting import (
    data_limits,
    draw_vthresh,
    plot_data,
    plot_decision_boundary,
    plt_prob,
    plt_tumor_data,
)
from lab_utils.predict import predict, predict_proba
from lab_utils.regularization import compute_cost_logistic_reg, compute_gradient_logistic_reg, map_feature
from lab_utils.scaling import apply_scaling, minmax_scale_features, zscore_normalize_features
from lab_utils.style import COLORS, use_course_style

#: Colour names of the original labs, mapped to the course's colour-blind-safe palette.
dlc = {
    "dlblue": COLORS["blue"],
    "dlorange": COLORS["orange"],
    "dldarkred": COLORS["vermillion"],
    "dlmagenta": COLORS["purple"],
    "dlpurple": COLORS["purple"],
    "dldarkblue": COLORS["black"],
}

__all__ = [
    "COLORS",
    "DivergenceWarning",
    "StopReason",
    "apply_scaling",
    "compute_cost_logistic",
    "compute_cost_logistic_loop",
    "compute_cost_logistic_reg",
    "compute_gradient_logistic",
    "compute_gradient_logistic_loop",
    "compute_gradient_logistic_reg",
    "data_limits",
    "dlc",
    "draw_vthresh",
    "fmt",
    "gradient_descent",
    "load_breast_cancer_data",
    "load_tumor_data",
    "load_two_feature_data",
    "log_one_plus_exp",
    "map_feature",
    "minibatch_gradient_descent",
    "minmax_scale_features",
    "plot_data",
    "plot_decision_boundary",
    "plt_prob",
    "plt_tumor_data",
    "predict",
    "predict_proba",
    "run_gradient_descent",
    "sigmoid",
    "sigmoid_derivative",
    "use_course_style",
    "zscore_normalize_features",
]

__version__ = "0.1.0"
