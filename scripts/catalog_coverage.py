#!/usr/bin/env python3
"""Which catalogued statement is covered by which declaration (maintainer tool, not a CI step).

The catalogs in ``../shared/catalog`` (000.md, 003.md, 004a.md, 004b.md) list every checkable entry
of documents 000, 003 and 004: a ``### slug`` heading with a ``- where:`` field (section and the
document's file line numbers) and a ``- quote:`` field. This script maps each entry to the
declarations under ``claims/`` (``harness.declaring.catalog.discover()``: Claims and Unexecutables) that cover
it, and writes the table ``docs/catalog-coverage.md``.

An entry is covered by a declaration when one of its sources cites the entry's document and
  * the declaration's id is the entry's slug ("id"), or
  * its quote shares a run of words with the entry's quote ("quote": at least 6 consecutive words,
    or the whole of a shorter quoted piece) and its lines overlap the entry's lines, widened by a
    few lines because the catalog's line numbers are approximate ("~l.") in document 000.
Line overlap alone is not enough: document 004 has one lecture per file line, so every source of
a lecture overlaps every entry of that lecture. Declarations whose lines overlap but whose quotes do
not are shown as "near" candidates for a MISSING entry, to help a reviewer decide by hand.

It reads ``../shared`` (the course documents' catalogs), which the repository does not ship, so it
is a maintainer tool run by hand, never in CI:

    python3 scripts/catalog_coverage.py [--catalog-dir ../shared/catalog] [-o docs/catalog-coverage.md]

Exit status 0 when every entry is covered, 1 when some are MISSING, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CATALOGS = {"000.md": "000", "003.md": "003", "004a.md": "004", "004b.md": "004"}
MIN_RUN = 6          # consecutive words two quotes must share
LINE_SLACK = 5       # the line numbers of catalogs 000 ("~l.") and 003 are approximate


# Entries still without a declaration, and why (kept here so that the table says it).
KNOWN_GAPS = {
    "resnet-skip-connections-enable-depth":
        "executable, but the training engine has no residual block (harness.training needs one; a per-seed loop "
        "is not allowed in a claim)",
    "merging-train-test-for-generative-models":
        "executable (a VAE's held-out loss against its training loss), not built: the answer depends on whether the "
        "model can overfit, i.e. on the data size, and the document's 70,000-image VAE needs a GPU; no ci budget left "
        "for a reduced version",
    "gan-run-to-run-instability":
        "executable only against a reference spread the document does not give; not built",
}


@dataclass
class Entry:
    catalog: str
    slug: str
    heading_line: int
    where: str
    quote: str
    ranges: list[tuple[int, int]] = field(default_factory=list)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9']+", text)


def pieces(quote: str) -> list[list[str]]:
    """A quote split at its elisions ("…", "...", " / ") into word lists."""
    parts = re.split(r"…|\.\.\.|\s/\s", quote)
    return [w for w in (words(p) for p in parts) if w]


def shares_run(a: list[list[str]], b: list[list[str]]) -> bool:
    for pa in a:
        for pb in b:
            n = min(MIN_RUN, len(pa), len(pb))
            if n < 4:           # shorter fragments ("f x 1", "if y 1") match by chance
                continue
            grams = {tuple(pa[i:i + n]) for i in range(len(pa) - n + 1)}
            if any(tuple(pb[i:i + n]) in grams for i in range(len(pb) - n + 1)):
                return True
    return False


def grams(ps: list[list[str]], n: int) -> set[tuple[str, ...]]:
    return {tuple(p[i:i + n]) for p in ps for i in range(len(p) - n + 1)}


def parse_ranges(where: str) -> list[tuple[int, int]]:
    where = re.sub(r'"[^"]*"', "", where)          # section titles hold numbers too
    out = []
    for m in re.finditer(r"(?:~?l\.|\blines?)\s*((?:\d+\s*(?:[–-]\s*\d+)?\s*(?:,\s*)?)+)", where):
        for part in m.group(1).split(","):
            nums = [int(x) for x in re.findall(r"\d+", part)]
            if nums:
                out.append((nums[0], nums[-1]))
    return out


def parse_catalog(path: Path) -> list[Entry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    entries: list[Entry] = []
    cur: Entry | None = None
    field_name = None
    for i, line in enumerate(lines, 1):
        if line.startswith("## ") and cur is not None and entries and not line.startswith("## 2"):
            cur = None                       # ranking / mapping sections after the entries
        if line.startswith("### "):
            cur = Entry(path.name, line[4:].strip(), i, "", "")
            entries.append(cur)
            field_name = None
            continue
        if cur is None:
            continue
        m = re.match(r"- (where|quote|[a-z' ]+):\s?(.*)", line)
        if m:
            field_name = m.group(1)
            if field_name == "where":
                cur.where = m.group(2)
            elif field_name == "quote":
                cur.quote = m.group(2)
        elif line.startswith("  ") and field_name in ("where", "quote"):
            setattr(cur, field_name, getattr(cur, field_name) + " " + line.strip())
    keep = [e for e in entries if e.quote]
    for e in keep:
        e.ranges = parse_ranges(e.where)
    return keep


def overlaps(ranges, lo, hi, slack):
    return any(a - slack <= hi and lo <= b + slack for a, b in ranges)


def coverage(entries: list[Entry], decls):
    rows = []
    for e in entries:
        doc = CATALOGS[e.catalog]
        eq = pieces(e.quote)
        slack = 1 if e.catalog.startswith("004") else LINE_SLACK
        cover, near = {}, {}
        for d, executable in decls:
            for s in d.sources:
                if not s.document.startswith(doc + "_"):
                    continue
                lo, hi = s.lines
                line_hit = overlaps(e.ranges, lo, hi, slack) if e.ranges else False
                pin = d.expect.value if executable else "not executable"
                if d.id == e.slug:
                    cover[d.id] = ("id", pin)
                elif line_hit and shares_run(eq, pieces(s.quote)):
                    cover.setdefault(d.id, ("quote", pin))
                elif line_hit:
                    score = len(grams(eq, 3) & grams(pieces(s.quote), 3))
                    if score:
                        near[d.id] = max(score, near.get(d.id, 0))
        best = sorted((i for i in near if i not in cover), key=lambda i: -near[i])
        rows.append((e, cover, best[:4]))
    return rows


def render(per_catalog) -> str:
    out = ["# Catalog coverage", "",
           "Generated by `python3 scripts/catalog_coverage.py` (a maintainer tool: it reads "
           "`../shared/catalog`, which the repository does not ship). Do not edit by hand.", "",
           "Each entry of the catalogs of documents 000, 003 and 004 and the declarations that cover it: "
           "a claim (with its pinned ci verdict) or a statement declared not executable. `id`: the "
           "declaration's id is the entry's slug; `quote`: a source of the declaration cites the "
           "entry's lines and shares at least six consecutive words with its quote. An entry with "
           "neither is MISSING.", "",
           "| catalog | entries | covered | missing |", "|---|---|---|---|"]
    for name, rows in per_catalog.items():
        miss = sum(1 for _, c, _ in rows if not c)
        out.append(f"| {name} | {len(rows)} | {len(rows) - miss} | {miss} |")
    for name, rows in per_catalog.items():
        out += ["", f"## {name}", "", "| entry | lines | covered by |", "|---|---|---|"]
        for e, cover, near in rows:
            lines = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in e.ranges) or "?"
            if cover:
                cell = ", ".join(f"{i} ({how}; {pin})" for i, (how, pin) in sorted(cover.items()))
            else:
                cell = "MISSING" + (f": {KNOWN_GAPS[e.slug]}" if e.slug in KNOWN_GAPS else "") + \
                       (f" (nearest by shared words, not covering: {', '.join(near)})" if near else "")
            out.append(f"| {e.slug} | {lines} | {cell} |")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--catalog-dir", default=str(REPO.parent / "shared" / "catalog"))
    ap.add_argument("-o", "--output", default=str(REPO / "docs" / "catalog-coverage.md"))
    ap.add_argument("--missing", action="store_true", help="also print each MISSING entry's quote")
    args = ap.parse_args(argv)
    cat_dir = Path(args.catalog_dir)
    if not all((cat_dir / n).is_file() for n in CATALOGS):
        print(f"{cat_dir}: catalogs {', '.join(CATALOGS)} not found. Fix: pass --catalog-dir "
              "pointing at shared/catalog", file=sys.stderr)
        return 2
    from harness.declaring.catalog import discover
    claims, unexec = discover(REPO / "claims")
    decls = [(c, True) for c in claims] + [(u, False) for u in unexec]
    per = {n: coverage(parse_catalog(cat_dir / n), decls) for n in CATALOGS}
    Path(args.output).write_text(render(per), encoding="utf-8")
    total = missing = 0
    for name, rows in per.items():
        m = [(e, near) for e, c, near in rows if not c]
        total += len(rows)
        missing += len(m)
        print(f"{name}: {len(rows)} entries, {len(rows) - len(m)} covered, {len(m)} missing")
        if args.missing:
            for e, near in m:
                print(f"  MISSING {e.slug} [{e.where}] near={near}\n    {e.quote[:300]}")
    print(f"wrote {args.output}: {total - missing}/{total} covered")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
