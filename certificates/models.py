"""Certificate templates, the certificates issued from them, and the bulk jobs that issue them.

A certificate belongs to one completed enrolment (the database refuses a second). It keeps its
code for life; each (re-)issue adds a version with its own PDF, SHA-256 and snapshot of the name,
course, organisations (the course's owner, and the one that ran the class) and date, and the newest
version is the current one (the database allows only one). Revocation is recorded on the certificate,
never by deleting it.

Where a certificate stands (Certificate.Status) is worked out from its timestamps by one rule,
certificate_status(), in SQL: every screen and export reads it from there.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Case, Exists, OuterRef, Value, When
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from core.codes import CROCKFORD_ALPHABET, human_code
from core.site_address import absolute_url

# Crockford's base32 (core.codes), as on every certificate issued so far: no I, L, O or U, so a code
# read aloud or typed on a phone is not mistaken. 10 random characters carry 50 bits.
CODE_ALPHABET = CROCKFORD_ALPHABET
CODE_LENGTH = 10
# What a resident might type for a letter Crockford leaves out.
_CODE_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_certificate_code():
    """A random code; never derived from a sequence, so codes say nothing about each other."""
    return human_code(CODE_LENGTH, alphabet=CODE_ALPHABET)


def normalise_certificate_code(text):
    """The stored form of a code as typed: dashes and spaces dropped, any case, I/L read as 1 and O as 0."""
    return re.sub(r"[\s\-–—]", "", text or "").upper().translate(_CODE_LOOKALIKES)


def format_certificate_code(code):
    """The printed form, in groups a person can read out: ``7KQ2-MX9D-4T``."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def certificate_storage():
    # Certificates are personal data: they live apart from the public media files and are only
    # served through the owner's download view (settings.STORAGES["certificates"]).
    return storages["certificates"]


# The placeholders a template's body may use, and what each stands for.
PLACEHOLDERS = {
    "nama": _("the resident's name"),
    "kursus": _("the course's title"),
    "organisasi": _("the organisation that owns the course"),
    "tanggal": _("the completion date, in Indonesian"),
    "jam": _("the course's duration in hours"),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _braced(names):
    return ", ".join(f"{{{name}}}" for name in names)


def _placeholders_help():
    return _braced(PLACEHOLDERS)


DEFAULT_HEADING = "Sertifikat Penyelesaian"
DEFAULT_BODY = (
    "Diberikan kepada\n{nama}\n"
    "yang telah menyelesaikan kursus {kursus} ({jam} jam pelajaran) "
    "yang diselenggarakan oleh {organisasi} pada {tanggal}."
)


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How certificates look: a snippet that editors manage and a course chooses."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("For editors; not printed."))
    heading = models.CharField(_("heading"), max_length=100, default=DEFAULT_HEADING)
    body = models.TextField(
        _("body"),
        default=DEFAULT_BODY,
        # The placeholders are written out, not interpolated: a lazy text stays lazy, in each editor's language.
        help_text=_(
            "Plain text. Placeholders: {nama}, {kursus}, {organisasi}, {tanggal}, {jam}. "
            "A line with only {nama} prints the name large."
        ),
    )
    # The head of the page: the city's logo (and a second one) at the left, the course's organisation's at
    # the right, as on the city's own certificates; the signatories below the text.
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("city's logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The city government's emblem, printed at the top left."),
    )
    second_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("second logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a programme's or office's logo, printed beside the city's."),
    )
    show_organisation_logo = models.BooleanField(
        _("show the organisation's logo"),
        default=True,
        help_text=_(
            "The logo of the organisation that owns the course (set on the organisation), printed at the top right."
        ),
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used by every course that does not choose a template.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("logo"), FieldPanel("second_logo")]), FieldPanel("show_organisation_logo")],
            _("Logos"),
        ),
        FieldPanel("orientation"),
        FieldPanel("is_default"),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_certificate_template"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unknown = sorted({name for name in _PLACEHOLDER.findall(self.body) if name not in PLACEHOLDERS})
        if unknown:
            raise ValidationError(
                {
                    "body": _("Unknown placeholder %(unknown)s. Use only: %(placeholders)s.")
                    % {"unknown": _braced(unknown), "placeholders": _placeholders_help()}
                }
            )

    def body_with(self, values):
        """The body's text with each placeholder replaced by its value (values are escaped later, by the template)."""
        return _PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), self.body)

    # Editors preview a template as the PDF a resident would get, filled with sample data.
    preview_modes = [("pdf", _("PDF with sample data"))]

    def serve_preview(self, request, mode_name):
        from certificates.pdf import sample_certificate_pdf  # the renderer reads these models

        response = HttpResponse(sample_certificate_pdf(self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="contoh-sertifikat.pdf"'
        return response


class CertificateSignatory(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=150, help_text=_("For example: Kepala Dinas …"))
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature (and stamp) on a white or transparent background, as PNG."),
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name


class CourseCertificateTemplate(models.Model):
    """The template a course's certificates are printed with; a course without one gets the default.

    Chosen here, in the certificates admin, rather than on the course's page: certificates build on
    courses, and courses know nothing of them (docs/architecture.md).
    """

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_template_choice",
    )
    # A deleted template sends its courses back to the default one, as the course page's field did.
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        on_delete=models.CASCADE,
        related_name="course_choices",
    )

    class Meta:
        verbose_name = _("course certificate template")
        verbose_name_plural = _("course certificate templates")

    def __str__(self):
        return self.course.title


