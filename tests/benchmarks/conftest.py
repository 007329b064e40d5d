from .test_engine_speed import TIMES
from .test_family_speed import TIMES as FAMILY_TIMES


def pytest_terminal_summary(terminalreporter):
    rows = {e: t for e, t in TIMES.items() if {"batched", "per_seed_loop"} <= t.keys()}
    if rows:
        _engine_summary(terminalreporter, rows)
    _family_summary(terminalreporter)


def _engine_summary(terminalreporter, rows):
    terminalreporter.section("engine speed ratio (per-seed DataLoader loop / batched engine)")
    for experiment, t in sorted(rows.items()):
        terminalreporter.write_line(
            f"{experiment}: batched {t['batched']:.3f} s, per-seed loop {t['per_seed_loop']:.3f} s, "
            f"ratio {t['per_seed_loop'] / t['batched']:.1f}x")


def _family_summary(terminalreporter):
    rows = {e: t["extra"] for e, t in FAMILY_TIMES.items() if "extra" in t}
    if not rows:
        return
    terminalreporter.section("family speed (same-run ratio per-seed loop / batched; GFLOP/s vs GEMM peak)")
    for experiment, x in sorted(rows.items()):
        terminalreporter.write_line(
            f"{experiment}: loop {x['per_seed_loop_s']:.3f} s, batched {x['batched_s']:.3f} s, "
            f"ratio {x['ratio_min']:.1f}x (median {x['ratio_median']:.1f}x, {_target(x)}); "
            f"{x['achieved_gflops']:.1f} GFLOP/s (loop {x['loop_gflops']:.1f}) against {x['gemm_peak_gflops']:.1f} "
            f"GFLOP/s for the same-shape GEMMs and {x['square_matmul_gflops']:.1f} for a square matmul; "
            f"ceiling {x['ceiling_ratio']:.1f}x ({x['floor_basis']})")


def _target(x) -> str:
    t = x.get("target_ratio")
    return "no target" if t is None else f"target {t:.0f}x"
