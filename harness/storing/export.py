"""Result files as tables: ``claims.<fmt>`` (one row per claim x environment x profile) and
``seeds.<fmt>`` (one row per stored per-seed value, long format), as CSV or Parquet.

Streamed: result files are read one at a time (:func:`harness.storing.resultset.iter_results`) and their
rows written at once (CSV through the csv module; Parquet through pyarrow's ParquetWriter, one row
group per batch of results), so memory does not grow with the number of files. Rows come in the
order the files are walked (sorted paths: environment, profile, claim id). Both tables are written
to temporary files in the output folder and moved over ``claims.<fmt>`` / ``seeds.<fmt>`` only
when complete; nothing else in the folder is touched. If two files describe the same (claim,
environment, profile), the most recently finished one is kept (a warning names the other) and the
older one's rows are filtered out of the finished tables.

A result recorded as an error (``summary.verdict == "error"``, message in ``error``) is a claims
row with verdict "error" and the message in the ``error`` column, never a verdict; it has no
value rows. Unreadable files are named on stderr and skipped; the exit status is 0 when at least
one result was exported, 1 when none could be read. The output path is checked like the report's
(harness.storing.outdir): empty, a file, or the source tree is refused, as is an existing non-empty folder
that holds no earlier export; write failures are one-line errors (exit 2).
"""
from __future__ import annotations

import csv
import io
import math
import os
import sys
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from harness.storing.outdir import OutputError, check_output_dir, write_error
from harness.storing.resultset import arm_names, ci, cpu_seconds, estimate, finished, is_identity, num, result_key, seconds

CLAIM_COLUMNS = ["id", "topic", "kind", "profile", "env_key", "torch", "device", "verdict", "expected",
                 "matches_expectation", "estimate", "ci_low", "ci_high", "p_value", "p_refute", "n",
                 "delta", "alpha", "tolerance", "direction", "metric", "arm_a", "arm_b", "test", "seconds",
                 "cpu_seconds", "git_commit", "git_dirty", "code_hash", "global_seed", "sources",
                 "statement", "finished", "error", "file"]
SEED_COLUMNS = ["id", "env_key", "profile", "role", "arm", "position", "seed_index", "seed", "value"]
_FLOAT = {"estimate", "ci_low", "ci_high", "p_value", "p_refute", "delta", "alpha", "tolerance", "seconds",
          "cpu_seconds", "value"}
_INT = {"n", "global_seed", "position", "seed_index", "seed"}
_BOOL = {"matches_expectation", "git_dirty"}
MARKER = ".claims-export"
TABLE_NAMES = ("claims", "seeds")
CHUNK = 20000                   # csv: values formatted per write
ROW_GROUP_RESULTS = 64          # parquet: a row group holds at most this many results ...
ROW_GROUP_ROWS = 250_000        # ... and is written once it holds this many rows (bounded memory)


def _legacy_export(p: Path) -> bool:
    """An export folder written before the marker existed: only our table files in it."""
    names = {e.name for e in os.scandir(p)}
    ours = {f"{t}.{x}" for t in TABLE_NAMES for x in ("csv", "parquet")}
    return bool(names) and names <= ours


def _int_or_none(x: Any) -> int | None:
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, int):
        return x
    v = num(x)
    return int(v) if math.isfinite(v) and v == int(v) else None


def _bool_or_none(x: Any) -> bool | None:
    return x if isinstance(x, bool) else None


def is_error(r: dict[str, Any]) -> bool:
    return (r.get("summary") or {}).get("verdict") == "error"