class CertificateQuerySet(models.QuerySet):
    def with_status(self):
        """The certificates with ``status`` (a Certificate.Status value) annotated, in the same query."""
        return self.annotate(status=certificate_status())


class Certificate(models.Model):
    """One per completed enrolment; its code never changes, its versions are its files."""

    class Status(models.TextChoices):
        """Where a certificate stands: worked out from its timestamps by certificate_status(), never stored."""

        MAKING = "making", _("Being made")
        ISSUED = "issued", _("Issued")
        FAILED = "failed", _("Issuing failed")
        REVOKED = "revoked", _("Revoked")

    # Records, not content: nothing links to them from pages, so Wagtail need not index their references.
    wagtail_reference_index_ignore = True

    # PROTECT: a certificate is a public record; it is revoked, never deleted with its enrolment.
    enrolment = models.OneToOneField(
        "courses.Enrolment", verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_certificate_code)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set when issuing failed for good (every retry spent); cleared by the next success.
    failed_at = models.DateTimeField(_("issuing failed at"), null=True, blank=True)
    failure_reason = models.TextField(_("why issuing failed"), blank=True)
    # Set when the holder deleted their account: the certificate stays verifiable by its code and by
    # its files' hashes, but its pages no longer say whose it is (privacy.services.erase_resident).
    holder_name_withheld_at = models.DateTimeField(_("holder's name withheld since"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="revoked_certificate_has_a_reason",
            ),
        ]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self):
        return format_certificate_code(self.code)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def verification_url(self):
        from django.urls import reverse

        return absolute_url(reverse("certificates:verify", kwargs={"code": self.code}))


def run_by_another(*, organisation_name, runner_name):
    """Whether a certificate names two organisations: the course's owner, and another that ran the class."""
    return bool(runner_name) and runner_name != organisation_name


class CertificateVersion(models.Model):
    """One issued file of a certificate, with what it says: a name correction adds a version."""

    # Records, not content: nothing links to them from pages, so Wagtail need not index their references.
    wagtail_reference_index_ignore = True

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=300)
    course_title = models.CharField(_("course"), max_length=255)
    # The course's owner, and the organisation that ran the learner's class (the owner itself when the
    # learner had no class, or the owner ran it): the certificate names both when they differ.
    organisation_name = models.CharField(_("organisation"), max_length=255)
    runner_name = models.CharField(_("class run by"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), storage=certificate_storage, upload_to="certificates/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate version")
        verbose_name_plural = _("certificate versions")
        ordering = ["certificate", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "number"], name="one_certificate_version_per_number"),
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_version_per_certificate",
            ),
        ]

    def __str__(self):
        return f"{self.certificate} v{self.number}"

    @property
    def run_by_another(self):
        return run_by_another(organisation_name=self.organisation_name, runner_name=self.runner_name)

    @property
    def is_current(self):
        return self.superseded_at is None


def certificate_status(certificate=None):
    """Where a certificate stands (a Certificate.Status value), as a SQL expression: the one rule.

    Revoked, whatever else is true; else issued when it has a current version; else failed when
    issuing failed for good (``failed_at``); else still being made. ``certificate`` is the path from
    the queried model to the certificate ("certificate" from an enrolment); None on Certificate itself.
    Only for rows that have a certificate: an enrolment without one comes out as being made.
    """
    prefix = f"{certificate}__" if certificate else ""
    current = CertificateVersion.objects.filter(certificate=OuterRef(certificate or "pk"), superseded_at__isnull=True)
    return Case(
        When(**{f"{prefix}revoked_at__isnull": False}, then=Value(Certificate.Status.REVOKED.value)),
        When(Exists(current), then=Value(Certificate.Status.ISSUED.value)),
        When(**{f"{prefix}failed_at__isnull": False}, then=Value(Certificate.Status.FAILED.value)),
        default=Value(Certificate.Status.MAKING.value),
        output_field=models.CharField(),
    )


def certificate_status_label(status_field):
    """The status held in ``status_field`` in words, in the language active when the query is built.

    For exports the database writes itself (reports' COPY of the completion records): None where the
    field holds no status.
    """
    return Case(
        *[When(**{status_field: status.value}, then=Value(str(status.label))) for status in Certificate.Status],
        default=None,
        output_field=models.CharField(),
    )


class CertificateBatch(models.Model):
    """A facilitator's request to issue or re-issue every certificate of a class, run by Celery.

    Its progress is read from the certificates themselves (certificates.selectors.batch_progress),
    not counted by the worker, so a worker killed mid-way leaves nothing to reconcile.
    """

    # Records, not content: nothing links to them from pages, so Wagtail need not index their references.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue missing certificates")
        REISSUE = "reissue", _("Re-issue all certificates")

    cohort = models.ForeignKey(
        "classes.Cohort", verbose_name=_("class"), on_delete=models.CASCADE, related_name="certificate_batches"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The enrolments the job covers, fixed when it is requested: "n of N" keeps its N.
    enrolment_ids = models.JSONField(default=list)
    # {enrolment id: why it failed}, for the facilitator to read.
    errors = models.JSONField(default=dict, blank=True)
    # Set when the job itself failed for good (every retry spent): shown on its progress page.
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    failure_reason = models.TextField(_("why it failed"), blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.cohort}"

    @property
    def total(self):
        return len(self.enrolment_ids)

    @property
    def is_running(self):
        return self.finished_at is None and self.failed_at is None
