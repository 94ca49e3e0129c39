"""The one kernel of the logistic-regression maths: loss, gradient and Hessian from the logits.

Every solver and every figure of :mod:`lab_utils` computes the log loss, its L2
term, its gradient and its Hessian here, so that a change to a formula reaches
all of them at once (the design of scikit-learn's ``LinearModelLoss`` in
``sklearn/linear_model/_linear_loss.py``). The public functions built on it are
:func:`lab_utils.compute_cost_logistic`, :func:`lab_utils.compute_gradient_logistic`,
:func:`lab_utils.gradient_descent`, :func:`lab_utils.newton.hessian_logistic`,
:func:`lab_utils.newton.newton_method` and the cost grids of the figures and explorers.
Only :mod:`lab_utils.loops` keeps its own loop versions, on purpose: they are the
code learners write.

Everything here takes arrays that are already validated (see
:mod:`lab_utils.validation`) and works on the logits ``z = X @ w + b``, which a
caller computes once and reuses. Functions that run inside the descent loop
take their work space as explicit arguments (``e``, ``error``, ``scratch``: float
arrays of ``m`` entries, see :class:`Workspace`), so a loop allocates nothing.
A caller that passes buffers also owns numpy's error state: underflow of
``exp(-|z|)`` to 0 is harmless and expected.

With ``f = sigmoid(z)``, for one example with label ``y``:

* log loss ``log(1 + e^z) - y z`` (the softplus minus ``y z``, never ``log 0``);
* its slope with respect to ``z``, ``f - y``;
* its curvature with respect to ``z``, ``f (1 - f)``;

and for the cost of ``m`` examples, with the L2 term :func:`l2_penalty`,
``J = mean(loss) + lambda / (2 m) * w . w``.
"""

from __future__ import annotations

import numpy as np

from lab_utils.activation import _exp_neg_abs, _sigmoid_of_array, _softplus_of_array, _softplus_sum

__all__ = [
    "Workspace",
    "cost_from_logits",
    "gradient_from_logits",
    "hessian_from_curvature",
    "hessian_from_logits",
    "l2_gradient",
    "l2_hessian",
    "l2_penalty",
    "log_loss_curvature",
    "log_loss_from_logits",
    "mean_log_loss_from_logits",
    "squared_error_curvature",
    "squared_error_from_logits",
    "with_bias_column",
]


class Workspace:
    """Work arrays for a loop that evaluates the cost and gradient of ``m`` examples.

    Allocating fresh arrays of ``m`` floats at every iteration costs page
    faults that, for large ``m``, rival the arithmetic itself; a loop creates
    one workspace and passes its arrays to :func:`cost_from_logits` and
    :func:`gradient_from_logits`.

    Parameters
    ----------
    m : int
        Number of examples.

    Attributes
    ----------
    z, e, error, scratch : ndarray of shape (m,)
        Logits, ``exp(-|z|)``, the prediction errors ``f - y`` and scratch space.
    """

    __slots__ = ("z", "e", "error", "scratch")

    def __init__(self, m):
        self.z, self.e, self.error, self.scratch = (np.empty(m) for _ in range(4))

    def logits(self, X, w, b):
        """Fill :attr:`z` with ``X @ w + b`` and :attr:`e` with ``exp(-|z|)``; return ``z``."""
        np.matmul(X, w, out=self.z)
        self.z += b
        _exp_neg_abs(self.z, out=self.e)
        return self.z


def l2_penalty(w, lambda_, m):
    """The L2 term of the cost, ``lambda_ / (2 m) * w . w`` (the bias is not penalised).

    Parameters
    ----------
    w : ndarray of shape (n,)
    lambda_ : float
    m : int
        Number of examples.

    Returns
    -------
    float
        Exactly 0 when ``lambda_`` is 0, even where ``w . w`` overflows (no ``0 * inf = nan``).
    """
    if lambda_ == 0:
        return 0.0
    return lambda_ / (2 * m) * float(w @ w)


def l2_gradient(dj_dw, w, lambda_, m):
    """Add the L2 term's gradient ``(lambda_ / m) * w`` to ``dj_dw`` in place (nothing for 0).

    Parameters
    ----------
    dj_dw : ndarray of shape (n,)
        Overwritten.
    w : ndarray of shape (n,)
    lambda_ : float
    m : int

    Returns
    -------
    ndarray
        ``dj_dw``.
    """
    if lambda_:
        dj_dw += (lambda_ / m) * w
    return dj_dw


def log_loss_from_logits(z, y, exp_neg_abs_z=None):
    """Per-example log loss ``log(1 + exp(z)) - y z``, from the logits.

    The loss ``-y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z))`` simplifies to
    the softplus of ``z`` minus ``y z``, which never overflows and never takes
    ``log(0)``: a positive example with ``z = -1000`` costs exactly 1000.

    Parameters
    ----------
    z : ndarray
        Logits, finite.
    y : ndarray
        Labels (0 or 1), broadcastable against ``z``.
    exp_neg_abs_z : ndarray, optional
        ``exp(-|z|)``, when the caller has already computed it.

    Returns
    -------
    ndarray
        The loss of every example (each >= 0), shaped like ``z``.
    """
    return _softplus_of_array(z, exp_neg_abs_z) - y * z


def mean_log_loss_from_logits(z, y, exp_neg_abs_z=None, scratch=None):
    """Mean of :func:`log_loss_from_logits` over ``m`` examples, in few passes.

    Parameters
    ----------
    z : ndarray of shape (m,)
    y : ndarray of shape (m,)
    exp_neg_abs_z : ndarray of shape (m,), optional
    scratch : ndarray of shape (m,), optional
        Work space (overwritten).

    Returns
    -------
    float
    """
    return (_softplus_sum(z, exp_neg_abs_z, scratch) - float(y @ z)) / z.shape[0]


