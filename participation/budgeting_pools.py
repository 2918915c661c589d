"""The budget pools of a call: which proposals compete for which budget. One rule for the ballot, the paper
tally and the results, so a vote is always cast, counted and won in the same pool.

- A call without budgets per kelurahan is one pool: all its proposals, its total budget.
- A call with budgets per kelurahan (``call.kelurahan_budgets``, as CONSUL's headings): each kelurahan with a
  budget of its own is a pool, its proposals and its budget; the kelurahan without one share one more pool,
  "the rest": their proposals, and the total budget minus the kelurahan budgets (the call's form refuses
  kelurahan budgets that add up to more than the total).

A voter, online or at a polling place, votes in the pool of their kelurahan (the polling place's), on its
proposals, within its budget.
"""

from dataclasses import dataclass, field

from core.page_cache import remember


@dataclass(frozen=True)
class BudgetPool:
    budget: int
    kelurahan: object = None  # the Region with a budget of its own; None: the whole call, or the rest
    is_rest: bool = False
    # For the rest: the kelurahan codes with budgets of their own, whose proposals are not in this pool.
    others: frozenset = field(default_factory=frozenset)

    def holds(self, kelurahan_code):
        """Whether a proposal (or a voter) located in ``kelurahan_code`` belongs to this pool."""
        if self.kelurahan is not None:
            return kelurahan_code == self.kelurahan.code
        return kelurahan_code not in self.others

    def proposals(self, queryset):
        """``queryset`` (of proposals) narrowed to this pool's."""
        if self.kelurahan is not None:
            return queryset.filter(kelurahan_id=self.kelurahan.code)
        return queryset.exclude(kelurahan_id__in=self.others) if self.others else queryset


def budget_pools(call):
    """The call's pools: the kelurahan with budgets of their own (by name), then the rest; one query."""
    budgets = list(call.kelurahan_budgets.select_related("kelurahan").order_by("kelurahan__name"))
    if not budgets:
        return [BudgetPool(budget=call.total_budget_rupiah)]
    pools = [BudgetPool(budget=budget.budget_rupiah, kelurahan=budget.kelurahan) for budget in budgets]
    others = frozenset(budget.kelurahan_id for budget in budgets)
    rest = max(call.total_budget_rupiah - sum(budget.budget_rupiah for budget in budgets), 0)
    return [*pools, BudgetPool(budget=rest, is_rest=True, others=others)]


def budget_pool(call, kelurahan):
    """The pool a voter living in ``kelurahan`` (a Region, or None) votes in."""
    return _pool_holding(budget_pools(call), kelurahan)


def published_budget_pool(call, kelurahan):
    """``budget_pool`` for the call as published, its pools remembered until the next publish (or a budget
    saved: participation.apps): the ballot asks at every vote of the voting peak. Not for a preview, whose
    budgets may be a draft's."""
    return _pool_holding(remember(f"budget-pools:{call.pk}", lambda: budget_pools(call)), kelurahan)


def _pool_holding(pools, kelurahan):
    code = kelurahan.code if kelurahan is not None else None
    return next(pool for pool in pools if pool.holds(code))
