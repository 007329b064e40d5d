"""harness.recipes.generative_measures: mmd2_sets is mmd2 for several pairs; gmm_samples is seeded."""
import torch

from harness.recipes.generative_measures import gmm_samples, mmd2, mmd2_sets, ring
from harness.running.seeds import torch_generator


def test_mmd2_sets_is_mmd2_for_each_pair():
    g = torch_generator(1)
    sets = {"a": torch.randn(3, 200, 2, generator=g), "b": torch.randn(3, 300, 2, generator=g) + 0.1,
            "c": torch.randn(3, 250, 2, generator=g)}
    pairs = [("a", "b"), ("a", "c"), ("b", "c")]
    out = mmd2_sets(sets, pairs, 0.2)
    for a, b in pairs:
        torch.testing.assert_close(out[(a, b)], mmd2(sets[a], sets[b], 0.2), rtol=0, atol=1e-15)


def test_gmm_samples_are_seeded_and_fit_the_ring():
    X = torch.stack([ring(500, torch_generator(s)) for s in (2, 3)])
    one = gmm_samples(X, 400, [11, 12], [21, 22])
    again = gmm_samples(X, 400, [11, 12], [21, 22])
    other = gmm_samples(X, 400, [11, 12], [31, 32])
    assert one.shape == (2, 400, 2) and one.dtype == torch.float32
    assert torch.equal(one, again)
    assert not torch.equal(one, other)
    radius = one.norm(dim=-1)
    assert (radius.mean(1) - 1).abs().max() < 0.05 and radius.std(1).max() < 0.15