def cost_from_logits(z, y, w, lambda_=0.0, exp_neg_abs_z=None, scratch=None):
    """The cost ``J = mean(loss) + l2_penalty`` from the logits ``z = X @ w + b``.

    Parameters
    ----------
    z : ndarray of shape (m,)
    y : ndarray of shape (m,)
    w : ndarray of shape (n,)
    lambda_ : float, default=0.0
    exp_neg_abs_z, scratch : ndarray of shape (m,), optional
        ``exp(-|z|)`` when already known, and work space.

    Returns
    -------
    float
    """
    return mean_log_loss_from_logits(z, y, exp_neg_abs_z, scratch) + l2_penalty(w, lambda_, z.shape[0])


def gradient_from_logits(X, y, w, z, lambda_=0.0, exp_neg_abs_z=None, error=None, scratch=None):
    """Gradient of the cost from the logits ``z = X @ w + b``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    w : ndarray of shape (n,)
    z : ndarray of shape (m,)
    lambda_ : float, default=0.0
    exp_neg_abs_z : ndarray of shape (m,), optional
        ``exp(-|z|)``, when already known.
    error, scratch : ndarray of shape (m,), optional
        Work space: ``error`` receives ``f - y``.

    Returns
    -------
    dj_db : float
    dj_dw : ndarray of shape (n,)
        A new array.
    """
    m = X.shape[0]
    error = _sigmoid_of_array(z, exp_neg_abs_z, out=error, scratch=scratch)
    error -= y
    dj_dw = X.T @ error
    dj_dw /= m
    return float(np.add.reduce(error)) / m, l2_gradient(dj_dw, w, lambda_, m)


def log_loss_curvature(z, f=None):
    """Second derivative of one example's log loss with respect to its logit, ``f (1 - f)``.

    Parameters
    ----------
    z : ndarray
    f : ndarray, optional
        ``sigmoid(z)``, when the caller already has it.

    Returns
    -------
    ndarray
        Positive for every finite ``z``, at most 1/4 (at ``z = 0``).
    """
    f = _sigmoid_of_array(z) if f is None else f
    with np.errstate(under="ignore"):
        return f * (1.0 - f)


def squared_error_from_logits(z, y):
    """Per-example squared error of a sigmoid model, ``(sigmoid(z) - y) ** 2 / 2``.

    Not what logistic regression uses: the chapters compare it with the log loss.

    Parameters
    ----------
    z, y : ndarray, broadcastable

    Returns
    -------
    ndarray
    """
    return 0.5 * (_sigmoid_of_array(z) - y) ** 2


def squared_error_curvature(z, y):
    """Second derivative of :func:`squared_error_from_logits` with respect to ``z``.

    ``f (1 - f) [f (1 - f) + (f - y)(1 - 2 f)]``, negative when the example is
    confidently wrong (``f < 1/3`` for ``y = 1``, ``f > 2/3`` for ``y = 0``).

    Parameters
    ----------
    z, y : ndarray, broadcastable

    Returns
    -------
    ndarray
    """
    f = _sigmoid_of_array(z)
    with np.errstate(under="ignore"):
        slope = f * (1.0 - f)
        return slope * (slope + (f - y) * (1.0 - 2.0 * f))


def with_bias_column(X):
    """``[X, 1]``: the features with a column of ones for the bias, shape (m, n + 1)."""
    return np.hstack([X, np.ones((X.shape[0], 1))])


def hessian_from_curvature(X, curvature):
    """Hessian ``X1.T @ diag(c) @ X1 / m`` of a mean of per-example losses of ``z``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    curvature : ndarray of shape (m,) or (..., m)
        Each example's second derivative ``c`` with respect to its logit; a
        stack of them (one per grid point) gives a stack of Hessians.

    Returns
    -------
    ndarray of shape (n + 1, n + 1) or (..., n + 1, n + 1)
        With respect to ``(w_0, ..., w_{n-1}, b)``, the bias last.
    """
    X1 = with_bias_column(X)
    if np.ndim(curvature) == 1:
        return X1.T @ (X1 * curvature[:, None]) / X.shape[0]
    return np.einsum("...i,ij,ik->...jk", curvature, X1, X1) / X.shape[0]


def l2_hessian(H, lambda_, m):
    """Add the L2 term's curvature, ``lambda_ / m`` on the weights' diagonal, to ``H`` in place.

    The bias (last row and column) is not penalised, so its diagonal entry is
    left alone.

    Parameters
    ----------
    H : ndarray of shape (n + 1, n + 1)
    lambda_ : float
    m : int

    Returns
    -------
    ndarray
        ``H`` itself.
    """
    if lambda_:
        n = H.shape[0] - 1
        H[np.arange(n), np.arange(n)] += lambda_ / m
    return H


def hessian_from_logits(X, z, lambda_=0.0):
    """Hessian of the cost with respect to ``(w, b)``, given ``z = X @ w + b``.

    The labels do not appear: the curvature of the log loss depends only on the
    predictions. The L2 term adds ``lambda_ / m`` to the diagonal of the
    weights (see :func:`l2_hessian`).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    z : ndarray of shape (m,)
    lambda_ : float, default=0.0

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
    """
    return l2_hessian(hessian_from_curvature(X, log_loss_curvature(z)), lambda_, X.shape[0])
