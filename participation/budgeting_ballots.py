"""Voting in a budgeting call online: a resident's one ballot, cast, changed or withdrawn until voting closes.

- **Who** may vote is participation.budgeting_eligibility's ``vote_permission``: a refusal is raised with its
  sentence and nothing is stored.
- **What** a resident may choose (``ballot_scope``): the feasible proposals of the budget pool their kelurahan
  votes in (participation.budgeting_pools: the whole call; or, in a call with a budget per kelurahan, their
  kelurahan's, or the rest's for a kelurahan without one), with their reviewed costs.
- **The rule**, checked here on the server whatever the browser sent: approval, at most ``approval_limit``
  proposals; knapsack, reviewed costs together within the voter's budget.
- **One ballot per resident and call**: one row (a unique constraint), got or created (two tabs creating it at
  once: the second reads the first's row), then locked, and its choices replaced while the lock is held. So two
  tabs casting at once leave exactly one of the two ballots, whole, and since the rule is checked on the whole
  set that replaces the old one, no race can leave a ballot over the limit or the budget.
- **Withdrawing** (choosing nothing) deletes the row: the printed voter list for the paper vote marks those
  with a ballot as having voted online, and a resident who withdrew may vote on paper.
"""

from dataclasses import dataclass

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
from participation.budgeting_pools import BudgetPool, budget_pool
from participation.models import Ballot, BallotChoice, BudgetingCallPage, Proposal


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


def ballot_scope(*, call, kelurahan):
    """The proposals and the budget of a voter living in ``kelurahan`` (a Region, or None)."""
    return BallotScope(call=call, pool=budget_pool(call, kelurahan))


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
    their ballot, or the choice breaks the call's rule. Returns the ballot, or None after a withdrawal."""
    verification = resident_verification(user)  # read once: the permission and the kelurahan both need it
    permission = vote_permission(call, user, today, verification=verification)
    if not permission:
        raise BallotError(permission.reason, code=permission.refusal)
    kelurahan = resident_kelurahan(user, verification)
    scope = ballot_scope(call=call, kelurahan=kelurahan)
    chosen = _chosen_proposals(scope, proposal_ids)
    _check_rule(scope, chosen)

    now = timezone.now()
    with transaction.atomic():
        if not chosen:
            ballot = Ballot.objects.select_for_update().filter(call_id=call.pk, voter=user).first()
            if ballot is not None:
                ballot.delete()  # its choices go with it (CASCADE)
            return None
        ballot = _ballot_locked(call=call, user=user, kelurahan=kelurahan, now=now)
        ballot.choices.all().delete()
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, proposal=proposal) for proposal in chosen)
        ballot.kelurahan = kelurahan
        ballot.gender = getattr(getattr(user, "learner_profile", None), "gender", "") or ""
        ballot.changed_at = now
        ballot.save(update_fields=["kelurahan", "gender", "changed_at"])
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
        return []
    chosen = list(
        scope.proposals().select_related(None).order_by().filter(pk__in=wanted).only("pk", "title", "reviewed_cost")
    )
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
        total = sum(proposal.reviewed_cost for proposal in chosen)
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


def _ballot_locked(*, call, user, kelurahan, now):
    """The resident's ballot row, created if need be, locked until the transaction ends.

    A ballot being changed (the common case at the peak) is read and locked at once. Otherwise get_or_create
    reads the row a racing tab has just committed when its own insert hits the unique constraint; a row
    withdrawn (deleted) by another tab while this one waited for its lock is made again.
    """
    locked = Ballot.objects.select_for_update().filter(call_id=call.pk, voter=user).first()
    if locked is not None:
        return locked
    while True:
        ballot, _created = Ballot.objects.get_or_create(
            call_id=call.pk, voter=user, defaults={"kelurahan": kelurahan, "cast_at": now, "changed_at": now}
        )
        locked = Ballot.objects.select_for_update().filter(pk=ballot.pk).first()
        if locked is not None:
            return locked
