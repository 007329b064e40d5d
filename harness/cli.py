"""The `claims` command: list, index, report, compare, export.

Every subcommand reads declarations or stored result files; none re-runs an experiment and none
modifies a result file. Exit status, for every subcommand:

  0  success (compare: nothing flipped, drifted, missing, errored, non-finite or short of data)
  1  compare: something failed, each with its reason; report/export: no result could be read
  2  usage error or unreadable input (a path that does not exist, a bad option, an unreadable or
     invalid file, an unusable output directory): one line naming the file and the fix
  3  internal error (a bug in claims): one line, a hint, and the traceback with CLAIMS_DEBUG=1
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EPILOG = """exit status: 0 success; 1 compare found a failure (flipped, drifted, missing, error, non-finite,
insufficient data) or report/export read no result; 2 usage error or unreadable input (named on
stderr with the fix); 3 internal error (a bug: re-run with CLAIMS_DEBUG=1 for the traceback and
report it). See docs/reports.md."""


def _cmd_list(args: argparse.Namespace) -> int:
    from harness.declaring.catalog import discover
    claims, unexec = discover(args.claims_dir)
    rows = [c.as_dict() for c in claims]
    if args.all:
        rows += [u.as_dict() for u in unexec]
    if args.document:
        rows = [r for r in rows if any(args.document in s["document"] for s in r["sources"])]
    if args.json:
        json.dump(rows, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        srcs = ", ".join(f"{s['document'][:3]} l.{s['lines'][0]}-{s['lines'][1]}" for s in r["sources"])
        pinned = r.get("expect", "not executable")
        print(f"{r['id']:<{width}}  {pinned:<14} {r['topic']:<14} {srcs}")
    print(f"{len(claims)} executable claims" + (f", {len(unexec)} not executable" if args.all else
                                                 f" ({len(unexec)} more not executable: --all)"))
    return 0


def _cmd_index(args: argparse.Namespace) -> int:
    from harness.declaring.catalog import discover, index_markdown
    claims, unexec = discover(args.claims_dir)
    text = index_markdown(claims, unexec)
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from harness.reporting.report import main_report
    return main_report(args)


def _cmd_compare(args: argparse.Namespace) -> int:
    from harness.reporting.compare import main_compare
    return main_compare(args)


def _cmd_export(args: argparse.Namespace) -> int:
    from harness.storing.export import main_export
    return main_export(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claims", description=__doc__.splitlines()[0], epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    ls = sub.add_parser("list", help="every claim: id, sources, pinned expectation")
    ls.add_argument("--json", action="store_true", help="machine-readable, one object per claim")
    ls.add_argument("--all", action="store_true", help="include statements listed as not executable")
    ls.add_argument("--document", help="only claims citing this document (file name or prefix, e.g. 002)")
    ls.add_argument("--claims-dir", default=None, help="claims folder (default ./claims)")
    ls.set_defaults(func=_cmd_list)

    ix = sub.add_parser("index", help="the catalog index (markdown), executable or not, with reasons")
    ix.add_argument("-o", "--output", help="write here instead of stdout")
    ix.add_argument("--claims-dir", default=None)
    ix.set_defaults(func=_cmd_index)

    rp = sub.add_parser("report", help="HTML report from result files (no re-running)")
    rp.add_argument("results", nargs="+", help="result files or directories")
    rp.add_argument("-o", "--output", required=True, help="output directory")
    rp.add_argument("--claims-dir", default=None,
                    help="claims folder whose declarations list the claims not run (default ./claims)")
    rp.set_defaults(func=_cmd_report)

    cp = sub.add_parser("compare", help="verdict flips and effect drift between two result sets",
                        epilog="exit status: 0 nothing failed; 1 flipped, drifted, missing in new, error outcome, "
                               "non-finite values or insufficient data (each listed with its reason); 2 usage "
                               "error or unreadable input (a missing path, an unreadable file, a side with no "
                               "readable result); 3 internal error. See docs/reports.md.")
    cp.add_argument("base", help="baseline result directory or file")
    cp.add_argument("new", help="new result directory or file")
    cp.add_argument("--json", action="store_true")
    cp.add_argument("--floor", type=float, default=None, help="relative drift floor (default in harness.reporting.compare)")
    cp.set_defaults(func=_cmd_compare)

    ex = sub.add_parser("export", help="result files as tables (csv or parquet)")
    ex.add_argument("results", nargs="+")
    ex.add_argument("--format", choices=("csv", "parquet"), default="csv")
    ex.add_argument("-o", "--output", required=True, help="output directory")
    ex.set_defaults(func=_cmd_export)
    return p


# Exceptions the harness raises on purpose for bad input, each with a one-line message naming the
# file or option and the fix (ResultFileError and CatalogError are ValueError/RuntimeError; the
# output-folder errors are RuntimeError; a missing path is FileNotFoundError).
INPUT_ERRORS = (OSError, ValueError, RuntimeError)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)             # argparse exits 2 on bad arguments
    try:
        return int(args.func(args) or 0)
    except INPUT_ERRORS as e:
        print(f"claims {args.command}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"claims {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:                     # a bug: never 0 or 1, which would read as a verdict
        where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
        at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
        print(f"claims {args.command}: internal error: {type(e).__name__}: {e}{at}. This is a bug in claims, "
              "not in your files (nothing was modified). Re-run with CLAIMS_DEBUG=1 for the traceback and "
              "report it.", file=sys.stderr)
        if os.environ.get("CLAIMS_DEBUG"):
            traceback.print_exc()
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
