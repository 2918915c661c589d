"""The review of budgeting proposals: who reviews which, when, and the four outcomes.

Kelurahan staff review the proposals located in their kelurahan (participation.scope), government staff
every one. A proposal is judged feasible (with the cost the reviewers worked out, within the call's
ceiling), not feasible (with a reason the public reads), merged into a duplicate of the same call, or
hidden for abuse (with a reason the public reads instead of its text).

When: from the day after proposals close until the day before voting opens (the review phase,
participation.budgeting_phases). Not during the proposal period, as CONSUL: the author may still edit the
proposal then, so a verdict could be about words that no longer stand; one exception, hiding an abusive
proposal, which must not stay public for the weeks until the period ends. From the day voting opens
nothing changes: the reviewed costs are what residents vote on, and the knapsack ballots are checked
against them.

Each service locks the proposal's row (and a merge's target) in a transaction, checks the rules, writes the
Wagtail audit log and tells the author (notices.services.notice_send: on /saya/ and by e-mail, after the
commit). A refusal raises ``ReviewError`` and changes nothing.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from core.site_address import absolute_url
from notices.services import notice_send
from participation.budgeting_phases import Phase, call_phase
from participation.models import Proposal
from participation.scope import acts_somewhere, in_kelurahan_scope, may_act_in

# Audit log actions (registered in participation.budgeting_review_admin).
LOG_FEASIBLE = "sekolah_warga.proposal_feasible"
LOG_NOT_FEASIBLE = "sekolah_warga.proposal_not_feasible"
LOG_MERGED = "sekolah_warga.proposal_merged"
LOG_HIDDEN = "sekolah_warga.proposal_hidden"

REASON_MAX_LENGTH = 2000

# Phases in which each outcome may be given.
REVIEW_PHASES = frozenset({Phase.REVIEW})
HIDING_PHASES = frozenset({Phase.PROPOSALS, Phase.REVIEW})

# A status a merge cannot go into.
NOT_A_MERGE_TARGET = frozenset({Proposal.Status.MERGED, Proposal.Status.HIDDEN})

OUTCOME_LABELS = {
    Proposal.Status.FEASIBLE: gettext_lazy("feasible"),
    Proposal.Status.NOT_FEASIBLE: gettext_lazy("not feasible"),
    Proposal.Status.MERGED: gettext_lazy("merged into another proposal"),
    Proposal.Status.HIDDEN: gettext_lazy("hidden"),
}


class ReviewError(Exception):
    """A review refused: ``message`` says why, ``field`` names the form field it concerns (or None)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# --- Selectors ------------------------------------------------------------------------------------------


def may_review(user):
    """Whether `user` reviews proposals somewhere: government staff (and superusers) everywhere,
    kelurahan staff in their kelurahan."""
    return acts_somewhere(user)


def proposals_reviewable_by(user):
    """The proposals `user` may review: those located in the kelurahan where they act."""
    if not may_review(user):
        return Proposal.objects.none()
    return in_kelurahan_scope(Proposal.objects.all(), user)


def proposals_for_listing(queryset):
    """The proposals with what the review listing shows of each, in the same query."""
    return queryset.select_related("call", "kelurahan", "category", "author")


def merge_targets(proposal, user):
    """The proposals `proposal` may be merged into, as `user` sees them: the same call's, in their scope,
    neither merged nor hidden, not itself."""
    return (
        proposals_reviewable_by(user)
        .filter(call_id=proposal.call_id)
        .exclude(pk=proposal.pk)
        .exclude(status__in=NOT_A_MERGE_TARGET)
        .select_related("kelurahan")
        .order_by("title", "pk")
    )


def review_refusal(call, *, hiding=False, today=None):
    """Why a review of `call`'s proposals is refused today (a message), or "" when it is allowed."""
    phase = call_phase(call, today)
    allowed = HIDING_PHASES if hiding else REVIEW_PHASES
    if phase in allowed:
        return ""
    if phase in (Phase.UPCOMING, Phase.PROPOSALS):
        return _(
            "Proposals are reviewed after the proposal period ends (%(date)s): until then their authors may "
            "still change them."
        ) % {"date": _day(call.proposals_close)}
    return _("Voting opened on %(date)s: the review is closed and reviewed costs are frozen. Nothing was changed.") % {
        "date": _day(call.voting_open)
    }


