"""Suara Warga: residents' feedback that the government answers.

A resident (signed in, or giving a name and a contact) sends an item about a kelurahan; staff of that
kelurahan (or government staff) triage it: received → forwarded to the office that is responsible →
answered → closed. Each category has a target response time; an item still waiting past it is overdue
(``FeedbackQuerySet.overdue``, the one place of that rule). Staff choose whether an answered item is
published on /suara-warga/, and what of its text: the public sees the text as published, the category,
the kelurahan and the reply, never the sender.

Every change of state goes through participation.feedback (the services), which keeps the history in
Wagtail's audit log and tells the sender.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 2000


def _photo_storage():
    from django.core.files.storage import storages

    return storages["feedback_photos"]


class FeedbackCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Shown to residents choosing a category.")
    )
    response_days = models.PositiveSmallIntegerField(
        _("target response time (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Days from receipt within which the sender should have an answer."),
    )

    class Meta:
        verbose_name = _("feedback category")
        verbose_name_plural = _("feedback categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FeedbackQuerySet(models.QuerySet):
    def waiting(self):
        """Items the government still owes an answer."""
        return self.filter(status__in=Feedback.WAITING_STATUSES)

    def overdue(self, now=None):
        """Items still waiting past their category's target response time."""
        return self.waiting().filter(due_at__lt=now or timezone.now())

    def with_overdue(self, now=None):
        """Each item with ``is_overdue``, worked out in the query by the same rule as ``overdue``."""
        return self.annotate(
            is_overdue=models.Case(
                models.When(
                    status__in=Feedback.WAITING_STATUSES, due_at__lt=now or timezone.now(), then=models.Value(True)
                ),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def published(self):
        return self.filter(published_at__isnull=False)


class Feedback(models.Model):
    class Channel(models.TextChoices):
        # In person and on paper count as much as online: staff record those items in the admin.
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the kelurahan counter")
        PAPER = "paper", _("On paper (letter, suggestion box)")
        PHONE = "phone", _("By telephone")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    WAITING_STATUSES = (Status.RECEIVED, Status.FORWARDED)

    code = models.CharField(_("tracking code"), max_length=12, unique=True, editable=False)
    category = models.ForeignKey(
        FeedbackCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    text = models.TextField(_("feedback"), max_length=TEXT_MAX_LENGTH)
    channel = models.CharField(_("received"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    # Staff who typed in an item received at the counter, on paper or by telephone.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ImageField(_("photo"), upload_to="%Y/%m/", storage=_photo_storage, blank=True)
    # The sender: an account, or (without one) the name and contact they gave. Erasing a resident's
    # data empties these and the photo, and keeps the item (participation.feedback).
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    sender_name = models.CharField(_("sender's name"), max_length=150, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=20, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due by"))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    office = models.CharField(
        _("responsible office"), max_length=200, blank=True, help_text=_("The office the item was forwarded to.")
    )
    reply = models.TextField(_("reply"), blank=True, max_length=TEXT_MAX_LENGTH)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the public sees of the sender's words: staff may shorten it or take out what names a person.
    public_text = models.TextField(_("text as published"), blank=True, max_length=TEXT_MAX_LENGTH)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("sender's data erased at"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Suara Warga item")
        verbose_name_plural = _("Suara Warga items")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["kelurahan", "-received_at"]),
            models.Index(fields=["published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["answered", "closed"]) | ~models.Q(reply=""),
                name="feedback_answered_or_closed_has_reply",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | ~models.Q(reply=""),
                name="feedback_published_has_reply",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_published(self):
        return self.published_at is not None
