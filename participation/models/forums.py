"""What residents do around a forum meeting: register (or wait for a place), send questions for its
agenda, and attend; and the schedules that create a kelurahan's coming meetings as drafts.

A registration is the one row of a resident and a meeting (the database says so): registered, waiting
for a place, or cancelled; attending is a time on the same row. Staff add people without an account at
the door as rows with a name. Every change goes through participation.forum_registration, which keeps
the waiting list first come, first served.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from accounts.models import LearnerProfile
from core.rich_text import SIMPLE_TEXT
from participation.models.places import ForumKind, latitude_field, longitude_field

QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 1000


class ForumRegistrationQuerySet(models.QuerySet):
    def registered(self):
        """Those holding a place: the meeting's capacity counts these."""
        return self.filter(status=ForumRegistration.Status.REGISTERED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=ForumRegistration.Status.WAITING).order_by("queued_at", "pk")

    def attended(self):
        return self.filter(attended_at__isnull=False)


class ForumRegistration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "terdaftar", _("Registered")
        WAITING = "menunggu", _("On the waiting list")
        CANCELLED = "batal", _("Cancelled")

    class Method(models.TextChoices):
        QR = "qr", _("QR check-in")
        LIST = "daftar", _("Ticked on the list")
        DOOR = "pintu", _("Added at the door")

    forum = models.ForeignKey(
        "participation.ForumPage", verbose_name=_("forum"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_registrations",
    )
    # For someone without an account, added by staff at the door: a name and, optionally, a gender for
    # the attendance figures. Nothing else is asked of them.
    name = models.CharField(_("name"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=10, blank=True, choices=LearnerProfile.Gender.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    # The waiting list's order: when the resident (last) asked for a place.
    queued_at = models.DateTimeField(_("asked at"), default=timezone.now)
    moved_up_at = models.DateTimeField(_("moved up from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    attendance_method = models.CharField(_("recorded by"), max_length=10, choices=Method.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ForumRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum registration")
        verbose_name_plural = _("forum registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user"],
                condition=models.Q(user__isnull=False),
                name="one_registration_per_resident_and_forum",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""), name="forum_registration_names_someone"
            ),
        ]
        indexes = [models.Index(fields=["forum", "status", "queued_at"], name="forum_registration_queue")]

    def __str__(self):
        return self.name or str(self.user)


class ForumQuestion(models.Model):
    """A question or topic a resident sends for a meeting's agenda. The organiser takes it up (it is then
    shown on the forum's page, without the sender's name) or not; after the meeting, marks it discussed
    with a short answer."""

    class Status(models.TextChoices):
        SENT = "dikirim", _("Sent")
        TAKEN_UP = "diterima", _("Taken up for the agenda")
        NOT_TAKEN_UP = "ditolak", _("Not taken up")

    forum = models.ForeignKey(
        "participation.ForumPage", verbose_name=_("forum"), on_delete=models.CASCADE, related_name="questions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="forum_questions"
    )
    text = models.CharField(_("question or topic"), max_length=QUESTION_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    discussed_at = models.DateTimeField(_("discussed at"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum question")
        verbose_name_plural = _("forum questions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class ForumSchedule(models.Model):
    """ "Every first Saturday of the month, 09.00 WITA, at the kelurahan hall": the coming meetings of a
    kelurahan's forum, created as drafts for the organiser to check and publish
    (participation.forum_schedules)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class Week(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    title = models.CharField(_("title of each meeting"), max_length=200)
    kind = models.CharField(_("kind of forum"), max_length=20, choices=ForumKind.choices, default=ForumKind.MONTHLY)
    week = models.SmallIntegerField(_("week of the month"), choices=Week.choices, default=Week.FIRST)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices, default=Weekday.SATURDAY)
    start_time = models.TimeField(_("starts at (WITA)"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), default=120, validators=[MinValueValidator(15), MaxValueValidator(12 * 60)]
    )
    venue = models.CharField(_("venue"), max_length=200)
    latitude = latitude_field()
    longitude = longitude_field()
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, validators=[MinValueValidator(1)])
    agenda = RichTextField(_("agenda"), features=SIMPLE_TEXT)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive schedule creates no more meetings.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum schedule")
        verbose_name_plural = _("forum schedules")
        ordering = ["kelurahan__name", "title"]

    def __str__(self):
        return self.title
