"""Every declaration under claims/ keeps the contract: sources quoted verbatim in range, sizes per
profile, a decidable seed schedule, a reason for the pinned expectation."""
import pytest

from harness.deciding import stats
from harness.declaring.catalog import discover
from harness.declaring.claim import PROFILES, Kind
from harness.declaring.sources import check_source, seeds_dir

CLAIMS, UNEXECUTABLE = discover()


def test_there_are_claims():
    assert CLAIMS, "no Claim found under claims/"


@pytest.mark.skipif(seeds_dir() is None, reason="seed documents not found (set CLAIMS_SEEDS_DIR)")
@pytest.mark.parametrize("entry", [*CLAIMS, *UNEXECUTABLE], ids=lambda c: c.id)
def test_quotes_are_verbatim_in_their_line_range(entry):
    problems = [msg for s in entry.sources if (msg := check_source(s))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_seed_schedule_can_decide(claim):
    for profile in PROFILES:
        if profile in claim.requires and profile not in claim.sizes:
            continue
        looks = claim.seed_schedule(profile)
        if claim.kind is not Kind.IDENTITY:
            stats.plan_looks(looks, claim.alpha, claim.direction)   # raises UndecidableDesign


def test_unexecutable_entries_say_why():
    for u in UNEXECUTABLE:
        assert len(u.reason.strip()) > 10, u.id


def test_committed_catalog_index_is_current():
    """docs/catalog-index.md is generated from the declarations: regenerate it when they change."""
    from pathlib import Path

    from harness.declaring.catalog import index_markdown
    path = Path(__file__).resolve().parents[1] / "docs" / "catalog-index.md"
    assert path.read_text() == index_markdown(CLAIMS, UNEXECUTABLE), (
        f"{path} is out of date. Fix: claims index -o docs/catalog-index.md")


def test_contrasts_name_declared_claims():
    """A claim that opposes or qualifies another names it by a real id (shown side by side)."""
    ids = {c.id for c in CLAIMS}
    dangling = [(c.id, other) for c in CLAIMS for other in c.contrasts if other not in ids]
    assert not dangling, f"contrasts name claims that do not exist: {dangling}"


def test_unmeasured_profiles_pin_nothing():
    """A profile no committed result has measured records its verdict and never fails."""
    for c in CLAIMS:
        for profile in c.unmeasured:
            assert c.expected_for(profile) is None, (c.id, profile)
