"""The certificate actions in the Wagtail admin: revoke, re-issue, retry, and a class's bulk jobs.

Each view finds the certificate among those the person may see (404 for any other) and refuses an
action they may not take on it (certificates.permissions; Wagtail answers with its "no permission"
redirect). A class is found among the classes the person may see, and its bulk jobs are for those who
run it (classes.scope.may_run). The views stay thin: the changes are certificates.services'.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates import selectors, services
from certificates.admin_forms import BatchForm, RevokeForm
from certificates.models import Certificate, CertificateBatch, CertificateVersion
from certificates.permissions import REISSUE, RETRY, REVOKE, VIEW, certificate_permission_policy
from certificates.tasks import certificate_batch_task, certificate_issue_task
from classes.scope import cohorts_visible_to, may_run
from courses.models import Enrolment

# A second request for a class while its job has been running for less than this joins that job
# (a double click, a reload): after it, a job that never finished is taken as lost and a new one starts.
RUNNING_JOB_WINDOW = datetime.timedelta(minutes=30)


def _certificate(request, pk, action=VIEW):
    policy = certificate_permission_policy
    certificate = get_object_or_404(
        policy.instances_user_has_any_permission_for(request.user, [VIEW])
        .select_related("enrolment__user", "enrolment__course", "enrolment__cohort_enrolment__cohort", "revoked_by")
        .with_status(),
        pk=pk,
    )
    if action != VIEW and not policy.user_has_permission_for_instance(request.user, action, certificate):
        raise PermissionDenied
    return certificate


def _inspect_url(certificate):
    return reverse("issued_certificates:inspect", args=[certificate.pk])


def _admin_context(title, subtitle, **context):
    return {
        "page_title": title,
        "page_subtitle": subtitle,
        "header_title": f"{title}: {subtitle}",
        "header_icon": "doc-full",
        **context,
    }


def _current_version(certificate):
    return CertificateVersion.objects.filter(certificate=certificate, superseded_at__isnull=True).first()


def _has_failed(certificate):
    # Read from Certificate.objects.with_status(), as the certificate was found.
    return certificate.status == Certificate.Status.FAILED


def certificate_overview_context(request, certificate):
    """What the certificate's inspect page shows besides its fields: versions, revocation, actions.

    ``certificate`` comes with its status annotated (Certificate.objects.with_status()).
    """
    policy = certificate_permission_policy
    user = request.user
    versions = list(certificate.versions.order_by("-number"))
    current = next((version for version in versions if version.is_current), None)
    active = not certificate.is_revoked
    return {
        "certificate": certificate,
        "learner_name": current.name if current else certificate.enrolment.user.get_full_name(),
        "versions": versions,
        "current_version": current,
        "has_failed": _has_failed(certificate),
        "may_revoke": active and policy.user_has_permission_for_instance(user, REVOKE, certificate),
        "may_reissue": active
        and current is not None
        and policy.user_has_permission_for_instance(user, REISSUE, certificate),
        "may_retry": _has_failed(certificate) and policy.user_has_permission_for_instance(user, RETRY, certificate),
    }


# --- One certificate -----------------------------------------------------------------------------------


def revoke(request, pk):
    certificate = _certificate(request, pk, REVOKE)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, revoked_by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.CertificateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Certificate %(code)s is revoked. The verification page shows it as revoked from now on.")
                % {"code": certificate.display_code},
            )
            return redirect(_inspect_url(certificate))
    context = _admin_context(
        _("Revoke certificate"),
        certificate.display_code,
        certificate=certificate,
        current_version=_current_version(certificate),
        form=form,
    )
    return TemplateResponse(request, "certificates/admin/revoke.html", context)


def reissue(request, pk):
    """A new version with the learner's current name (after a name correction); the code stays."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    certificate = _certificate(request, pk, REISSUE)
    try:
        services.certificate_reissue(certificate=certificate, reissued_by=request.user)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        version = _current_version(certificate)
        messages.success(
            request,
            _("Certificate %(code)s is re-issued as version %(version)s, in the name of %(name)s.")
            % {"code": certificate.display_code, "version": version.number, "name": version.name},
        )
    return redirect(_inspect_url(certificate))


