"""Changes the residents' data rights make: consent renewal and withdrawal, the access log, and erasing an account."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from accounts.models import AccountInvitation, ConsentRecord, LearnerProfile
from accounts.services import consent_record
from certificates.models import Certificate, CertificateBatch, CertificateVersion
from courses.models import Enrolment
from notices.models import Notice
from organisations.selectors import holds_any_role
from participation.budgeting_privacy import budgeting_of_resident_erase
from participation.feedback import feedback_of_resident_erase
from participation.forum_registration import forum_registrations_of_resident_erase
from privacy.models import RecordAccess
from privacy.signals import resident_erased

# What staff and facilitators read where an erased resident's name was: in every list, form and
# export alike, because it is the name the account now holds (DESIGN: "akun dihapus").
ERASED_NAME = "akun dihapus"
# A revoked certificate keeps a reason (the database asks for one): this replaces one that may name them.
WITHHELD_REASON = "(dihapus atas permintaan pemilik sertifikat)"
# What Wagtail's history entries of enrolments and certificates may say in free text about a person.
FREE_TEXT_LOG_KEYS = {"name", "note", "reason"}


class ErasureRefused(Exception):
    """The account is not a resident's own to delete here; the message says why."""


def consent_needs_renewal(user):
    """True for a resident whose last agreement was to an older privacy notice than the current one."""
    version = LearnerProfile.objects.filter(user=user).values_list("privacy_notice_version", flat=True).first()
    return version is not None and version != settings.PRIVACY_NOTICE_VERSION


@transaction.atomic
def privacy_notice_agree(*, user, now=None):
    """The resident agrees to the current privacy notice."""
    now = now or timezone.now()
    agreed = LearnerProfile.objects.filter(user=user).update(
        consent_given_at=now, privacy_notice_version=settings.PRIVACY_NOTICE_VERSION, consent_recorded_by=None
    )
    if agreed:  # staff and partner accounts have no profile and give no resident's consent
        consent_record(user=user, kind=ConsentRecord.Kind.PRIVACY_NOTICE, at=now)


@transaction.atomic
def optional_data_withdraw(*, user, now=None):
    """The resident withdraws consent for the optional data: their gender and birth year are erased."""
    LearnerProfile.objects.filter(user=user).update(gender="", birth_year=None)
    consent_record(user=user, kind=ConsentRecord.Kind.OPTIONAL_DATA, action=ConsentRecord.Action.WITHDRAWN, at=now)


def learner_record_opened(*, viewer, resident_id, now=None):
    RecordAccess.objects.create(
        resident_id=resident_id,
        accessed_by=viewer,
        accessed_at=now or timezone.now(),
        action=RecordAccess.Action.LEARNER_RECORD,
    )


def records_exported(*, viewer, rows, export_id=None, now=None):
    """Log an export for every resident whose rows it holds (`rows`: the exported rows, each with a
    `user_id`). `export_id`: a worker-built export, whose earlier log (a run before, on a lost worker)
    this one replaces, so that a run again logs only what it wrote this time.

    One INSERT … SELECT in the database, however many residents: a million-row export must not
    bring its resident ids through Python.
    """
    if export_id is not None:
        RecordAccess.objects.filter(export_id=export_id).delete()
    residents = rows.order_by().values("user_id").distinct()
    try:
        select, params = residents.query.sql_with_params()
    except EmptyResultSet:  # a filter that cannot be read: the export held no one
        return 0
    table = RecordAccess._meta.db_table
    connection = connections[router.db_for_write(RecordAccess)]
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(name) for name in ("resident_id", "accessed_by_id", "accessed_at", "action", "export_id")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({columns}) "
            f"SELECT resident.user_id, %s, %s, %s, %s FROM ({select}) AS resident",
            [
                viewer.pk,
                now or timezone.now(),
                RecordAccess.Action.EXPORT.value,
                export_id,
                *params,
            ],
        )
        return cursor.rowcount


