"""The shared vague-word table: docs/vague-words.md is rendered from it, and its helpers refuse nonsense."""
from pathlib import Path

import pytest

from harness.declaring.vague_words import VAGUE, points, printed_tolerance, vague_words_markdown


def test_doc_is_current():
    path = Path(__file__).resolve().parents[1] / "docs" / "vague-words.md"
    assert path.read_text() == vague_words_markdown(), (
        f"{path} is out of date. Fix: python3 -m harness.declaring.vague_words > docs/vague-words.md")


def test_ordering_is_principled():
    # 'slightly' < 'better' < 'basically the same' band < 'much better'
    assert VAGUE["slightly"].delta < VAGUE["better"].delta < VAGUE["basically the same"].delta \
        < VAGUE["much better"].delta
    assert VAGUE["better (relative)"].delta < VAGUE["basically the same (relative)"].delta


def test_points_and_printed_tolerance():
    assert points(2) == 0.02
    assert printed_tolerance("86.6%", 0.01) == pytest.approx(0.0005)
    assert printed_tolerance("98") == 0.5
    with pytest.raises(ValueError):
        points(0)
    with pytest.raises(ValueError):
        printed_tolerance("abc")


def test_unit_fraction_interval():
    from harness.declaring.vague_words import unit_fraction_interval
    lo, hi = unit_fraction_interval(4)
    assert lo == pytest.approx(0.225) and hi == pytest.approx(7 / 24)
    with pytest.raises(ValueError):
        unit_fraction_interval(1)
