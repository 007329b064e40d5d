from .test_engine_speed import TIMES


def pytest_terminal_summary(terminalreporter):
    rows = {e: t for e, t in TIMES.items() if {"batched", "per_seed_loop"} <= t.keys()}
    if not rows:
        return
    terminalreporter.section("engine speed ratio (per-seed DataLoader loop / batched engine)")
    for experiment, t in sorted(rows.items()):
        terminalreporter.write_line(
            f"{experiment}: batched {t['batched']:.3f} s, per-seed loop {t['per_seed_loop']:.3f} s, "
            f"ratio {t['per_seed_loop'] / t['batched']:.1f}x")
