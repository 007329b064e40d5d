"""xdist scheduling for claims: whole fit groups, costliest first.

With ``--dist loadfile`` (pytest.ini) the plugin replaces xdist's scheduler with this one, which
differs in two ways:

* the unit of work is a fit group (harness.running.sharding.fit_group): a module, or the modules that share
  a per-process fit cache. The 002 MNIST recipe's three modules share the recipe's fits; as separate
  units they ran on both workers at once and each worker trained the shared fits again;
* units go out costliest first, by the CPU seconds the committed baseline of this profile recorded
  (harness.running.sharding.recorded_costs; an unknown claim counts the median), so the longest unit starts
  at once and the short ones fill the tail (LPT). In collection order a long module drawn last left
  the other worker idle for minutes (ci profile, 2 workers: 20.2 to 23.9 min for the same code).

Everything else (at most one unit ahead per worker, crash handling) is xdist's LoadScopeScheduling.
"""
from __future__ import annotations

import statistics

from xdist.scheduler import LoadScopeScheduling

from harness.running.sharding import fit_group, recorded_costs


def _claim_id(nodeid: str) -> str:
    return nodeid.split("::", 1)[-1].split("@", 1)[0]


class FitGroupScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None, *, profile: str = "ci", costs: dict[str, float] | None = None):
        super().__init__(config, log)
        self._costs = recorded_costs(profile=profile) if costs is None else costs
        known = list(self._costs.values())
        self._fallback = statistics.median(known) if known else 1.0    # an unknown claim's cost
        self._ordered = False

    def _split_scope(self, nodeid: str) -> str:
        return fit_group(nodeid.split("::", 1)[0])

    def unit_cost(self, nodeids) -> float:
        return sum(self._costs.get(_claim_id(n), self._fallback) for n in nodeids)

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:               # the work queue is complete at the first assignment
            units = sorted(self.workqueue.items(), key=lambda kv: (-self.unit_cost(kv[1]), kv[0]))
            self.workqueue.clear()
            self.workqueue.update(units)
            self._ordered = True
        super()._assign_work_unit(node)
