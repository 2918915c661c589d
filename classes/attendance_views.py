"""The facilitator's attendance screens in the Wagtail admin: the list to tick, and the QR check-in screen.

``attendance_admin_urls`` is mounted under /admin/kelas/ beside the class screens. The class is found
among those the person may see (404 for another organisation's) and the meeting among the class's own
(404 for another class's meeting under this class's id). Government staff see the list read-only;
saving it and showing the QR code are for those who run the class.
"""

import segno
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from classes.attendance import (
    AttendanceError,
    attendance_record,
    check_in_seconds_left,
    check_in_url,
    session_attendance,
)
from classes.models import Attendance, CohortMeeting
from classes.scope import cohorts_visible_to, may_run
from courses.models import Enrolment


class MeetingView(WagtailAdminTemplateMixin, TemplateView):
    """A screen about one meeting of a class the person may see."""

    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        self.cohort = get_object_or_404(cohorts_visible_to(request.user), pk=kwargs["cohort_id"])
        self.session = get_object_or_404(CohortMeeting.objects.filter(cohort=self.cohort), pk=kwargs["session_id"])
        self.session.cohort = self.cohort
        self.may_run = may_run(request.user, self.cohort)
        return super().dispatch(request, *args, **kwargs)

    def meeting_url(self, name):
        """The address of this meeting's other screen, wherever these URLs are mounted."""
        namespace = self.request.resolver_match.namespace
        return reverse(f"{namespace}:{name}" if namespace else name, args=[self.cohort.pk, self.session.pk])

    def get_page_subtitle(self):
        return self.session.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts:index"), "label": _("Classes")},
            {"url": reverse("cohorts:inspect", args=[self.cohort.pk]), "label": self.cohort.name},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(cohort=self.cohort, session=self.session, may_run=self.may_run, **kwargs)


class AttendanceView(MeetingView):
    """One checkbox per learner, the learner's name as its label: ticked on a phone during the meeting."""

    template_name = "classes/admin/attendance_form.html"

    def get_page_title(self):
        return _("Attendance")

    def get_context_data(self, **kwargs):
        rows = session_attendance(session=self.session)
        return super().get_context_data(
            rows=rows,
            present_count=sum(row.present for row in rows),
            check_in_qr_url=self.meeting_url("check_in_qr") if self.may_run else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.may_run:
            messages.error(request, _("You can see this class's attendance but not change it."))
            return self.render_to_response(self.get_context_data(), status=403)
        try:
            present = attendance_record(
                session=self.session,
                present_enrolment_ids=request.POST.getlist("hadir"),
                shown_present_ids=request.POST.getlist("tercatat"),
                by=request.user,
            )
        except AttendanceError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=400)
        total = Enrolment.objects.filter(cohort_enrolment__cohort=self.cohort).count()
        messages.success(
            request,
            _("Attendance saved for %(meeting)s: %(present)s of %(total)s learners present.")
            % {"meeting": self.session.title, "present": present, "total": total},
        )
        return redirect(request.get_full_path())


def check_in_qr_svg(url):
    """A QR code that scales to its box: large enough to scan from the back of a kelurahan hall."""
    return segno.make(url, error="m").svg_inline(
        border=2, dark="#000", light="#fff", omitsize=True, svgclass="check-in-qr-code", title=_("Check-in QR code")
    )


class CheckInQRView(MeetingView):
    """The code residents scan to check in; it changes every minute, and the page reloads itself to show the next."""

    template_name = "classes/admin/check_in_qr.html"

    def get_page_title(self):
        return _("QR check-in")

    def get(self, request, *args, **kwargs):
        if not self.may_run:
            raise PermissionDenied
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)  # a code from the browser's cache would be an expired one
        return response

    def get_context_data(self, **kwargs):
        # One moment for both: the page reloads right after the code it shows has changed.
        now = timezone.now()
        url = check_in_url(self.session, now=now)
        return super().get_context_data(
            qr_svg=check_in_qr_svg(url),
            seconds_left=check_in_seconds_left(now),
            present_count=Attendance.objects.filter(session=self.session).count(),
            learner_count=Enrolment.objects.filter(cohort_enrolment__cohort=self.cohort).count(),
            attendance_url=self.meeting_url("attendance"),
            **kwargs,
        )


attendance_admin_urls = [
    path("<int:cohort_id>/pertemuan/<int:session_id>/kehadiran/", AttendanceView.as_view(), name="attendance"),
    path("<int:cohort_id>/pertemuan/<int:session_id>/qr/", CheckInQRView.as_view(), name="check_in_qr"),
]
