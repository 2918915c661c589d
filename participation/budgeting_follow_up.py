"""The follow-up of a call's winning proposals, so residents see what became of their vote (as Decidim's
accountability): each winner's progress (planned, in progress, done) and the dated updates on its work,
each with an optional photo.

Who writes them: government staff (and superusers), and kelurahan staff of the kelurahan where the proposal
is located (participation.scope). What they follow up: only a call's winners
(participation.budgeting_results.winning_proposal_ids), and only once the results are public (the results
and follow-up phases, participation.budgeting_phases): the winners are known from then on, and a "planned"
update before the work starts (``follow_up_from``) is what residents want to read first.

An update is dated (the day the work reached that point, never in the future nor before the results), and
the proposal's progress is that of its newest update by date: an update written late, about an earlier
day, does not turn a finished work back. Its photo is public, as the proposal is: it is resized and
stripped of its metadata (participation.photos) before it is kept.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from participation.budgeting_phases import results_public, today_in_balikpapan
from participation.budgeting_results import winning_proposal_ids
from participation.models import Proposal, ProposalUpdate
from participation.photos import PhotoError, photo_prepared
from participation.scope import EVERYWHERE, acts_somewhere, kelurahan_scope

LOG_UPDATE_ADD = "sekolah_warga.budgeting_follow_up_update"
TEXT_MAX_LENGTH = 2000


class FollowUpError(Exception):
    """An update refused; the message says why, in the staff member's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def proposal_updates(proposal):
    """The dated updates on ``proposal``'s work, newest first (the public proposal page shows them)."""
    return list(proposal.updates.all())


def may_follow_up_anywhere(user):
    """Whether ``user`` may follow up some winner: government staff, superusers, kelurahan staff."""
    return acts_somewhere(user)


def may_follow_up(user, proposal):
    """Whether ``user`` may follow up ``proposal`` as far as places go: everywhere, or its kelurahan."""
    scope = kelurahan_scope(user)
    return scope is EVERYWHERE or proposal.kelurahan_id in scope


def follow_up_open(call, today=None):
    """Whether the call's winners may be followed up on ``today``: once its results are public."""
    return results_public(call, today)


@dataclass(frozen=True)
class WinnerRow:
    proposal: Proposal
    update_count: int
    last_update_on: object  # a date, or None


def call_winners(call, user, today=None):
    """The winners of ``call`` that ``user`` may follow up (all for government staff, their kelurahan's
    for kelurahan staff), with how many updates each has and the date of the newest: the admin's list.
    Empty before the results are public. Two queries, whatever the number of winners (with the results')."""
    if not follow_up_open(call, today):
        return []
    ids = winning_proposal_ids(call)
    if not ids:
        return []
    proposals = Proposal.objects.filter(call=call, pk__in=ids).select_related("kelurahan", "category")
    scope = kelurahan_scope(user)
    if scope is not EVERYWHERE:
        proposals = proposals.filter(kelurahan__in=scope)
    proposals = proposals.annotate(update_count=Count("updates"), last_update_on=Max("updates__date")).order_by(
        "kelurahan__name", "title", "pk"
    )
    return [
        WinnerRow(proposal=proposal, update_count=proposal.update_count, last_update_on=proposal.last_update_on)
        for proposal in proposals
    ]


def follow_up_refusal(*, proposal, user, today=None):
    """Why ``user`` may not follow up ``proposal`` on ``today``, or None when they may. Places first
    (PermissionDenied: another kelurahan's proposal is not theirs), then the rules of the follow-up."""
    if not may_follow_up(user, proposal):
        raise PermissionDenied
    today = today or today_in_balikpapan()
    if not follow_up_open(proposal.call, today):
        return _("The follow-up starts when the results are published, on %(date)s.") % {
            "date": date_format(proposal.call.results_on, "DATE_FORMAT")
        }
    if proposal.pk not in winning_proposal_ids(proposal.call):
        return _("Only a winning proposal is followed up; this one did not win.")
    return None


def proposal_update_add(*, proposal, by, date, progress, text, photo=None, today=None):
    """Add a dated update (with an optional photo) on a winning proposal's work; the proposal's progress
    becomes that of its newest update by date. Returns the update.

    Raises PermissionDenied when ``by`` may not act in the proposal's kelurahan, FollowUpError naming what is
    wrong otherwise (not a winner, results not public yet, a date in the future or before the results, no
    text, an unknown progress, a photo that is not one); nothing is saved then.
    """
    today = today or today_in_balikpapan()
    text = (text or "").strip()
    with transaction.atomic():
        # Locked: two updates written at once each set the progress from the newest one, in turn.
        proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
        refusal = follow_up_refusal(proposal=proposal, user=by, today=today)
        if refusal:
            raise FollowUpError(refusal)
        if progress not in Proposal.Progress.values:
            raise FollowUpError(_("Choose the progress: planned, in progress or done."))
        if date is None:
            raise FollowUpError(_("Give the date of the update."))
        if date > today:
            raise FollowUpError(_("The date may not be in the future."))
        if date < proposal.call.results_on:
            raise FollowUpError(
                _("The date may not be before the results were published (%(date)s).")
                % {"date": date_format(proposal.call.results_on, "DATE_FORMAT")}
            )
        if not text:
            raise FollowUpError(_("Write what was done, or what is planned."))
        if len(text) > TEXT_MAX_LENGTH:
            raise FollowUpError(
                _("The update is %(length)d characters long; at most %(limit)d are accepted.")
                % {"length": len(text), "limit": TEXT_MAX_LENGTH}
            )
        prepared = None
        if photo:
            try:
                prepared = photo_prepared(photo, name=f"usulan-{proposal.pk}.jpg")
            except PhotoError as error:
                raise FollowUpError(error.message) from None
        update = ProposalUpdate(proposal=proposal, date=date, progress=progress, text=text, created_by=by)
        if prepared is not None:
            update.photo.save(prepared.name, prepared, save=False)
        update.save()
        newest = proposal.updates.order_by("-date", "-pk").values_list("progress", flat=True).first()
        Proposal.objects.filter(pk=proposal.pk).update(progress=newest)
        proposal.progress = newest
        log(
            instance=proposal,
            action=LOG_UPDATE_ADD,
            user=by,
            data={"update": update.pk, "date": date.isoformat(), "progress": progress},
        )
    return update
