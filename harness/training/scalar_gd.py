"""Plain gradient descent on low-dimensional formulas, in float64 numpy, many starts at once.

The course's first section runs gradient descent by hand on formulas (f(x) = 3x^2 - 3x + 4,
cos(2 pi x) + x^2, sin(x) exp(-0.05 x^2), the "peaks" surface). Claims about those loops compute
the iterates here, so every such claim uses the same update:

    x_{t+1} = x_t - lr_t * grad(x_t)        (ascent: x_{t+1} = x_t + lr_t * grad(x_t))

``x`` is an array of starts: shape (S,) for 1-D formulas or (S, D) for D-D ones, all updated at once.
``lr`` is a number, an array broadcast against the starts (one rate per start), or a callable
``lr(t, x, g) -> rate`` (a schedule: by step, by the current point, by the current gradient).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

Rate = Union[float, np.ndarray, Callable[[int, np.ndarray, np.ndarray], np.ndarray]]


@dataclass
class Trajectory:
    x: np.ndarray        # (steps + 1, *start shape): x[0] are the starts
    grad: np.ndarray     # (steps, *start shape): gradient used at each step
    lr: np.ndarray       # (steps, ...): rate used at each step (broadcast shape)

    @property
    def final(self) -> np.ndarray:
        return self.x[-1]


def _rate(lr: Rate, t: int, x: np.ndarray, g: np.ndarray) -> np.ndarray:
    if callable(lr):
        return np.asarray(lr(t, x, g), dtype=np.float64)
    return np.asarray(lr, dtype=np.float64)


def descend(grad: Callable[[np.ndarray], np.ndarray], x0, lr: Rate, steps: int, *,
            ascent: bool = False, per_coordinate_rate: bool = False) -> Trajectory:
    """Run `steps` updates from every start in `x0` and keep the whole trajectory.

    For (S, D) starts a per-start rate array of shape (S,) is broadcast over the D coordinates
    unless ``per_coordinate_rate`` is set.
    """
    x = np.array(x0, dtype=np.float64, copy=True)
    sign = 1.0 if ascent else -1.0
    xs, gs, rates = [x.copy()], [], []
    with np.errstate(over="ignore", invalid="ignore"):      # diverging runs are data, not errors
        for t in range(int(steps)):
            g = np.asarray(grad(x), dtype=np.float64)
            r = _rate(lr, t, x, g)
            step_r = r[..., None] if (x.ndim == 2 and r.ndim == 1 and not per_coordinate_rate) else r
            x = x + sign * step_r * g
            xs.append(x.copy())
            gs.append(g)
            rates.append(r.copy())
    x_arr = np.stack(xs)
    g_arr = np.stack(gs) if gs else np.zeros((0, *x.shape))
    r_arr = np.stack(rates) if rates else np.zeros((0,))
    return Trajectory(x=x_arr, grad=g_arr, lr=r_arr)


def descend_until(grad: Callable[[np.ndarray], np.ndarray], x0: float, lr: float, *,
                  threshold: float, max_steps: int) -> tuple[float, int]:
    """One start, stop when |grad| < threshold (checked before each step) or after max_steps.

    Returns (final x, number of steps taken); steps == max_steps means the cap stopped it.
    """
    x = float(x0)
    for t in range(int(max_steps)):
        g = float(grad(np.asarray(x)))
        if abs(g) < threshold:
            return x, t
        x = x - lr * g
    return x, int(max_steps)


# ---------------------------------------------------------------------------- the course's formulas
def quadratic(x):
    """f(x) = 3x^2 - 3x + 4 (section "Overview of gradient descent"); minimum at x = 0.5, f = 3.25."""
    return 3 * x ** 2 - 3 * x + 4


def quadratic_grad(x):
    return 6 * x - 3


def cos_bowl(x):
    """f(x) = cos(2 pi x) + x^2 ("CodeChallenge: unfortunate starting value")."""
    return np.cos(2 * np.pi * x) + x ** 2


def cos_bowl_grad(x):
    return -2 * np.pi * np.sin(2 * np.pi * x) + 2 * x


def sin_gauss(x):
    """f(x) = sin(x) exp(-0.05 x^2) ("Parametric experiments on g.d.")."""
    return np.sin(x) * np.exp(-0.05 * x ** 2)


def sin_gauss_grad(x):
    return np.cos(x) * np.exp(-0.05 * x ** 2) - 0.1 * x * np.sin(x) * np.exp(-0.05 * x ** 2)


def peaks(xy):
    """MATLAB's peaks surface, as in DUDL_GradientDescent_2D; xy (..., 2)."""
    x, y = xy[..., 0], xy[..., 1]
    return (3 * (1 - x) ** 2 * np.exp(-x ** 2 - (y + 1) ** 2)
            - 10 * (x / 5 - x ** 3 - y ** 5) * np.exp(-x ** 2 - y ** 2)
            - 1 / 3 * np.exp(-(x + 1) ** 2 - y ** 2))


def peaks_grad(xy):
    """Hand-derived partial derivatives of `peaks` (d/dx, d/dy), shape (..., 2)."""
    x, y = xy[..., 0], xy[..., 1]
    e1 = np.exp(-x ** 2 - (y + 1) ** 2)
    e2 = np.exp(-x ** 2 - y ** 2)
    e3 = np.exp(-(x + 1) ** 2 - y ** 2)
    p = x / 5 - x ** 3 - y ** 5
    dx = (-6 * (1 - x) * e1 + 3 * (1 - x) ** 2 * e1 * (-2 * x)
          - 10 * (1 / 5 - 3 * x ** 2) * e2 - 10 * p * e2 * (-2 * x)
          - 1 / 3 * e3 * (-2 * (x + 1)))
    dy = (3 * (1 - x) ** 2 * e1 * (-2 * (y + 1))
          - 10 * (-5 * y ** 4) * e2 - 10 * p * e2 * (-2 * y)
          - 1 / 3 * e3 * (-2 * y))
    return np.stack([dx, dy], axis=-1)
