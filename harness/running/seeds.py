"""Seed derivation: a seed depends on (global seed, claim id, seed index) and nothing else.

Never on the worker, the test order or the time, so a claim gives the same numbers alone, in a
suite, serially or under pytest-xdist. `--claims-seed` shifts the whole seed family.
"""
from __future__ import annotations

import hashlib

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # torch is imported where a generator is made, so the CLI can read seeds cheaply
    import torch

DEFAULT_GLOBAL_SEED = 20261121


def family_label(profile: str, global_seed: int | None) -> str:
    """The name of a (profile, seed family) pair: ``ci`` for the default family, ``ci-seed7`` for
    --claims-seed=7. Results of different families are different results (their own folder, their
    own baseline), never duplicates of one another."""
    if global_seed is None or int(global_seed) == DEFAULT_GLOBAL_SEED:
        return str(profile)
    return f"{profile}-seed{int(global_seed)}"


def derive_seed(global_seed: int, claim_id: str, index: int, stream: str = "") -> int:
    """A 63-bit seed from a cryptographic hash, so nearby inputs give unrelated seeds."""
    key = f"{int(global_seed)}|{claim_id}|{int(index)}|{stream}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little") >> 1


def torch_generator(seed: int, device: "str | torch.device" = "cpu") -> "torch.Generator":
    import torch
    g = torch.Generator(device=device)
    g.manual_seed(int(seed) & 0x7FFF_FFFF_FFFF_FFFF)
    return g


def numpy_rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(int(seed))


def substream(seed: int, name: str) -> int:
    """A named, independent stream of one seed (e.g. 'init', 'order', 'split', 'dropout')."""
    return derive_seed(seed, name, 0)
