"""Classes (kelas) that an organisation runs for a course, their meetings (pertemuan), who attended,
and which class each learner's enrolment is taken in.

These tables were made by the courses app and keep their names (``db_table``): moving the models here
moved no row (classes/migrations/0001_initial.py).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.codes import human_code

# 10 characters of the look-alike-free alphabet's 25 (core.codes): about 46 bits, far beyond guessing
# at the rate logins allow.
ENROLMENT_CODE_LENGTH = 10


def new_enrolment_code():
    return human_code(ENROLMENT_CODE_LENGTH)


def new_check_in_secret():
    return secrets.token_hex(32)


class Cohort(ClusterableModel):
    """A class of residents taking one course together with an organisation's facilitators.

    The course may belong to another organisation: NGOs run each other's published courses.
    """

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in-person", _("In person")
        BLENDED = "blended", _("Blended")

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="cohorts"
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), blank=True, related_name="facilitated_cohorts"
    )
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="cohorts",
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(100_000)], help_text=_("Most learners.")
    )
    enrolment_open = models.BooleanField(
        _("open for enrolment"), default=True, help_text=_("Residents can join with the enrolment code.")
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "In-person and blended classes only: learners must attend this share of the meetings to complete."
        ),
    )
    enrolment_code = models.CharField(
        _("enrolment code"), max_length=20, unique=True, default=new_enrolment_code, editable=False
    )
    # Signs the check-in QR codes of this class's meetings (classes.attendance).
    check_in_secret = models.CharField(max_length=64, default=new_check_in_secret, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "courses_cohort"
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A class cannot end before it starts.")
        if self.min_attendance_percent and self.mode == self.Mode.ONLINE:
            errors["min_attendance_percent"] = _("An online class has no meetings to attend.")
        if errors:
            raise ValidationError(errors)

    @property
    def requires_attendance(self):
        return bool(self.min_attendance_percent) and self.mode != self.Mode.ONLINE

    def is_closed(self, today=None):
        """Closed to new learners: switched off by its facilitators, or already over."""
        return not self.enrolment_open or self.ends_on < (today or timezone.localdate())


class CohortMeeting(models.Model):
    """One meeting (pertemuan) of a class, edited inline with the class (and so deleted with it:
    deleting a meeting deletes who attended it)."""

    cohort = ParentalKey(Cohort, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)

    class Meta:
        db_table = "courses_cohortsession"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.cohort} · {self.title}"


class Attendance(models.Model):
    """A learner was at a meeting; absence is the lack of a row."""

    class Method(models.TextChoices):
        FORM = "form", _("Marked by the facilitator")
        QR = "qr", _("QR check-in")

    session = models.ForeignKey(
        CohortMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendances"
    )
    method = models.CharField(_("recorded by"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        db_table = "courses_attendance"
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attended_a_meeting_once"),
        ]

    def __str__(self):
        return f"{self.session} · {self.enrolment}"


class CohortEnrolment(models.Model):
    """The class a learner's enrolment is taken in. None for a resident learning on their own, at most one
    per enrolment: a resident takes a course once, in one class or none.

    It stands beside ``courses.Enrolment`` instead of being a field of it, so that courses knows nothing
    of classes (docs/architecture.md).
    """

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="cohort_enrolment",
    )
    # PROTECT: a class with learners keeps its records; close it instead of deleting it.
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("class"), on_delete=models.PROTECT, related_name="cohort_enrolments"
    )

    class Meta:
        verbose_name = _("learner of a class")
        verbose_name_plural = _("learners of classes")

    def __str__(self):
        return f"{self.cohort} · {self.enrolment}"
