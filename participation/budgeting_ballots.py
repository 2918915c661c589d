"""Voting in a budgeting call online: a resident's one ballot, cast, changed or withdrawn until voting closes.

- **Who** may vote is participation.budgeting_eligibility's ``vote_permission``: a refusal is raised with its
  sentence and nothing is stored.
- **What** a resident may choose (``ballot_scope``): the feasible proposals of the budget pool their kelurahan
  votes in (participation.budgeting_pools: the whole call; or, in a call with a budget per kelurahan, their
  kelurahan's, or the rest's for a kelurahan without one), with their reviewed costs.
- **The rule**, checked here on the server whatever the browser sent: approval, at most ``approval_limit``
  proposals; knapsack, reviewed costs together within the voter's budget.
- **One ballot per resident and call**: one row (a unique constraint), written in one statement that makes it or
  brings it up to date and locks it (``ON CONFLICT DO UPDATE``), and its choices replaced while the lock is
  held. So two tabs casting at once leave exactly one of the two ballots, whole, and since the rule is checked
  on the whole set that replaces the old one, no race can leave a ballot over the limit or the budget.
- **Withdrawing** (choosing nothing) deletes the row: the printed voter list for the paper vote marks those
  with a ballot as having voted online, and a resident who withdrew may vote on paper.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.format_tags import rupiah
from participation.budgeting_eligibility import (
    resident_kelurahan,
    resident_verification,
    vote_permission,
)
from participation.budgeting_pools import BudgetPool, published_budget_pool
from participation.models import Ballot, BallotChoice, BudgetingCallPage, Proposal

VOTABLE_SECONDS = 10 * 60


class BallotError(Exception):
    """A ballot the rules refuse; the message says why, for the resident. ``code`` names the reason for views
    and tests: a ``Refusal`` of budgeting_eligibility, or "not-votable", "over-limit", "over-budget"."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class BallotScope:
    """What one voter chooses among: the proposals of their budget pool, within its budget. ``heading`` is
    their kelurahan when the call gives it a budget of its own (they then choose among its proposals only)."""

    call: BudgetingCallPage
    pool: BudgetPool

    @property
    def heading(self):
        return self.pool.kelurahan

    @property
    def budget(self):
        return self.pool.budget

    @property
    def is_knapsack(self):
        return self.call.voting_rule == BudgetingCallPage.VotingRule.KNAPSACK

    def proposals(self):
        """The proposals on this voter's ballot, with what the page shows of them, in a stable order."""
        proposals = self.pool.proposals(Proposal.objects.filter(call_id=self.call.pk, status=Proposal.Status.FEASIBLE))
        return proposals.select_related("kelurahan", "category").order_by("kelurahan__name", "title", "pk")

    def costs_by_id(self):
        """{id: reviewed cost} of the proposals on this ballot: the call's feasible ones (``votable_proposals``)
        in this voter's pool."""
        return {
            pk: cost
            for pk, (kelurahan_id, cost) in votable_proposals(self.call).items()
            if self.pool.holds(kelurahan_id)
        }


def votable_proposals(call):
    """The call's feasible proposals as {id: (kelurahan code, reviewed cost)}, what a ballot's rule needs.

    Read at every vote of the voting peak, and unchanging while voting is open (review changes nothing from
    the day voting opens), so kept in the cache, one entry per call, until one of the call's proposals is saved
    or deleted (``votable_proposals_forget``); at most VOTABLE_SECONDS in any case."""
    key = _votable_key(call.pk)
    votable = cache.get(key)
    if votable is None:
        rows = Proposal.objects.filter(call_id=call.pk, status=Proposal.Status.FEASIBLE)
        votable = {
            pk: (kelurahan_id, cost)
            for pk, kelurahan_id, cost in rows.values_list("pk", "kelurahan_id", "reviewed_cost")
        }
        cache.set(key, votable, VOTABLE_SECONDS)
    return votable