def claim_row(r: dict[str, Any]) -> dict[str, Any]:
    c, s = r["claim"], r.get("summary") or {}
    env = r.get("environment") or {}
    dev = env.get("device") or {}
    lo, hi = ci(r)
    arms = arm_names(r)
    git = r.get("git") or {}
    err = r.get("error") if isinstance(r.get("error"), dict) else {}
    paired = not is_identity(r)
    return {
        "id": c["id"], "topic": c.get("topic"), "kind": c.get("kind"), "profile": r.get("profile"),
        "env_key": r.get("env_key"), "torch": env.get("torch"),
        "device": dev.get("type") if not dev.get("name") else f"{dev.get('type')}: {dev.get('name')}",
        "verdict": s.get("verdict"), "expected": r.get("expected"),
        "matches_expectation": _bool_or_none(r.get("matches_expectation")),
        "estimate": estimate(r), "ci_low": lo, "ci_high": hi,
        "p_value": num(s.get("p_value")), "p_refute": num(s.get("p_refute")),
        "n": _int_or_none(s.get("n")), "delta": num(c.get("delta")), "alpha": num(c.get("alpha")),
        "tolerance": num(c.get("tolerance")), "direction": c.get("direction"), "metric": c.get("metric"),
        "arm_a": arms[0] if paired else None, "arm_b": arms[1] if paired else None,
        "test": s.get("test"), "seconds": seconds(r), "cpu_seconds": cpu_seconds(r),
        "git_commit": git.get("commit"), "git_dirty": _bool_or_none(git.get("dirty")),
        "code_hash": c.get("code_hash"), "global_seed": _int_or_none((r.get("config") or {}).get("global_seed")),
        "sources": "; ".join(f"{x.get('document')} l.{x.get('lines', ['?', '?'])[0]}-{x.get('lines', ['?', '?'])[-1]}"
                             f" ({x.get('section')})" for x in c.get("sources") or []),
        "statement": c.get("statement"), "finished": (r.get("timing") or {}).get("finished"),
        "error": (f"{err.get('type', 'error')}: {err.get('message', '')}" if err or is_error(r) else None),
        "file": r.get("_path"),
    }


def seed_groups(r: dict[str, Any]) -> Iterator[tuple[str, str, list[int], list[Any], list[Any], list[float]]]:
    """Per arm (identity: the per-case errors of the single seed) and per numeric extra:
    (role, name, positions, seed indices, seeds, values); non-numeric extras stay in the JSON."""
    seeds = r.get("seeds") or {}
    idx = [_int_or_none(x) for x in seeds.get("indices") or []]
    vals = [_int_or_none(x) for x in seeds.get("values") or []]
    ident = is_identity(r)
    groups = [("arm", k, v) for k, v in (r.get("arms") or {}).items()]
    groups += [("extra", k, v) for k, v in (r.get("extra") or {}).items()]
    for role, name, values in groups:
        if not isinstance(values, list):
            continue
        if all(type(v) is float for v in values):     # the common case, kept fast
            pos, out = list(range(len(values))), values
        else:
            pos, out = [], []
            for i, v in enumerate(values):
                if isinstance(v, (dict, list)) or (isinstance(v, str) and math.isnan(num(v)) and v != "nan"):
                    continue
                pos.append(i)
                out.append(num(v))
        if not ident and len(values) == len(idx):
            si, sv = [idx[i] for i in pos], [vals[i] if i < len(vals) else None for i in pos]
        elif ident and idx and vals:
            si, sv = [idx[0]] * len(pos), [vals[0]] * len(pos)
        else:
            si, sv = [None] * len(pos), [None] * len(pos)
        yield role, str(name), pos, si, sv, out