def _day(day):
    return date_format(day, "j F Y")


def proposal_public_url(proposal):
    """The proposal's public page, as an absolute address (for notices and e-mails), or "" when the call
    is not under any site."""
    call = proposal.call
    parts = call.get_url_parts()
    if parts is None:
        return ""
    return absolute_url(parts[2] + call.reverse_subpage("proposal", args=[proposal.pk]))


# --- Services -------------------------------------------------------------------------------------------


def _locked(proposal, *, by, hiding=False):
    """The proposal's row, locked, after checking that `by` may review it now."""
    locked = Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)
    if not may_act_in(by, locked.kelurahan_id):
        raise ReviewError(_("You review only the proposals located in the kelurahan where you act."))
    refusal = review_refusal(locked.call, hiding=hiding)
    if refusal:
        raise ReviewError(refusal)
    return locked


def _record(proposal, *, status, by, action, data, reviewed_cost=None, reason="", merged_into=None):
    proposal.status = status
    proposal.reviewed_cost = reviewed_cost
    proposal.review_reason = reason
    proposal.merged_into = merged_into
    proposal.reviewed_by = by
    proposal.reviewed_at = timezone.now()
    proposal.save(
        update_fields=["status", "reviewed_cost", "review_reason", "merged_into", "reviewed_by", "reviewed_at"]
    )
    log(proposal, action, user=by, data=data)
    _tell_author(proposal)
    return proposal


