"""Reads for a forum's page, the forum lists and the resident's dashboard: places, the visitor's own
registration and place on the waiting list, the questions taken up, and the attendance figures after the
meeting (small counts hidden by core.small_counts, as on /data/)."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.small_counts import Figure, small_counts_suppress
from participation.models import BudgetingCallPage, ForumQuestion, ForumRegistration

REGISTERED = ForumRegistration.Status.REGISTERED
WAITING = ForumRegistration.Status.WAITING


def forums_with_places(forums):
    """``forums`` (a ForumPage queryset) with ``places_taken``, ``places_waiting`` and ``places_left`` (None
    without a limit), counted in the list's own query: a list of forums showing their places costs no query
    per forum."""
    return forums.annotate(
        places_taken=Count("registrations", filter=Q(registrations__status=REGISTERED), distinct=True),
        places_waiting=Count("registrations", filter=Q(registrations__status=WAITING), distinct=True),
    ).annotate(
        places_left=Case(
            When(capacity__isnull=True, then=Value(None)),
            When(capacity__lte=F("places_taken"), then=Value(0)),
            default=F("capacity") - F("places_taken"),
            output_field=IntegerField(),
        )
    )


def _waiting_position():
    """A registration's place on its forum's waiting list (1 for the first), as a subquery: those waiting
    who asked earlier (the same order as ForumRegistrationQuerySet.waiting), plus one."""
    earlier = (
        ForumRegistration.objects.filter(forum_id=OuterRef("forum_id"), status=WAITING)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("forum_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Case(
        When(status=WAITING, then=Coalesce(Subquery(earlier, output_field=IntegerField()), Value(0)) + 1),
        default=None,
        output_field=IntegerField(),
    )


def forum_registration_of(*, forum, user):
    """``user``'s registration for ``forum`` (any status), with ``waiting_position`` when waiting; None when
    they never registered (or for an anonymous visitor). One query."""
    if not user.is_authenticated:
        return None
    return (
        ForumRegistration.objects.filter(forum_id=forum.pk, user=user)
        .annotate(waiting_position=_waiting_position())
        .first()
    )


def forum_registrations_of(*, user, now, past_limit=10):
    """The resident's forums for their dashboard, in one query: ``upcoming`` (registered or waiting, with
    their place on the list, for live meetings not yet over, soonest first) and ``attended`` (meetings
    over that they attended, latest first, at most ``past_limit``)."""
    registrations = list(
        ForumRegistration.objects.filter(user=user, forum__live=True)
        .filter(
            Q(status__in=(REGISTERED, WAITING), forum__ends_at__gt=now)
            | Q(attended_at__isnull=False, forum__ends_at__lte=now)
        )
        .select_related("forum", "forum__kelurahan")
        .annotate(waiting_position=_waiting_position())
        .order_by("forum__starts_at", "pk")
    )
    upcoming = [registration for registration in registrations if registration.forum.ends_at > now]
    attended = [registration for registration in registrations if registration.forum.ends_at <= now]
    return {"upcoming": upcoming, "attended": list(reversed(attended))[:past_limit]}


def forum_questions_taken_up(*, forum):
    """The questions the organiser took up, as the page shows them: text, and the answer once discussed;
    never who sent them (only those fields are read)."""
    return (
        ForumQuestion.objects.filter(forum_id=forum.pk, status=ForumQuestion.Status.TAKEN_UP)
        .only("pk", "text", "discussed_at", "answer")
        .order_by("created_at", "pk")
    )


def forum_budgeting_call(*, forum):
    """The budgeting call the forum decides on, when visitors can open it (live, public); else None."""
    if forum.budgeting_call_id is None:
        return None
    return BudgetingCallPage.objects.live().public().filter(pk=forum.budgeting_call_id).first()


def forum_map_url(forum):
    """The venue on OpenStreetMap (a plain link: no map script or tiles), when the forum has coordinates."""
    if forum.latitude is None or forum.longitude is None:
        return ""
    latitude, longitude = f"{forum.latitude:f}", f"{forum.longitude:f}"
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"


# --- After the meeting: how many registered and attended, by gender where known


@dataclass(frozen=True)
class FigureRow:
    label: str
    registered: Figure
    attended: Figure


@dataclass(eq=False)
class _Group:
    label: str
    registered: int = 0
    attended: int = 0
    marks: dict = field(default_factory=dict)

    def row(self):
        return FigureRow(label=self.label, registered=self._figure("registered"), attended=self._figure("attended"))

    def _figure(self, measure):
        mark = self.marks.get(measure, "")
        return Figure(count=None if mark else getattr(self, measure), suppressed=mark)


GENDERS = (("perempuan", _("Women")), ("laki-laki", _("Men")), ("", _("Not known")))


def forum_attendance_figures(*, forum):
    """After the meeting: [total, women, men, not known] rows of how many registered (held a place, or came)
    and attended. The gender is the resident's profile's (an account) or the one given at the door (no
    account). One GROUP BY query; small counts are hidden as on /data/ (core.small_counts), the genders
    adding up to the total."""
    gender = Coalesce(
        Case(When(user__isnull=True, then=F("gender")), default=F("user__learner_profile__gender")), Value("")
    )
    counts = (
        ForumRegistration.objects.filter(forum_id=forum.pk)
        .filter(Q(status=REGISTERED) | Q(attended_at__isnull=False))
        .annotate(known_gender=gender)
        .order_by()
        .values("known_gender")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended_at__isnull=False)))
    )
    groups = {code: _Group(label=str(label)) for code, label in GENDERS}
    for row in counts:
        group = groups.get(row["known_gender"], groups[""])
        group.registered += row["registered"]
        group.attended += row["attended"]
    parts = list(groups.values())
    total = _Group(
        label=str(_("Everyone")),
        registered=sum(group.registered for group in parts),
        attended=sum(group.attended for group in parts),
    )
    small_counts_suppress([total, *parts], [(total, parts)], ("registered", "attended"))
    return [total.row(), *(group.row() for group in parts)]