def seed_rows(r: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The long table's rows of one result, as dicts (SEED_COLUMNS)."""
    base = {"id": r["claim"]["id"], "env_key": r.get("env_key"), "profile": r.get("profile")}
    for role, name, pos, si, sv, vals in seed_groups(r):
        for i, a, b, v in zip(pos, si, sv, vals):
            yield {**base, "role": role, "arm": name, "position": i, "seed_index": a, "seed": b, "value": v}


# ------------------------------------------------------------------------------ table writers
class CsvTable:
    """Rows appended to a CSV file as they come; segment(k) marks where result k's rows lie."""

    def __init__(self, path: Path, columns: list[str]):
        self.path, self.columns = path, columns
        self.f = open(path, "w", newline="", encoding="utf-8")
        self.w = csv.writer(self.f)
        self.w.writerow(columns)
        self.rows = 0
        self.segments: list[tuple[int, int]] = []      # byte (start, end) per result, in order

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.f.flush()
        start = self.f.buffer.tell()
        cols = self.columns
        for row in rows:
            self.w.writerow(["" if row[c] is None else row[c] for c in cols])
            self.rows += 1
        self.f.flush()
        self.segments.append((start, self.f.buffer.tell()))

    def add_seeds(self, r: dict[str, Any]) -> None:
        """The seeds table of one result, written group by group (a csv-quoted prefix per group,
        then plain number columns: about 3x faster than one csv.writerow per value)."""
        self.f.flush()
        start = self.f.buffer.tell()
        base = [r["claim"]["id"], r.get("env_key"), r.get("profile")]
        line = io.StringIO()
        pre = csv.writer(line)
        for role, name, pos, si, sv, vals in seed_groups(r):
            line.seek(0)
            line.truncate()
            pre.writerow(base + [role, name, ""])
            prefix = line.getvalue()[:-2]              # "...,name," without the line end
            const = len(set(si)) <= 1 and len(set(sv)) <= 1
            mid = "," + ("" if not si or si[0] is None else str(si[0])) + "," + \
                  ("" if not sv or sv[0] is None else str(sv[0])) + ","
            for c in range(0, len(pos), CHUNK):          # bounded strings for million-value arms
                sl = slice(c, c + CHUNK)
                if const:
                    text = "".join([prefix + str(i) + mid + repr(v) + "\r\n" for i, v in zip(pos[sl], vals[sl])])
                else:
                    text = "".join([prefix + str(i) + "," + ("" if a is None else str(a)) + "," +
                                    ("" if b is None else str(b)) + "," + repr(v) + "\r\n"
                                    for i, a, b, v in zip(pos[sl], si[sl], sv[sl], vals[sl])])
                self.f.write(text)
            self.rows += len(pos)
        self.f.flush()
        self.segments.append((start, self.f.buffer.tell()))

    def close(self, drop: set[int]) -> None:
        self.f.close()
        if drop:
            _filter_bytes(self.path, self.segments, drop)


def _filter_bytes(path: Path, segments: list[tuple[int, int]], drop: set[int]) -> None:
    """Rewrite a file without the byte segments of the dropped results (streamed copy)."""
    tmp = path.with_name(path.name + ".filter")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        first = segments[0][0] if segments else os.path.getsize(path)
        dst.write(src.read(first))                    # the header
        for k, (a, b) in enumerate(segments):
            if k in drop:
                continue
            src.seek(a)
            left = b - a
            while left > 0:
                chunk = src.read(min(left, 1 << 20))
                dst.write(chunk)
                left -= len(chunk)
    os.replace(tmp, path)


class ParquetTable:
    """Rows buffered for ROW_GROUP_RESULTS results, then written as one row group."""

    def __init__(self, path: Path, columns: list[str]):
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa, self.pq = pa, pq
        self.path, self.columns = path, columns
        self.schema = pa.schema([(c, pa.float64() if c in _FLOAT else pa.int64() if c in _INT else
                                  pa.bool_() if c in _BOOL else pa.string()) for c in columns])
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.buf: dict[str, list[Any]] = {c: [] for c in columns}
        self.pending = 0
        self.rows = 0
        self.counts: list[int] = []                   # rows per result, in order

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        n = 0
        for row in rows:
            for c in self.columns:
                self.buf[c].append(row[c])
            n += 1
        self._count(n)

    def add_seeds(self, r: dict[str, Any]) -> None:
        n = 0
        b = self.buf
        for role, name, pos, si, sv, vals in seed_groups(r):
            k = len(pos)
            b["id"] += [r["claim"]["id"]] * k
            b["env_key"] += [r.get("env_key")] * k
            b["profile"] += [r.get("profile")] * k
            b["role"] += [role] * k
            b["arm"] += [name] * k
            b["position"] += pos
            b["seed_index"] += si
            b["seed"] += sv
            b["value"] += vals
            n += k
        self._count(n)

    def _count(self, n: int) -> None:
        self.counts.append(n)
        self.rows += n
        self.pending += 1
        if self.pending >= ROW_GROUP_RESULTS or len(self.buf[self.columns[0]]) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.buf[self.columns[0]]:
            self.writer.write_table(self.pa.Table.from_pydict(self.buf, schema=self.schema))
        self.buf = {c: [] for c in self.columns}
        self.pending = 0

    def close(self, drop: set[int]) -> None:
        self.flush()
        if self.rows == 0:                            # an empty table still has its columns
            self.writer.write_table(self.pa.Table.from_pydict(self.buf, schema=self.schema))
        self.writer.close()
        if drop:
            self._filter(drop)

    def _filter(self, drop: set[int]) -> None:
        """Rewrite without the dropped results' rows, one row group at a time."""
        import numpy as np
        owner = np.repeat(np.arange(len(self.counts)), self.counts)
        keep_all = ~np.isin(owner, list(drop))
        tmp = self.path.with_name(self.path.name + ".filter")
        src = self.pq.ParquetFile(str(self.path))
        with self.pq.ParquetWriter(str(tmp), self.schema) as out:
            pos = 0
            for g in range(src.num_row_groups):
                t = src.read_row_group(g)
                mask = keep_all[pos:pos + t.num_rows]
                pos += t.num_rows
                out.write_table(t.filter(self.pa.array(mask)))
        os.replace(tmp, self.path)


def write_tables(results: Iterable[tuple[Path, dict[str, Any] | None, str | None]], out: Path, fmt: str,
                 say: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> tuple[int, int, int]:
    """Stream (path, result or None, error or None) into out/claims.<fmt> and out/seeds.<fmt>.

    Returns (claim rows, value rows, unreadable files). Nothing is moved into place when no
    result could be read; the temp files are removed on any failure."""
    make = CsvTable if fmt == "csv" else ParquetTable
    tag = uuid.uuid4().hex[:8]
    tmps = {t: out / f".{t}.{fmt}.{tag}.tmp" for t in TABLE_NAMES}
    try:
        claims, seeds = make(tmps["claims"], CLAIM_COLUMNS), make(tmps["seeds"], SEED_COLUMNS)
        best: dict[tuple[str, str, str], tuple[str, int, str]] = {}     # key -> (finished, seq, path)
        drop: set[int] = set()
        rows_of: list[tuple[int, int]] = []
        errors = 0
        for path, r, err in results:
            if r is None:
                errors += 1
                say(f"claims export: error: {err}")
                continue
            seq = len(rows_of)
            key, fin = result_key(r), finished(r)
            old = best.get(key)
            if old is not None:
                keep_new = fin >= old[0]
                dropped_seq, dropped_path, kept_path = (old[1], old[2], str(path)) if keep_new else (seq, str(path), old[2])
                drop.add(dropped_seq)
                say(f"claims export: warning: {dropped_path}: duplicate result for {key[0]} ({key[1]}, {key[2]}); "
                    f"using the newer {kept_path}")
                if keep_new:
                    best[key] = (fin, seq, str(path))
            else:
                best[key] = (fin, seq, str(path))
            c0, s0 = claims.rows, seeds.rows
            claims.add([claim_row(r)])
            if is_error(r):
                seeds.add(())
            else:
                seeds.add_seeds(r)
            rows_of.append((claims.rows - c0, seeds.rows - s0))
        claims.close(drop)
        seeds.close(drop)
        n_claims = sum(a for k, (a, _) in enumerate(rows_of) if k not in drop)
        n_seeds = sum(b for k, (_, b) in enumerate(rows_of) if k not in drop)
        if n_claims:
            for t in TABLE_NAMES:
                os.replace(tmps[t], out / f"{t}.{fmt}")
        return n_claims, n_seeds, errors
    finally:
        for p in tmps.values():
            if p.exists():
                p.unlink()


def main_export(args: Any) -> int:
    from harness.storing.resultset import iter_results
    fmt = getattr(args, "format", "csv") or "csv"
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RuntimeError("parquet export needs the 'pyarrow' package (pip install pyarrow); "
                               "or use --format csv") from None
    elif fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; choose csv or parquet")
    out = check_output_dir(getattr(args, "output", None), "export", MARKER, _legacy_export, "reports/tables")
    stream = iter_results(args.results)         # a missing input raises before anything is written
    first = next(stream, None)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / MARKER).write_text("written by claims export; claims.* and seeds.* here are replaced by the next export\n")
        n_claims, n_seeds, errors = write_tables(_chain(first, stream), out, fmt)
    except OSError as exc:
        raise write_error(exc, out, "export") from None
    if not n_claims:
        print("claims export: no result could be read; nothing written", file=sys.stderr)
        return 1
    print(f"claims export: {n_claims} claim rows -> {out / f'claims.{fmt}'}; "
          f"{n_seeds} value rows -> {out / f'seeds.{fmt}'}" + (f"; {errors} unreadable" if errors else ""))
    if errors:        # the rest is exported, but unreadable input never passes as success
        print(f"claims export: {errors} unreadable input file(s), named above (exit 2)", file=sys.stderr)
        return 2
    return 0


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
        yield from rest
