"""Issuing, re-issuing and revoking certificates: every change to a certificate happens here.

Exactly one certificate per enrolment, whatever retries, duplicate events or concurrent workers:
the database refuses a second certificate for an enrolment and a second current version for a
certificate, and the certificate's row is locked while a version is added, so the second of two
workers waits and then finds the work done.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateBatch, CertificateVersion, CourseCertificateTemplate
from certificates.pdf import CertificateData, certificate_pdf
from certificates.selectors import certificate_template_for
from classes.selectors import cohort_of
from core.text import clean_single_line
from courses.models import CoursePage, Enrolment


class CertificateError(Exception):
    """A certificate change that the rules refuse; the message says why, for the person who asked."""


def certificate_issue(*, enrolment_id):
    """The enrolment's certificate, with a current version: made now unless it exists already.

    Idempotent: a second call, a retry or a concurrent worker returns the same certificate and
    adds no version. Only a completed enrolment gets one (completion is recorded by the server's
    grading or by the class's facilitator, never by the browser).
    """
    with transaction.atomic():
        # One transaction, one commit. The enrolment is read with its holder's row locked (one
        # statement): erasure takes the same lock, so it either finished before, and this refuses,
        # or waits, and then withholds what this issued.
        enrolment = _completed_enrolment(enrolment_id, lock_holder=True)
        _holder_not_erased(enrolment)
        # A second worker's insert of the same enrolment waits for this one to commit, then finds the
        # row, takes the lock and sees the version.
        certificate, created = _certificate_row_locked(enrolment)
        # Looked up after the lock, in its own statement: a worker that waited sees the other's version.
        # A row this transaction has just inserted has no version yet: nothing to look up.
        if (
            not created
            and CertificateVersion.objects.filter(certificate=certificate, superseded_at__isnull=True).exists()
        ):
            return certificate
        _version_add(certificate=certificate, enrolment=enrolment, number=1)
    return certificate


def certificate_reissue(*, certificate, reissued_by=None, not_since=None):
    """A new version with the resident's current name (after a correction), keeping the code.

    The old version is superseded: its file no longer verifies as current. ``not_since``: skip a
    certificate whose current version was issued at or after this time (a bulk job that resumes
    after a crash must not re-issue again what it already re-issued).
    """
    enrolment = _completed_enrolment(certificate.enrolment_id)
    with transaction.atomic():
        _holder_locked_not_erased(enrolment)
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise CertificateError(_("A revoked certificate is not re-issued."))
        current = CertificateVersion.objects.filter(certificate=certificate, superseded_at__isnull=True).first()
        if current is not None and not_since is not None and current.issued_at >= not_since:
            return certificate
        number = 1
        if current is not None:
            current.superseded_at = timezone.now()
            current.save(update_fields=["superseded_at"])
            number = current.number + 1
        version = _version_add(certificate=certificate, enrolment=enrolment, number=number)
        log(
            instance=certificate,
            action="certificates.reissue",
            user=reissued_by,
            data={"version": version.number, "name": version.name},
        )
    return certificate


def certificate_revoke(*, certificate, revoked_by, reason):
    """Revoke a certificate for good, with the reason kept for staff, the learner's facilitators and the audit log.

    The verification page shows the revocation and its date at once (never the reason).
    """
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise CertificateError(_("This certificate was revoked already."))
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = revoked_by
        certificate.revocation_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        log(instance=certificate, action="certificates.revoke", user=revoked_by, data={"reason": reason})
    return certificate


def certificate_issue_failed(*, enrolment_id, reason):
    """Record that issuing failed for good, so staff see it with its reason (the sweep then skips it)."""
    enrolment = Enrolment.objects.get(pk=enrolment_id)
    with transaction.atomic():
        certificate, _created = _certificate_row_locked(enrolment)
        Certificate.objects.filter(pk=certificate.pk).update(failed_at=timezone.now(), failure_reason=reason[:2000])


def certificate_batch_request(*, cohort, kind, requested_by):
    """A bulk job for the class's completed learners; the caller enqueues it after commit."""
    enrolment_ids = list(
        Enrolment.objects.filter(cohort_enrolment__cohort=cohort, completed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batch = CertificateBatch.objects.create(
        cohort=cohort, kind=kind, requested_by=requested_by, enrolment_ids=enrolment_ids
    )
    log(
        instance=cohort,
        action="certificates.batch",
        user=requested_by,
        data={"kind": kind, "total": len(enrolment_ids)},
    )
    return batch


def certificate_batch_run(*, batch):
    """Work through a bulk job; safe to run again after a crash: done work is skipped, not repeated.

    Each learner's work is its own transaction. A learner whose certificate fails is reported on the
    job (and the report cleared if a later run succeeds) and the job goes on with the others.
    """
    for enrolment_id in batch.enrolment_ids:
        try:
            if batch.kind == CertificateBatch.Kind.REISSUE:
                certificate = Certificate.objects.filter(enrolment_id=enrolment_id).first()
                if certificate is None:
                    certificate_issue(enrolment_id=enrolment_id)
                elif not certificate.is_revoked:
                    certificate_reissue(
                        certificate=certificate, reissued_by=batch.requested_by, not_since=batch.requested_at
                    )
            else:
                certificate_issue(enrolment_id=enrolment_id)
        except CertificateError as error:
            _batch_error_set(batch, enrolment_id, str(error))
        except Exception as error:  # one learner's broken data must not stop the class's job
            _batch_error_set(batch, enrolment_id, f"{type(error).__name__}: {error}")
        else:
            if str(enrolment_id) in batch.errors:
                _batch_error_set(batch, enrolment_id, None)
    CertificateBatch.objects.filter(pk=batch.pk).update(finished_at=timezone.now(), failed_at=None, failure_reason="")


def certificate_batch_failed(*, batch_id, reason):
    """The job itself failed for good (every retry spent): its page says so, with the reason."""
    CertificateBatch.objects.filter(pk=batch_id, finished_at__isnull=True).update(
        failed_at=timezone.now(), failure_reason=reason[:2000]
    )


def _batch_error_set(batch, enrolment_id, message):
    if message is None:
        batch.errors.pop(str(enrolment_id), None)
    else:
        batch.errors[str(enrolment_id)] = message
    CertificateBatch.objects.filter(pk=batch.pk).update(errors=batch.errors)


# What a certificate prints and the rules read, and no more: a course page and an account have dozens of
# columns each, which the worker would otherwise read and build into objects on every certificate. The
# organisation's logo comes whole (the renderer names its file and hash, and prepares its rendition).
_ENROLMENT_FIELDS = (
    "completed_at",
    "user__erased_at",
    "user__first_name",
    "user__last_name",
    "user__username",
    "course__title",
    "course__duration_hours",
    "course__organisation__name",
    "course__organisation__logo",
    "cohort_enrolment__cohort__organisation__name",
)


def _completed_enrolment(enrolment_id, *, lock_holder=False):
    """The completed enrolment with what its certificate prints; ``lock_holder``: with its holder's row
    locked (inside a transaction), as erasure locks it, in the same statement."""
    enrolments = Enrolment.objects.select_related(
        "user", "course", "course__organisation__logo", "cohort_enrolment__cohort__organisation"
    ).only(*_ENROLMENT_FIELDS)
    if lock_holder:
        # PostgreSQL hands back the holder's row as the erasure that held the lock committed it.
        enrolments = enrolments.select_for_update(of=("user",))
    enrolment = enrolments.get(pk=enrolment_id)
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not completed yet: there is no certificate to issue."))
    return enrolment


def _holder_not_erased(enrolment):
    if enrolment.user.erased_at is not None:
        raise CertificateError(_("The resident deleted their account: no certificate is issued in their name."))


def _holder_locked_not_erased(enrolment):
    """Inside the issuing transaction, with the holder's row locked: erasure (which takes the same
    lock) either finished before, and this refuses, or waits, and then withholds what this issued."""
    holder = get_user_model().objects.select_for_update().only("erased_at").get(pk=enrolment.user_id)
    if holder.erased_at is not None:
        raise CertificateError(_("The resident deleted their account: no certificate is issued in their name."))


def _certificate_row_locked(enrolment):
    """(The enrolment's certificate row, whether this call created it): created (with a fresh random code)
    if it has none yet, and locked; the caller is inside a transaction.

    INSERT … ON CONFLICT DO NOTHING RETURNING its id: no savepoint to set and release. A row it inserted
    is this transaction's alone (no other sees it before the commit, and another insert of the same
    enrolment waits for that commit), so it is used as it is, with no second statement to lock and read
    it. Otherwise the row is read under its lock: if another worker inserted the enrolment's row and has
    not committed yet, the insert waits for it, then does nothing, and the read finds that worker's row.
    A row that is still missing means the random code was taken (once in 2^50): a new code is drawn.
    """
    for _attempt in range(5):
        certificate = Certificate(enrolment=enrolment)
        certificate.pk = _insert_unless_conflict(certificate)
        if certificate.pk is not None:
            certificate._state.adding = False
            certificate._state.db = "default"
            return certificate, True
        certificate = Certificate.objects.select_for_update().filter(enrolment=enrolment).first()
        if certificate is not None:
            return certificate, False
    raise CertificateError(_("No free certificate code was found; try again."))


def _insert_unless_conflict(certificate):
    """Insert the unsaved certificate unless its enrolment or code has a row already: its new id, or None."""
    fields = [field for field in Certificate._meta.concrete_fields if not field.primary_key]
    # Each field's value as Django would save it (the code's default, created_at's auto_now_add, …).
    values = [field.get_db_prep_save(field.pre_save(certificate, True), connection) for field in fields]
    table = connection.ops.quote_name(Certificate._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING RETURNING id",  # noqa: S608
            values,
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _version_add(*, certificate, enrolment, number):
    """Render and store a version; the caller holds the certificate's lock inside a transaction."""
    course = enrolment.course
    cohort = cohort_of(enrolment)
    runner = cohort.organisation if cohort is not None else course.organisation
    # What is printed is cleaned once more: a name or title stored before names were cleaned (or
    # by a path that skipped the forms) must not carry a bidirectional override onto the PDF.
    data = CertificateData(
        code=certificate.code,
        version=number,
        name=clean_single_line(get_user_display_name(enrolment.user)),
        course_title=clean_single_line(course.title),
        organisation_name=clean_single_line(course.organisation.name),
        # Who ran the class, which may be another organisation than the course's owner (with its grant).
        runner_name=clean_single_line(runner.name),
        completed_on=timezone.localdate(enrolment.completed_at),
        hours=course.duration_hours,
        verification_url=certificate.verification_url(),
    )
    pdf = certificate_pdf(
        data=data,
        template=certificate_template_for(course=course),
        organisation_logo=course.organisation.logo,
    )
    version = CertificateVersion(
        certificate=certificate,
        number=number,
        name=data.name,
        course_title=data.course_title,
        organisation_name=data.organisation_name,
        runner_name=data.runner_name,
        completed_on=data.completed_on,
        hours=data.hours,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    # A fixed name, overwritten if it exists (STORAGES["certificates"] allows it): only a file that a
    # crash left before its row was committed can be there, since this number is taken under the lock.
    version.pdf.save(f"{certificate.code}-v{number}.pdf", ContentFile(pdf), save=False)
    version.save()
    if certificate.failed_at is not None:
        Certificate.objects.filter(pk=certificate.pk).update(failed_at=None, failure_reason="")
    return version


def course_certificate_template_choose(*, course, template):
    """Print the course's certificates with `template` from now on; None: with the default template."""
    if template is None:
        CourseCertificateTemplate.objects.filter(course=course).delete()
        return None
    choice, _created = CourseCertificateTemplate.objects.update_or_create(
        course=course, defaults={"template": template}
    )
    return choice


def course_certificate_templates_copy(*, source, copy):
    """Courses copied with `source` (itself, or the courses below it) print as their originals do, as
    when the choice was a field of the course's page and was copied with it."""
    choices = CourseCertificateTemplate.objects.filter(course__path__startswith=source.path).select_related("course")
    if not choices:
        return
    # A copy keeps the slugs below its top page: a course's place under the copy names its original.
    copies = dict(CoursePage.objects.filter(path__startswith=copy.path).values_list("url_path", "pk"))
    for choice in choices:
        copied = copies.get(copy.url_path + choice.course.url_path[len(source.url_path) :])
        if copied is not None:
            CourseCertificateTemplate.objects.update_or_create(
                course_id=copied, defaults={"template_id": choice.template_id}
            )
