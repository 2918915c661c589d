"""The facilitator's class screens in the Wagtail admin, beyond the class form itself.

Each view finds the class among those the person may see (404 for another organisation's)
and, for changes, among those they run (403 for government staff, who only read). A learner
named in a URL is found among the class's own learners.
"""

import csv

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.invitations import invitation_url
from accounts.signals import resident_records_exported
from classes import roster, selectors, services
from classes.scope import cohorts_visible_to, may_run
from core.site_address import absolute_url
from core.spreadsheet_cells import spreadsheet_text
from courses.models import Enrolment
from courses.quiz_review import answers_seen_of_a_quiz_not_passed
from courses.services import LearningError


def _visible_cohort(request, pk):
    return get_object_or_404(cohorts_visible_to(request.user).select_related("course", "organisation"), pk=pk)


def _cohort_run_by_user(request, pk):
    cohort = _visible_cohort(request, pk)
    if not may_run(request.user, cohort):
        raise PermissionDenied
    return cohort


def _learner(cohort, enrolment_id):
    return get_object_or_404(
        Enrolment.objects.select_related("user"), pk=enrolment_id, cohort_enrolment__cohort=cohort
    )


def qr_svg(url):
    """An inline SVG QR code: scanned from a screen or from paper."""
    return segno.make(url, error="m").svg_inline(scale=6, border=2)


def _admin_context(cohort, title, **context):
    return {
        "page_title": title,
        "page_subtitle": cohort.name,
        # The browser tab's title ("wagtailadmin/generic/base.html" puts only this in <title>), as
        # Wagtail's own views make it.
        "header_title": f"{title}: {cohort.name}",
        "header_icon": "group",
        "cohort": cohort,
        **context,
    }


def cohort_overview_context(request, cohort):
    """What the class's own page shows besides its fields: how to join, the meetings, the tools."""
    # SITE_URL, not the request's host: the QR is scanned by phones in the hall (core.site_address).
    join_url = absolute_url(reverse("class_join", args=[cohort.enrolment_code]))
    return {
        "join_url": join_url,
        "join_qr": qr_svg(join_url),
        "may_run": may_run(request.user, cohort),
        **selectors.cohort_overview(cohort=cohort),
    }


# --- Roster --------------------------------------------------------------------------------------


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Roster file (CSV)"),
        help_text=gettext_lazy("Columns: nama, email, telepon, kelurahan (name or code). One learner per row."),
    )
    consent_collected = forms.BooleanField(
        label=gettext_lazy(
            "Everyone on this list agreed in writing, on the class's consent form, to be registered on Sekolah Warga."
        ),
        error_messages={"required": gettext_lazy("Residents are registered only with their consent.")},
    )


def roster_upload(request, pk):
    cohort = _cohort_run_by_user(request, pk)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = roster.roster_import(cohort=cohort, data=form.cleaned_data["file"].read(), by=request.user)
        except roster.RosterError as error:
            form.add_error("file", str(error))
        else:
            context = _admin_context(cohort, _("Roster imported"), result=result, **_invitation_sheet())
            return TemplateResponse(request, "classes/admin/roster_result.html", context)
    context = _admin_context(cohort, _("Upload a roster"), form=form)
    return TemplateResponse(request, "classes/admin/roster_upload.html", context)


