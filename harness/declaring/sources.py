"""Check that every cited quote appears verbatim in its document, inside the cited line range.

A quote may elide with " ... " (or " … "); each fragment must appear, in order, within the range.
Whitespace runs compare equal (documents wrap lines where a quote does not).
The documents are found through CLAIMS_SEEDS_DIR, else ../shared/seeds beside the repository.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from harness.declaring.claim import Source

ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


def seeds_dir() -> Path | None:
    env = os.environ.get("CLAIMS_SEEDS_DIR")
    candidates = [Path(env)] if env else []
    root = Path(__file__).resolve().parents[2]
    candidates += [root.parent / "shared" / "seeds", root / "shared" / "seeds"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


@lru_cache(maxsize=None)
def _lines(path: str) -> tuple[str, ...]:
    return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_source(source: Source, directory: Path | None = None) -> str | None:
    """None if the quote is found in range; otherwise a message saying what is wrong."""
    directory = directory or seeds_dir()
    if directory is None:
        return "documents not found: set CLAIMS_SEEDS_DIR to the folder holding the seed documents"
    path = directory / source.document
    if not path.is_file():
        return f"{source.document}: no such document in {directory}"
    lines = _lines(str(path))
    lo, hi = source.lines
    if hi > len(lines):
        return f"{source.document}: line range {lo}-{hi} beyond the document's {len(lines)} lines"
    window = _norm(" ".join(lines[lo - 1:hi]))
    pos = 0
    for fragment in (f for f in ELLIPSIS.split(source.quote) if f.strip()):
        frag = _norm(fragment)
        found = window.find(frag, pos)
        if found < 0:
            whole = _norm(" ".join(lines))
            where = whole.find(frag)
            hint = ""
            if where >= 0:
                # Find the line the fragment starts on to suggest the right range.
                count = 0
                for i, line in enumerate(lines, 1):
                    count += len(_norm(line)) + 1
                    if count > where:
                        hint = f" (it appears near line {i})"
                        break
            return f"{source.document} l.{lo}-{hi}: fragment not found in range{hint}: {frag[:80]!r}"
        pos = found + len(frag)
    return None