def access_log_prune(*, keep_days, now=None):
    """Delete the access log's entries older than `keep_days` days; returns how many went.

    The log is personal data about residents and staff alike, kept only as long as it serves
    (UU 27/2022): answering "who saw my record" and looking into a breach (RECORD_ACCESS_KEEP_DAYS).
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    # Nothing refers to these rows: Django deletes them with one DELETE … WHERE, never row by row.
    deleted, _by_model = RecordAccess.objects.filter(accessed_at__lt=cutoff).delete()
    return deleted


def export_forget(*, export_id):
    """The export is gone (expired, or deleted): its log stays, who exported whom and when, without it."""
    RecordAccess.objects.filter(export_id=export_id).update(export_id=None)


@transaction.atomic
def erase_resident(*, user, now=None):
    """Delete a resident's account at their request (UU 27/2022): nothing left says who they were.

    The rows that feed anonymous figures stay (enrolments, progress, attendance, their kelurahan
    and stated gender), attached to an account with no name, contact, password or birth year.
    Issued certificates stay verifiable by code and by their files' hashes, but their files and the
    name in them go, and their pages withhold the name. Suara Warga items stay with their category,
    kelurahan, reply and text as published (what the public list shows and the city's figures count),
    without the sender's account, name, contact, own words or photo; the notices sent to them go. Their
    places at coming forums are given up; past forum attendance stays, nameless. Their budgeting proposals
    stay without an author, their ballots go or lose their voter (participation.budgeting_privacy).
    The erasure is announced (privacy.signals: reports deletes the exports that held the resident).
    Files (certificates' PDFs, Suara Warga photos) go once the transaction commits.
    """
    # The account's row locked for the whole erasure: certificate issuing takes the same lock, so a
    # certificate is either made before (and withheld here) or refused after.
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        return user
    # Any role, not only the staff flag: an account put in a staff group from Wagtail's Users screen keeps
    # is_staff False (organisations.selectors.holds_any_role, the one rule).
    if holds_any_role(user):
        raise ErasureRefused(
            _("Staff and partner accounts are closed by the city's administrators, not deleted here.")
        )
    now = now or timezone.now()
    old_identifiers = {user.get_username(), user.email, user.phone} - {None, ""}

    _certificates_withhold(user, now)
    # Only the items sent from this account: one sent without an account, with an e-mail or phone that
    # matches, is not known to be theirs (anyone may type another's contact), so it is left alone.
    feedback_of_resident_erase(user=user)
    # Places at coming meetings go to those waiting; past attendance stays for the anonymous figures.
    forum_registrations_of_resident_erase(user=user, now=now)
    # Proposals stay without their author; a ballot goes while voting is open, or loses its voter after.
    budgeting_of_resident_erase(user=user)
    # The account stays (its rows feed the figures), so its notices do not go with it by CASCADE.
    # Their e-mails not yet sent go too: the e-mail task sends only a notice that still exists.
    Notice.objects.filter(user=user).delete()
    _axes_forget(old_identifiers)
    AccountInvitation.objects.filter(user=user).delete()
    ConsentRecord.objects.filter(user=user).delete()
    LearnerProfile.objects.filter(user=user).update(
        birth_year=None, guardian_name="", guardian_consent_at=None, consent_recorded_by=None
    )
    # Notes a facilitator wrote about the completion may name the resident.
    Enrolment.objects.filter(user=user).update(completion_note="")
    _wagtail_profile_delete(user)

    # A dot: no name slugified into a username (accounts.services.username_for) ever has one.
    user.username = f"dihapus.{user.pk}"
    user.first_name = ERASED_NAME
    user.last_name = ""
    user.email = None
    user.phone = None
    user.set_unusable_password()
    user.is_active = False
    user.last_login = None
    user.erased_at = now
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _log_entries_scrub(user)
    resident_erased.send(sender=get_user_model(), user=user)
    # Last: the receivers above read in the access log what held the resident.
    RecordAccess.objects.filter(resident=user).delete()
    return user


def _certificates_withhold(user, now):
    certificates = Certificate.objects.filter(enrolment__user=user)
    versions = CertificateVersion.objects.filter(certificate__in=certificates)
    files = [version.pdf for version in versions if version.pdf]
    # The hash stays: whoever holds the PDF can still check it. The file, with the name in it, goes.
    versions.update(name="", pdf="")
    # Free text written about the certificate may name its holder: a revocation must keep a reason.
    certificates.filter(revoked_at__isnull=False).update(revocation_reason=WITHHELD_REASON)
    certificates.update(holder_name_withheld_at=now, failure_reason="")
    enrolment_ids = {str(pk) for pk in Enrolment.objects.filter(user=user).values_list("pk", flat=True)}
    for batch in CertificateBatch.objects.filter(errors__has_any_keys=list(enrolment_ids)) if enrolment_ids else []:
        batch.errors = {key: value for key, value in batch.errors.items() if key not in enrolment_ids}
        batch.save(update_fields=["errors"])
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def _axes_forget(identifiers):
    """django-axes keeps the username of failed log-ins (accounts.lockout.account_key): forget them."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=identifiers).delete()


def _log_entries_scrub(user):
    """Wagtail's history names things as they were (its labels hold the account's username, its data a
    facilitator's note or a revocation's reason): the account's own entries go, and the entries of its
    enrolments and certificates (kept, for the audit of what staff did) lose their label and free text.
    Run after the account is renamed: the labels are written again from it."""
    account_type = ContentType.objects.get_for_model(get_user_model(), for_concrete_model=False)
    profile_ids = [str(pk) for pk in LearnerProfile.objects.filter(user=user).values_list("pk", flat=True)]
    ModelLogEntry.objects.filter(content_type=account_type, object_id=str(user.pk)).delete()
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LearnerProfile), object_id__in=profile_ids
    ).delete()
    for model, objects in [
        (Enrolment, Enrolment.objects.filter(user=user)),
        (Certificate, Certificate.objects.filter(enrolment__user=user)),
    ]:
        labels = {str(item.pk): str(item) for item in objects}
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=labels
        )
        for entry in entries:
            entry.label = labels[entry.object_id]
            if isinstance(entry.data, dict):
                entry.data = {key: value for key, value in entry.data.items() if key not in FREE_TEXT_LOG_KEYS}
            entry.save(update_fields=["label", "data"])


def _wagtail_profile_delete(user):
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