def roster_template(request, pk):
    _cohort_run_by_user(request, pk)
    response = HttpResponse(roster.roster_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="daftar-peserta.csv"'
    return response


def _invitation_sheet():
    activation_url = invitation_url("").rstrip("/") + "/"
    return {"activation_url": activation_url, "activation_qr": qr_svg(activation_url)}


def invitation_codes(request, pk):
    """New invitation codes for the class's phone-only learners who have not set a password yet."""
    cohort = _cohort_run_by_user(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    codes = services.invitation_codes_renew(cohort=cohort, by=request.user)
    context = _admin_context(cohort, _("Invitation codes"), invitation_codes=codes, **_invitation_sheet())
    return TemplateResponse(request, "classes/admin/invitation_codes.html", context)


# --- Progress ------------------------------------------------------------------------------------


def progress(request, pk):
    cohort = _visible_cohort(request, pk)
    ordering = request.GET.get("urutan", "nama")
    context = _admin_context(
        cohort,
        _("Learners' progress"),
        ordering=ordering,
        may_run=may_run(request.user, cohort),
        **selectors.cohort_progress(cohort=cohort, ordering=ordering),
    )
    return TemplateResponse(request, "classes/admin/cohort_progress.html", context)


def progress_csv(request, pk):
    cohort = _visible_cohort(request, pk)
    report = selectors.cohort_progress(cohort=cohort)
    # An export reads the learners' records: each one in it sees it in their data download.
    exported = Enrolment.objects.filter(pk__in=[row.enrolment.pk for row in report["rows"]])
    resident_records_exported.send(sender=progress_csv, viewer=request.user, rows=exported)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kemajuan-kelas-{cohort.pk}.csv"'
    response.write("\ufeff")  # spreadsheets read the file as UTF-8 with this mark
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Contact"),
            _("Modules done"),
            _("Modules"),
            *[_("Best score: %(module)s") % {"module": module.title} for module in report["modules"]],
            _("Meetings attended"),
            _("Meetings"),
            _("Completed on"),
            _("Completion recorded by facilitator"),
        ]
    )
    for row in report["rows"]:
        writer.writerow(
            [
                spreadsheet_text(row.name),
                spreadsheet_text(row.contact),
                # Counts in columns of their own: "3/5" in one cell is a date to a spreadsheet.
                row.modules_done,
                row.modules_counted,
                *["" if score is None else score for score in row.scores],
                row.attended,
                report["session_count"],
                row.enrolment.completed_at.date().isoformat() if row.enrolment.completed_at else "",
                _("yes") if row.enrolment.completion_recorded_by_id else "",
            ]
        )
    return response


# --- Helping one learner -----------------------------------------------------------------------------


def _learner_action(request, pk, enrolment_id):
    if request.method != "POST":
        return None, None
    cohort = _cohort_run_by_user(request, pk)
    return cohort, _learner(cohort, enrolment_id)


def _back_to_progress(cohort):
    return redirect(reverse("cohorts:progress", args=[cohort.pk]))


def grant_quiz_attempt(request, pk, enrolment_id):
    cohort, enrolment = _learner_action(request, pk, enrolment_id)
    if cohort is None:
        return HttpResponseNotAllowed(["POST"])
    answers_seen = answers_seen_of_a_quiz_not_passed(enrolment=enrolment, course=enrolment.course)
    services.quiz_attempts_grant(enrolment=enrolment, by=request.user)
    name = enrolment.user.get_full_name()
    messages.success(request, _("%(name)s has one more attempt at each quiz.") % {"name": name})
    if answers_seen:
        messages.warning(
            request,
            _(
                "%(name)s has already been shown which answers were right in a quiz they have not passed, and "
                "the new attempt has the same questions: go through the lesson with them before they try again."
            )
            % {"name": name},
        )
    return _back_to_progress(cohort)


def record_paper_completion(request, pk, enrolment_id):
    cohort, enrolment = _learner_action(request, pk, enrolment_id)
    if cohort is None:
        return HttpResponseNotAllowed(["POST"])
    try:
        services.completion_record_on_paper(enrolment=enrolment, by=request.user, note=request.POST.get("note"))
    except LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The completion of %(name)s is recorded (recorded by facilitator).")
            % {"name": enrolment.user.get_full_name()},
        )
    return _back_to_progress(cohort)


def password_reset_link(request, pk, enrolment_id):
    cohort, enrolment = _learner_action(request, pk, enrolment_id)
    if cohort is None:
        return HttpResponseNotAllowed(["POST"])
    try:
        code = services.password_reset_code_for_learner(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to_progress(cohort)
    url = invitation_url(code)
    context = _admin_context(
        cohort, _("Password reset link"), learner=enrolment.user, code=code, url=url, qr=qr_svg(url)
    )
    return TemplateResponse(request, "classes/admin/password_reset_link.html", context)
