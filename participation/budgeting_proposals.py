"""Residents' proposals to a budgeting call: sending one, editing it while proposals are taken, and carrying
one that was not funded into the next year's call; and the reads of the call's public list and of one
proposal.

Who may propose, and why not, is participation.budgeting_eligibility.proposal_permission: asked again here,
inside the transaction, whatever the view already showed. A proposal's photo arrives already made safe
(participation.photos, through participation.budgeting_proposal_forms). The review (status, reviewed cost,
reason) is staff's (participation.budgeting_review_admin): nothing here changes it, and a carried proposal
starts again as submitted, without a review.
"""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.format_tags import rupiah
from courses.selectors import completed_enrolments
from participation.budgeting_eligibility import in_call_area, proposal_permission
from participation.budgeting_phases import Phase, call_phase, results_public
from participation.budgeting_results import winning_proposal_ids
from participation.models import BudgetingCallPage, Proposal
from regions.models import Region

# What a resident writes; the rest of a proposal is staff's (review) or the system's (dates, carrying).
PROPOSAL_FIELDS = (
    "title",
    "description",
    "kelurahan",
    "rt",
    "rw",
    "address",
    "latitude",
    "longitude",
    "category",
    "estimated_cost",
)


class ProposalError(Exception):
    """A proposal refused; the message says why, in the resident's language (and ``field`` where, if it is
    about one field of the form)."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# --- Reads


def call_kelurahan(*, call):
    """The kelurahan inside the call's area (the kecamatan's, or the one kelurahan), by kecamatan and name."""
    return (
        Region.objects.filter(Q(code=call.area_id) | Q(parent_id=call.area_id), level=Region.Level.VILLAGE)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


def _with_trained(proposals, call):
    """Each proposal with ``trained``: whether its author completed the call's course (False without one).
    Asked inside the list's own query, so the whole list costs no more queries than its proposals."""
    if call.prerequisite_course_id is None:
        return proposals.annotate(trained=Value(False))
    completed = completed_enrolments().filter(user_id=OuterRef("author_id"), course_id=call.prerequisite_course_id)
    return proposals.annotate(trained=Exists(completed))


def proposals_public(*, call, kelurahan=None, category=None):
    """The call's proposals anyone may read, in the order they were sent: every one but the hidden ones (a
    merged one stays, pointing to the one it was merged into). Filtered by ``kelurahan`` (a Region) and
    ``category`` when given."""
    proposals = (
        Proposal.objects.filter(call=call)
        .exclude(status=Proposal.Status.HIDDEN)
        .select_related("kelurahan", "category", "merged_into")
        .order_by("submitted_at", "pk")
    )
    if kelurahan is not None:
        proposals = proposals.filter(kelurahan=kelurahan)
    if category is not None:
        proposals = proposals.filter(category=category)
    return _with_trained(proposals, call)


def proposal_of(*, call, proposal_id):
    """One proposal of ``call`` (hidden ones too: their page says why), or None."""
    proposals = Proposal.objects.filter(call=call, pk=proposal_id).select_related(
        "kelurahan__parent", "category", "merged_into", "carried_from__call", "author"
    )
    return _with_trained(proposals, call).first()


def proposals_of(*, user, limit=20):
    """The resident's own proposals, newest first, in live calls, with their calls: one query, for their
    dashboard (hidden ones too: their page says why)."""
    return (
        Proposal.objects.filter(author=user, call__live=True)
        .select_related("call")
        .order_by("-submitted_at", "-pk")[:limit]
    )


def proposal_is_editable(proposal, user, today=None):
    """Whether ``user`` may change ``proposal`` on ``today``: its author, while its call takes proposals
    (review starts after they close, so nothing reviewed is ever changed)."""
    return (
        user.is_authenticated
        and proposal.author_id == user.pk
        and call_phase(proposal.call, today) == Phase.PROPOSALS
        and proposal.status == Proposal.Status.SUBMITTED
    )


def next_call(call):
    """The next year's call of the same area (live), or None: the one a proposal not funded may be carried
    into. With several (not expected), the one that closes proposals first."""
    return (
        BudgetingCallPage.objects.live()
        .filter(area_id=call.area_id, fiscal_year=call.fiscal_year + 1)
        .order_by("proposals_close", "pk")
        .first()
    )


