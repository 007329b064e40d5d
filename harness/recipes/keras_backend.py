"""Real Keras 3 on the torch backend, for claims about what Keras does.

Keras facts (defaults, parameter counts, padding, validation_split) are tested against Keras
itself, never against a copy of its rules. ``keras()`` selects the torch backend before the first
import (Keras reads ``KERAS_BACKEND`` once, at import), refuses a different backend chosen
earlier in the process, and records the version in the claim's result.
"""
from __future__ import annotations

import os
import sys

BACKEND = "torch"


def keras(ctx=None):
    """Import Keras on the torch backend; with a RunContext, note its version in the result."""
    chosen = os.environ.setdefault("KERAS_BACKEND", BACKEND)
    if chosen != BACKEND:
        raise RuntimeError(f"KERAS_BACKEND={chosen!r} is set; the suite tests Keras on the torch "
                           f"backend. Fix: unset KERAS_BACKEND (or set it to 'torch').")
    mod = sys.modules.get("keras")
    if mod is None:
        import keras as mod  # noqa: PLC0415  (the backend must be chosen first)
    if mod.backend.backend() != BACKEND:
        raise RuntimeError(f"keras was imported with the {mod.backend.backend()!r} backend before "
                           f"the suite chose torch. Fix: unset KERAS_BACKEND.")
    if ctx is not None:
        ctx.note("keras_version", f"{mod.__version__} (backend {BACKEND})")
    return mod