def retry(request, pk):
    """Issue a failed certificate again, in the background; success clears the failure (the service does)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    certificate = _certificate(request, pk, RETRY)
    if not _has_failed(certificate):
        messages.error(request, _("This certificate has not failed: there is nothing to try again."))
        return redirect(_inspect_url(certificate))
    enrolment_id = certificate.enrolment_id
    log(instance=certificate, action="certificates.retry", user=request.user)
    transaction.on_commit(lambda: certificate_issue_task.delay(enrolment_id))
    messages.success(
        request,
        _("Certificate %(code)s is being made again. Reload this page in a minute to see the result.")
        % {"code": certificate.display_code},
    )
    return redirect(_inspect_url(certificate))


# --- A class's certificates, in bulk -----------------------------------------------------------------


def _cohort_run_by_user(request, pk):
    cohort = get_object_or_404(cohorts_visible_to(request.user).select_related("course", "organisation"), pk=pk)
    if not may_run(request.user, cohort):
        raise PermissionDenied
    return cohort


def _class_summary(cohort):
    completed = Enrolment.objects.filter(cohort_enrolment__cohort=cohort, completed_at__isnull=False)
    current = CertificateVersion.objects.filter(certificate__enrolment__in=completed, superseded_at__isnull=True)
    with_certificate = current.count()
    return {
        "completed_count": completed.count(),
        "certified_count": with_certificate,
        "missing_count": completed.count() - with_certificate,
    }


def class_certificates(request, cohort_pk):
    """The confirmation page of a class's bulk jobs (GET) and their start (POST)."""
    cohort = _cohort_run_by_user(request, cohort_pk)
    summary = _class_summary(cohort)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not summary["completed_count"]:
            messages.error(request, _("No learner of this class has completed the course yet."))
            return redirect(reverse("issued_certificates:class", args=[cohort.pk]))
        running = cohort.certificate_batches.filter(
            finished_at__isnull=True, failed_at__isnull=True, requested_at__gte=timezone.now() - RUNNING_JOB_WINDOW
        ).first()
        if running is not None:
            messages.warning(request, _("A certificate job for this class is still running: here is its progress."))
            return redirect(reverse("issued_certificates:batch_progress", args=[running.pk]))
        batch = services.certificate_batch_request(
            cohort=cohort, kind=form.cleaned_data["kind"], requested_by=request.user
        )
        batch_id = batch.pk
        transaction.on_commit(lambda: certificate_batch_task.delay(batch_id))
        return redirect(reverse("issued_certificates:batch_progress", args=[batch.pk]))
    context = _admin_context(
        _("Certificates of the class"),
        cohort.name,
        cohort=cohort,
        form=form,
        batches=cohort.certificate_batches.select_related("requested_by")[:5],
        **summary,
    )
    return TemplateResponse(request, "certificates/admin/class_certificates.html", context)


def batch_progress(request, batch_pk):
    """How far a class's bulk job is ("n of N"), with each learner's error; refreshes itself while it runs."""
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("cohort", "requested_by").filter(
            cohort__in=cohorts_visible_to(request.user)
        ),
        pk=batch_pk,
    )
    names = dict(
        Enrolment.objects.filter(pk__in=[int(key) for key in batch.errors]).values_list("pk", "user__first_name")
    )
    errors = [(names.get(int(key), key), reason) for key, reason in sorted(batch.errors.items())]
    context = _admin_context(
        batch.get_kind_display(),
        batch.cohort.name,
        batch=batch,
        cohort=batch.cohort,
        done=selectors.batch_progress(batch=batch),
        errors=errors,
        running=batch.is_running,
        may_run=may_run(request.user, batch.cohort),
    )
    return TemplateResponse(request, "certificates/admin/batch_progress.html", context)
