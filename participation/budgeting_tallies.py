"""Paper ballots: the polling places of a call and the tally of each feasible proposal at each of them.

Who: kelurahan staff for the polling places of their kelurahan, government staff and superusers for all
(participation.scope). When: the paper vote is held once online voting has closed, and entered until the
results are public (the counting phase); before and after, nothing is entered or changed. The voter list
printed for it then marks everyone who voted online, so nobody votes twice. A polling place enters the
proposals of the budget pool its kelurahan votes in (participation.budgeting_pools).

Each tally's first entry records who entered it and when (PaperTally, and a PaperTallyChange with no
"before"); a later change is a correction, which needs a reason, and adds a PaperTallyChange (before,
after, reason, who, when): the history is kept and shown. A tally never exceeds the ballots cast at its
polling place (one paper ballot gives a proposal at most one vote). The services lock the polling place's
row, so two people saving the same place's tallies at once are taken one after the other: the second sees
the first's numbers, and its differences are corrections.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from participation.budgeting_eligibility import in_call_area
from participation.budgeting_phases import Phase, call_phase
from participation.budgeting_pools import budget_pool
from participation.models import PaperTally, PaperTallyChange, PollingPlace, Proposal
from participation.scope import may_act_in

LOG_POLLING_PLACE_CREATE = "sekolah_warga.budgeting_polling_place_create"
LOG_BALLOTS_CAST = "sekolah_warga.budgeting_ballots_cast"

# The paper vote is held, and counted, once online voting has closed: its voter list then marks everyone who
# voted online (participation.budgeting_voter_list), so nobody votes twice.
ENTRY_PHASES = (Phase.COUNTING,)


def tallies_open(call, today=None):
    """Whether paper ballots may be entered for ``call`` on ``today``: after online voting, until the results."""
    return call_phase(call, today) in ENTRY_PHASES


def _refuse_unless_allowed(*, call, kelurahan, by, today=None):
    if not may_act_in(by, kelurahan.pk):
        raise PermissionDenied(_("You may not enter paper ballots for this kelurahan."))
    if not tallies_open(call, today):
        raise ValidationError(
            _("Paper ballots are entered once online voting has closed, until the results are published.")
        )


def polling_place_create(*, call, by, name, kelurahan, ballots_cast=0, today=None):
    _refuse_unless_allowed(call=call, kelurahan=kelurahan, by=by, today=today)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the polling place a name.")})
    if not in_call_area(call, kelurahan):
        raise ValidationError({"kelurahan": _("This kelurahan is not in the call's area.")})
    if PollingPlace.objects.filter(call=call, name__iexact=name).exists():
        raise ValidationError({"name": _("This call already has a polling place of that name.")})
    try:
        with transaction.atomic():
            place = PollingPlace.objects.create(call=call, name=name, kelurahan=kelurahan, ballots_cast=ballots_cast)
            log(instance=place, action=LOG_POLLING_PLACE_CREATE, user=by, data={"ballots_cast": ballots_cast})
    except IntegrityError:  # the same name added at the same moment by someone else
        raise ValidationError({"name": _("This call already has a polling place of that name.")}) from None
    return place


def tally_proposals(call, kelurahan):
    """The proposals a polling place in ``kelurahan`` enters a tally for: the feasible ones of the budget pool
    its voters vote in (participation.budgeting_pools), as ranked on the form."""
    proposals = Proposal.objects.filter(call=call, status=Proposal.Status.FEASIBLE)
    return budget_pool(call, kelurahan).proposals(proposals).select_related("kelurahan").order_by("title", "pk")


def paper_tallies_save(*, polling_place, by, votes, ballots_cast, reason="", today=None):
    """Save the polling place's form: ``ballots_cast`` and ``votes`` ({proposal id: votes}, every feasible
    proposal of the call). New tallies are entries; changed ones are corrections and need ``reason``.
    All or nothing. Returns the number of tallies entered and corrected."""
    call = polling_place.call
    _refuse_unless_allowed(call=call, kelurahan=polling_place.kelurahan, by=by, today=today)
    reason = (reason or "").strip()
    now = timezone.now()
    with transaction.atomic():
        place = PollingPlace.objects.select_for_update().get(pk=polling_place.pk)
        proposals = {proposal.pk: proposal for proposal in tally_proposals(call, place.kelurahan)}
        errors = {}
        if ballots_cast is None or ballots_cast < 0:
            errors["ballots_cast"] = _("Give the number of paper ballots cast here (0 or more).")
        unknown = set(votes) - set(proposals)
        if unknown:
            errors["__all__"] = _("A tally is only entered for the call's feasible proposals.")
        for proposal_id, count in votes.items():
            if count is None or count < 0:
                errors[f"votes_{proposal_id}"] = _("Give a number of votes, 0 or more.")
            elif ballots_cast is not None and count > ballots_cast:
                errors[f"votes_{proposal_id}"] = _(
                    "A proposal cannot get more votes than the paper ballots cast here (%(count)d)."
                ) % {"count": ballots_cast}
        if errors:
            raise ValidationError(errors)
        existing = {tally.proposal_id: tally for tally in PaperTally.objects.filter(polling_place=place)}
        corrections = [pid for pid, count in votes.items() if pid in existing and existing[pid].votes != count]
        cast_changed = place.ballots_cast != ballots_cast and (existing or place.ballots_cast)
        if (corrections or cast_changed) and not reason:
            raise ValidationError({"reason": _("Say why the numbers already entered are corrected.")})
        entered = [pid for pid in votes if pid not in existing]
        new_tallies = PaperTally.objects.bulk_create(
            PaperTally(polling_place=place, proposal_id=pid, votes=votes[pid], entered_by=by, entered_at=now)
            for pid in entered
        )
        changes = [
            PaperTallyChange(tally=tally, votes_before=None, votes_after=tally.votes, changed_by=by, changed_at=now)
            for tally in new_tallies
        ]
        for pid in corrections:
            tally = existing[pid]
            changes.append(
                PaperTallyChange(
                    tally=tally,
                    votes_before=tally.votes,
                    votes_after=votes[pid],
                    reason=reason,
                    changed_by=by,
                    changed_at=now,
                )
            )
            tally.votes = votes[pid]
        PaperTally.objects.bulk_update([existing[pid] for pid in corrections], ["votes"])
        PaperTallyChange.objects.bulk_create(changes)
        if place.ballots_cast != ballots_cast:
            log(
                instance=place,
                action=LOG_BALLOTS_CAST,
                user=by,
                data={"before": place.ballots_cast, "after": ballots_cast, "reason": reason},
            )
            place.ballots_cast = ballots_cast
            place.save(update_fields=["ballots_cast"])
    polling_place.ballots_cast = ballots_cast
    return len(entered), len(corrections)


def paper_tally_enter(*, polling_place, proposal, votes, by, today=None):
    """One proposal's first tally at ``polling_place`` (the form's service for one number)."""
    return paper_tallies_save(
        polling_place=polling_place,
        by=by,
        votes={proposal.pk: votes},
        ballots_cast=polling_place.ballots_cast,
        today=today,
    )


def paper_tally_correct(*, tally, votes, reason, by, today=None):
    """Correct one tally, with a reason (kept in its history)."""
    place = tally.polling_place
    return paper_tallies_save(
        polling_place=place,
        by=by,
        votes={tally.proposal_id: votes},
        ballots_cast=place.ballots_cast,
        reason=reason,
        today=today,
    )


def tally_history(polling_place):
    """Every entry and correction at ``polling_place``, newest first, with the proposal and who: one query."""
    return (
        PaperTallyChange.objects.filter(tally__polling_place=polling_place)
        .select_related("tally__proposal", "changed_by")
        .order_by("-changed_at", "-pk")
    )