def carry_refusal(proposal, user, today=None, *, target=None):
    """Why ``user`` may not carry ``proposal`` into the next year's call on ``today``, or "" when they may.
    ``target``: the next call, when already looked up (else it is)."""
    call = proposal.call
    if not user.is_authenticated or proposal.author_id != user.pk:
        return _("Only the author of a proposal may carry it into the next call.")
    if not results_public(call, today):
        return _("A proposal can be carried into the next call once this call's results are published.")
    if proposal.status in (Proposal.Status.HIDDEN, Proposal.Status.MERGED):
        return _("A hidden or merged proposal cannot be carried into the next call.")
    if proposal.pk in winning_proposal_ids(call):
        return _("This proposal was funded: there is nothing to carry.")
    target = target or next_call(call)
    if target is None:
        return _("There is no call for the next year yet.")
    permission = proposal_permission(target, user, today)
    if not permission:
        return permission.reason
    if proposal.carried_into.filter(call=target).exists():
        return _("This proposal has already been carried into %(call)s.") % {"call": target.title}
    if not target.categories.filter(pk=proposal.category_id).exists():
        return _("%(call)s does not take proposals in the category %(category)s: send it as a new proposal.") % {
            "call": target.title,
            "category": proposal.category.name,
        }
    if proposal.estimated_cost > target.ceiling_rupiah:
        return _("%(call)s takes proposals of at most %(ceiling)s: send it as a new proposal.") % {
            "call": target.title,
            "ceiling": rupiah(target.ceiling_rupiah),
        }
    return ""


# --- Writes


def _checked(call, fields):
    """``fields`` checked against the call: a kelurahan of its area, one of its categories, a cost within
    its ceiling, and coordinates both given or neither. Raises ProposalError naming the field."""
    if not in_call_area(call, fields["kelurahan"]):
        raise ProposalError(_("Choose a kelurahan inside %(area)s.") % {"area": call.area.name}, field="kelurahan")
    if not call.categories.filter(pk=fields["category"].pk).exists():
        raise ProposalError(_("Choose one of this call's categories."), field="category")
    cost = fields["estimated_cost"]
    if cost < 1 or cost > call.ceiling_rupiah:
        raise ProposalError(
            _("A proposal in this call may cost at most %(ceiling)s.") % {"ceiling": rupiah(call.ceiling_rupiah)},
            field="estimated_cost",
        )
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        raise ProposalError(_("Give both the latitude and the longitude, or neither."), field="latitude")
    return {name: fields.get(name) for name in PROPOSAL_FIELDS}


def proposal_create(*, call, author, fields, photo=None, today=None):
    """Record ``author``'s new proposal to ``call`` and return it. ``fields``: PROPOSAL_FIELDS, cleaned by
    the form; ``photo``: a ContentFile already made safe, or None. Raises ProposalError (nothing saved)."""
    permission = proposal_permission(call, author, today)
    if not permission:
        raise ProposalError(permission.reason)
    values = _checked(call, fields)
    now = timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.create(call=call, author=author, submitted_at=now, updated_at=now, **values)
        if photo is not None:
            _photo_keep(proposal, photo)
    return proposal


def proposal_edit(*, proposal, by, fields, photo=None, photo_removed=False, today=None):
    """Change ``proposal`` as its author ``by`` wrote it again, while proposals are taken. ``photo``: a new
    photo (made safe) replacing the old one; ``photo_removed``: none any more. Raises ProposalError."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
        if not proposal_is_editable(locked, by, today):
            if locked.author_id != getattr(by, "pk", None):
                raise ProposalError(_("Only its author may change a proposal."))
            raise ProposalError(_("Proposals can be changed only until the proposal period ends."))
        values = _checked(locked.call, fields)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.updated_at = timezone.now()
        old_photo = locked.photo.name if locked.photo else ""
        if photo is not None:
            _photo_keep(locked, photo, save=False)
        elif photo_removed:
            locked.photo = ""
        locked.save()
        if old_photo and (photo is not None or photo_removed):
            storage = locked.photo.storage
            transaction.on_commit(lambda: storage.delete(old_photo))
    return locked


def proposal_carry(*, proposal, by, today=None):
    """Carry ``proposal``, not funded, into the next year's call as a new submitted proposal of ``by`` (its
    author), its photo copied; return the copy. Once per proposal and call: the original's row is locked
    while it is checked, so two clicks at once make one copy. Raises ProposalError."""
    target = next_call(proposal.call)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().select_related("call", "category").get(pk=proposal.pk)
        refusal = carry_refusal(locked, by, today, target=target)
        if refusal:
            raise ProposalError(refusal)
        now = timezone.now()
        copy = Proposal.objects.create(
            call=target,
            author=by,
            carried_from=locked,
            submitted_at=now,
            updated_at=now,
            **{name: getattr(locked, name) for name in PROPOSAL_FIELDS},
        )
        if locked.photo:
            with locked.photo.open("rb") as original:
                _photo_keep(copy, ContentFile(original.read()))
    return copy


def _photo_keep(proposal, photo, *, save=True):
    """Store ``photo`` as the proposal's. Saved last in its transaction, so nothing after it can fail."""
    # A name nobody can guess from the proposal's number: a photo taken off the site is not found by trying.
    proposal.photo.save(f"usulan-{proposal.pk}-{secrets.token_urlsafe(9)}.jpg", photo, save=save)