def votable_proposals_forget(sender, instance, **kwargs):
    """A proposal saved or deleted (connected in participation.apps): its call's entry goes now, and again when
    the transaction commits, so that a ballot read in between cannot keep the rows from before."""
    key = _votable_key(instance.call_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _votable_key(call_id):
    return f"budgeting-votable-proposals:{call_id}"


def ballot_scope(*, call, kelurahan):
    """The proposals and the budget of a voter living in ``kelurahan`` (a Region, or None), in the call as
    published (a ballot is cast on the live call only)."""
    return BallotScope(call=call, pool=published_budget_pool(call, kelurahan))


def voter_ballot_scope(*, call, user):
    """``ballot_scope`` for a signed-in resident, from the kelurahan the call's rules place them in."""
    return ballot_scope(call=call, kelurahan=resident_kelurahan(user, resident_verification(user)))


def ballot_of(*, call, user):
    """The resident's ballot in ``call``, or None."""
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(call_id=call.pk, voter=user).first()


def ballot_choice_ids(*, call, user):
    """The ids of the proposals the resident's ballot chooses, as a set (empty without a ballot)."""
    if not user.is_authenticated:
        return set()
    return set(
        BallotChoice.objects.filter(ballot__call_id=call.pk, ballot__voter=user).values_list("proposal_id", flat=True)
    )


def ballot_cast(*, call, user, proposal_ids, today=None):
    """Cast, change or (with no proposal) withdraw ``user``'s ballot in ``call``: its choices become exactly
    ``proposal_ids``. Raises BallotError (nothing stored) when the resident may not vote, a proposal is not on
    their ballot, or the choice breaks the call's rule. Returns the ballot (whose ``cast_at`` is this cast's
    time: the row keeps the first), or None after a withdrawal."""
    verification = resident_verification(user)  # read once: the permission and the kelurahan both need it
    permission = vote_permission(call, user, today, verification=verification)
    if not permission:
        raise BallotError(permission.reason, code=permission.refusal)
    kelurahan = resident_kelurahan(user, verification)
    scope = ballot_scope(call=call, kelurahan=kelurahan)
    chosen = _chosen_proposals(scope, proposal_ids)
    _check_rule(scope, chosen)

    with transaction.atomic():
        if not chosen:
            ballot = Ballot.objects.select_for_update().filter(call_id=call.pk, voter=user).first()
            if ballot is not None:
                ballot.delete()  # its choices go with it (CASCADE)
            return None
        ballot = _ballot_written(call=call, user=user, kelurahan=kelurahan)
        ballot.choices.all().delete()
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, proposal_id=pk) for pk in sorted(chosen))
    return ballot


def _chosen_proposals(scope, proposal_ids):
    try:
        wanted = {int(pk) for pk in proposal_ids}
    except (TypeError, ValueError):
        wanted = None
    if wanted is None:
        raise BallotError(
            _("The choice sent is not a list of proposals: choose again from the list."), code="not-votable"
        )
    if not wanted:
        return {}
    on_ballot = scope.costs_by_id()
    chosen = {pk: on_ballot[pk] for pk in wanted if pk in on_ballot}
    if len(chosen) != len(wanted):
        if scope.heading is not None:
            message = _(
                "A proposal you chose is not on your ballot: you vote for the proposals of Kelurahan %(kelurahan)s "
                "that were found feasible. Choose again from the list."
            ) % {"kelurahan": scope.heading.name}
        else:
            message = _(
                "A proposal you chose is not on your ballot: only this call's proposals found feasible may be "
                "chosen. Choose again from the list."
            )
        raise BallotError(message, code="not-votable")
    return chosen


def _check_rule(scope, chosen):
    call = scope.call
    if scope.is_knapsack:
        total = sum(chosen.values())
        if total > scope.budget:
            raise BallotError(
                _(
                    "The proposals you chose cost %(total)s together, more than the budget of %(budget)s. "
                    "Untick some and try again."
                )
                % {"total": rupiah(total), "budget": rupiah(scope.budget)},
                code="over-budget",
            )
    elif len(chosen) > call.approval_limit:
        raise BallotError(
            ngettext(
                "You may choose at most %(limit)d proposal; you chose %(count)d. Untick some and try again.",
                "You may choose at most %(limit)d proposals; you chose %(count)d. Untick some and try again.",
                call.approval_limit,
            )
            % {"limit": call.approval_limit, "count": len(chosen)},
            code="over-limit",
        )


def _ballot_written(*, call, user, kelurahan):
    """The resident's ballot row, made or brought up to date (where and who they are now, when it changed) in
    one statement, ``INSERT … ON CONFLICT DO UPDATE`` on the one-ballot constraint, which also locks the row
    until the transaction ends: a second tab casting at once waits here for the first to commit, then replaces
    its choices in turn; a row withdrawn meanwhile is made again. The row keeps when it was first cast; the
    ballot returned carries this cast's time in ``cast_at`` (read the row again for the first)."""
    now = timezone.now()
    gender = getattr(getattr(user, "learner_profile", None), "gender", "") or ""
    [ballot] = Ballot.objects.bulk_create(
        [Ballot(call_id=call.pk, voter=user, kelurahan=kelurahan, gender=gender, cast_at=now, changed_at=now)],
        update_conflicts=True,
        unique_fields=["call", "voter"],
        update_fields=["kelurahan", "gender", "changed_at"],
    )
    return ballot