def _clean_reason(reason, *, required_message):
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(required_message, field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ReviewError(
            _("Keep the reason to %(max)s characters (it has %(count)s).")
            % {"max": REASON_MAX_LENGTH, "count": len(reason)},
            field="reason",
        )
    return reason


@transaction.atomic
def proposal_mark_feasible(*, proposal, reviewed_cost, by):
    """`proposal` is feasible at `reviewed_cost` Rupiah (positive, within the call's ceiling)."""
    proposal = _locked(proposal, by=by)
    ceiling = proposal.call.ceiling_rupiah
    if reviewed_cost is None or reviewed_cost < 1:
        raise ReviewError(_("Give the reviewed cost in Rupiah, more than zero."), field="reviewed_cost")
    if reviewed_cost > ceiling:
        raise ReviewError(
            _(
                "The reviewed cost (Rp %(cost)s) is above the call's ceiling of Rp %(ceiling)s for one "
                "proposal: a proposal that costs more is not feasible in this call."
            )
            % {"cost": _rupiah(reviewed_cost), "ceiling": _rupiah(ceiling)},
            field="reviewed_cost",
        )
    return _record(
        proposal,
        status=Proposal.Status.FEASIBLE,
        by=by,
        action=LOG_FEASIBLE,
        data={"reviewed_cost": reviewed_cost},
        reviewed_cost=reviewed_cost,
    )


@transaction.atomic
def proposal_mark_not_feasible(*, proposal, reason, by):
    """`proposal` is not feasible, for `reason` (required; shown on the proposal's public page)."""
    proposal = _locked(proposal, by=by)
    reason = _clean_reason(reason, required_message=_("Say why the proposal is not feasible: the public reads it."))
    return _record(
        proposal,
        status=Proposal.Status.NOT_FEASIBLE,
        by=by,
        action=LOG_NOT_FEASIBLE,
        data={"reason": reason},
        reason=reason,
    )


@transaction.atomic
def proposal_merge(*, proposal, into, by):
    """`proposal` is a duplicate of `into` (same call, neither merged nor hidden): it is merged into it, and
    the proposals merged into `proposal` before follow it into `into`."""
    if into is None:
        raise ReviewError(_("Choose the proposal to merge this one into."), field="merged_into")
    if into.pk == proposal.pk:
        raise ReviewError(_("A proposal cannot be merged into itself."), field="merged_into")
    # Both rows locked, in the order of their keys (two reviewers merging a pair each way do not deadlock).
    rows = {
        row.pk: row
        for row in Proposal.objects.select_for_update(of=("self",))
        .select_related("call")
        .filter(pk__in=[proposal.pk, into.pk])
        .order_by("pk")
    }
    if into.pk not in rows:
        raise ReviewError(_("The proposal to merge into no longer exists."), field="merged_into")
    proposal = _locked(proposal, by=by)
    target = rows[into.pk]
    if target.call_id != proposal.call_id:
        raise ReviewError(
            _("Only proposals of the same call can be merged: “%(title)s” belongs to another call.")
            % {"title": target.title},
            field="merged_into",
        )
    if target.status in NOT_A_MERGE_TARGET:
        raise ReviewError(
            _("“%(title)s” is %(status)s: merge into a proposal that is neither merged nor hidden.")
            % {"title": target.title, "status": OUTCOME_LABELS[target.status]},
            field="merged_into",
        )
    if not may_act_in(by, target.kelurahan_id):
        raise ReviewError(
            _("You may merge only into a proposal located in a kelurahan where you act."), field="merged_into"
        )
    # No chains: what was merged into this proposal now points where it goes.
    Proposal.objects.filter(merged_into=proposal).update(merged_into=target)
    return _record(
        proposal,
        status=Proposal.Status.MERGED,
        by=by,
        action=LOG_MERGED,
        data={"merged_into": target.pk, "merged_into_title": target.title},
        merged_into=target,
    )


@transaction.atomic
def proposal_hide(*, proposal, reason, by):
    """`proposal` is hidden for abuse: the public reads `reason` (required) instead of its text."""
    proposal = _locked(proposal, by=by, hiding=True)
    reason = _clean_reason(
        reason, required_message=_("Say why the proposal is hidden: the public reads it instead of the proposal.")
    )
    hidden = _record(
        proposal, status=Proposal.Status.HIDDEN, by=by, action=LOG_HIDDEN, data={"reason": reason}, reason=reason
    )
    _photo_remove(hidden)
    return hidden


def _photo_remove(proposal):
    """A hidden proposal's photo goes with its text (the photo may be the abuse): the field is emptied now and
    the file deleted after the commit, so its address answers nothing."""
    if not proposal.photo:
        return
    storage, name = proposal.photo.storage, proposal.photo.name
    Proposal.objects.filter(pk=proposal.pk).update(photo="")
    proposal.photo = ""
    transaction.on_commit(lambda: storage.delete(name))


def _rupiah(amount):
    return number_format(amount, decimal_pos=0, force_grouping=True)


def _tell_author(proposal):
    """The author learns the outcome on /saya/ and by e-mail (after the commit); an erased author, nobody."""
    if proposal.author_id is None:
        return
    # Residents read the site in Indonesian first; staff may work in the admin in English.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _outcome_message(proposal)
    notice_send(user=proposal.author, subject=subject, body=body, link=proposal_public_url(proposal))


def _outcome_message(proposal):
    title = proposal.title
    if proposal.status == Proposal.Status.FEASIBLE:
        subject = _("Your proposal “%(title)s” is feasible") % {"title": title}
        body = _(
            "The review found your proposal “%(title)s” feasible, at a reviewed cost of Rp %(cost)s. "
            "Residents can vote for it when voting opens on %(date)s."
        ) % {"title": title, "cost": _rupiah(proposal.reviewed_cost), "date": _day(proposal.call.voting_open)}
    elif proposal.status == Proposal.Status.NOT_FEASIBLE:
        subject = _("Your proposal “%(title)s” is not feasible") % {"title": title}
        body = _(
            "The review found your proposal “%(title)s” not feasible, for this reason:\n\n%(reason)s\n\n"
            "The reason is shown on the proposal's page."
        ) % {"title": title, "reason": proposal.review_reason}
    elif proposal.status == Proposal.Status.MERGED:
        subject = _("Your proposal “%(title)s” was merged with a similar one") % {"title": title}
        body = _(
            "Your proposal “%(title)s” asks for the same as “%(other)s”, so the two were merged: residents "
            "vote for “%(other)s”, which now stands for both."
        ) % {"title": title, "other": proposal.merged_into.title}
    else:
        subject = _("Your proposal “%(title)s” was hidden") % {"title": title}
        body = _(
            "Your proposal “%(title)s” was hidden from the public for this reason:\n\n%(reason)s\n\n"
            "The proposal's page shows the reason instead of its text."
        ) % {"title": title, "reason": proposal.review_reason}
    return subject, body
