"""Exact reruns: a claim run alone must give bit-identical raw values to the same claim run inside
the suite (issue: the reproduce command stored in each result must reproduce it).

The one place where a claim's numbers can depend on what ran before it in the process is a shared
fit: harness.recipes.mnist_recipe reuses a longer SGD run's parameters, kept at the end of epoch e, as the
result of an e-epoch run. These tests fail if that reuse, or the per-process caches, ever give
other numbers than training the e-epoch run directly."""
from __future__ import annotations

import dataclasses

import pytest
import torch

from harness.recipes import mnist_recipe
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.running.runner import RunContext
from harness.running.seeds import DEFAULT_GLOBAL_SEED, derive_seed

SIZES = {"seeds": (3,), "train_set": "mnist_5k", "n_train": 300, "epochs": 2}


def _claim() -> Claim:
    return Claim(id="exact-rerun-probe", statement="probe", kind=Kind.COMPARATIVE, topic="testing",
                 sources=(Source("002_011bd4079aac2586.txt", "probe", (1, 1), "probe"),),
                 metric="accuracy", experiment=lambda ctx: {}, expect=Verdict.SUPPORTED,
                 expect_reason="probe", sizes={p: SIZES for p in ("smoke", "ci", "full")})


def _ctx(profile: str = "smoke") -> RunContext:
    idx = list(range(3))
    return RunContext(claim=_claim(), profile=profile, sizes=dict(SIZES), device=torch.device("cpu"),
                      seed_indices=idx, seeds=[derive_seed(DEFAULT_GLOBAL_SEED, "exact-rerun-probe", i) for i in idx],
                      global_seed=DEFAULT_GLOBAL_SEED)


def _bits(fit) -> list[bytes]:
    return [p.detach().numpy().tobytes() for p in fit.model.parameters()] + \
           [fit.metrics[k].numpy().tobytes() for k in sorted(fit.metrics)]


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    monkeypatch.setattr(mnist_recipe, "_CACHE", {})
    monkeypatch.setenv("CLAIMS_DATA_DIR", "")            # the shipped data/, whatever ran before
    monkeypatch.delenv("CLAIMS_DATA_DIR")


@pytest.mark.parametrize("inputs", ["unit", "raw"])
def test_snapshot_of_a_longer_run_equals_a_direct_run(monkeypatch, inputs):
    """The e-epoch result kept from a 3e-epoch run is bit-identical to training e epochs alone."""
    ctx = _ctx()
    direct = mnist_recipe.fit_recipe(ctx, inputs=inputs, epochs=2)
    direct_bits = _bits(direct)
    monkeypatch.setattr(mnist_recipe, "_CACHE", {})
    monkeypatch.setattr(mnist_recipe, "_recipe_lengths", lambda profile: [2])
    mnist_recipe.fit_recipe(ctx, inputs=inputs, epochs=6)            # keeps its epoch-2 parameters
    kept = mnist_recipe.fit_recipe(ctx, inputs=inputs, epochs=2)      # served from that snapshot
    assert _bits(kept) == direct_bits
    assert torch.equal(kept.history.train_loss, direct.history.train_loss)


def test_a_fit_does_not_depend_on_what_the_process_trained_before(monkeypatch):
    ctx = _ctx()
    alone = _bits(mnist_recipe.fit_recipe(ctx, inputs="raw"))
    monkeypatch.setattr(mnist_recipe, "_CACHE", {})
    mnist_recipe.fit_recipe(ctx, inputs="unit", optimizer="adam")      # other work first
    mnist_recipe.fit_recipe(ctx, inputs="binary")
    assert _bits(mnist_recipe.fit_recipe(ctx, inputs="raw")) == alone


def test_a_look_alone_equals_the_same_look_after_another():
    """Seeds 3..5 trained as their own look give the numbers they give after look 0..2 ran."""
    second = dataclasses.replace(_ctx(), seed_indices=[3, 4, 5],
                                 seeds=[derive_seed(DEFAULT_GLOBAL_SEED, "exact-rerun-probe", i) for i in (3, 4, 5)])
    alone = _bits(mnist_recipe.fit_recipe(second))
    mnist_recipe._CACHE.clear()
    mnist_recipe.fit_recipe(_ctx())
    assert _bits(mnist_recipe.fit_recipe(second)) == alone
