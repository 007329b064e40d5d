"""Where generated output (the HTML report, exported tables) may go, and writing it safely.

:func:`check_output_dir` refuses, with one line naming the path and the fix: an empty path, an
existing file, the repository root or anything inside the project's code folders (claims/,
harness/, fixtures/, tests/, docs/, .git/), a folder that contains the checkout, and an existing
non-empty folder that holds no marker of an earlier output of the same command (a user's files are
never replaced). :func:`replace_dir` builds a whole new folder beside the target and swaps it in
only when the build finished, so a crash leaves the previous output untouched. Every problem is an
:class:`OutputError`, which the CLI prints as ``claims <cmd>: error: ...`` with exit status 2.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Callable, Iterable, TypeVar

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("claims", "harness", "fixtures", "tests", "docs", ".git", ".ci")
T = TypeVar("T")


class OutputError(RuntimeError):
    """The output path cannot be used or written; the message names it and says what to do."""


def project_roots() -> list[Path]:
    """Checkouts whose code must not be overwritten: this package's own, and the working directory
    when it is a checkout too (both only when they look like one: a pyproject.toml beside harness/)."""
    roots = []
    for cand in (REPO_ROOT, Path.cwd().resolve()):
        if (cand / "pyproject.toml").is_file() and (cand / "harness").is_dir() and cand not in roots:
            roots.append(cand)
    return roots


def _source_clash(p: Path) -> str | None:
    for root in project_roots():
        if p == root:
            return f"it is the repository root {root}"
        if p in root.parents:
            return f"it contains the checkout {root}"
        for name in SOURCE_DIRS:
            d = root / name
            if p == d or d in p.parents:
                return f"it is inside the project's source folder {d}"
    return None


def check_output_dir(path: str | os.PathLike | None, what: str, marker: str,
                     legacy: Callable[[Path], bool] | None = None, example: str = "reports/html") -> Path:
    """The output folder as a Path, or OutputError saying why it cannot be used.

    ``marker``: the file name an earlier output of this command leaves in its folder; an existing
    non-empty folder is accepted only with it (or when ``legacy(folder)`` recognises an output
    written before markers existed)."""
    if path is None or not str(path).strip():
        raise OutputError(f"the output path (-o) is empty. Fix: name a directory for the {what}, e.g. -o {example}")
    p = Path(path).expanduser()
    if p.exists() and not p.is_dir():
        raise OutputError(f"{p}: is a file, not a directory. Fix: give -o a directory for the {what} "
                          f"(a new one, or one an earlier {what} was written to)")
    clash = _source_clash(p.resolve())
    if clash:
        raise OutputError(f"{p}: refusing to write the {what} there ({clash}). Fix: use -o {example} or a "
                          "directory outside the source tree")
    if p.is_dir():
        try:
            entries = list(os.scandir(p))
        except OSError as e:
            raise OutputError(f"{p}: cannot be read ({e.strerror or e}). Fix: check its permissions") from None
        if entries and not (p / marker).is_file() and not (legacy and legacy(p)):
            raise OutputError(f"{p}: exists and does not hold an earlier {what} (no {marker} marker); refusing "
                              "to replace its files. Fix: choose a new or empty directory, or remove it yourself")
    return p


def write_error(exc: OSError, where: Path, what: str) -> OutputError:
    """A permission, disk-full or similar OSError while writing, as one line with the fix."""
    name = exc.filename or where
    why = exc.strerror or str(exc)
    return OutputError(f"{name}: cannot write the {what} ({why}). Fix: choose a writable directory with free "
                       "space (-o DIR); nothing of the previous output was changed")


def replace_dir(target: Path, build: Callable[[Path], T], marker: str, marker_text: str = "") -> T:
    """Build a fresh folder with ``build(tmp)`` beside ``target``, then swap it in whole.

    On any exception the half-built folder is removed and ``target`` is left as it was."""
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
        result = build(tmp)
        (tmp / marker).write_text(marker_text or f"written by claims; {marker} marks this folder as replaceable\n")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(target, old)
    try:
        os.rename(tmp, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return result


def replace_files(pairs: Iterable[tuple[Path, Path]]) -> None:
    """Move finished temp files over their targets (os.replace, atomic per file)."""
    for tmp, final in pairs:
        os.replace(tmp, final)
