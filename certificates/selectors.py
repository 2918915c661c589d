"""Reads about certificates: a resident's, one by its code, a file by its hash, a job's progress, a course's
template."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateSignatory,
    CertificateTemplate,
    CertificateVersion,
    CourseCertificateTemplate,
)
from classes.selectors import cohort_of
from courses.models import Enrolment


@dataclass(frozen=True)
class CertificateState:
    """Where a completed enrolment's certificate stands, for the resident's dashboard."""

    certificate: Certificate
    status: Certificate.Status

    @property
    def is_ready(self):
        return self.status == Certificate.Status.ISSUED

    @property
    def is_revoked(self):
        return self.status == Certificate.Status.REVOKED

    @property
    def has_failed(self):
        return self.status == Certificate.Status.FAILED


def _with_current_version(queryset):
    return queryset.prefetch_related(
        Prefetch("versions", queryset=CertificateVersion.objects.filter(superseded_at__isnull=True), to_attr="current")
    )


def certificate_states(*, enrolment_ids):
    """{enrolment id: CertificateState} for these enrolments that have a certificate, in one query whatever
    their number."""
    certificates = Certificate.objects.filter(enrolment_id__in=enrolment_ids).with_status()
    return {
        certificate.enrolment_id: CertificateState(certificate, Certificate.Status(certificate.status))
        for certificate in certificates
    }


def revocation_contacts(*, enrolment_ids):
    """{enrolment id: Organisation} for a resident to contact about a revoked certificate: the organisation
    that ran their class, else the course's owner (also when the class's organisation left no contact
    e-mail or phone). One query whatever their number."""
    enrolments = Enrolment.objects.filter(pk__in=enrolment_ids).select_related(
        "course__organisation", "cohort_enrolment__cohort__organisation"
    )
    contacts = {}
    for enrolment in enrolments:
        owner = enrolment.course.organisation
        cohort = cohort_of(enrolment)
        runner = cohort.organisation if cohort is not None else owner
        has_contact = runner.contact_email or runner.contact_phone
        contacts[enrolment.pk] = runner if has_contact or not (owner.contact_email or owner.contact_phone) else owner
    return contacts


def certificate_by_code(*, code):
    """The certificate with this (normalised) code and its current version, or None."""
    certificate = _with_current_version(Certificate.objects.filter(code=code)).first()
    if certificate is None:
        return None
    certificate.current_version = certificate.current[0] if certificate.current else None
    return certificate


def certificate_of_owner(*, code, user):
    """The resident's own certificate with this code and its current version, or None (anyone else's)."""
    certificate = certificate_by_code(code=code)
    if certificate is None or certificate.enrolment.user_id != user.pk:
        return None
    return certificate


def version_by_sha256(*, sha256):
    """The issued version whose file has exactly this SHA-256, with its certificate, or None."""
    return CertificateVersion.objects.select_related("certificate").filter(sha256=sha256).first()


def enrolments_missing_certificates(*, now=None):
    """Completed enrolments with no current certificate version: what the periodic sweep issues.

    Not revoked ones; not those that failed for good recently (staff see them, and can retry them
    at once): those are tried again once CERTIFICATE_FAILED_RETRY_AFTER has passed.
    """
    now = now or timezone.now()
    retry_failed_before = now - timedelta(seconds=settings.CERTIFICATE_FAILED_RETRY_AFTER)
    current = CertificateVersion.objects.filter(superseded_at__isnull=True)
    return (
        Enrolment.objects.filter(completed_at__isnull=False, user__erased_at__isnull=True)
        .exclude(certificate__versions__in=current)
        .exclude(certificate__failed_at__gte=retry_failed_before)
        .exclude(certificate__revoked_at__isnull=False)
        .order_by("pk")
    )


def batches_stalled(*, now=None):
    """Bulk jobs neither finished nor failed long after they were asked for: their worker was lost."""
    now = now or timezone.now()
    return CertificateBatch.objects.filter(
        finished_at__isnull=True,
        failed_at__isnull=True,
        requested_at__lt=now - timedelta(seconds=settings.CERTIFICATE_BATCH_STALE_AFTER),
    )


def batch_progress(*, batch):
    """How many of the job's learners are done: read from their certificates, not counted by the worker.

    Issue: the certificate has a current version. Re-issue: its current version was issued after the
    job was requested (or it is revoked, which is skipped). Errors count as done: they are reported.
    """
    ids = batch.enrolment_ids
    current = CertificateVersion.objects.filter(certificate__enrolment_id__in=ids, superseded_at__isnull=True)
    if batch.kind == CertificateBatch.Kind.REISSUE:
        current = current.filter(issued_at__gte=batch.requested_at)
    done = set(current.values_list("certificate__enrolment_id", flat=True))
    if batch.kind == CertificateBatch.Kind.REISSUE:
        done |= set(
            Certificate.objects.filter(enrolment_id__in=ids, revoked_at__isnull=False).values_list(
                "enrolment_id", flat=True
            )
        )
    done |= {int(enrolment_id) for enrolment_id in batch.errors}
    return len(done & set(ids))


def certificate_template_for(*, course):
    """The template the course chose, else the default one, else the built-in default (unsaved).

    Kept per process, by course, with a fingerprint of everything the certificate prints from it (see
    _template_fingerprint), which is read again on every call, in one small query: a kept template is
    used only while its fingerprint is unchanged, so a change to the template, its signatories, its images
    or the course's choice shows on the very next certificate, in every worker, whatever made the change
    (a form, a bulk update, a migration). A worker issuing thousands of certificates of one course reads
    the template and its signatories once, not twice per certificate. The kept template is shared by the
    certificates that use it: callers only read it.
    """
    if connection.vendor != "postgresql":
        # The fingerprint is PostgreSQL's SQL (md5, a whole row as text); SQLite, for a laptop's demo,
        # reads the template each time.
        return _template_read(course) or CertificateTemplate(name=_("Default"))
    fingerprint = _template_fingerprint(course.pk)
    if fingerprint is None:  # no chosen and no default template
        return CertificateTemplate(name=_("Default"))
    kept = _templates.get(course.pk)
    if kept is not None and kept[0] == fingerprint:
        return kept[1]
    # Read after the fingerprint: a change between the two reads is in the template kept, under the older
    # fingerprint, which the next call finds changed and reads again (never the other way round).
    template = _template_read(course)
    if template is None:
        return CertificateTemplate(name=_("Default"))
    if len(_templates) >= _TEMPLATES_KEPT:
        _templates.clear()
    _templates[course.pk] = (fingerprint, template)
    return template


# Per process: {course id: (fingerprint, template)}, emptied when it reaches this size.
_templates = {}
_TEMPLATES_KEPT = 256


def _template_read(course):
    chosen = CourseCertificateTemplate.objects.filter(course_id=course.pk, template=OuterRef("pk"))
    # With its images and signatories, in the queries the renderer needs and no more: the choice
    # and the default come in one query, the choice first.
    return (
        CertificateTemplate.objects.select_related("logo", "second_logo")
        .prefetch_related(Prefetch("signatories", queryset=CertificateSignatory.objects.select_related("signature")))
        .annotate(is_chosen=Exists(chosen))
        .filter(Q(is_chosen=True) | Q(is_default=True))
        .order_by("-is_chosen")
        .first()
    )


def _template_fingerprint(course_id):
    """An MD5 of the whole rows the course's template prints from, as text: the template (the course's
    choice, else the default), its two logos, its signatories and their signature images; None when there
    is no template. Whole rows, every column: a field added later is covered without a change here. An
    image replaced in the admin gets a new file name and hash, so a new row text."""
    image = get_image_model()._meta.db_table
    template = CertificateTemplate._meta.db_table
    signatory = CertificateSignatory._meta.db_table
    choice = CourseCertificateTemplate._meta.db_table
    sql = f"""
        SELECT md5(concat_ws('|', c.id, t, logo, second_logo, (
            SELECT string_agg(concat_ws('|', s, signature), '|' ORDER BY s.id)
            FROM {signatory} s LEFT JOIN {image} signature ON signature.id = s.signature_id
            WHERE s.template_id = t.id
        )))
        FROM {template} t
        LEFT JOIN {choice} c ON c.template_id = t.id AND c.course_id = %s
        LEFT JOIN {image} logo ON logo.id = t.logo_id
        LEFT JOIN {image} second_logo ON second_logo.id = t.second_logo_id
        WHERE c.id IS NOT NULL OR t.is_default
        ORDER BY c.id IS NULL
        LIMIT 1
    """  # noqa: S608 (table names from the models, the course's id as a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [course_id])
        row = cursor.fetchone()
    return row[0] if row else None
